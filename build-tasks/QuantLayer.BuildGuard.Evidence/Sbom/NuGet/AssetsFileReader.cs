using NuGet.Common;
using NuGet.LibraryModel;
using NuGet.ProjectModel;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// Reads project.assets.json with NuGet's own reader (<see cref="LockFileFormat"/>) and returns the
/// graph of one target framework (and runtime identifier). A missing or corrupt file is a QLB3010
/// error and a missing target a QLB3011 error, each naming the file; the result is then an
/// incomplete graph with what could be read, never an exception.
/// </summary>
public static class AssetsFileReader
{
    /// <summary>Reads the graph of <paramref name="targetFramework"/> (the TargetFramework alias, e.g. <c>net8.0</c>).</summary>
    public static RestoreGraph Read(string assetsFile, string targetFramework, string? runtimeIdentifier, DiagnosticBag diagnostics)
    {
        if (!File.Exists(assetsFile))
        {
            diagnostics.Error(
                BuildDiagnosticIds.SbomAssetsFileUnreadable,
                $"The NuGet assets file '{assetsFile}' does not exist, so the SBOM cannot list the packages. Run 'dotnet restore' (or build without --no-restore) and build again. The SBOM was written with the project alone and marked incomplete.",
                assetsFile);
            return RestoreGraph.Unknown;
        }

        var logger = new CollectingLogger();
        LockFile lockFile;
        try
        {
            lockFile = new LockFileFormat().Read(assetsFile, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            logger.Errors.Add(ex.Message);
            lockFile = new LockFile();
        }

        if (logger.Errors.Count > 0 || lockFile.Version <= 0)
        {
            diagnostics.Error(
                BuildDiagnosticIds.SbomAssetsFileUnreadable,
                $"The NuGet assets file '{assetsFile}' cannot be read: {string.Join(" ", logger.Errors.DefaultIfEmpty("it is not a valid assets file."))} Delete the obj folder and restore again. The SBOM was written with the project alone and marked incomplete.",
                assetsFile);
            return RestoreGraph.Unknown;
        }

        var spec = lockFile.PackageSpec;
        var frameworkInfo = spec?.TargetFrameworks.FirstOrDefault(f => string.Equals(f.TargetAlias, targetFramework, StringComparison.OrdinalIgnoreCase));
        var rid = string.IsNullOrWhiteSpace(runtimeIdentifier) ? null : runtimeIdentifier;
        var target = frameworkInfo is null ? null
            : lockFile.Targets.FirstOrDefault(t => t.TargetFramework.Equals(frameworkInfo.FrameworkName) && string.Equals(t.RuntimeIdentifier, rid, StringComparison.OrdinalIgnoreCase))
              ?? (rid is null ? null : lockFile.Targets.FirstOrDefault(t => t.TargetFramework.Equals(frameworkInfo.FrameworkName) && t.RuntimeIdentifier is null));
        if (target is null)
        {
            var available = string.Join(", ", lockFile.Targets.Select(t => t.Name));
            diagnostics.Error(
                BuildDiagnosticIds.SbomTargetMissing,
                $"The NuGet assets file '{assetsFile}' has no restore result for '{targetFramework}{(rid is null ? string.Empty : "/" + rid)}' (it has: {(available.Length == 0 ? "none" : available)}). Restore again for this target framework and runtime, then build. The SBOM was written with the project alone and marked incomplete.",
                assetsFile);
            return new RestoreGraph { ProjectName = spec?.Name, ProjectVersion = spec?.Version?.ToNormalizedString(), Complete = false };
        }

        var libraryInfo = new Dictionary<string, LockFileLibrary>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in lockFile.Libraries)
        {
            libraryInfo[library.Name + "/" + library.Version.ToNormalizedString()] = library;
        }

        var libraries = new Dictionary<string, RestoredLibrary>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.Libraries)
        {
            if (library.Name is null || library.Version is null)
            {
                continue;
            }

            var version = library.Version.ToNormalizedString();
            libraryInfo.TryGetValue(library.Name + "/" + version, out var info);
            var isProject = string.Equals(library.Type, LibraryType.Project, StringComparison.OrdinalIgnoreCase)
                || string.Equals(library.Type, LibraryType.ExternalProject, StringComparison.OrdinalIgnoreCase);
            libraries[library.Name] = new RestoredLibrary
            {
                Name = library.Name,
                Version = version,
                IsProject = isProject,
                Sha512 = string.IsNullOrEmpty(info?.Sha512) ? null : info!.Sha512,
                Path = isProject ? info?.MSBuildProject ?? info?.Path : info?.Path,
                Dependencies = library.Dependencies.Select(d => d.Id).ToList(),
                HasRuntimeAssets = HasFiles(library.RuntimeAssemblies) || HasFiles(library.NativeLibraries)
                    || HasFiles(library.ResourceAssemblies) || HasFiles(library.RuntimeTargets),
            };
        }

