using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Evidence.Verification;

/// <summary>The verdict on one artifact: every bundle that covers it, and what failed.</summary>
public sealed class ArtifactVerdict
{
    /// <summary>Creates a verdict.</summary>
    public ArtifactVerdict(string path, IReadOnlyList<BundleResult> evidence, IReadOnlyList<EvidenceDiagnostic> failures)
    {
        Path = path;
        Evidence = evidence;
        Failures = failures;
    }

    /// <summary>The artifact's full path.</summary>
    public string Path { get; }

    /// <summary>The bundles that cover it.</summary>
    public IReadOnlyList<BundleResult> Evidence { get; }

    /// <summary>Failures of those bundles, and of the artifact itself.</summary>
    public IReadOnlyList<EvidenceDiagnostic> Failures { get; }

    /// <summary>True when at least one bundle covers it and everything verified.</summary>
    public bool Verified => Evidence.Count > 0 && Failures.Count == 0 && Evidence.All(e => e.Verified);

    /// <summary>The keys that signed its evidence.</summary>
    public IReadOnlyList<string> SignedBy => Evidence.Where(e => e.SignedBy is not null).Select(e => e.SignedBy!.Name).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>The verdict on a release (files and folders given to <c>buildguard verify</c>).</summary>
public sealed class ReleaseReport
{
    /// <summary>Creates a report.</summary>
    public ReleaseReport(IReadOnlyList<TrustedKey> keys, IReadOnlyList<BundleResult> bundles, IReadOnlyList<ArtifactVerdict> artifacts, IReadOnlyList<EvidenceDiagnostic> problems)
    {
        Keys = keys;
        Bundles = bundles;
        Artifacts = artifacts;
        Problems = problems;
    }

    /// <summary>The trusted keys.</summary>
    public IReadOnlyList<TrustedKey> Keys { get; }

    /// <summary>Every bundle checked.</summary>
    public IReadOnlyList<BundleResult> Bundles { get; }

    /// <summary>Every artifact covered, with its verdict.</summary>
    public IReadOnlyList<ArtifactVerdict> Artifacts { get; }

    /// <summary>Problems not tied to a bundle (no bundle for a file, an empty folder).</summary>
    public IReadOnlyList<EvidenceDiagnostic> Problems { get; }

