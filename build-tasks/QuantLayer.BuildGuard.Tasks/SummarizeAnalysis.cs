using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Analysis;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Turns the compiler's SARIF log into the project's analysis evidence
/// (<c>buildguard/&lt;TargetName&gt;.analysis.json</c>): findings and suppressions with their
/// justifications, paths relative to the repository root.
/// </summary>
public sealed class SummarizeAnalysis : BuildGuardTask
{
    /// <summary>The SARIF 2.1 log the compiler wrote.</summary>
    [Required]
    public string SarifLog { get; set; } = string.Empty;

    /// <summary>The summary to write.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>Project name.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The project folder (paths are made relative to its repository root).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var root = GitRepository.Discover(ProjectDirectory)?.WorkTree ?? ProjectDirectory;
        var summary = AnalysisSummary.Read(SarifLog, Name, root, Diagnostics);
        if (summary is not null && AtomicFile.TryWriteAllBytes(OutputPath, summary.ToJson(), Diagnostics))
        {
            Log.LogMessage(MessageImportance.Normal, "BuildGuard: wrote {0} ({1} findings)", OutputPath, summary.Findings.Count);
        }
    }
}
