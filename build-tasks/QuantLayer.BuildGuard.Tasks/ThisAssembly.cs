namespace QuantLayer.BuildGuard.Tasks;

/// <summary>Facts about this build of BuildGuard.</summary>
internal static class ThisAssembly
{
    /// <summary>The informational version (package version, without the commit suffix).</summary>
    public static string InformationalVersion { get; } = Evidence.ProductVersion.Of(typeof(ThisAssembly).Assembly);
}
