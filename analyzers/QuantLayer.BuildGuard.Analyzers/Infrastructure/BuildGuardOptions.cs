using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>The BuildGuard profile (<c>BuildGuardProfile</c>).</summary>
internal enum BuildGuardProfile
{
    /// <summary>Security rules are warnings (the default).</summary>
    Recommended,

    /// <summary>Security rules are errors; stricter optional rules are on.</summary>
    Strict,

    /// <summary>Everything is reported, nothing fails the build.</summary>
    Audit,
}

/// <summary>
/// The MSBuild properties the package makes visible to analyzers (<c>CompilerVisibleProperty</c>),
/// read from the global analyzer options as <c>build_property.&lt;Name&gt;</c>.
/// </summary>
internal sealed class BuildGuardOptions
{
    private BuildGuardOptions(bool enabled, BuildGuardProfile profile)
    {
        Enabled = enabled;
        Profile = profile;
    }

    /// <summary>False when <c>BuildGuardEnabled=false</c>: every analyzer does nothing.</summary>
    public bool Enabled { get; }

    /// <summary>The active profile.</summary>
    public BuildGuardProfile Profile { get; }

    /// <summary>Reads the options of a compilation.</summary>
    public static BuildGuardOptions From(AnalyzerOptions options)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var enabled = !global.TryGetValue("build_property.BuildGuardEnabled", out var e)
            || !string.Equals(e.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        var profile = BuildGuardProfile.Recommended;
        if (global.TryGetValue("build_property.BuildGuardProfile", out var p))
        {
            switch (p.Trim().ToUpperInvariant())
            {
                case "STRICT":
                    profile = BuildGuardProfile.Strict;
                    break;
                case "AUDIT":
                    profile = BuildGuardProfile.Audit;
                    break;
            }
        }

        return new BuildGuardOptions(enabled, profile);
    }

    /// <summary>Reads a property the package made visible, or null.</summary>
    public static string? GetProperty(AnalyzerOptions options, string name)
        => options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + name, out var value)
           && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;
}
