using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>How a licence was found.</summary>
public enum SbomLicenseKind
{
    /// <summary>A valid SPDX expression (a single id is the simplest case).</summary>
    Expression,

    /// <summary>A named licence that is not on the SPDX list (a licence file in the package, a proprietary licence).</summary>
    Named,

    /// <summary>Nothing usable was declared: a named "Unknown" with the URL, if any.</summary>
    Unknown,
}

/// <summary>
/// A component's licence: an SPDX expression, a named licence (with the file or URL it comes from),
/// or unknown. <see cref="Concluded"/> is true when the user declared it (BuildGuardPackageLicense)
/// rather than the package.
/// </summary>
public sealed record SbomLicense
{
    /// <summary>The name written for a licence nobody could identify.</summary>
    public const string UnknownName = "Unknown";

    private SbomLicense(SbomLicenseKind kind, string text, string? url, bool concluded, SpdxExpression? expression)
    {
        Kind = kind;
        Text = text;
        Url = url;
        Concluded = concluded;
        Expression = expression;
    }

    /// <summary>What kind of licence this is.</summary>
    public SbomLicenseKind Kind { get; }

    /// <summary>The SPDX expression (normalized), or the licence name.</summary>
    public string Text { get; }

    /// <summary>Where the licence can be read, if known.</summary>
    public string? Url { get; }

    /// <summary>True when the user concluded the licence; false when the package declared it.</summary>
    public bool Concluded { get; }

    /// <summary>The parsed expression for <see cref="SbomLicenseKind.Expression"/>.</summary>
    public SpdxExpression? Expression { get; }

    /// <summary>A single SPDX list id (no operator, no exception, no LicenseRef), or null.</summary>
    public string? SingleId => Expression is SpdxTerm { Exception: null, OrLater: false, IsLicenseRef: false } term ? term.Id : null;

    /// <summary>An SPDX expression licence.</summary>
    public static SbomLicense FromExpression(SpdxExpression expression, bool concluded = false, string? url = null)
        => new(SbomLicenseKind.Expression, expression.ToString(), url, concluded, expression);

    /// <summary>A named licence that is not SPDX.</summary>
    public static SbomLicense Named(string name, string? url = null, bool concluded = false)
        => new(SbomLicenseKind.Named, name, url, concluded, null);

    /// <summary>An unknown licence, with the URL the package gave, if any.</summary>
    public static SbomLicense Unknown(string? url) => new(SbomLicenseKind.Unknown, UnknownName, url, false, null);
}
