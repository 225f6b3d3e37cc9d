using System.Xml;
using System.Xml.Linq;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Licenses;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// What a package says about itself in its nuspec: authors, description, copyright, project and
/// repository URLs, whether it is a development dependency, and its licence (already resolved to
/// an <see cref="SbomLicense"/>).
/// </summary>
public sealed class NuspecMetadata
{
    /// <summary>Authors, in the nuspec's order.</summary>
    public IReadOnlyList<string> Authors { get; init; } = Array.Empty<string>();

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Copyright.</summary>
    public string? Copyright { get; init; }

    /// <summary>Project web site.</summary>
    public string? ProjectUrl { get; init; }

    /// <summary>Source repository URL.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>Source repository commit.</summary>
    public string? RepositoryCommit { get; init; }

    /// <summary>True when the package declares itself a development dependency.</summary>
    public bool DevelopmentDependency { get; init; }

    /// <summary>The licence.</summary>
    public SbomLicense? License { get; init; }

    /// <summary>
    /// Reads <c>&lt;id&gt;.nuspec</c> in a package folder. A missing or malformed nuspec is a QLB3015
    /// warning (null result); a malformed licence expression QLB3016 and an unidentifiable licence
    /// QLB3017, each naming the nuspec and the line of its licence element.
    /// </summary>
    public static NuspecMetadata? Read(string nuspecPath, string packageLabel, DiagnosticBag diagnostics)
    {
        XDocument document;
        try
        {
            using var stream = new FileStream(nuspecPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            document = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SbomNuspecUnreadable,
                $"Cannot read the nuspec of {packageLabel} ('{nuspecPath}'): {ex.Message} The SBOM lists the package without its licence, authors and description. Clear the package from the NuGet packages folder ('dotnet nuget locals global-packages --clear' or delete its folder) and restore again.",
                nuspecPath,
                (ex as XmlException)?.LineNumber ?? 0,
                (ex as XmlException)?.LinePosition ?? 0);
            return null;
        }

        NuspecReader reader;
        try
        {
            reader = new NuspecReader(document);
            _ = reader.GetIdentity();
        }
        catch (Exception ex) when (ex is PackagingException or InvalidDataException or ArgumentException or FormatException or InvalidOperationException)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SbomNuspecUnreadable,
                $"The nuspec of {packageLabel} ('{nuspecPath}') is not valid: {ex.Message} The SBOM lists the package without its licence, authors and description. Clear the package from the NuGet packages folder and restore again.",
                nuspecPath);
            return null;
        }

        var metadataElement = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        var repository = SafeGet(() => reader.GetRepositoryMetadata());
        return new NuspecMetadata
        {
            Authors = CycloneDxReader.SplitAuthors(Text(metadataElement, "authors") ?? string.Empty).ToList(),
            Description = Clean(Text(metadataElement, "description")),
            Copyright = Clean(Text(metadataElement, "copyright")),
            ProjectUrl = Url(Text(metadataElement, "projectUrl")),
            RepositoryUrl = Url(repository?.Url),
            RepositoryCommit = string.IsNullOrWhiteSpace(repository?.Commit) ? null : repository!.Commit,
            DevelopmentDependency = SafeGet(() => reader.GetDevelopmentDependency()),
            License = ResolveLicense(reader, metadataElement, nuspecPath, packageLabel, diagnostics),
        };
    }

    /// <summary>An absolute http(s) URL, or null.</summary>
    public static string? Url(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static SbomLicense? ResolveLicense(NuspecReader reader, XElement? metadata, string nuspecPath, string packageLabel, DiagnosticBag diagnostics)
    {
        var licenseElement = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        var licenseUrl = Text(metadata, "licenseUrl");
        if (licenseElement is not null)
        {
            var type = licenseElement.Attribute("type")?.Value;
            var value = licenseElement.Value.Trim();
            var line = ((IXmlLineInfo)licenseElement).LineNumber;
            var column = ((IXmlLineInfo)licenseElement).LinePosition;
            if (string.Equals(type, "file", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return SbomLicense.Named("License file '" + value.Replace('\\', '/') + "' in the package");
            }

            if (string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
            {
                // NuGet's parser decides what NuGet accepts; ours gives the normalized form.
                string? nugetError = null;
                try
                {
                    _ = NuGetLicenseExpression.Parse(value);
                }
                catch (Exception ex) when (ex is NuGetLicenseExpressionParsingException or ArgumentException)
                {
                    nugetError = ex.Message;
                }

                string? error = null;
                if (nugetError is null && SpdxExpression.TryParse(value, out var expression, out error))
                {
                    return SbomLicense.FromExpression(SpdxLicenseList.Normalize(expression!));
                }

                diagnostics.Warning(
                    BuildDiagnosticIds.SbomLicenseExpressionInvalid,
                    $"The licence expression '{value}' of {packageLabel} is not a valid SPDX expression: {nugetError ?? error} The SBOM records the licence as unknown. Declare the licence yourself with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />, after checking the package's licence.",
                    nuspecPath,
                    line,
                    column);
                return SbomLicense.Unknown(Url(licenseUrl) is { } u && u != LicenseUrlMap.DeprecatedLicenseUrl ? u : null);
            }
        }

        var known = LicenseUrlMap.Lookup(licenseUrl);
        if (known?.Expression is { } mapped && SpdxExpression.TryParse(mapped, out var mappedExpression, out _))
        {
            return SbomLicense.FromExpression(SpdxLicenseList.Normalize(mappedExpression!), url: Url(licenseUrl));
        }

        if (known?.Name is { } name)
        {
            return SbomLicense.Named(name, Url(licenseUrl));
        }

        var lineOfUrl = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl") is IXmlLineInfo info ? info.LineNumber : 0;
        diagnostics.Warning(
            BuildDiagnosticIds.SbomLicenseUnknown,
            licenseUrl is null
                ? $"{packageLabel} declares no licence in its nuspec. The SBOM records it as unknown. Check the package's licence and declare it with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />."
                : $"{packageLabel} declares its licence only as the URL '{licenseUrl}', which does not identify an SPDX licence. The SBOM records it as unknown with that URL. Read the licence and declare it with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />.",
            nuspecPath,
            lineOfUrl);
        return SbomLicense.Unknown(Url(licenseUrl));
    }

    private static string PackageId(string packageLabel)
    {
        var space = packageLabel.IndexOf(' ');
        return space > 0 ? packageLabel.Substring(0, space) : packageLabel;
    }

    private static string? Text(XElement? metadata, string name)
    {
        var value = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Line ends differ between packages built on different systems; the text does not.
        return value.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
    }

    private static T? SafeGet<T>(Func<T> get)
    {
        try
        {
            return get();
        }
        catch (Exception ex) when (ex is PackagingException or InvalidDataException or ArgumentException or FormatException or InvalidOperationException)
        {
            return default;
        }
    }
}
