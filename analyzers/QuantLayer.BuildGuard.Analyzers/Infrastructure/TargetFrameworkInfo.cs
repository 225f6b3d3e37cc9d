using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>
/// The framework a compilation targets, where behaviour differs by framework (XML resolvers before
/// .NET Framework 4.5.2, <c>UseShellExecute</c> on .NET Framework). Read from the assembly's
/// <c>[TargetFramework]</c> attribute (the SDK generates it), else from the compiler-visible
/// <c>TargetFrameworkIdentifier</c>/<c>TargetFrameworkVersion</c> or <c>TargetFramework</c>.
/// </summary>
internal sealed class TargetFrameworkInfo
{
    private static readonly Version XmlSafeDefaults = new(4, 5, 2);

    private TargetFrameworkInfo(bool isNetFramework, Version? version)
    {
        IsNetFramework = isNetFramework;
        Version = version;
    }

    /// <summary>True for .NET Framework targets (net2x–net4x).</summary>
    public bool IsNetFramework { get; }

    /// <summary>The framework version, when known.</summary>
    public Version? Version { get; }

    /// <summary>
    /// True for .NET Framework before 4.5.2, where <c>XmlDocument</c>, <c>XmlTextReader</c> and
    /// <c>XPathDocument</c> resolve external entities with an <c>XmlUrlResolver</c> by default.
    /// </summary>
    public bool HasLegacyXmlDefaults => IsNetFramework && Version is not null && Version < XmlSafeDefaults;

    /// <summary>Reads the target of a compilation.</summary>
    public static TargetFrameworkInfo From(Compilation compilation, AnalyzerOptions options)
    {
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Runtime.Versioning.TargetFrameworkAttribute"
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string moniker
                && Parse(moniker) is { } fromAttribute)
            {
                return fromAttribute;
            }
        }

        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (global.TryGetValue("build_property.TargetFrameworkIdentifier", out var identifier)
            && global.TryGetValue("build_property.TargetFrameworkVersion", out var version)
            && !string.IsNullOrWhiteSpace(identifier))
        {
            return new TargetFrameworkInfo(
                string.Equals(identifier.Trim(), ".NETFramework", StringComparison.OrdinalIgnoreCase),
                ParseVersion(version.Trim().TrimStart('v', 'V')));
        }

        if (global.TryGetValue("build_property.TargetFramework", out var tfm) && ParseShortName(tfm.Trim()) is { } fromShortName)
        {
            return fromShortName;
        }

        return new TargetFrameworkInfo(false, null);
    }

    /// <summary>Parses <c>.NETFramework,Version=v4.5.1</c>.</summary>
    public static TargetFrameworkInfo? Parse(string moniker)
    {
        var parts = moniker.Split(',');
        if (parts.Length < 2)
        {
            return null;
        }

        Version? version = null;
        foreach (var part in parts.Skip(1))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith("Version=", StringComparison.OrdinalIgnoreCase))
            {
                version = ParseVersion(trimmed.Substring("Version=".Length).TrimStart('v', 'V'));
            }
        }

        return new TargetFrameworkInfo(string.Equals(parts[0].Trim(), ".NETFramework", StringComparison.OrdinalIgnoreCase), version);
    }

    /// <summary>Parses NuGet short names of .NET Framework (<c>net451</c>, <c>net48</c>); anything else is not .NET Framework.</summary>
    private static TargetFrameworkInfo? ParseShortName(string tfm)
    {
        if (tfm.Length is >= 5 and <= 6 && tfm.StartsWith("net", StringComparison.OrdinalIgnoreCase) && tfm.Skip(3).All(char.IsDigit))
        {
            var digits = tfm.Substring(3);
            var version = digits.Length == 2
                ? new Version(digits[0] - '0', digits[1] - '0')
                : new Version(digits[0] - '0', digits[1] - '0', digits[2] - '0');
            return new TargetFrameworkInfo(version.Major <= 4, version);
        }

        return null;
    }

    private static Version? ParseVersion(string text)
        => Version.TryParse(text, out var version) ? version
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0) : null;
}
