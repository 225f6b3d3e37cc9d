using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// What one package's folder says about it: the SHA-512 of its .nupkg and its nuspec metadata, with
/// the problems found reading them. It depends on the package alone (package folders are immutable
/// once NuGet has extracted them), not on the project that uses it.
/// </summary>
public sealed class PackageFacts
{
    /// <summary>The package id as restore resolved it.</summary>
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-512 of the .nupkg, from <c>.nupkg.sha512</c>; null when unreadable.</summary>
    public string? Sha512 { get; init; }

    /// <summary>The nuspec's metadata; null when the folder or nuspec could not be read.</summary>
    public NuspecMetadata? Nuspec { get; init; }

    /// <summary>Problems with the folder itself (QLB3012–QLB3014): it is missing, incomplete or was replaced.</summary>
    public IReadOnlyList<EvidenceDiagnostic> FolderDiagnostics { get; init; } = Array.Empty<EvidenceDiagnostic>();

    /// <summary>Problems with the nuspec (QLB3015–QLB3017); the licence ones give way to a licence the user concluded.</summary>
    public IReadOnlyList<EvidenceDiagnostic> NuspecDiagnostics { get; init; } = Array.Empty<EvidenceDiagnostic>();
}

/// <summary>Where a <see cref="PackageInventory"/> came from.</summary>
public enum PackageInventorySource
{
    /// <summary>Read from project.assets.json and the package folders when the SBOM was written.</summary>
    Read,

    /// <summary>From the inventory cache in obj/ (<see cref="PackageInventoryCache"/>).</summary>
    Cache,

    /// <summary>Read earlier in the build, while the project compiled (<see cref="PackageInventoryPreload"/>).</summary>
    Preload,
}

/// <summary>
/// Everything the SBOM takes from restore for one target: the graph from project.assets.json and
/// the facts of every package from its folder. It does not depend on the project's own properties,
/// so <see cref="PackageInventoryCache"/> can keep it between builds.
/// </summary>
public sealed class PackageInventory
{
    /// <summary>The restore graph of the target.</summary>
    public required RestoreGraph Graph { get; init; }

    /// <summary>The facts of every package library of the graph, by library name.</summary>
    public IReadOnlyDictionary<string, PackageFacts> Packages { get; init; } = new Dictionary<string, PackageFacts>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the inventory came from.</summary>
    public PackageInventorySource Source { get; init; }

    /// <summary>True when the inventory came from the cache rather than from the assets file.</summary>
    public bool FromCache => Source == PackageInventorySource.Cache;

    /// <summary>
    /// Reads the graph of <paramref name="targetFramework"/> from <paramref name="assetsFile"/> with
    /// NuGet's reader and every package folder (in parallel). Problems with the assets file go to
    /// <paramref name="diagnostics"/>; problems with a package stay in its <see cref="PackageFacts"/>.
    /// </summary>
    public static PackageInventory Read(string assetsFile, string targetFramework, string? runtimeIdentifier, DiagnosticBag diagnostics)
    {
        var graph = AssetsFileReader.Read(assetsFile, targetFramework, runtimeIdentifier, diagnostics);
        var packages = graph.Libraries.Values.Where(l => !l.IsProject).ToList();
        var facts = new PackageFacts[packages.Count];
        Parallel.For(0, packages.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(4, Environment.ProcessorCount)) }, i =>
            facts[i] = ReadPackage(packages[i], graph, assetsFile));
        return new PackageInventory
        {
            Graph = graph,
            Packages = facts.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase),
        };
    }

    private static PackageFacts ReadPackage(RestoredLibrary library, RestoreGraph graph, string assetsFile)
    {
        var label = library.Name + " " + library.Version;
        var folder = FindPackageFolder(library, graph);
        var folderDiagnostics = new DiagnosticBag();
        if (folder is null)
        {
            folderDiagnostics.Warning(
                BuildDiagnosticIds.SbomPackageFolderMissing,
                $"{label} was resolved by restore but is in none of the package folders ({string.Join(", ", graph.PackageFolders)}). The SBOM lists it without its hash, licence and metadata. Restore again (the packages folder may have been cleaned).",
                assetsFile);
            return new PackageFacts { Name = library.Name, FolderDiagnostics = folderDiagnostics.Items };
        }

        // <id>.<version>.nupkg.sha512 holds the SHA-512 of the .nupkg file as NuGet downloaded and
        // verified it (nuget.org publishes the same value); project.assets.json records the
        // package's content hash instead, which .nupkg.metadata repeats.
        var hashFile = Path.Combine(folder, library.Name.ToLowerInvariant() + "." + library.Version.ToLowerInvariant() + ".nupkg.sha512");
        if (!File.Exists(hashFile))
        {
            hashFile = Directory.EnumerateFiles(folder, "*.nupkg.sha512").FirstOrDefault() ?? hashFile;
        }

        var sha512 = ReadSha512File(hashFile);
        if (sha512 is null)
        {
            folderDiagnostics.Warning(
                BuildDiagnosticIds.SbomPackageHashMissing,
                $"The package folder of {label} ('{folder}') has no readable .nupkg.sha512, so the SBOM lists the package without its SHA-512. The folder was not fully installed by NuGet or was changed afterwards: delete it and restore again.",
                hashFile);
        }

        var metadataFile = Path.Combine(folder, ".nupkg.metadata");
        var contentHash = ReadContentHash(metadataFile);
        if (contentHash is not null && library.Sha512 is not null && !string.Equals(contentHash, library.Sha512.Trim(), StringComparison.Ordinal))
        {
            folderDiagnostics.Warning(
                BuildDiagnosticIds.SbomPackageHashMismatch,
                $"The package folder of {label} holds a package whose content hash ({metadataFile}) differs from the one restore recorded in project.assets.json: the folder was replaced after restore. The SBOM records the package in the folder, which is what was built against. Delete the folder, restore again, and find out who changed it.",
                metadataFile);
        }

        var nuspec = Path.Combine(folder, library.Name.ToLowerInvariant() + ".nuspec");
        if (!File.Exists(nuspec))
        {
            nuspec = Directory.EnumerateFiles(folder, "*.nuspec").FirstOrDefault() ?? nuspec;
        }

        var nuspecDiagnostics = new DiagnosticBag();
        var metadata = NuspecMetadata.Read(nuspec, label, nuspecDiagnostics);
        return new PackageFacts
        {
            Name = library.Name,
            Sha512 = sha512,
            Nuspec = metadata,
            FolderDiagnostics = folderDiagnostics.Items,
            NuspecDiagnostics = nuspecDiagnostics.Items,
        };
    }

    private static string? FindPackageFolder(RestoredLibrary library, RestoreGraph graph)
    {
        var relative = library.Path ?? (library.Name.ToLowerInvariant() + "/" + library.Version.ToLowerInvariant());
        foreach (var root in graph.PackageFolders)
        {
            var candidate = Path.Combine(root, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? ReadSha512File(string path)
    {
        try
        {
            return Sha512Hex(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadContentHash(string metadataFile)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(metadataFile));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("contentHash", out var hash) && hash.ValueKind == JsonValueKind.String
                ? hash.GetString()!.Trim()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Base64 SHA-512 (NuGet's form) as lower-case hex, or null when it is not one.</summary>
    public static string? Sha512Hex(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(base64!.Trim());
            return bytes.Length == 64 ? Hex.Lower(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
