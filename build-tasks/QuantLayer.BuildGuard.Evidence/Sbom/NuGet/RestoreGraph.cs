namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>A package or project that restore resolved for one target framework.</summary>
public sealed class RestoredLibrary
{
    /// <summary>Package id or project name, as the assets file spells it.</summary>
    public required string Name { get; init; }

    /// <summary>Normalized version.</summary>
    public required string Version { get; init; }

    /// <summary>True for a project reference, false for a package.</summary>
    public bool IsProject { get; init; }

    /// <summary>SHA-512 of the nupkg (base64) as restore recorded it, or null.</summary>
    public string? Sha512 { get; init; }

    /// <summary>Folder of the package relative to a package folder (<c>id/version</c>), or the project path relative to the restored project.</summary>
    public string? Path { get; init; }

    /// <summary>Names of the libraries this one depends on (in this target).</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = Array.Empty<string>();

    /// <summary>True when the library puts run-time files (assemblies, native libraries, resources) into the output.</summary>
    public bool HasRuntimeAssets { get; init; }
}

/// <summary>A direct dependency of the restored project.</summary>
public sealed class DirectDependency
{
    /// <summary>Package id or project name.</summary>
    public required string Name { get; init; }

    /// <summary>True for a project reference.</summary>
    public bool IsProject { get; init; }

    /// <summary>True when <c>PrivateAssets="all"</c>: nothing of it flows to the project's consumers.</summary>
    public bool PrivateAssetsAll { get; init; }

    /// <summary>True when the project consumes the dependency's run-time assets (IncludeAssets has runtime or native).</summary>
    public bool IncludesRuntime { get; init; } = true;
}

/// <summary>
/// What restore resolved for one target framework (and runtime) of a project, read from
/// project.assets.json: the libraries with their edges, the project's direct dependencies and the
/// package folders. <see cref="Complete"/> is false when the file could not be fully read.
/// </summary>
public sealed class RestoreGraph
{
    /// <summary>The restored project's name (its package id).</summary>
    public string? ProjectName { get; init; }

    /// <summary>The restored project's version.</summary>
    public string? ProjectVersion { get; init; }

    /// <summary>The folder of the restored project (to resolve project references' relative paths).</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>The libraries of the target, by name (case-insensitive, as NuGet compares ids).</summary>
    public IReadOnlyDictionary<string, RestoredLibrary> Libraries { get; init; } = new Dictionary<string, RestoredLibrary>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The project's direct dependencies (packages and project references) for the target.</summary>
    public IReadOnlyList<DirectDependency> DirectDependencies { get; init; } = Array.Empty<DirectDependency>();

    /// <summary>The package folders, global packages folder first, then fallback folders.</summary>
    public IReadOnlyList<string> PackageFolders { get; init; } = Array.Empty<string>();

    /// <summary>False when the assets file was missing, corrupt or had no target for the framework.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>An empty, incomplete graph (nothing could be read).</summary>
    public static RestoreGraph Unknown { get; } = new() { Complete = false };
}
