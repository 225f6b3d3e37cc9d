namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>What the evidence shows for one requirement.</summary>
public enum RequirementStatus
{
    /// <summary>The evidence a build can give was found and is consistent.</summary>
    Found,

    /// <summary>Some evidence was found, but it is incomplete or shows problems (the notes say which).</summary>
    Partial,

    /// <summary>A build could show evidence for this requirement, but none was found.</summary>
    Missing,

    /// <summary>The requirement is about people and process: no build output can prove it.</summary>
    NotProvable,
}

/// <summary>Where an evidence file was found.</summary>
public enum EvidenceLocation
{
    /// <summary>In the evidence folder given to the report (paths relative to it).</summary>
    Evidence,

    /// <summary>In the source repository (paths relative to its work tree).</summary>
    Repository,
}

/// <summary>One file the report used, with its SHA-256 (lower-case hex).</summary>
public sealed record EvidenceFileRef(string Path, string Kind, string Sha256, EvidenceLocation Location = EvidenceLocation.Evidence);

/// <summary>A figure of a requirement: an integer, a string or a boolean.</summary>
public sealed record ReportFigure(string Name, object Value)
{
    /// <summary>An integer figure.</summary>
    public static ReportFigure Of(string name, long value) => new(name, value);

    /// <summary>A text figure.</summary>
    public static ReportFigure Of(string name, string value) => new(name, value);

    /// <summary>A yes/no figure.</summary>
    public static ReportFigure Of(string name, bool value) => new(name, value);
}

/// <summary>An input the report could not use, and why (also reported as a QLB3090 warning).</summary>
public sealed record ReportProblem(string File, string Message);

/// <summary>The result for one IEC 62443-4-1 requirement.</summary>
public sealed class RequirementResult
{
    /// <summary>The requirement (<c>SM-6</c>, <c>SVV-1</c>, ...).</summary>
    public required CatalogueRequirement Requirement { get; init; }

    /// <summary>The status.</summary>
    public required RequirementStatus Status { get; init; }

    /// <summary>One sentence: what was found, or why nothing can be.</summary>
    public required string Summary { get; init; }

    /// <summary>The key figures, in a fixed order.</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = Array.Empty<ReportFigure>();

    /// <summary>The evidence files, sorted by location and path.</summary>
    public IReadOnlyList<EvidenceFileRef> Evidence { get; init; } = Array.Empty<EvidenceFileRef>();

    /// <summary>What is incomplete or what a reader must know.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}

/// <summary>The verdict of <c>buildguard rebuild-check</c> when it ran (its report in the evidence folder).</summary>
public sealed class ReproducibilityResult
{
    /// <summary>Found (reproducible), Partial (files differ) or Missing (no check ran).</summary>
    public required RequirementStatus Status { get; init; }

    /// <summary>One sentence.</summary>
    public required string Summary { get; init; }

    /// <summary>Key figures.</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = Array.Empty<ReportFigure>();

    /// <summary>The rebuild-check reports.</summary>
    public IReadOnlyList<EvidenceFileRef> Evidence { get; init; } = Array.Empty<EvidenceFileRef>();

    /// <summary>The files that differed (at most 50, sorted).</summary>
    public IReadOnlyList<string> DifferingFiles { get; init; } = Array.Empty<string>();
}