    /// <summary>True only when at least one bundle was checked and everything verified.</summary>
    public bool Verified => Bundles.Count > 0 && Problems.Count == 0 && Bundles.All(b => b.Verified) && Artifacts.All(a => a.Verified);
}

/// <summary>
/// <c>buildguard verify</c>'s core: finds the bundles for the given files and folders (a folder:
/// every <c>*.sigstore.json</c> under it; a file: the bundles beside it that cover it), verifies
/// each with <see cref="BundleVerifier"/>, and gives a verdict per artifact.
/// </summary>
public static class ReleaseVerifier
{
    /// <summary>Verifies files and folders.</summary>
    public static ReleaseReport Verify(IEnumerable<string> paths, VerifierOptions options)
    {
        var problems = new List<EvidenceDiagnostic>();
        var results = new Dictionary<string, BundleResult>(PathComparer);
        var digests = new Dictionary<string, Io.FileDigest>(PathComparer);
        var requested = new List<string>();
        var wholeBundles = false;

        BundleResult Check(string bundle)
        {
            if (!results.TryGetValue(bundle, out var result))
            {
                result = BundleVerifier.Verify(bundle, options, digests);
                results[bundle] = result;
            }

            return result;
        }

        foreach (var raw in paths)
        {
            var path = Path.GetFullPath(raw);
            if (Directory.Exists(path))
            {
                wholeBundles = true;
                var bundles = Directory.EnumerateFiles(path, "*" + SigstoreBundle.FileSuffix, SearchOption.AllDirectories)
                    .OrderBy(p => p, StringComparer.Ordinal).ToList();
                if (bundles.Count == 0)
                {
                    problems.Add(new EvidenceDiagnostic(BuildDiagnosticIds.NoBundle, EvidenceSeverity.Error, "The folder holds no signature bundle (*.sigstore.json): nothing in it is signed.", path));
                }

                foreach (var bundle in bundles)
                {
                    Check(bundle);
                }
            }
            else if (path.EndsWith(SigstoreBundle.FileSuffix, StringComparison.OrdinalIgnoreCase) && File.Exists(path))
            {
                wholeBundles = true;
                Check(path);
            }
            else if (File.Exists(path))
            {
                requested.Add(path);
                var covering = Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*" + SigstoreBundle.FileSuffix, SearchOption.TopDirectoryOnly)
                    .OrderBy(p => p, StringComparer.Ordinal)
                    .Select(Check)
                    .Where(r => r.Artifacts.Contains(path, PathComparer))
                    .ToList();
                if (covering.Count == 0)
                {
                    problems.Add(new EvidenceDiagnostic(BuildDiagnosticIds.NoBundle, EvidenceSeverity.Error, $"No signature bundle covers '{Path.GetFileName(path)}': it is unsigned (expected '{Path.GetFileName(path)}{SigstoreBundle.FileSuffix}' or another bundle beside it that names it).", path));
                }
            }
            else
            {
                throw new FileNotFoundException($"'{raw}' does not exist.", raw);
            }
        }

        // When only files were asked about, bundles that do not cover them are not part of the verdict.
        var bundlesInScope = results.Values
            .Where(r => wholeBundles || r.Artifacts.Any(a => requested.Contains(a, PathComparer)))
            .OrderBy(r => r.BundlePath, StringComparer.Ordinal)
            .ToList();

        var byArtifact = new SortedDictionary<string, List<BundleResult>>(StringComparer.Ordinal);
        foreach (var result in bundlesInScope)
        {
            foreach (var artifact in result.Artifacts)
            {
                if (!byArtifact.TryGetValue(artifact, out var list))
                {
                    byArtifact[artifact] = list = new List<BundleResult>();
                }

                list.Add(result);
            }
        }

        var verdicts = byArtifact.Select(pair => new ArtifactVerdict(
            pair.Key,
            pair.Value,
            pair.Value.SelectMany(b => b.Failures).Distinct().ToList())).ToList();

        return new ReleaseReport(options.Keys, bundlesInScope, verdicts, problems);
    }

    /// <summary>The human verdict: one line per artifact, its failures under it, a summary line.</summary>
    public static string Render(ReleaseReport report, string baseDirectory)
    {
        var text = new StringBuilder();
        text.Append("Trusted keys: ").Append(string.Join(", ", report.Keys.Select(k => $"{k.Name} (key hint {k.Key.Hint})"))).Append('\n');
        var width = report.Artifacts.Select(a => Relative(baseDirectory, a.Path).Length).DefaultIfEmpty(0).Max();
        foreach (var artifact in report.Artifacts)
        {
            var kinds = string.Join(", ", Kinds(artifact));
            var signed = artifact.SignedBy.Count > 0 ? "; signed by " + string.Join(", ", artifact.SignedBy) : string.Empty;
            text.Append(artifact.Verified ? "VERIFIED  " : "FAILED    ").Append(Relative(baseDirectory, artifact.Path).PadRight(width)).Append("  (").Append(kinds).Append(signed).Append(")\n");
            foreach (var failure in artifact.Failures)
            {
                text.Append("          ").Append(Format(failure, baseDirectory)).Append('\n');
            }
        }

        foreach (var bundle in report.Bundles.Where(b => b.Artifacts.Count == 0))
        {
            text.Append("FAILED    ").Append(Relative(baseDirectory, bundle.BundlePath)).Append('\n');
            foreach (var failure in bundle.Failures)
            {
                text.Append("          ").Append(Format(failure, baseDirectory)).Append('\n');
            }
        }

        foreach (var problem in report.Problems)
        {
            text.Append("FAILED    ").Append(Format(problem, baseDirectory)).Append('\n');
        }

        var failed = report.Artifacts.Count(a => !a.Verified);
        text.Append(report.Verified
            ? $"Verified: {report.Artifacts.Count} artifact(s) in {report.Bundles.Count} bundle(s), all signatures and digests match.\n"
            : $"NOT VERIFIED: {failed} of {report.Artifacts.Count} artifact(s) failed{(report.Problems.Count > 0 ? $", {report.Problems.Count} problem(s)" : string.Empty)}.\n");
        return text.ToString();
    }