        var direct = new List<DirectDependency>();
        foreach (var dependency in frameworkInfo!.Dependencies)
        {
            var include = dependency.IncludeType;
            direct.Add(new DirectDependency
            {
                Name = dependency.Name,
                IsProject = false,
                PrivateAssetsAll = dependency.SuppressParent == LibraryIncludeFlags.All,
                IncludesRuntime = (include & (LibraryIncludeFlags.Runtime | LibraryIncludeFlags.Native)) != 0,
            });
        }

        var restoreFramework = spec!.RestoreMetadata?.TargetFrameworks.FirstOrDefault(f => string.Equals(f.TargetAlias, frameworkInfo.TargetAlias, StringComparison.OrdinalIgnoreCase));
        var projectDirectory = spec.RestoreMetadata?.ProjectPath is { Length: > 0 } projectPath ? System.IO.Path.GetDirectoryName(projectPath) : null;
        if (restoreFramework is not null)
        {
            foreach (var reference in restoreFramework.ProjectReferences)
            {
                var name = libraries.Values.FirstOrDefault(l => l.IsProject && l.Path is not null && projectDirectory is not null
                    && SamePath(System.IO.Path.Combine(projectDirectory, l.Path), reference.ProjectPath))?.Name;
                if (name is null)
                {
                    continue;
                }

                var include = reference.IncludeAssets & ~reference.ExcludeAssets;
                direct.Add(new DirectDependency
                {
                    Name = name,
                    IsProject = true,
                    PrivateAssetsAll = reference.PrivateAssets == LibraryIncludeFlags.All,
                    IncludesRuntime = (include & (LibraryIncludeFlags.Runtime | LibraryIncludeFlags.Native)) != 0,
                });
            }
        }

        return new RestoreGraph
        {
            ProjectName = spec.Name,
            ProjectVersion = spec.Version?.ToNormalizedString(),
            ProjectDirectory = projectDirectory,
            Libraries = libraries,
            DirectDependencies = direct,
            PackageFolders = lockFile.PackageFolders.Select(f => f.Path).Where(p => !string.IsNullOrEmpty(p)).ToList(),
        };
    }

    private static bool HasFiles(IList<LockFileItem> items)
        => items.Any(i => !i.Path.EndsWith("/_._", StringComparison.Ordinal) && i.Path != "_._");

    private static bool HasFiles(IList<LockFileRuntimeTarget> items)
        => items.Any(i => !i.Path.EndsWith("/_._", StringComparison.Ordinal) && i.Path != "_._");

    private static bool SamePath(string a, string b)
    {
        var comparison = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), comparison);
    }

    private sealed class CollectingLogger : LoggerBase
    {
        public List<string> Errors { get; } = new();

        public override void Log(ILogMessage message)
        {
            if (message.Level >= LogLevel.Error)
            {
                Errors.Add(message.Message);
            }
        }

        public override Task LogAsync(ILogMessage message)
        {
            Log(message);
            return Task.CompletedTask;
        }
    }
}
