using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Starts reading what restore resolved for the SBOM (project.assets.json with NuGet's reader, and
/// every package folder) on a thread-pool thread, before the compiler runs: the MSBuild node only
/// waits while csc works, so the reading overlaps compilation and <see cref="WriteSbom"/>, after
/// Build, takes the result instead of doing it then. The targets run this only when the SBOM will
/// be written because the assets file changed (the first build after a restore), and it reads
/// nothing while WriteSbom's inventory cache is current.
/// </summary>
public sealed class PreloadSbomInventory : BuildGuardTask
{
    /// <summary>$(ProjectAssetsFile).</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>$(TargetFramework).</summary>
    [Required]
    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>$(RuntimeIdentifier).</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>WriteSbom's inventory cache: when it is current (the SBOM alone was deleted), nothing is read.</summary>
    public string? InventoryCacheFile { get; set; }

    /// <summary>The key under which the reading is registered for the rest of the build.</summary>
    internal static string RegistrationKey(string assetsFile, string targetFramework, string? runtimeIdentifier)
        => "QuantLayer.BuildGuard.SbomInventory|" + Path.GetFullPath(assetsFile) + "|" + targetFramework.Trim() + "|" + (runtimeIdentifier?.Trim() ?? string.Empty);

    /// <summary>Takes (and unregisters) the reading started for this target of this build, if any.</summary>
    internal static PackageInventoryPreload? Take(IBuildEngine? buildEngine, string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        if (buildEngine is not IBuildEngine4 engine || string.IsNullOrWhiteSpace(assetsFile))
        {
            return null;
        }

        var key = RegistrationKey(assetsFile, targetFramework, runtimeIdentifier);
        return engine.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build) as PackageInventoryPreload;
    }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        if (BuildEngine is not IBuildEngine4 engine || !File.Exists(AssetsFile))
        {
            return;
        }

        var key = RegistrationKey(AssetsFile, TargetFramework, RuntimeIdentifier);
        if (engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is PackageInventoryPreload)
        {
            return;
        }

        var runtimeIdentifier = string.IsNullOrWhiteSpace(RuntimeIdentifier) ? null : RuntimeIdentifier!.Trim();
        if (!string.IsNullOrWhiteSpace(InventoryCacheFile) && PackageInventoryCache.IsCurrent(InventoryCacheFile!.Trim(), AssetsFile, TargetFramework, runtimeIdentifier))
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: the SBOM's package inventory cache {0} is current; nothing to read ahead", InventoryCacheFile);
            return;
        }

        engine.RegisterTaskObject(key, PackageInventoryPreload.Start(AssetsFile, TargetFramework, runtimeIdentifier), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        Log.LogMessage(MessageImportance.Low, "BuildGuard: reading {0} for the SBOM while the project compiles", AssetsFile);
    }
}
