using System.Globalization;
using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Writes the evidence manifest: every artifact and evidence file with size, SHA-256 and SHA-512.
/// Items carry a <c>Kind</c> metadata (assembly, symbols, package, sbom, ...). Missing inputs are
/// QLB3007 errors naming the file; the manifest is written atomically.
/// </summary>
public sealed class WriteEvidenceManifest : BuildGuardTask
{
    /// <summary>The manifest to write.</summary>
    [Required]
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>Folder the listed paths are relative to.</summary>
    [Required]
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary>Project or package name.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Version.</summary>
    public string? Version { get; set; }

    /// <summary>Configuration.</summary>
    public string? Configuration { get; set; }

    /// <summary>Target framework (empty for a package manifest).</summary>
    public string? TargetFramework { get; set; }

    /// <summary>Source commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>The built artifacts (metadata Kind).</summary>
    public ITaskItem[] Artifacts { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The evidence files (metadata Kind).</summary>
    public ITaskItem[] Evidence { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var artifacts = Entries(Artifacts, "artifact");
        var evidence = Entries(Evidence, "evidence");
        if (Diagnostics.HasErrors)
        {
            return;
        }

        var manifest = new EvidenceManifest
        {
            Name = Name,
            Version = NullIfEmpty(Version),
            Configuration = NullIfEmpty(Configuration),
            TargetFramework = NullIfEmpty(TargetFramework),
            SourceCommit = NullIfEmpty(SourceCommit),
            SourceDateEpoch = long.TryParse(SourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null,
            BuildGuardVersion = ThisAssembly.InformationalVersion,
            Artifacts = artifacts,
            Evidence = evidence,
        };
        if (AtomicFile.TryWriteAllBytes(ManifestPath, manifest.ToJson(), Diagnostics))
        {
            Log.LogMessage(MessageImportance.Normal, "BuildGuard: wrote {0} ({1} artifacts, {2} evidence files)", ManifestPath, artifacts.Count, evidence.Count);
        }
    }

    private List<ManifestEntry> Entries(ITaskItem[] items, string defaultKind)
    {
        var entries = new List<ManifestEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var path = item.GetMetadata("FullPath");
            if (!seen.Add(path))
            {
                continue;
            }

            var kind = item.GetMetadata("Kind");
            try
            {
                entries.Add(EvidenceManifest.Entry(BaseDirectory, path, string.IsNullOrEmpty(kind) ? defaultKind : kind));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Diagnostics.Error(
                    BuildDiagnosticIds.InputUnreadable,
                    $"Cannot read '{path}' to record its digest: {ex.Message} The file should have been produced by this build; rebuild, and check that no other process deletes or locks it.",
                    path);
            }
        }

        return entries;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
