using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Traceability;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Requirement traceability in the build. After Build: reads the project's tags from its compiled
/// assembly (and, for the matrix, from the assemblies of its project references), writes the
/// project's tag file and (for test projects) the matrix with tests "not run". After
/// <c>dotnet test</c>: joins the TRX results by fully qualified test name, rewrites the matrix,
/// updates the evidence manifest and evaluates the gate (one QLB3060 error per item that lacks an
/// implementation or a passing test).
/// </summary>
public sealed class TraceRequirements : BuildGuardTask
{
    /// <summary>Name of the matrix files (the project's TargetName).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The registry files (@(BuildGuardRequirementFile)).</summary>
    public ITaskItem[] RegistryFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Folder registry paths are shown relative to.</summary>
    [Required]
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary>The project's own compiled assembly.</summary>
    [Required]
    public string Assembly { get; set; } = string.Empty;

    /// <summary>Assemblies of project references (their tags count for this project's matrix).</summary>
    public ITaskItem[] ReferencedAssemblies { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where to write the project's own tags.</summary>
    public string? TagsFile { get; set; }

    /// <summary>Folder for the matrix; empty to write only the tags.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>TRX files (candidates); only files written at or after <see cref="ResultsSince"/> are read.</summary>
    public ITaskItem[] TestResults { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>True after the tests ran: join results and evaluate the gate.</summary>
    public bool AfterTests { get; set; }

    /// <summary>UTC ticks of the test run's start (DateTime.UtcNow.Ticks); older TRX files are ignored.</summary>
    public string? ResultsSince { get; set; }

    /// <summary>Evaluate the gate (BuildGuardTraceGate).</summary>
    public bool Gate { get; set; }

    /// <summary>The kinds the gate checks (BuildGuardTraceGateKinds).</summary>
    public string? GateKinds { get; set; }

    /// <summary>The evidence manifest to update after the tests.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>The folder the manifest's paths are relative to ($(OutDir)).</summary>
    public string? ManifestBaseDirectory { get; set; }

    /// <summary>Source commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>The files written, with metadata Kind, for @(BuildGuardEvidenceFile).</summary>
    [Output]
    public ITaskItem[] EvidenceFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        IReadOnlyList<string>? results = null;
        if (AfterTests)
        {
            var since = long.TryParse(ResultsSince, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? new DateTime(ticks, DateTimeKind.Utc).AddSeconds(-2) : DateTime.MinValue;
            results = TestResults
                .Select(i => i.GetMetadata("FullPath"))
                .Where(p => File.Exists(p) && File.GetLastWriteTimeUtc(p) >= since)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (results.Count == 0)
            {
                Diagnostics.Warning(
                    Evidence.Diagnostics.BuildDiagnosticIds.NoTestResults,
                    "The tests ran but no TRX results file from this run was found, so the traceability matrix has no results. BuildGuard adds a TRX logger itself; if you pass --logger, add 'trx' to it, or point BuildGuardTraceTestResults at your TRX files.");
            }
        }

        var assemblies = new List<string> { Assembly };
        assemblies.AddRange(ReferencedAssemblies.Select(r => r.GetMetadata("FullPath")).Where(p => p.Length > 0 && !string.Equals(p, Assembly, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal));
        var gateKinds = TraceGate.ParseKinds(GateKinds, Diagnostics);
        var result = TraceRun.Run(
            new TraceRequest
            {
                Name = Name,
                RegistryFiles = RegistryFiles.Select(f => f.GetMetadata("FullPath")).ToList(),
                BaseDirectory = BaseDirectory,
                Assemblies = assemblies,
                ResultFiles = results,
                TagsOutputPath = string.IsNullOrWhiteSpace(TagsFile) ? null : TagsFile,
                OutputDirectory = string.IsNullOrWhiteSpace(OutputDirectory) ? null : OutputDirectory,
                Gate = Gate && AfterTests,
                GateKinds = gateKinds,
                ManifestPath = AfterTests && !string.IsNullOrWhiteSpace(ManifestPath) ? ManifestPath : null,
                ManifestBaseDirectory = ManifestBaseDirectory,
                SourceCommit = string.IsNullOrWhiteSpace(SourceCommit) ? null : SourceCommit,
                SourceDateEpoch = long.TryParse(SourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null,
            },
            Diagnostics);

        EvidenceFiles = result.Files.Select(f =>
        {
            var item = new TaskItem(f.Path);
            item.SetMetadata("Kind", f.Kind);
            return (ITaskItem)item;
        }).ToArray();

        if (result.Matrix is { } matrix)
        {
            var summary = string.Join(", ", TraceMatrixWriter.Summary(matrix).Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + " " + p.Key));
            Log.LogMessage(MessageImportance.High, "BuildGuard: traceability matrix {0} ({1}){2}", Path.Combine(OutputDirectory!, Name + ".trace.html"), summary, matrix.HasTestResults ? string.Empty : ", tests not run yet");
        }

        if (result.GateFailures > 0)
        {
            Log.LogMessage(MessageImportance.High, "BuildGuard: the traceability gate failed for {0} item(s); see the QLB3060 errors (BuildGuardTraceGate=false turns the gate off).", result.GateFailures);
        }
    }
}
