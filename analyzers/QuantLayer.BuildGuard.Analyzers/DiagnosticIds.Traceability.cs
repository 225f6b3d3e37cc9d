namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Traceability rule ids (QLB2000–2099).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>A tag names an id that is not in the registry.</summary>
    public const string UnknownRequirement = "QLB2000";

    /// <summary>A tag names an outdated (or future) revision.</summary>
    public const string OutdatedRevision = "QLB2001";

    /// <summary>A registry item's id does not follow the id syntax.</summary>
    public const string MalformedRequirementId = "QLB2002";

    /// <summary>Two registry items have the same id.</summary>
    public const string DuplicateRequirementId = "QLB2003";

    /// <summary>A registry file does not parse.</summary>
    public const string RegistryUnparsable = "QLB2004";

    /// <summary>A test verifies an item whose kind needs no test.</summary>
    public const string TestOfUntestableItem = "QLB2005";

    /// <summary>A public entry point of security-relevant code implements no requirement.</summary>
    public const string EntryPointWithoutImplements = "QLB2006";

    /// <summary>A registry link (covers, derives-from) names an unknown id.</summary>
    public const string UnknownRegistryLink = "QLB2007";
}
