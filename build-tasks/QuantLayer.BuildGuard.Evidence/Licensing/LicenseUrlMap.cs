namespace QuantLayer.BuildGuard.Evidence.Licensing;

/// <summary>What a licence URL is known to mean.</summary>
/// <param name="Expression">The SPDX expression, when the URL names an SPDX licence.</param>
/// <param name="Name">The licence's name, when it is a known licence that is not on the SPDX list.</param>
public sealed record KnownLicenseUrl(string? Expression, string? Name);

/// <summary>
/// Maps the licence URLs that packages declared before NuGet had licence expressions
/// (<c>&lt;licenseUrl&gt;</c>) to SPDX ids, where the URL unambiguously names one licence text:
/// <c>licenses.nuget.org/&lt;expression&gt;</c>, <c>spdx.org/licenses/&lt;id&gt;</c>,
/// <c>opensource.org/licenses/&lt;id&gt;</c>, <c>choosealicense.com/licenses/&lt;id&gt;</c>, the
/// Apache and GNU licence pages and a few project licence files everybody links to. A GNU page
/// names the text, not the "or later" grant, so it maps to the <c>-only</c> id. URLs of
/// repositories' own licence files are never guessed.
/// </summary>
public static class LicenseUrlMap
{
    /// <summary>The URL NuGet writes as licenseUrl for packages with a licence file or expression.</summary>
    public const string DeprecatedLicenseUrl = "https://aka.ms/deprecateLicenseUrl";

    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["apache.org/licenses/license-2.0"] = "Apache-2.0",
        ["apache.org/licenses/license-1.1"] = "Apache-1.1",
        ["opensource.org/licenses/mit-license"] = "MIT",
        ["opensource.org/licenses/apache2.0"] = "Apache-2.0",
        ["opensource.org/licenses/ms-pl"] = "MS-PL",
        ["opensource.org/licenses/ms-rl"] = "MS-RL",
        ["mit-license.org"] = "MIT",
        ["gnu.org/licenses/gpl-2.0"] = "GPL-2.0-only",
        ["gnu.org/licenses/old-licenses/gpl-2.0"] = "GPL-2.0-only",
        ["gnu.org/licenses/gpl-3.0"] = "GPL-3.0-only",
        ["gnu.org/licenses/lgpl-2.1"] = "LGPL-2.1-only",
        ["gnu.org/licenses/old-licenses/lgpl-2.1"] = "LGPL-2.1-only",
        ["gnu.org/licenses/lgpl-3.0"] = "LGPL-3.0-only",
        ["gnu.org/licenses/agpl-3.0"] = "AGPL-3.0-only",
        ["mozilla.org/mpl/2.0"] = "MPL-2.0",
        ["eclipse.org/legal/epl-v10"] = "EPL-1.0",
        ["eclipse.org/legal/epl-2.0"] = "EPL-2.0",
        ["boost.org/license_1_0"] = "BSL-1.0",
        ["unlicense.org"] = "Unlicense",
        ["creativecommons.org/publicdomain/zero/1.0"] = "CC0-1.0",
        // The .NET Foundation repositories' licence files (MIT since they were opened).
        ["github.com/dotnet/corefx/blob/master/license"] = "MIT",
        ["github.com/dotnet/runtime/blob/main/license"] = "MIT",
        ["github.com/dotnet/standard/blob/master/license"] = "MIT",
        ["raw.githubusercontent.com/dotnet/corefx/master/license"] = "MIT",
    };

    // Known licences that are not on the SPDX list.
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["go.microsoft.com/fwlink?linkid=329770"] = "Microsoft .NET Library License",
        ["microsoft.com/web/webpi/eula/net_library_eula_enu"] = "Microsoft .NET Library License",
        ["dotnet.microsoft.com/en/dotnet_library_license"] = "Microsoft .NET Library License",
    };

    /// <summary>What the URL is known to mean, or null.</summary>
    public static KnownLicenseUrl? Lookup(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host.Substring(4);
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        if (host == "licenses.nuget.org" && path.Length > 1)
        {
            var expression = path.Substring(1);
            return SpdxExpression.TryParse(expression, out var parsed, out _) ? new KnownLicenseUrl(parsed!.ToString(), null) : null;
        }

        var normalizedPath = StripExtension(path).ToLowerInvariant();
        var key = host + normalizedPath;
        if (Fixed.TryGetValue(key, out var fixedId))
        {
            return new KnownLicenseUrl(fixedId, null);
        }

        var keyWithQuery = host + normalizedPath + uri.Query.ToLowerInvariant();
        if (Named.TryGetValue(keyWithQuery, out var name) || Named.TryGetValue(key, out name))
        {
            return new KnownLicenseUrl(null, name);
        }

        // <host>/licenses/<id>: SPDX's own pages, OSI's pages, choosealicense.com.
        var segments = StripExtension(path).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2 && segments[0].Equals("licenses", StringComparison.OrdinalIgnoreCase)
            && host is "spdx.org" or "opensource.org" or "choosealicense.com")
        {
            var id = SpdxLicenseList.Canonical(segments[1]);
            if (id is not null)
            {
                return new KnownLicenseUrl(id, null);
            }
        }

        return null;
    }

    private static string StripExtension(string path)
    {
        foreach (var extension in new[] { ".html", ".htm", ".php", ".txt", ".md", ".json" })
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return path.Substring(0, path.Length - extension.Length);
            }
        }

        return path;
    }
}
