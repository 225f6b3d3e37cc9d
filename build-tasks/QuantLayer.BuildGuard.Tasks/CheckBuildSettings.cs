using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Reproducibility;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>Checks a Release build's reproducibility settings (QLB3001–QLB3004).</summary>
public sealed class CheckBuildSettings : BuildGuardTask
{
    /// <summary>The project file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>$(Configuration).</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>$(Deterministic).</summary>
    public string? Deterministic { get; set; }

    /// <summary>$(ContinuousIntegrationBuild).</summary>
    public string? ContinuousIntegrationBuild { get; set; }

    /// <summary>$(RestorePackagesWithLockFile).</summary>
    public string? RestorePackagesWithLockFile { get; set; }

    /// <summary>$(NuGetLockFilePath).</summary>
    public string? LockFilePath { get; set; }

    /// <summary>$(RestoreLockedMode).</summary>
    public string? RestoreLockedMode { get; set; }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        BuildSettingsPolicy.Check(
            new BuildSettings
            {
                ProjectFile = ProjectFile,
                Configuration = Configuration,
                Deterministic = !string.Equals(Deterministic?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
                ContinuousIntegrationBuild = IsTrue(ContinuousIntegrationBuild),
                RestorePackagesWithLockFile = IsTrue(RestorePackagesWithLockFile),
                LockFilePath = string.IsNullOrWhiteSpace(LockFilePath) ? null : LockFilePath,
                RestoreLockedMode = IsTrue(RestoreLockedMode),
                IsCiServer = BuildSettingsPolicy.DetectCiServer(Environment.GetEnvironmentVariable),
            },
            Diagnostics);
    }
}
