using System.Xml;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// What a package says about itself in its nuspec: authors, description, copyright, project and
/// repository URLs, whether it is a development dependency, and its licence (already resolved to
/// an <see cref="SbomLicense"/>).
/// </summary>
/// <remarks>
/// The nuspec is read with a forward-only <see cref="XmlReader"/> that stops at the end of
/// <c>&lt;metadata&gt;</c> and skips the dependency groups: a build reads hundreds of them, and
/// this is several times cheaper than loading each into a DOM. Elements are matched by local name,
/// so every nuspec schema version is read alike.
/// </remarks>
public sealed class NuspecMetadata
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>The package id.</summary>
    public string? Id { get; init; }

    /// <summary>The package version as written.</summary>
    public string? Version { get; init; }

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
        var fields = new Dictionary<string, (string Value, int Line, int Column)>(StringComparer.Ordinal);
        string? licenseType = null;
        string? repositoryUrl = null;
        string? repositoryCommit = null;
        var sawMetadata = false;
        try
        {
            using var reader = XmlReader.Create(new FileStream(nuspecPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096), Settings);
            var lineInfo = (IXmlLineInfo)reader;
            if (!ReadToMetadata(reader))
            {
                throw new InvalidDataException("the nuspec has no <metadata> element");
            }

            sawMetadata = true;
            if (!reader.IsEmptyElement)
            {
                var depth = reader.Depth;
                reader.Read();
                while (!reader.EOF && reader.Depth > depth)
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        reader.Read();
                        continue;
                    }

                    var name = reader.LocalName;
                    var line = lineInfo.LineNumber;
                    var column = lineInfo.LinePosition;
                    switch (name)
                    {
                        case "license":
                            licenseType = reader.GetAttribute("type");
                            fields[name] = (reader.ReadElementContentAsString(), line, column);
                            break;
                        case "repository":
                            repositoryUrl = reader.GetAttribute("url");
                            repositoryCommit = reader.GetAttribute("commit");
                            reader.Skip();
                            break;
                        case "id" or "version" or "authors" or "description" or "copyright" or "projectUrl" or "licenseUrl" or "developmentDependency":
                            fields[name] = (reader.ReadElementContentAsString(), line, column);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or InvalidDataException)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SbomNuspecUnreadable,
                $"Cannot read the nuspec of {packageLabel} ('{nuspecPath}'): {ex.Message} The SBOM lists the package without its licence, authors and description. Clear the package from the NuGet packages folder ('dotnet nuget locals global-packages --clear' or delete its folder) and restore again.",
                nuspecPath,
                (ex as XmlException)?.LineNumber ?? 0,
                (ex as XmlException)?.LinePosition ?? 0);
            return null;
        }

        if (!sawMetadata || !fields.ContainsKey("id"))
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SbomNuspecUnreadable,
                $"The nuspec of {packageLabel} ('{nuspecPath}') has no package id: it is not a valid nuspec. The SBOM lists the package without its licence, authors and description. Clear the package from the NuGet packages folder and restore again.",
                nuspecPath);
            return null;
        }

        string? Field(string name) => fields.TryGetValue(name, out var f) && !string.IsNullOrWhiteSpace(f.Value) ? f.Value.Trim() : null;
        return new NuspecMetadata
        {
            Id = Field("id"),
            Version = Field("version"),
            Authors = CycloneDxReader.SplitAuthors(Field("authors") ?? string.Empty).ToList(),
            Description = Clean(Field("description")),
            Copyright = Clean(Field("copyright")),
            ProjectUrl = Url(Field("projectUrl")),
            RepositoryUrl = Url(repositoryUrl),
            RepositoryCommit = string.IsNullOrWhiteSpace(repositoryCommit) ? null : repositoryCommit!.Trim(),
            DevelopmentDependency = string.Equals(Field("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase),
            License = ResolveLicense(
                licenseType,
                fields.TryGetValue("license", out var license) ? license : null,
                fields.TryGetValue("licenseUrl", out var licenseUrl) ? licenseUrl : null,
                nuspecPath,
                packageLabel,
                diagnostics),
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

    private static bool ReadToMetadata(XmlReader reader)
    {
        // ReadToFollowing with a namespace does not match every nuspec schema; scan by local name.
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "metadata")
            {
                return true;
            }
        }

        return false;
    }

    private static SbomLicense? ResolveLicense(string? type, (string Value, int Line, int Column)? license, (string Value, int Line, int Column)? licenseUrlField, string nuspecPath, string packageLabel, DiagnosticBag diagnostics)
    {
        var licenseUrl = licenseUrlField?.Value.Trim();
        if (license is { } element)
        {
            var value = element.Value.Trim();
            if (string.Equals(type, "file", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return SbomLicense.Named("License file '" + value.Replace('\\', '/') + "' in the package");
            }

            if (string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
            {
                if (SpdxExpression.TryParse(value, out var expression, out var error))
                {
                    return SbomLicense.FromExpression(SpdxLicenseList.Normalize(expression!));
                }

                diagnostics.Warning(
                    BuildDiagnosticIds.SbomLicenseExpressionInvalid,
                    $"The licence expression '{value}' of {packageLabel} is not a valid SPDX expression: {error} The SBOM records the licence as unknown. Declare the licence yourself with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />, after checking the package's licence.",
                    nuspecPath,
                    element.Line,
                    element.Column);
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

        diagnostics.Warning(
            BuildDiagnosticIds.SbomLicenseUnknown,
            string.IsNullOrEmpty(licenseUrl)
                ? $"{packageLabel} declares no licence in its nuspec. The SBOM records it as unknown. Check the package's licence and declare it with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />."
                : $"{packageLabel} declares its licence only as the URL '{licenseUrl}', which does not identify an SPDX licence. The SBOM records it as unknown with that URL. Read the licence and declare it with <BuildGuardPackageLicense Include=\"{PackageId(packageLabel)}\" License=\"<SPDX expression>\" />.",
            nuspecPath,
            licenseUrlField?.Line ?? 0,
            licenseUrlField?.Column ?? 0);
        return SbomLicense.Unknown(Url(licenseUrl));
    }

    private static string PackageId(string packageLabel)
    {
        var space = packageLabel.IndexOf(' ');
        return space > 0 ? packageLabel.Substring(0, space) : packageLabel;
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
}
