using System.Globalization;
using NuGet.Common;
using NuGet.ProjectModel;
using NuGet.Versioning;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>All end-to-end tests share one packed package and run one after another (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Packed BuildGuard";
}

/// <summary>
/// Packs QuantLayer.BuildGuard and the buildguard tool from this repository once, with a unique
/// prerelease version, into a local feed; installs the tool; and gives tests a way to build
/// projects against it with an isolated NUGET_PACKAGES folder (so no stale package from an
/// earlier run can be picked up; the machine's global folder is only a read-only fallback for
/// third-party packages).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private readonly TempDirectory _root = new("bg-e2e");

    /// <summary>Packs and installs.</summary>
    public PackageFixture()
    {
        Version = NewVersion();
        Feed = _root.Combine("feed");
        PackagesFolder = _root.Combine("packages");
        ToolFolder = _root.Combine("tools");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);

        PackRepositoryProject(RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "QuantLayer.BuildGuard.csproj"), "pack QuantLayer.BuildGuard");
        PackRepositoryProject(RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard.Cli", "QuantLayer.BuildGuard.Cli.csproj"), "pack the buildguard tool");
        PackagePath = Path.Combine(Feed, "QuantLayer.BuildGuard." + Version + ".nupkg");

        // The supplier's signing key, as a CI secret would provide it (a PEM in the environment):
        // every Release build of the tests is signed. Its public key is what operators verify with.
        using (var key = Evidence.Signing.Keys.EcPrivateKey.Generate())
        {
            SigningKeyPem = key.ToPem();
            PublicKeyPath = _root.Combine("supplier.pub");
            File.WriteAllText(PublicKeyPath, key.PublicKey.ToPem());
        }

        var install = ProcessRunner.Run(
            "dotnet",
            new[] { "tool", "install", "QuantLayer.BuildGuard.Tool", "--version", Version, "--tool-path", ToolFolder, "--add-source", Feed },
            _root.Path,
            Environment);
        Check(install, "install the buildguard tool");
    }

    /// <summary>The unique version of this run's packages.</summary>
    public string Version { get; }

    /// <summary>The local feed holding the packages.</summary>
    public string Feed { get; }

    /// <summary>The isolated NUGET_PACKAGES folder.</summary>
    public string PackagesFolder { get; }

    /// <summary>Where the buildguard tool is installed.</summary>
    public string ToolFolder { get; }

    /// <summary>The QuantLayer.BuildGuard nupkg.</summary>
    public string PackagePath { get; }

    /// <summary>The signing key (PEM) every build gets in BUILDGUARD_SIGNING_KEY.</summary>
    public string SigningKeyPem { get; }

    /// <summary>The public key of <see cref="SigningKeyPem"/> (PEM file).</summary>
    public string PublicKeyPath { get; }

    /// <summary>The environment every build of the tests runs with.</summary>
    public IDictionary<string, string?> Environment => new Dictionary<string, string?>(RepositoryBuildEnvironment)
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["BuildGuardPackageVersion"] = Version,
        ["UseSharedCompilation"] = "false",
        // Builds in the tests are local builds: CI detection must not leak in from the test host.
        ["CI"] = null,
        ["TF_BUILD"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["GITLAB_CI"] = null,
        ["JENKINS_URL"] = null,
        ["SOURCE_DATE_EPOCH"] = null,
        ["BUILDGUARD_SIGNING_KEY"] = SigningKeyPem,
        ["BUILDGUARD_SIGNING_PASSPHRASE"] = null,
    };

    /// <summary>A new empty workspace folder with a nuget.config that resolves BuildGuard from the feed.</summary>
    public string CreateWorkspace(string name)
    {
        var directory = _root.Combine("work", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        Directory.CreateDirectory(directory);
        WriteNuGetConfig(directory);
        return directory;
    }

    /// <summary>Writes the nuget.config of a workspace: the local feed for QuantLayer.*, nuget.org for the rest.</summary>
    public void WriteNuGetConfig(string directory)
    {
        var fallback = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                <add key="buildguard-e2e" value="{Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="buildguard-e2e"><package pattern="QuantLayer.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{fallback}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>
    /// Copies the sample solution into a new git repository (one commit, fixed author and date,
    /// origin set to the sample's repository URL) and returns its folder.
    /// </summary>
    public string CreateSampleRepository(string name)
    {
        var directory = _root.Combine("work", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        CopyTracked(RepoPaths.Combine("samples", "ControllerGateway"), directory);
        WriteNuGetConfig(directory);
        InitRepository(directory);
        return directory;
    }

    /// <summary>Makes a folder a git repository with one deterministic commit and an origin URL.</summary>
    public static void InitRepository(string directory)
    {
        ProcessRunner.InitRepository(directory);
        ProcessRunner.Git(directory, "remote", "add", "origin", "https://github.com/contoso/controller-gateway.git");
    }

    /// <summary>Runs dotnet in a folder with the fixture's environment.</summary>
    public ProcessResult DotNet(string workingDirectory, params string[] arguments)
        => ProcessRunner.Run("dotnet", arguments, workingDirectory, Environment);

    /// <summary>Runs the installed buildguard tool.</summary>
    public ProcessResult BuildGuard(string workingDirectory, params string[] arguments)
        => ProcessRunner.Run(Path.Combine(ToolFolder, "buildguard"), arguments, workingDirectory, Environment);

    /// <inheritdoc />
    public void Dispose() => _root.Dispose();

    /// <summary>
    /// A prerelease version no earlier run used: the time and a random tag. Every SemVer identifier
    /// must be valid, and a numeric one may not start with 0: with a tag such as "012345" NuGet's
    /// restore fails with MSB4181 and says why only in project.assets.json (NU1105). The tag
    /// therefore starts with a letter, and the result is checked with NuGet's own parser.
    /// </summary>
    internal static string NewVersion()
    {
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".r" + Guid.NewGuid().ToString("N").Substring(0, 6);
        return NuGetVersion.TryParse(version, out _) ? version : throw new InvalidOperationException($"'{version}' is not a NuGet version.");
    }

    /// <summary>
    /// The errors and warnings NuGet wrote into a project's assets file. A restore that fails while
    /// reading the project (NU1105) shows nothing else: the console only says MSB4181.
    /// </summary>
    internal static IReadOnlyList<string> RestoreMessages(string project)
    {
        var assets = Path.Combine(Path.GetDirectoryName(project)!, "obj", LockFileFormat.AssetsFileName);
        if (!File.Exists(assets))
        {
            return new[] { "(no " + assets + ")" };
        }

        var lockFile = LockFileUtilities.GetLockFile(assets, NullLogger.Instance);
        return lockFile is null
            ? new[] { "(" + assets + " could not be read)" }
            : lockFile.LogMessages.Select(m => $"{m.Level} {m.Code}: {m.Message}").ToList();
    }

    /// <summary>
    /// Packs a project of this repository into the feed with this run's version. The pack runs in
    /// its own MSBuild process (no reused nodes, no build server), like the workspaces' builds. If
    /// it fails, the message carries what NuGet recorded in the assets file as well as the output.
    /// </summary>
    private void PackRepositoryProject(string project, string what)
    {
        var result = ProcessRunner.Run("dotnet", new[] { "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nologo" }, RepoPaths.Root, RepositoryBuildEnvironment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not {what} (exit code {result.ExitCode}):\n{result.All}\nNuGet's messages in the assets file:\n  {string.Join("\n  ", RestoreMessages(project))}");
        }
    }

    /// <summary>
    /// Every dotnet process of the tests runs in a fresh MSBuild process (no reused nodes, no build
    /// server) and quietly; the packs of this repository's projects use just this (and the machine's
    /// own NuGet folder), the workspaces' builds add <see cref="Environment"/>'s settings.
    /// </summary>
    internal static IDictionary<string, string?> RepositoryBuildEnvironment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
    };

    private static void Check(ProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not {what} (exit code {result.ExitCode}):\n{result.All}");
        }
    }

    /// <summary>Copies the files git tracks (or, outside git, everything but bin/obj).</summary>
    private static void CopyTracked(string source, string destination)
    {
        var listed = ProcessRunner.Run("git", new[] { "ls-files", "--cached", "--others", "--exclude-standard", "." }, source);
        IEnumerable<string> files = listed.ExitCode == 0
            ? listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim())
            : Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(source, f))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"));
        foreach (var relative in files)
        {
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(source, relative), target, overwrite: true);
        }
    }
}
