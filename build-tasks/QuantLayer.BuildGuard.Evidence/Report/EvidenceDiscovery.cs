namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>The kinds of evidence file the report knows, by file name.</summary>
public static class EvidenceKinds
{
    /// <summary>BuildGuard evidence manifest (<c>buildguard/X.manifest.json</c>).</summary>
    public const string Manifest = "manifest";

    /// <summary>CycloneDX SBOM (<c>X.cdx.json</c>).</summary>
    public const string Sbom = "sbom";

    /// <summary>SPDX SBOM (<c>X.spdx.json</c>).</summary>
    public const string SbomSpdx = "sbom-spdx";

    /// <summary>Sigstore bundle (<c>X.sigstore.json</c>).</summary>
    public const string SigstoreBundle = "sigstore-bundle";

    /// <summary>in-toto Statement or DSSE envelope (<c>X.intoto.json</c>).</summary>
    public const string InTotoStatement = "intoto-statement";

    /// <summary>Static-analysis summary (<c>buildguard/X.analysis.json</c>).</summary>
    public const string Analysis = "analysis";

    /// <summary>Traceability matrix (<c>X.trace.json</c>).</summary>
    public const string TraceMatrix = "trace-matrix";

    /// <summary>Change record (<c>X.change.json</c>).</summary>
    public const string ChangeRecord = "change-record";

    /// <summary>Report of <c>buildguard rebuild-check</c> (<c>rebuild-check.json</c>).</summary>
    public const string RebuildCheck = "rebuild-check";

    /// <summary>Evidence ledger (a file or folder given explicitly, or named <c>*ledger*</c>).</summary>
    public const string Ledger = "ledger";

    /// <summary>The report's own output suffixes, never read back as evidence.</summary>
    public static readonly string[] ReportSuffixes = { ".iec62443.json", ".iec62443.html" };

    /// <summary>The kind of a file by its name, or null when the report does not read it.</summary>
    public static string? Of(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        if (name.StartsWith(".", StringComparison.Ordinal) || ReportSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return null;
        }

        return name switch
        {
            _ when name.EndsWith(".manifest.json", StringComparison.Ordinal) => Manifest,
            _ when name.EndsWith(".cdx.json", StringComparison.Ordinal) => Sbom,
            _ when name.EndsWith(".spdx.json", StringComparison.Ordinal) => SbomSpdx,
            _ when name.EndsWith(".sigstore.json", StringComparison.Ordinal) => SigstoreBundle,
            _ when name.EndsWith(".intoto.json", StringComparison.Ordinal) => InTotoStatement,
            _ when name.EndsWith(".analysis.json", StringComparison.Ordinal) => Analysis,
            _ when name.EndsWith(".trace.json", StringComparison.Ordinal) => TraceMatrix,
            _ when name.EndsWith(".change.json", StringComparison.Ordinal) => ChangeRecord,
            _ when name == "rebuild-check.json" || name.EndsWith(".rebuild-check.json", StringComparison.Ordinal) => RebuildCheck,
            _ => null,
        };
    }
}

/// <summary>
/// Finds the evidence under a folder: the per-build <c>buildguard/</c> folder and the files beside
/// the artifacts, in the folder and its subfolders (a package folder holds the per-framework
/// output folders). Skips <c>obj</c>, <c>.git</c>, <c>node_modules</c> and hidden folders, and the
/// report's own outputs. Sorted by relative path, so the result does not depend on the file system.
/// </summary>
public static class EvidenceDiscovery
{
    private const int MaxDepth = 6;

    /// <summary>The folder a report should be rooted at: the parent of a <c>buildguard/</c> folder that was given directly.</summary>
    public static string ResolveRoot(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        return string.Equals(Path.GetFileName(full), "buildguard", StringComparison.OrdinalIgnoreCase) && parent is not null
            ? parent
            : full;
    }

    /// <summary>Every evidence file under <paramref name="root"/>: (relative path with '/', full path, kind).</summary>
    public static IReadOnlyList<(string Relative, string Full, string Kind)> Find(string root)
    {
        var found = new List<(string, string, string)>();
        Walk(root, root, 0, found);
        return found.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    private static void Walk(string root, string folder, int depth, List<(string, string, string)> found)
    {
        IEnumerable<string> files;
        IEnumerable<string> folders;
        try
        {
            files = Directory.EnumerateFiles(folder).ToList();
            folders = depth < MaxDepth ? Directory.EnumerateDirectories(folder).ToList() : Enumerable.Empty<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in files)
        {
            if (EvidenceKinds.Of(Path.GetFileName(file)) is { } kind)
            {
                found.Add((Manifest.EvidenceManifest.RelativePath(root, file), file, kind));
            }
        }

        foreach (var sub in folders)
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith(".", StringComparison.Ordinal) || name is "obj" or "node_modules" or "TestResults")
            {
                continue;
            }

            Walk(root, sub, depth + 1, found);
        }
    }
}
