using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Ledger;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Appends the release to the evidence ledger (<c>BuildGuardLedger</c>): one entry with the
/// digests of the packages, the SBOM, the bundles and the change record, then a new checkpoint
/// signed with the build's signing key. Safe with parallel builds (file lock).
/// </summary>
public sealed class AppendLedger : ReleaseSigningTask
{
    /// <summary>The ledger folder.</summary>
    [Required]
    public string Ledger { get; set; } = string.Empty;

    /// <summary>The log origin for a new ledger (default: from the repository URL).</summary>
    public string? Origin { get; set; }

    /// <summary>The repository URL (for the default origin).</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>The package id.</summary>
    [Required]
    public string PackageId { get; set; } = string.Empty;

    /// <summary>The package version.</summary>
    [Required]
    public string PackageVersion { get; set; } = string.Empty;

    /// <summary>The packages (nupkg, snupkg).</summary>
    public ITaskItem[] Artifacts { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Evidence files (Kind metadata: sbom, sigstore-bundle, change-record; others are ignored).</summary>
    public ITaskItem[] Evidence { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The release commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>Seconds to wait for another build's append (default 120).</summary>
    public int LockTimeoutSeconds { get; set; } = 120;

    /// <summary>Written after a successful append (the target's output), with the entry index.</summary>
    public string? StateFile { get; set; }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var folder = Path.GetFullPath(Path.Combine(ProjectDirectory, Ledger));
        var signer = ResolveSigner(out var configured);
        if (signer is null)
        {
            Diagnostics.Info(
                BuildDiagnosticIds.LedgerNotSigned,
                configured
                    ? $"{PackageId} {PackageVersion} was not added to the ledger: the signing key cannot be used (see the signing step's error). Checkpoints must be signed."
                    : $"{PackageId} {PackageVersion} was not added to the ledger '{folder}': no signing key is configured, and ledger checkpoints must be signed. Configure a key (docs/signing.md), or set BuildGuardLedger to empty to turn the ledger off.",
                folder);
            WriteState(configured ? "key unusable" : "unsigned");
            return;
        }

        using (signer as IDisposable)
        {
            var origin = ResolveOrigin(folder);
            var entry = new LedgerEntry
            {
                Name = PackageId,
                Version = PackageVersion,
                Commit = string.IsNullOrWhiteSpace(SourceCommit) ? null : SourceCommit!.Trim(),
                SourceDateEpoch = QuantLayer.BuildGuard.Evidence.SourceControl.SourceDateEpoch.TryParse(SourceDateEpoch ?? string.Empty, out var epoch) ? epoch : null,
                Artifacts = Files(Artifacts.Select(a => a.GetMetadata("FullPath"))),
                Sboms = Files(Of("sbom")),
                Bundles = Files(Of("sigstore-bundle")),
                ChangeRecords = Files(Of("change-record")),
            };
            var result = LedgerAppender.Append(folder, entry, new EcdsaNoteSigner(origin, signer), Diagnostics, TimeSpan.FromSeconds(Math.Max(1, LockTimeoutSeconds)));
            if (result.Index < 0)
            {
                return;
            }

            Log.LogMessage(MessageImportance.Normal, "BuildGuard: {0} {1} is entry {2} of the ledger {3} ({4})", PackageId, PackageVersion, result.Index + 1, folder, result.Appended ? "appended" : "already there");
            WriteState(folder + " entry " + (result.Index + 1));
        }
    }

    private void WriteState(string state)
    {
        if (!string.IsNullOrWhiteSpace(StateFile))
        {
            AtomicFile.TryWriteAllBytes(StateFile!, System.Text.Encoding.UTF8.GetBytes(state + "\n"), Diagnostics);
        }
    }

    private IEnumerable<string> Of(string kind)
        => Evidence.Where(e => string.Equals(e.GetMetadata("Kind"), kind, StringComparison.Ordinal)).Select(e => e.GetMetadata("FullPath"));

    private static IReadOnlyList<LedgerFile> Files(IEnumerable<string> paths)
        => paths.Where(p => p.Length > 0 && File.Exists(p)).Distinct(StringComparer.Ordinal)
            .Select(p => new LedgerFile(Path.GetFileName(p), FileDigest.Sha256OfFile(p)))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    private string ResolveOrigin(string folder)
    {
        if (!string.IsNullOrWhiteSpace(Origin))
        {
            return Origin!.Trim();
        }

        // An existing log keeps its origin.
        try
        {
            if (new LedgerFiles(folder).ReadLatestCheckpoint() is { } latest)
            {
                return latest.Origin;
            }
        }
        catch (FormatException)
        {
            // The append reports the unreadable checkpoint.
        }

        return LedgerOrigin.FromRepository(RepositoryUrl, ProjectDirectory);
    }
}
