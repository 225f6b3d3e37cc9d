using System.Reflection;

namespace QuantLayer.BuildGuard.Evidence;

/// <summary>The BuildGuard version that evidence files record (the tasks' and the CLI's).</summary>
public static class ProductVersion
{
    /// <summary>
    /// The informational version of <paramref name="assembly"/> (the package version) without the
    /// <c>+commit</c> suffix the SDK appends; "0.0.0" when it has none.
    /// </summary>
    public static string Of(Assembly assembly)
        => WithoutCommit(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>An informational version without its <c>+commit</c> suffix; "0.0.0" for none.</summary>
    internal static string WithoutCommit(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return "0.0.0";
        }

        var plus = version!.IndexOf('+');
        return plus >= 0 ? version.Substring(0, plus) : version;
    }
}