    /// <summary>The report as JSON (paths relative to <paramref name="baseDirectory"/>).</summary>
    public static byte[] ToJson(ReleaseReport report, string baseDirectory) => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("reportType", "https://quantlayer.io/buildguard/verify/v1");
        writer.WriteBoolean("verified", report.Verified);
        writer.WriteStartArray("trustedKeys");
        foreach (var key in report.Keys)
        {
            writer.WriteStartObject();
            writer.WriteString("name", key.Name);
            writer.WriteString("hint", key.Key.Hint);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("artifacts");
        foreach (var artifact in report.Artifacts)
        {
            writer.WriteStartObject();
            writer.WriteString("path", Relative(baseDirectory, artifact.Path));
            writer.WriteBoolean("verified", artifact.Verified);
            writer.WriteStartArray("evidence");
            foreach (var kind in Kinds(artifact))
            {
                writer.WriteStringValue(kind);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("signedBy");
            foreach (var key in artifact.SignedBy)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            WriteFailures(writer, artifact.Failures, baseDirectory);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("bundles");
        foreach (var bundle in report.Bundles)
        {
            writer.WriteStartObject();
            writer.WriteString("path", Relative(baseDirectory, bundle.BundlePath));
            writer.WriteString("kind", bundle.Kind);
            if (bundle.PredicateType is not null)
            {
                writer.WriteString("predicateType", bundle.PredicateType);
            }

            writer.WriteBoolean("verified", bundle.Verified);
            if (bundle.SignedBy is not null)
            {
                writer.WriteString("signedBy", bundle.SignedBy.Name);
                writer.WriteString("keyHint", bundle.SignedBy.Key.Hint);
            }

            writer.WriteStartArray("subjects");
            foreach (var artifact in bundle.Artifacts)
            {
                writer.WriteStringValue(Relative(baseDirectory, artifact));
            }

            writer.WriteEndArray();
            WriteFailures(writer, bundle.Failures, baseDirectory);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteFailures(writer, report.Problems, baseDirectory, "problems");
        writer.WriteEndObject();
    });

    /// <summary>The kinds of evidence of an artifact: provenance first, then the SBOM, then the rest.</summary>
    private static IEnumerable<string> Kinds(ArtifactVerdict artifact)
        => artifact.Evidence.Select(e => e.Kind).Distinct(StringComparer.Ordinal)
            .OrderBy(k => k switch { "provenance" => 0, "sbom" => 1, "signature" => 2, _ => 3 })
            .ThenBy(k => k, StringComparer.Ordinal);

    private static StringComparer PathComparer => Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static void WriteFailures(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<EvidenceDiagnostic> failures, string baseDirectory, string name = "failures")
    {
        writer.WriteStartArray(name);
        foreach (var failure in failures)
        {
            writer.WriteStartObject();
            writer.WriteString("id", failure.Id);
            writer.WriteString("message", failure.Message);
            if (failure.File is not null)
            {
                writer.WriteString("file", Relative(baseDirectory, failure.File));
            }

            writer.WriteString("helpLink", failure.HelpLink);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Format(EvidenceDiagnostic diagnostic, string baseDirectory)
        => (diagnostic with { File = diagnostic.File is null ? null : Relative(baseDirectory, diagnostic.File) }).ToString();

    private static string Relative(string baseDirectory, string path)
    {
        var relative = Manifest.EvidenceManifest.RelativePath(baseDirectory, path);
        return relative.StartsWith("../", StringComparison.Ordinal) ? path : relative;
    }
}
