namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>A named file with its SHA-256 (lower-case hex).</summary>
public sealed record RecordFile(string Name, string Sha256);

/// <summary>
/// The change record of one release against its baseline (the previous release): source range,
/// public API changes with the SemVer verdict, dependency and requirement changes, build facts,
/// the rollback target and the changelog entry. Written as <c>X.change.json</c> (schema
/// <c>change-record.schema.json</c>) and <c>X.change.md</c>.
/// </summary>
public sealed class ChangeRecord
{
    /// <summary>The record type URI (also the in-toto predicate type).</summary>
    public const string RecordType = "https://quantlayer.io/buildguard/change-record/v1";

    /// <summary>The released component.</summary>
    public required string Name { get; init; }

    /// <summary>The released version.</summary>
    public required string Version { get; init; }

    /// <summary>The release commit.</summary>
    public string? Commit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH of the release.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The released artifacts.</summary>
    public List<RecordFile> Artifacts { get; } = new();

    /// <summary>The baseline, or null for a first release.</summary>
    public Release? Baseline { get; init; }

    /// <summary>Why there is no baseline, when there is none.</summary>
    public string? NoBaselineReason { get; init; }

    /// <summary>The source range, when the baseline commit is known to git.</summary>
    public SourceRange? Source { get; set; }

    /// <summary>Why the source section is missing, when it is.</summary>
    public string? SourceUnavailable { get; set; }

    /// <summary>Public API changes.</summary>
    public List<ApiChange> Api { get; } = new();

    /// <summary>Assemblies compared (labels).</summary>
    public List<string> ApiAssemblies { get; } = new();

    /// <summary>The SemVer verdict, when there is a baseline.</summary>
    public SemVerVerdict? SemVer { get; set; }

    /// <summary>The dependency diff, when both SBOMs exist.</summary>
    public DependencyDiff? Dependencies { get; set; }

    /// <summary>Why the dependency section is missing, when it is.</summary>
    public string? DependenciesUnavailable { get; set; }

    /// <summary>The requirement changes, when both releases have trace matrices.</summary>
    public RequirementChanges? Requirements { get; set; }

    /// <summary>Why the requirements section is missing, when it is.</summary>
    public string? RequirementsUnavailable { get; set; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>BuildGuard's version.</summary>
    public string? BuildGuardVersion { get; init; }

    /// <summary>Rebuild check verdict: "reproducible", "not-reproducible" or "not-run".</summary>
    public string Reproducibility { get; init; } = "not-run";

    /// <summary>Declared data/config format changes (make rollback incompatible).</summary>
    public List<string> FormatChanges { get; } = new();

    /// <summary>The changelog entry, or null.</summary>
    public ChangelogEntry? ChangelogEntry { get; set; }

    /// <summary>The changelog file, when one was found (path relative to the repository).</summary>
    public string? ChangelogFile { get; set; }

    /// <summary>True when a rollback to the baseline is compatible (a baseline exists and no format change was declared).</summary>
    public bool RollbackCompatible => Baseline is not null && FormatChanges.Count == 0;
}
