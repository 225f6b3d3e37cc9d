namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>What to report on.</summary>
public sealed class ReportRequest
{
    /// <summary>The evidence folder: a build's output folder (with its <c>buildguard/</c> folder), a package folder, a release folder, or the <c>buildguard/</c> folder itself.</summary>
    public required string EvidenceFolder { get; init; }

    /// <summary>The report's name (file names <c>&lt;name&gt;.iec62443.*</c>); null: the name in the evidence manifest, else the folder's name.</summary>
    public string? Name { get; init; }

    /// <summary>The source repository's work tree (for DM and SG); null: the git work tree that contains the evidence folder, if any.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>False: do not look for a repository at all (DM and SG are then "missing" with a note).</summary>
    public bool UseRepository { get; init; } = true;

    /// <summary>SOURCE_DATE_EPOCH; null: the manifests' source date when they agree, else none.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Version of BuildGuard writing the report.</summary>
    public string? BuildGuardVersion { get; init; }

    /// <summary>Evidence ledger files or folders given explicitly (optional; files named <c>*ledger*</c> in the evidence folder are found too).</summary>
    public IReadOnlyList<string> Ledgers { get; init; } = Array.Empty<string>();
}

/// <summary>
/// The IEC 62443-4-1 evidence report: for every requirement of the standard, whether a build can
/// give evidence for it, the evidence found (files with SHA-256) and its key figures. It is a map
/// of evidence for an assessor, not a certificate: the requirements about people and process are
/// listed as "not provable by a build".
/// </summary>
public sealed class EvidenceReport
{
    /// <summary>The format identifier written as <c>reportType</c>.</summary>
    public const string ReportType = "https://quantlayer.io/buildguard/iec62443-report/v1";

    /// <summary>The standard the report maps to.</summary>
    public const string Standard = "IEC 62443-4-1:2018";

    /// <summary>The file-name suffix of the JSON report.</summary>
    public const string JsonSuffix = ".iec62443.json";

    /// <summary>The file-name suffix of the HTML report.</summary>
    public const string HtmlSuffix = ".iec62443.html";

    /// <summary>What every report says about itself.</summary>
    public const string Disclaimer =
        "This report lists the evidence a build produced and maps it to IEC 62443-4-1 requirements. It is not a certificate and not an assessment: "
        + "requirements about people and process are marked \"not provable by a build\", and \"evidence found\" means the files exist and are consistent, "
        + "not that an assessor has judged them sufficient. Signatures are not verified here (run 'buildguard verify --key'), only their subjects' digests.";

    /// <summary>Report name.</summary>
    public required string Name { get; init; }

    /// <summary>The source commit recorded in the evidence (when they agree).</summary>
    public string? SourceCommit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Version of BuildGuard that wrote the report.</summary>
    public string? BuildGuardVersion { get; init; }

    /// <summary>True when a source repository was read (DM, SG).</summary>
    public bool RepositoryRead { get; init; }

    /// <summary>Every requirement of the standard, in its order.</summary>
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }

    /// <summary>The rebuild-check verdict.</summary>
    public required ReproducibilityResult Reproducibility { get; init; }

    /// <summary>Every file the report read, sorted by location and path.</summary>
    public IReadOnlyList<EvidenceFileRef> Inputs { get; init; } = Array.Empty<EvidenceFileRef>();

    /// <summary>Inputs that could not be used.</summary>
    public IReadOnlyList<ReportProblem> Problems { get; init; } = Array.Empty<ReportProblem>();

    /// <summary>The number of requirements with a status.</summary>
    public int Count(RequirementStatus status) => Requirements.Count(r => r.Status == status);

    /// <summary>The result of one requirement.</summary>
    public RequirementResult this[string id] => Requirements.First(r => string.Equals(r.Requirement.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The JSON name of a status.</summary>
    public static string StatusName(RequirementStatus status) => status switch
    {
        RequirementStatus.Found => "found",
        RequirementStatus.Partial => "partial",
        RequirementStatus.Missing => "missing",
        _ => "not-provable",
    };

    /// <summary>The words a reader sees for a status.</summary>
    public static string StatusLabel(RequirementStatus status) => status switch
    {
        RequirementStatus.Found => "evidence found",
        RequirementStatus.Partial => "partial",
        RequirementStatus.Missing => "missing",
        _ => "not provable by a build",
    };

    /// <summary>Parses a status name (as JSON writes it, or the reader's words), or null.</summary>
    public static RequirementStatus? ParseStatus(string text) => text.Trim().ToLowerInvariant() switch
    {
        "found" or "evidence found" => RequirementStatus.Found,
        "partial" => RequirementStatus.Partial,
        "missing" => RequirementStatus.Missing,
        "not-provable" or "not provable" or "not provable by a build" => RequirementStatus.NotProvable,
        _ => null,
    };
}
