namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>Change control (QLB4000–4019) and the evidence ledger (QLB4020–4039).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>The public API has breaking changes (or a commit declares one) but the major version was not raised.</summary>
    public const string BreakingChangeWithoutMajor = "QLB4000";

    /// <summary>Public API was added but neither the minor nor the major version was raised.</summary>
    public const string AdditionWithoutMinor = "QLB4001";

    /// <summary>The changelog has no entry for the version being released.</summary>
    public const string ChangelogEntryMissing = "QLB4002";

    /// <summary>The baseline (previous release) cannot be found or read.</summary>
    public const string BaselineUnavailable = "QLB4003";

    /// <summary>The version is not greater than the baseline's.</summary>
    public const string VersionNotIncreased = "QLB4004";

    /// <summary>A dependency was downgraded compared to the baseline.</summary>
    public const string DependencyDowngraded = "QLB4005";

    /// <summary>A dependency brings a licence the baseline did not have.</summary>
    public const string NewLicense = "QLB4006";

    /// <summary>An assembly of the release or the baseline cannot be read as a .NET assembly.</summary>
    public const string AssemblyUnreadable = "QLB4007";

    /// <summary>The ledger (entries or a checkpoint) cannot be read.</summary>
    public const string LedgerUnreadable = "QLB4020";

    /// <summary>The ledger's entries do not hash to a checkpoint's tree head: an entry was changed, removed or reordered.</summary>
    public const string LedgerTampered = "QLB4021";

    /// <summary>A checkpoint's signature does not verify with a trusted key.</summary>
    public const string CheckpointSignatureInvalid = "QLB4022";

    /// <summary>A checkpoint is not consistent with the previous one (consistency proof fails, origin changed, size shrank).</summary>
    public const string CheckpointInconsistent = "QLB4023";

    /// <summary>An artifact is not in the ledger, or its inclusion proof fails.</summary>
    public const string ArtifactNotInLedger = "QLB4024";

    /// <summary>The ledger stayed locked by another build longer than the timeout.</summary>
    public const string LedgerLocked = "QLB4025";

    /// <summary>The ledger already has this release with different digests.</summary>
    public const string LedgerVersionConflict = "QLB4026";

    /// <summary>The ledger has entries that no checkpoint covers (an append was interrupted).</summary>
    public const string LedgerUncheckpointed = "QLB4027";

    /// <summary>No signing key: the ledger was not appended (checkpoints must be signed).</summary>
    public const string LedgerNotSigned = "QLB4028";
}
