using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Writes the release's change record (<c>&lt;PackageId&gt;.&lt;Version&gt;.change.json</c> and
/// <c>.change.md</c> beside the nupkg) against the baseline, applies the change-control gates
/// (QLB4000–QLB4007) and signs the record as an in-toto attestation
/// (<c>&lt;nupkg&gt;.change.sigstore.json</c>) when a signing key is configured.
/// </summary>
public sealed class WriteChangeRecord : ReleaseSigningTask
{
    /// <summary>The nupkg of this release.</summary>
    [Required]
    public string Package { get; set; } = string.Empty;

    /// <summary>BuildGuardBaseline: empty (previous version in the feed), none, a version, or a path.</summary>
    public string? Baseline { get; set; }

    /// <summary>Folders with earlier releases' nupkgs.</summary>
    public ITaskItem[] BaselineFeeds { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The package's SBOM beside the nupkg, when the SBOM step wrote one (used when the nupkg does not embed it).</summary>
    public string? PackageSbom { get; set; }

    /// <summary>This release's trace matrices.</summary>
    public ITaskItem[] TraceMatrices { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The changelog file (default: CHANGELOG.md in the project folder or the repository root).</summary>
    public string? Changelog { get; set; }

    /// <summary>"false" to skip the changelog check.</summary>
    public string? RequireChangelog { get; set; }

    /// <summary>The issue id pattern.</summary>
    public string? IssuePattern { get; set; }

    /// <summary>The release commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; set; }

    /// <summary>The rebuild-check report, when the check ran.</summary>
    public string? RebuildCheckReport { get; set; }

    /// <summary>"false" to leave the record unsigned even with a key.</summary>
    public string? Sign { get; set; }

    /// <summary>The files written (record, Markdown, bundle), with Kind metadata.</summary>
    [Output]
    public ITaskItem[] Files { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var package = Path.GetFullPath(Package);
        Release current;
        try
        {
            current = Release.FromPackage(package);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or System.Xml.XmlException or System.Text.Json.JsonException)
        {
            Diagnostics.Error(Evidence.Diagnostics.BuildDiagnosticIds.InputUnreadable, $"The package cannot be read for its change record: {ex.Message}", package);
            return;
        }

        if (current.Sbom is null && !string.IsNullOrWhiteSpace(PackageSbom) && File.Exists(PackageSbom))
        {
            current.Sbom = Evidence.Sbom.CycloneDxReader.ReadFile(PackageSbom!, Diagnostics);
            current.SbomLocation = PackageSbom;
        }

        var request = new ChangeRequest
        {
            Current = current,
            Baseline = Baseline,
            BaselineFeeds = BaselineFeeds.Select(f => f.GetMetadata("FullPath")).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            TraceMatrices = TraceMatrices.Select(t => t.GetMetadata("FullPath")).Where(File.Exists).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList(),
            ProjectDirectory = ProjectDirectory,
            Commit = string.IsNullOrWhiteSpace(SourceCommit) ? null : SourceCommit!.Trim(),
            SourceDateEpoch = Evidence.SourceControl.SourceDateEpoch.TryParse(SourceDateEpoch ?? string.Empty, out var epoch) ? epoch : null,
            IssuePattern = IssuePattern,
            ChangelogFile = string.IsNullOrWhiteSpace(Changelog) ? null : Path.GetFullPath(Path.Combine(ProjectDirectory, Changelog!.Trim())),
            RequireChangelog = !string.Equals(RequireChangelog?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            RebuildCheckReport = RebuildCheckReport,
            SdkVersion = SdkVersion,
            BuildGuardVersion = ThisAssembly.InformationalVersion,
        };

        var record = ChangeRecordBuilder.Build(request, Diagnostics);
        var stem = Path.Combine(Path.GetDirectoryName(package)!, Path.GetFileNameWithoutExtension(package));
        var jsonPath = stem + ChangeRecordSigner.RecordSuffix;
        var markdownPath = stem + ".change.md";
        if (!AtomicFile.TryWriteAllBytes(jsonPath, ChangeRecordWriter.ToJson(record), Diagnostics)
            || !AtomicFile.TryWriteAllBytes(markdownPath, new System.Text.UTF8Encoding(false).GetBytes(ChangeRecordWriter.ToMarkdown(record)), Diagnostics))
        {
            return;
        }

        var files = new List<ITaskItem> { Item(jsonPath, "change-record"), Item(markdownPath, "change-record-markdown") };
        if (!string.Equals(Sign?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            var signer = ResolveSigner(out _);
            if (signer is not null)
            {
                using (signer as IDisposable)
                {
                    var artifacts = new List<string> { package };
                    artifacts.AddRange(current.Artifacts.Skip(1).Select(a => Path.Combine(Path.GetDirectoryName(package)!, a.Name)));
                    if (ChangeRecordSigner.Sign(jsonPath, artifacts, signer, Diagnostics) is { } written)
                    {
                        files.Add(Item(written, "sigstore-bundle"));
                    }
                }
            }
        }

        Log.LogMessage(MessageImportance.Normal, "BuildGuard: change record {0} ({1} API change(s), baseline {2})", jsonPath, record.Api.Count, record.Baseline?.Version ?? "none");
        Files = files.ToArray();
    }

    private static ITaskItem Item(string path, string kind)
    {
        var item = new Microsoft.Build.Utilities.TaskItem(path);
        item.SetMetadata("Kind", kind);
        return item;
    }
}
