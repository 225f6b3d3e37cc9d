using System.Reflection;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>Facts about this build of BuildGuard.</summary>
internal static class ThisAssembly
{
    /// <summary>The informational version (package version, without the commit suffix).</summary>
    public static string InformationalVersion { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version.Substring(0, plus) : version;
    }
}
