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

    /// <summary>The key under which the reading is registered for the rest of the build; null for a path that is not one.</summary>
    internal static string? RegistrationKey(string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        try
        {
            return "QuantLayer.BuildGuard.SbomInventory|" + Path.GetFullPath(assetsFile) + "|" + targetFramework.Trim() + "|" + (runtimeIdentifier?.Trim() ?? string.Empty);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException or System.Security.SecurityException)
        {
            return null;
        }
    }

    /// <summary>Takes (and unregisters) the reading started for this target of this build, if any.</summary>
    internal static PackageInventoryPreload? Take(IBuildEngine? buildEngine, string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        if (buildEngine is not IBuildEngine4 engine || string.IsNullOrWhiteSpace(assetsFile) || RegistrationKey(assetsFile, targetFramework, runtimeIdentifier) is not { } key)
        {
            return null;
        }

        return engine.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build) as PackageInventoryPreload;
    }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        // Only the SDK's absolute $(ProjectAssetsFile): a relative path would be read later, on
        // another thread, against whatever the current directory is then.
        if (BuildEngine is not IBuildEngine4 engine
            || !Path.IsPathRooted(AssetsFile)
            || !File.Exists(AssetsFile)
            || RegistrationKey(AssetsFile, TargetFramework, RuntimeIdentifier) is not { } key)
        {
            return;
        }

        var runtimeIdentifier = string.IsNullOrWhiteSpace(RuntimeIdentifier) ? null : RuntimeIdentifier!.Trim();
        if (engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is PackageInventoryPreload running)
        {
            if (running.IsFor(AssetsFile, TargetFramework, runtimeIdentifier))
            {
                return;
            }

            engine.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build);
        }

        if (!string.IsNullOrWhiteSpace(InventoryCacheFile) && PackageInventoryCache.IsCurrent(InventoryCacheFile!.Trim(), AssetsFile, TargetFramework, runtimeIdentifier))
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: the SBOM's package inventory cache {0} is current; nothing to read ahead", InventoryCacheFile);
            return;
        }

        engine.RegisterTaskObject(key, PackageInventoryPreload.Start(AssetsFile, TargetFramework, runtimeIdentifier), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        Log.LogMessage(MessageImportance.Low, "BuildGuard: reading {0} for the SBOM while the project compiles", AssetsFile);
    }
}
