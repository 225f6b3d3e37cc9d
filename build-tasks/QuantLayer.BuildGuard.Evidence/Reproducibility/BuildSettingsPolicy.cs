using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Reproducibility;

/// <summary>The build settings that decide whether a build can be reproduced.</summary>
public sealed class BuildSettings
{
    /// <summary>The project file.</summary>
    public required string ProjectFile { get; init; }

    /// <summary>Configuration being built.</summary>
    public string Configuration { get; init; } = "Debug";

    /// <summary>Value of <c>Deterministic</c>.</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>Value of <c>ContinuousIntegrationBuild</c>.</summary>
    public bool ContinuousIntegrationBuild { get; init; }

    /// <summary>Value of <c>RestorePackagesWithLockFile</c>.</summary>
    public bool RestorePackagesWithLockFile { get; init; }

    /// <summary>The lock file path (<c>NuGetLockFilePath</c>, default packages.lock.json beside the project).</summary>
    public string? LockFilePath { get; init; }

    /// <summary>Value of <c>RestoreLockedMode</c>.</summary>
    public bool RestoreLockedMode { get; init; }

    /// <summary>True when the build runs on a CI server.</summary>
    public bool IsCiServer { get; init; }
}

/// <summary>
/// Checks a Release build's settings for what breaks reproducibility: determinism turned off
/// (QLB3001), no SDK pinned in global.json (QLB3002), no NuGet lock file (QLB3003), a lock file
/// not enforced on the CI server (QLB3004). Each message says what to change.
/// </summary>
public static class BuildSettingsPolicy
{
    /// <summary>Checks the settings.</summary>
    public static void Check(BuildSettings settings, DiagnosticBag diagnostics)
    {
        var project = settings.ProjectFile;
        if (!settings.Deterministic)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.DeterminismDisabled,
                $"The {settings.Configuration} build sets Deterministic=false, so two builds of the same commit give different assemblies. Remove the setting (BuildGuard turns determinism on for Release builds).",
                project);
        }
        else if (!settings.ContinuousIntegrationBuild)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.DeterminismDisabled,
                $"The {settings.Configuration} build sets ContinuousIntegrationBuild=false, so the pdb and the assembly keep this machine's absolute source paths. Remove the setting (BuildGuard sets it for Release builds).",
                project);
        }

        CheckGlobalJson(Path.GetDirectoryName(Path.GetFullPath(project))!, project, diagnostics);

        var lockFile = settings.LockFilePath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(project))!, "packages.lock.json");
        if (!settings.RestorePackagesWithLockFile && !File.Exists(lockFile))
        {
            diagnostics.Warning(
                BuildDiagnosticIds.NoLockFile,
                "The project has no NuGet lock file, so a restore on another day can resolve other package versions. Set <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile> (in Directory.Build.props for all projects), restore, and commit packages.lock.json.",
                project);
        }
        else if (settings.IsCiServer && !settings.RestoreLockedMode)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.LockFileNotEnforced,
                "This CI build does not enforce the NuGet lock file, so it may silently resolve other versions than the ones committed. Restore with --locked-mode, or set <RestoreLockedMode Condition=\"'$(CI)' == 'true'\">true</RestoreLockedMode>.",
                project);
        }
    }

    /// <summary>Finds the global.json that applies to a folder and checks that it pins an SDK version.</summary>
    public static void CheckGlobalJson(string directory, string project, DiagnosticBag diagnostics)
    {
        string? globalJson = null;
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "global.json");
            if (File.Exists(candidate))
            {
                globalJson = candidate;
                break;
            }
        }

        if (globalJson is null)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SdkNotPinned,
                "No global.json pins the .NET SDK, so the build uses whatever SDK the machine has and another machine can produce other bits. Add a global.json at the repository root: dotnet new globaljson --sdk-version <version> --roll-forward latestFeature.",
                project);
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(globalJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("sdk", out var sdk) || sdk.ValueKind != JsonValueKind.Object
                || !sdk.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(version.GetString()))
            {
                diagnostics.Warning(
                    BuildDiagnosticIds.SdkNotPinned,
                    "global.json does not pin an SDK version (\"sdk\": { \"version\": \"...\" }). Add one, for example with: dotnet new globaljson --sdk-version <version> --roll-forward latestFeature --force.",
                    globalJson,
                    1);
                return;
            }

            if (sdk.TryGetProperty("rollForward", out var roll) && roll.ValueKind == JsonValueKind.String
                && roll.GetString() is "latestMajor")
            {
                diagnostics.Warning(
                    BuildDiagnosticIds.SdkNotPinned,
                    "global.json sets \"rollForward\": \"latestMajor\", which accepts any newer SDK, so the SDK is not pinned. Use \"latestFeature\" or \"latestPatch\".",
                    globalJson,
                    LineOf(globalJson, "rollForward"));
            }
        }
        catch (JsonException ex)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.SdkNotPinned,
                $"global.json is not valid JSON ({ex.Message}), so the SDK version it should pin is unknown. Fix the file.",
                globalJson,
                (int)(ex.LineNumber ?? 0) + 1);
        }
        catch (IOException ex)
        {
            diagnostics.Warning(BuildDiagnosticIds.InputUnreadable, $"Cannot read global.json: {ex.Message}", globalJson);
        }
    }

    private static int LineOf(string file, string text)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(text))
            {
                return i + 1;
            }
        }

        return 1;
    }

    /// <summary>True when well-known CI environment variables say the build runs on a CI server.</summary>
    public static bool DetectCiServer(Func<string, string?> environment)
    {
        static bool Set(string? value) => !string.IsNullOrEmpty(value) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
        return Set(environment("CI")) || Set(environment("TF_BUILD")) || Set(environment("GITHUB_ACTIONS"))
            || Set(environment("GITLAB_CI")) || Set(environment("JENKINS_URL")) || Set(environment("TEAMCITY_VERSION"))
            || Set(environment("BUILDKITE")) || Set(environment("CIRCLECI")) || Set(environment("APPVEYOR"));
    }
}
