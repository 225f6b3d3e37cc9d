using System.Collections.Concurrent;
using NuGet.Packaging.Licenses;

namespace QuantLayer.BuildGuard.Evidence.Licensing;

/// <summary>
/// Which ids are on the SPDX licence list, as NuGet knows it (the list NuGet validates nuspec
/// licence expressions against), plus a case-insensitive lookup for the common ids so that URLs
/// such as <c>choosealicense.com/licenses/mit/</c> map to the id's proper spelling.
/// </summary>
public static class SpdxLicenseList
{
    // Canonical spelling of frequently used ids; anything else must be spelled exactly.
    private static readonly Dictionary<string, string> CommonIds = new[]
    {
        "0BSD", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "Artistic-2.0",
        "BlueOak-1.0.0", "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0",
        "CDDL-1.0", "CDDL-1.1", "EPL-1.0", "EPL-2.0", "EUPL-1.2", "GPL-2.0-only", "GPL-2.0-or-later",
        "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
        "LGPL-3.0-or-later", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MS-PL", "MS-RL", "NCSA", "OpenSSL",
        "PostgreSQL", "Python-2.0", "Ruby", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "W3C", "WTFPL",
        "X11", "Zlib",
    }.ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ids answered without NuGet's list (for tests).</summary>
    internal static IEnumerable<string> CommonListedIds => CommonIds.Values;

    private static readonly ConcurrentDictionary<string, bool> Listed = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="id"/> is an SPDX licence-list id (exact spelling).</summary>
    public static bool IsListed(string id)
        => id.Length > 0 && !id.StartsWith("LicenseRef-", StringComparison.Ordinal)
            // The common ids are answered without loading NuGet's licence list (a large table
            // whose initialization is a measurable part of a cold build).
            && ((CommonIds.TryGetValue(id, out var canonical) && string.Equals(canonical, id, StringComparison.Ordinal)) || Listed.GetOrAdd(id, LookUp));

    internal static bool LookUp(string id)
    {
        try
        {
            return NuGetLicenseExpression.Parse(id) is NuGetLicense { IsStandardLicense: true } license && license.Identifier == id;
        }
        catch (Exception ex) when (ex is NuGetLicenseExpressionParsingException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The properly spelled SPDX id for <paramref name="candidate"/> in any case, or null.</summary>
    public static string? Canonical(string candidate)
    {
        if (IsListed(candidate))
        {
            return candidate;
        }

        return CommonIds.TryGetValue(candidate, out var id) ? id : null;
    }

    /// <summary>
    /// Makes an expression safe to write: ids NuGet does not know as SPDX list ids become
    /// <c>LicenseRef-</c> ids (SPDX's form for other licences), so consumers' parsers accept it.
    /// </summary>
    public static SpdxExpression Normalize(SpdxExpression expression)
    {
        var text = expression.ToString();
        var changed = false;
        foreach (var term in expression.Terms().Distinct())
        {
            if (!term.IsLicenseRef && !IsListed(term.Id))
            {
                changed = true;
            }
        }

        if (!changed)
        {
            return expression;
        }

        var rebuilt = Rebuild(expression);
        return SpdxExpression.Parse(rebuilt);
    }

    private static string Rebuild(SpdxExpression expression) => expression switch
    {
        SpdxTerm term => (term.IsLicenseRef || IsListed(term.Id) ? term.Id : "LicenseRef-" + term.Id)
            + (term.OrLater ? "+" : string.Empty)
            + (term.Exception is null ? string.Empty : " WITH " + term.Exception),
        SpdxBinary binary => "(" + Rebuild(binary.Left) + (binary.IsOr ? " OR " : " AND ") + Rebuild(binary.Right) + ")",
        _ => throw new InvalidOperationException("unknown expression node"),
    };
}
