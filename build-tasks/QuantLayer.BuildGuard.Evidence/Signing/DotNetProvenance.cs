using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>What the build knows about itself, for the provenance of a .NET project's artifacts.</summary>
public sealed class DotNetBuildInfo
{
    /// <summary>The project file (full path); recorded relative to the repository root.</summary>
    public string? ProjectFile { get; init; }

    /// <summary>$(Configuration).</summary>
    public string? Configuration { get; init; }

    /// <summary>$(TargetFramework); empty for a package.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>$(PackageId), for a package.</summary>
    public string? PackageId { get; init; }

    /// <summary>$(PackageVersion), for a package.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>The source repository URL (SourceLink's PrivateRepositoryUrl, or RepositoryUrl); credentials are removed.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>The source commit.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>BuildGuard's version.</summary>
    public string? BuildGuardVersion { get; init; }

    /// <summary>The BuildGuard profile.</summary>
    public string? Profile { get; init; }

    /// <summary>BuildGuardBuilderId: overrides the detected builder id.</summary>
    public string? BuilderId { get; init; }
}

/// <summary>
/// Builds the SLSA provenance of BuildGuard's .NET build type
/// (<see cref="SlsaProvenance.DotNetBuildType"/>, documented in docs/signing.md).
/// Nothing machine-specific goes in: paths are relative to the repository root, URLs lose their
/// credentials, timestamps come from SOURCE_DATE_EPOCH.
/// </summary>
public static class DotNetProvenance
{
    /// <summary>Creates the provenance (without subjects, SBOM byproduct and SBOM packages: <see cref="ArtifactSigner"/> adds those).</summary>
    public static SlsaProvenance Create(DotNetBuildInfo info, Func<string, string?> environment)
    {
        var repository = SanitizeUrl(info.RepositoryUrl);
        var external = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(external, "project", info.ProjectFile is null ? null : RepositoryRelativePath(info.ProjectFile));
        Add(external, "configuration", info.Configuration);
        Add(external, "targetFramework", info.TargetFramework);
        Add(external, "packageId", info.PackageId);
        Add(external, "packageVersion", info.PackageVersion);
        Add(external, "repository", repository);
        Add(external, "commit", info.SourceCommit);

        var internalParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(internalParameters, "dotnetSdkVersion", info.SdkVersion);
        Add(internalParameters, "buildGuardVersion", info.BuildGuardVersion);
        Add(internalParameters, "buildGuardProfile", info.Profile);

        var dependencies = new List<ResourceDescriptor>();
        if (!string.IsNullOrWhiteSpace(info.SourceCommit))
        {
            dependencies.Add(new ResourceDescriptor(
                name: "source",
                uri: repository is null ? null : "git+" + repository,
                digest: new Dictionary<string, string> { ["gitCommit"] = info.SourceCommit!.Trim().ToLowerInvariant() }));
        }

        var builder = BuilderIdentity.Detect(environment, info.BuilderId);
        var version = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(version, "buildguard", info.BuildGuardVersion);
        return new SlsaProvenance
        {
            ExternalParameters = external,
            InternalParameters = internalParameters,
            ResolvedDependencies = dependencies,
            BuilderId = builder.Id,
            BuilderVersion = version,
            InvocationId = builder.InvocationId,
            SourceDateEpoch = info.SourceDateEpoch,
        };
    }

    /// <summary>Removes user name and password from a URL (CI clones often carry a token); null for empty.</summary>
    public static string? SanitizeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var trimmed = url!.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && !uri.IsFile)
        {
            var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
            return builder.Uri.GetComponents(UriComponents.SerializationInfoString, UriFormat.UriEscaped);
        }

        return trimmed;
    }

    /// <summary>A path relative to the root of the git work tree that contains it (with '/'), or the file name outside git.</summary>
    public static string RepositoryRelativePath(string path)
    {
        var full = Path.GetFullPath(path);
        GitRepository? repository;
        try
        {
            repository = GitRepository.Discover(Path.GetDirectoryName(full)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            repository = null;
        }

        return repository is not null && repository.Contains(full)
            ? Manifest.EvidenceManifest.RelativePath(repository.WorkTree, full)
            : Path.GetFileName(full);
    }

    private static void Add(Dictionary<string, string> map, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            map[key] = value!.Trim();
        }
    }
}
