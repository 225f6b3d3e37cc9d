using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Report;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Writes the IEC 62443-4-1 evidence report of a build (<c>buildguard/&lt;TargetName&gt;.iec62443.json</c>
/// and <c>.html</c>) or of a package (<c>&lt;PackageId&gt;.&lt;Version&gt;.iec62443.*</c>), from the
/// evidence the other BuildGuard steps wrote. Bad inputs are QLB3090 warnings; with
/// <see cref="FailOn"/> a requirement with that status is a QLB3094 error.
/// </summary>
public sealed class WriteEvidenceReport : BuildGuardTask
{
    /// <summary>The evidence folder: the build's output folder (holding buildguard/) or the package folder.</summary>
    [Required]
    public string EvidenceDirectory { get; set; } = string.Empty;

    /// <summary>Where the report files go.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Report name (file names <c>&lt;Name&gt;.iec62443.*</c>).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The repository work tree (SECURITY.md, guides); empty: the git work tree that contains the evidence.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>json, html or both (default).</summary>
    public string? Format { get; set; }

    /// <summary>Statuses that fail the build: missing, partial (separated by ';'); empty: none.</summary>
    public string? FailOn { get; set; }

    /// <summary>Evidence ledger files or folders (optional).</summary>
    public ITaskItem[] Ledgers { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The files written.</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var format = ReportOutput.ParseFormat(Format);
        if (format is null)
        {
            Diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"BuildGuardReportFormat is '{Format}'; use json, html or both.");
            return;
        }

        var gate = ReportOutput.ParseGate(FailOn, Diagnostics);
        if (Diagnostics.HasErrors)
        {
            return;
        }

        long? epoch = null;
        if (!string.IsNullOrWhiteSpace(SourceDateEpoch) && Evidence.SourceControl.SourceDateEpoch.TryParse(SourceDateEpoch!, out var parsed))
        {
            epoch = parsed;
        }

        if (!Directory.Exists(EvidenceDirectory))
        {
            Diagnostics.Warning(BuildDiagnosticIds.ReportNoEvidence, $"The evidence folder '{EvidenceDirectory}' does not exist, so there is no evidence to report. Build the project first.", EvidenceDirectory);
            return;
        }

        var report = EvidenceReportBuilder.Build(
            new ReportRequest
            {
                EvidenceFolder = EvidenceDirectory,
                Name = Name,
                RepositoryRoot = string.IsNullOrWhiteSpace(RepositoryRoot) ? null : RepositoryRoot,
                SourceDateEpoch = epoch,
                BuildGuardVersion = ThisAssembly.InformationalVersion,
                Ledgers = Ledgers.Select(l => l.GetMetadata("FullPath")).Where(p => File.Exists(p) || Directory.Exists(p)).ToList(),
            },
            Diagnostics);
        var written = ReportOutput.Write(report, OutputDirectory, format.Value, Diagnostics);
        ReportFiles = written.Select(w => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(w)).ToArray();
        ReportOutput.Gate(report, gate, written.FirstOrDefault() ?? OutputDirectory, Diagnostics);
        Log.LogMessage(
            MessageImportance.Normal,
            "BuildGuard: wrote the IEC 62443-4-1 evidence report {0}: {1} evidence found, {2} partial, {3} missing, {4} not provable by a build",
            string.Join(", ", written),
            report.Count(RequirementStatus.Found),
            report.Count(RequirementStatus.Partial),
            report.Count(RequirementStatus.Missing),
            report.Count(RequirementStatus.NotProvable));
    }
}
