using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>What to trace: the registry, where the tags come from, the test results, and where to write.</summary>
public sealed class TraceRequest
{
    /// <summary>Name of the matrix (project or solution); the files are <c>&lt;Name&gt;.trace.*</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Registry files.</summary>
    public IReadOnlyList<string> RegistryFiles { get; init; } = Array.Empty<string>();

    /// <summary>Folder registry paths are shown relative to (the repository or project folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Compiled assemblies to read tags from.</summary>
    public IReadOnlyList<string> Assemblies { get; init; } = Array.Empty<string>();

    /// <summary>Tag files (<c>*.trace-tags.json</c>) written by earlier builds.</summary>
    public IReadOnlyList<string> TagFiles { get; init; } = Array.Empty<string>();

    /// <summary>TRX files; null when tests have not run (the matrix shows "not run").</summary>
    public IReadOnlyList<string>? ResultFiles { get; init; }

    /// <summary>When set, the tags of the first assembly are also written here (the project's contribution).</summary>
    public string? TagsOutputPath { get; init; }

    /// <summary>Folder for the matrix files; null to write no matrix (tags only).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Evaluate the gate.</summary>
    public bool Gate { get; init; }

    /// <summary>The kinds the gate checks.</summary>
    public IReadOnlyList<RequirementKind> GateKinds { get; init; } = TraceGate.DefaultKinds;

    /// <summary>Report registry problems (QLB3061) and unknown ids (QLB3064): the CLI does; in the build the analyzers do.</summary>
    public bool ReportProblems { get; init; }

    /// <summary>A manifest to update with the matrix files' new digests (after tests changed them).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The folder the manifest's paths are relative to.</summary>
    public string? ManifestBaseDirectory { get; init; }

    /// <summary>Source commit.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }
}

/// <summary>What a trace run produced.</summary>
public sealed record TraceResult(TraceMatrix? Matrix, IReadOnlyList<(string Path, string Kind)> Files, int GateFailures);

/// <summary>
/// One trace run, shared by the MSBuild task and <c>buildguard trace</c>: read the registry, the tags
/// (assemblies and tag files), the test results; build the matrix; write JSON, CSV and HTML
/// atomically; evaluate the gate.
/// </summary>
public static class TraceRun
{
    /// <summary>Runs the trace; problems go to <paramref name="diagnostics"/>.</summary>
    public static TraceResult Run(TraceRequest request, DiagnosticBag diagnostics)
    {
        var files = new List<(string, string)>();
        var tags = new List<TraceTag>();
        for (var i = 0; i < request.Assemblies.Count; i++)
        {
            var assembly = request.Assemblies[i];
            IReadOnlyList<TraceTag> read;
            try
            {
                read = AssemblyTagReader.Read(assembly);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"Cannot read traceability tags from '{assembly}': {ex.Message} Build the project first.", assembly);
                continue;
            }

            tags.AddRange(read);
            if (i == 0 && request.TagsOutputPath is { } tagsPath
                && AtomicFile.TryWriteAllBytes(tagsPath, TraceTagFile.Write(Path.GetFileNameWithoutExtension(assembly), read), diagnostics))
            {
                files.Add((tagsPath, "trace-tags"));
            }
        }

        foreach (var tagFile in request.TagFiles)
        {
            try
            {
                tags.AddRange(TraceTagFile.Read(File.ReadAllBytes(tagFile)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"Cannot read the trace tags file: {ex.Message}", tagFile);
            }
        }

        if (request.OutputDirectory is null)
        {
            return new TraceResult(null, files, 0);
        }

        var registry = RegistryLoader.Load(request.RegistryFiles, request.BaseDirectory, diagnostics);
        if (request.ReportProblems)
        {
            RegistryLoader.Report(registry, request.BaseDirectory, diagnostics);
        }

        TestResultSet? results = null;
        if (request.ResultFiles is { } resultFiles)
        {
            results = new TestResultSet();
            foreach (var trx in resultFiles.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                results.AddTrx(trx, diagnostics, Path.GetFileName(trx));
            }
        }

        var matrix = TraceMatrix.Build(registry, tags, results, new TraceMatrixOptions
        {
            Name = request.Name,
            SourceCommit = request.SourceCommit,
            SourceDateEpoch = request.SourceDateEpoch,
        });
        if (request.ReportProblems && !registry.HasUnparsableFile)
        {
            foreach (var tag in matrix.UnknownTags)
            {
                var closest = registry.Closest(tag.RequirementId);
                diagnostics.Warning(
                    BuildDiagnosticIds.UnknownTraceId,
                    $"{tag.Symbol} ({tag.Assembly}) {(tag.Relation == TraceRelation.Implements ? "implements" : "verifies")} '{tag.RequirementId}', which is not in the registry{(closest is null ? string.Empty : "; did you mean '" + closest + "'?")}");
            }
        }

        var basePath = Path.Combine(request.OutputDirectory, request.Name);
        foreach (var (suffix, kind, content) in new[]
        {
            (".trace.json", "trace-matrix", TraceMatrixWriter.ToJson(matrix)),
            (".trace.csv", "trace-matrix-csv", TraceMatrixWriter.ToCsv(matrix)),
            (".trace.html", "trace-report", TraceMatrixHtml.Render(matrix)),
        })
        {
            if (AtomicFile.TryWriteAllBytes(basePath + suffix, content, diagnostics))
            {
                files.Add((basePath + suffix, kind));
            }
        }

        var failures = request.Gate ? TraceGate.Evaluate(matrix, request.GateKinds.ToList(), diagnostics, request.BaseDirectory) : 0;
        if (request.ManifestPath is { } manifestPath && request.ManifestBaseDirectory is { } manifestBase && File.Exists(manifestPath))
        {
            UpdateManifest(manifestPath, manifestBase, files, diagnostics);
        }

        return new TraceResult(matrix, files, failures);
    }

    /// <summary>Replaces the manifest's entries for the given files with their current digests.</summary>
    private static void UpdateManifest(string manifestPath, string baseDirectory, IReadOnlyList<(string Path, string Kind)> files, DiagnosticBag diagnostics)
    {
        EvidenceManifest manifest;
        try
        {
            manifest = EvidenceManifest.Parse(File.ReadAllBytes(manifestPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            diagnostics.Warning(BuildDiagnosticIds.InputUnreadable, $"Cannot update the evidence manifest with the traceability matrix: {ex.Message} Rebuild to write a new manifest.", manifestPath);
            return;
        }

        var updated = files.Select(f => EvidenceManifest.Entry(baseDirectory, f.Path, f.Kind)).ToList();
        var paths = new HashSet<string>(updated.Select(e => e.Path), StringComparer.Ordinal);
        var evidence = manifest.Evidence.Where(e => !paths.Contains(e.Path)).Concat(updated).ToList();
        var next = new EvidenceManifest
        {
            Name = manifest.Name,
            Version = manifest.Version,
            Configuration = manifest.Configuration,
            TargetFramework = manifest.TargetFramework,
            SourceCommit = manifest.SourceCommit,
            SourceDateEpoch = manifest.SourceDateEpoch,
            BuildGuardVersion = manifest.BuildGuardVersion,
            Artifacts = manifest.Artifacts,
            Evidence = evidence,
        };
        AtomicFile.TryWriteAllBytes(manifestPath, next.ToJson(), diagnostics);
    }
}
