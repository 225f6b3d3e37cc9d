namespace QuantLayer.BuildGuard.Traceability;

/// <summary>What a registry item is.</summary>
public enum RequirementKind
{
    /// <summary>A security requirement (IEC 62443-4-1 SR-3/SR-4): needs an implementation and a passing test.</summary>
    SecurityRequirement,

    /// <summary>A functional requirement.</summary>
    FunctionalRequirement,

    /// <summary>A threat from the threat model (SR-2): mitigated by mitigations, never tested itself.</summary>
    Threat,

    /// <summary>A mitigation (control) of one or more threats: needs a passing test (SVV-2).</summary>
    Mitigation,
}

/// <summary>What an item needs to count as covered.</summary>
[Flags]
public enum RequirementNeeds
{
    /// <summary>Nothing (a threat, or an item traced for information only).</summary>
    None = 0,

    /// <summary>At least one symbol tagged <c>[Implements]</c>.</summary>
    Implementation = 1,

    /// <summary>At least one passing test tagged <c>[Verifies]</c> (or a requirement trait).</summary>
    Test = 2,
}

/// <summary>A place in a registry file (1-based line and column; 0 when unknown).</summary>
public readonly struct RegistryLocation : IEquatable<RegistryLocation>
{
    /// <summary>Creates a location.</summary>
    public RegistryLocation(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file as it was given to the parser.</summary>
    public string File { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <inheritdoc />
    public bool Equals(RegistryLocation other) => File == other.File && Line == other.Line && Column == other.Column;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RegistryLocation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((File?.GetHashCode() ?? 0) * 31) + (Line * 7) + Column;

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? File + "(" + Line + "," + Math.Max(1, Column) + ")" : File;
}

/// <summary>
/// One requirement, threat or mitigation of the registry: id, revision, title, kind, what it needs,
/// its links (a mitigation covers threats; a requirement may derive from another) and where it is
/// defined.
/// </summary>
public sealed class RequirementItem
{
    /// <summary>Creates an item.</summary>
    public RequirementItem(
        string id,
        int revision,
        string title,
        RequirementKind kind,
        RequirementNeeds needs,
        IReadOnlyList<string> covers,
        IReadOnlyList<string> derivesFrom,
        RegistryLocation location,
        string? context = null,
        string? status = null)
    {
        Id = id;
        Revision = revision;
        Title = title;
        Kind = kind;
        Needs = needs;
        Covers = covers;
        DerivesFrom = derivesFrom;
        Location = location;
        Context = context;
        Status = status;
    }

    /// <summary>The id, e.g. <c>SR-12</c>.</summary>
    public string Id { get; }

    /// <summary>The current revision (1 when the source has none).</summary>
    public int Revision { get; }

    /// <summary>A one-line title.</summary>
    public string Title { get; }

    /// <summary>The kind.</summary>
    public RequirementKind Kind { get; }

    /// <summary>What the item needs.</summary>
    public RequirementNeeds Needs { get; }

    /// <summary>Ids of the threats a mitigation covers.</summary>
    public IReadOnlyList<string> Covers { get; }

    /// <summary>Ids of the items this one derives from.</summary>
    public IReadOnlyList<string> DerivesFrom { get; }

    /// <summary>Where the item is defined.</summary>
    public RegistryLocation Location { get; }

    /// <summary>Where the item sits in a threat model (diagram and element), if it comes from one.</summary>
    public string? Context { get; }

    /// <summary>The status a threat model gives a threat (Open, Mitigated, NotApplicable, ...), if any.</summary>
    public string? Status { get; }

    /// <summary>The default needs of a kind: requirements and mitigations need an implementation and a test; threats need nothing.</summary>
    public static RequirementNeeds DefaultNeeds(RequirementKind kind) => kind == RequirementKind.Threat
        ? RequirementNeeds.None
        : RequirementNeeds.Implementation | RequirementNeeds.Test;

    /// <summary>The name of a kind as the formats and reports write it.</summary>
    public static string KindName(RequirementKind kind) => kind switch
    {
        RequirementKind.SecurityRequirement => "security",
        RequirementKind.FunctionalRequirement => "functional",
        RequirementKind.Threat => "threat",
        _ => "mitigation",
    };

    /// <summary>The needs as the formats write them: <c>implementation, test</c> or <c>none</c>.</summary>
    public static string NeedsText(RequirementNeeds needs) => needs switch
    {
        RequirementNeeds.None => "none",
        RequirementNeeds.Implementation => "implementation",
        RequirementNeeds.Test => "test",
        _ => "implementation, test",
    };

    /// <inheritdoc />
    public override string ToString() => Id + " rev " + Revision + " (" + KindName(Kind) + "): " + Title;
}
