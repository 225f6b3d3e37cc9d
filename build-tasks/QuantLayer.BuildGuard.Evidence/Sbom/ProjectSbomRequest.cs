using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>A licence the user concluded for a package (item <c>BuildGuardPackageLicense</c>).</summary>
/// <param name="PackageId">The package id (case-insensitive).</param>
/// <param name="Version">The version it applies to, or null for every version.</param>
/// <param name="Expression">The SPDX expression.</param>
public sealed record LicenseOverride(string PackageId, string? Version, SpdxExpression Expression);

/// <summary>Everything the build knows about a project that the SBOM of one target framework needs.</summary>
public sealed class ProjectSbomRequest
{
    /// <summary>project.assets.json.</summary>
    public required string AssetsFile { get; init; }

    /// <summary>The TargetFramework being built (alias, e.g. <c>net8.0</c>).</summary>
    public required string TargetFramework { get; init; }

    /// <summary>The RuntimeIdentifier, if any.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>The project's package id (the subject's name).</summary>
    public required string Name { get; init; }

    /// <summary>The project's package version.</summary>
    public string? Version { get; init; }

    /// <summary>True for an executable project.</summary>
    public bool IsApplication { get; init; }

    /// <summary>True for a test project: nothing in its graph ships.</summary>
    public bool IsTestProject { get; init; }

    /// <summary>The built assembly (hashed into the subject), if it exists.</summary>
    public string? AssemblyPath { get; init; }

    /// <summary>Description ($(Description)).</summary>
    public string? Description { get; init; }

    /// <summary>Authors ($(Authors)).</summary>
    public string? Authors { get; init; }

    /// <summary>Copyright ($(Copyright)).</summary>
    public string? Copyright { get; init; }

    /// <summary>$(PackageLicenseExpression).</summary>
    public string? LicenseExpression { get; init; }

    /// <summary>$(PackageProjectUrl).</summary>
    public string? ProjectUrl { get; init; }

    /// <summary>$(RepositoryUrl).</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>The source commit.</summary>
    public string? RepositoryCommit { get; init; }

    /// <summary>Built assemblies of referenced projects, by the full path of the project file.</summary>
    public IReadOnlyDictionary<string, string> ProjectReferenceAssemblies { get; init; } = new Dictionary<string, string>();

    /// <summary>Licences the user concluded.</summary>
    public IReadOnlyList<LicenseOverride> LicenseOverrides { get; init; } = Array.Empty<LicenseOverride>();

    /// <summary>
    /// Where to keep what restore resolved between builds (see <see cref="NuGet.PackageInventoryCache"/>),
    /// e.g. <c>obj/Debug/net8.0/App.sbom.cache</c>; null reads project.assets.json every time.
    /// </summary>
    public string? InventoryCacheFile { get; init; }

    /// <summary>
    /// A reading of the inventory started earlier in the build (see
    /// <see cref="NuGet.PackageInventoryPreload"/>), used when the cache is not current; null reads
    /// project.assets.json when needed.
    /// </summary>
    public NuGet.PackageInventoryPreload? InventoryPreload { get; init; }

    /// <summary>SOURCE_DATE_EPOCH, if known.</summary>
    public long? Timestamp { get; init; }

    /// <summary>Tools to record (BuildGuard, the SDK).</summary>
    public IReadOnlyList<SbomTool> Tools { get; init; } = Array.Empty<SbomTool>();
}
