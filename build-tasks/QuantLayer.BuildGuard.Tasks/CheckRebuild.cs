using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Reproducibility;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// The opt-in MSBuild face of <c>buildguard rebuild-check</c>: rebuilds the current commit in a
/// clean work tree and compares every output with this work tree's (QLB3008 per differing file).
/// </summary>
public sealed class CheckRebuild : BuildGuardTask
{
    /// <summary>Folder to check (usually the solution or project folder).</summary>
    [Required]
    public string Directory { get; set; } = string.Empty;

    /// <summary>Project or solution file, relative to <see cref="Directory"/>.</summary>
    public string? Project { get; set; }

    /// <summary>Configuration to build.</summary>
    public string Configuration { get; set; } = "Release";

    /// <summary>Where to write the JSON report.</summary>
    public string? ReportPath { get; set; }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var report = RebuildCheck.Run(
            new RebuildOptions
            {
                Directory = Directory,
                Project = string.IsNullOrWhiteSpace(Project) ? null : Project,
                Configuration = Configuration,
                NoBuild = true,
                Log = line => Log.LogMessage(MessageImportance.High, "BuildGuard: " + line),
            },
            Diagnostics);
        if (report is null)
        {
            return;
        }

        Log.LogMessage(MessageImportance.High, RebuildCheck.Render(report));
        if (!string.IsNullOrWhiteSpace(ReportPath))
        {
            AtomicFile.TryWriteAllBytes(ReportPath!, report.ToJson(), Diagnostics);
        }
    }
}
