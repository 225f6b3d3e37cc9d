using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// A reading of a <see cref="PackageInventory"/> started ahead of time on a thread-pool thread, so
/// that it overlaps other work (in the build: the compiler, which runs in its own process while the
/// MSBuild node waits), and taken when the SBOM is written.
/// </summary>
/// <remarks>
/// The result is used only while it is still what the assets file says: <see cref="Take"/> compares
/// the assets file's identity (path, length, last write time) with the one seen when the reading
/// started, and a changed file, or a reading that failed unexpectedly, gives null so that the
/// caller reads the file itself. Diagnostics of the reading are kept and handed over in their
/// order when the result is taken, so the build reports exactly what a direct reading would.
/// </remarks>
public sealed class PackageInventoryPreload
{
    private readonly string? _key;
    private readonly Task<(PackageInventory Inventory, IReadOnlyList<EvidenceDiagnostic> Diagnostics)> _reading;

    private PackageInventoryPreload(string? key, Task<(PackageInventory, IReadOnlyList<EvidenceDiagnostic>)> reading)
    {
        _key = key;
        _reading = reading;
    }

    /// <summary>True once the reading has finished (successfully or not).</summary>
    public bool IsCompleted => _reading.IsCompleted;

    /// <summary>True when this reading was started for the assets file as it is now, and this target.</summary>
    public bool IsFor(string assetsFile, string targetFramework, string? runtimeIdentifier)
        => _key is not null && _key == PackageInventoryCache.Key(assetsFile, targetFramework, runtimeIdentifier);

    /// <summary>
    /// Starts reading the inventory of <paramref name="assetsFile"/>'s target in the background. The
    /// path is made absolute first: the process's current directory may change before the reading
    /// runs (an MSBuild node builds other projects while csc works).
    /// </summary>
    public static PackageInventoryPreload Start(string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        assetsFile = Path.GetFullPath(assetsFile);
        var key = PackageInventoryCache.Key(assetsFile, targetFramework, runtimeIdentifier);
        var reading = Task.Run(() =>
        {
            var diagnostics = new DiagnosticBag();
            var inventory = PackageInventory.Read(assetsFile, targetFramework, runtimeIdentifier, diagnostics);
            return (inventory, diagnostics.Items);
        });
        return new PackageInventoryPreload(key, reading);
    }

    /// <summary>
    /// The inventory from <paramref name="preload"/> when it is current (see <see cref="Take"/>),
    /// otherwise read now with <see cref="PackageInventory.Read"/>.
    /// </summary>
    public static PackageInventory TakeOrRead(PackageInventoryPreload? preload, string assetsFile, string targetFramework, string? runtimeIdentifier, DiagnosticBag diagnostics)
        => preload?.Take(assetsFile, targetFramework, runtimeIdentifier, diagnostics)
            ?? PackageInventory.Read(assetsFile, targetFramework, runtimeIdentifier, diagnostics);

    /// <summary>
    /// Waits for the reading and returns its inventory, adding its diagnostics to
    /// <paramref name="diagnostics"/>; null (and nothing added) when it was started for another
    /// assets file or target, the assets file has changed since, or the reading failed.
    /// </summary>
    public PackageInventory? Take(string assetsFile, string targetFramework, string? runtimeIdentifier, DiagnosticBag diagnostics)
    {
        if (!IsFor(assetsFile, targetFramework, runtimeIdentifier))
        {
            return null;
        }

        (PackageInventory Inventory, IReadOnlyList<EvidenceDiagnostic> Diagnostics) result;
        try
        {
            result = _reading.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Read again on the caller's thread, where a failure is reported as the step's own.
            return null;
        }

        // The file must not have changed while it was being read either.
        if (!IsFor(assetsFile, targetFramework, runtimeIdentifier))
        {
            return null;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        return new PackageInventory { Graph = result.Inventory.Graph, Packages = result.Inventory.Packages, Source = PackageInventorySource.Preload };
    }
}
