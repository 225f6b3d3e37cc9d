namespace QuantLayer.BuildGuard.Traceability;

/// <summary>What is wrong in a registry file; each kind has its own diagnostic id.</summary>
public enum RegistryProblemKind
{
    /// <summary>The file (or a part of it) does not parse, or a value is not allowed (QLB2004).</summary>
    Unparsable,

    /// <summary>An item's id does not follow the id syntax (QLB2002).</summary>
    MalformedId,

    /// <summary>Two items have the same id (QLB2003).</summary>
    DuplicateId,

    /// <summary>A link (covers, derives-from) names an id that is not in the registry (QLB2007).</summary>
    UnknownLink,
}

/// <summary>A problem found while reading a registry file, with file, line, column and what to do.</summary>
public sealed class RegistryProblem
{
    /// <summary>Creates a problem.</summary>
    public RegistryProblem(RegistryProblemKind kind, RegistryLocation location, string message)
    {
        Kind = kind;
        Location = location;
        Message = message;
    }

    /// <summary>The kind of problem.</summary>
    public RegistryProblemKind Kind { get; }

    /// <summary>Where it is.</summary>
    public RegistryLocation Location { get; }

    /// <summary>What is wrong and what to do.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Location + ": " + Kind + ": " + Message;
}

/// <summary>The items and problems of one registry file.</summary>
public sealed class RegistryFileResult
{
    /// <summary>Creates a result.</summary>
    public RegistryFileResult(string file, IReadOnlyList<RequirementItem> items, IReadOnlyList<RegistryProblem> problems)
    {
        File = file;
        Items = items;
        Problems = problems;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The items, in file order.</summary>
    public IReadOnlyList<RequirementItem> Items { get; }

    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<RegistryProblem> Problems { get; }
}
