using System.CommandLine;
using System.Globalization;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Report;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard report</c>: the IEC 62443-4-1 evidence report of an evidence folder (a build's
/// output folder, a package folder or a release as shipped), as JSON and/or HTML. Exit 0 when the
/// report was written (and its gate, if any, passed), 1 when the gate failed or the report could
/// not be written, 2 on usage errors.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("evidence-folder")
        {
            Description = "The evidence folder: a build's output folder (holding buildguard/), a package folder, a release folder, or the buildguard/ folder itself.",
        };
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "Folder for <name>.iec62443.json / .html (default: the evidence folder's buildguard/ folder when it has one, else the evidence folder).",
        };
        var format = new Option<string>("--format")
        {
            Description = "json, html or both.",
            DefaultValueFactory = _ => "both",
        };
        var name = new Option<string?>("--name")
        {
            Description = "Report name (file names <name>.iec62443.*; default: the name in the evidence manifest, else the folder's name).",
        };
        var repository = new Option<string?>("--repository")
        {
            Description = "Source repository work tree to read SECURITY.md and the security guides from (default: the git work tree that contains the evidence folder).",
        };
        var noRepository = new Option<bool>("--no-repository")
        {
            Description = "Do not read a source repository (DM-1 and SG are then reported missing).",
        };
        var ledger = new Option<string[]>("--ledger")
        {
            Description = "Evidence ledger file or folder to include (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit 1 when a requirement a build can prove has this status: missing, partial, or missing;partial.",
        };

        var command = new Command("report", "Write the IEC 62443-4-1 evidence report of a build or release: for every requirement, the evidence found (files with SHA-256), key figures, and which requirements a build cannot prove.")
        {
            folder, outputOption, format, name, repository, noRepository, ledger, failOn,
        };
        command.SetAction(parse =>
        {
            var evidence = Path.GetFullPath(parse.GetValue(folder)!);
            if (!Directory.Exists(evidence))
            {
                throw new UsageException($"'{parse.GetValue(folder)}' is not a folder. Give the output folder of a build (bin/Release/net8.0), a package folder or a release folder.");
            }

            var chosen = ReportOutput.ParseFormat(parse.GetValue(format)) ?? throw new UsageException($"--format '{parse.GetValue(format)}' is not json, html or both.");
            var repositoryPath = parse.GetValue(repository);
            if (repositoryPath is not null && !Directory.Exists(repositoryPath))
            {
                throw new UsageException($"--repository '{repositoryPath}' is not a folder.");
            }

            var ledgers = (parse.GetValue(ledger) ?? Array.Empty<string>()).Select(Path.GetFullPath).ToList();
            foreach (var path in ledgers.Where(p => !File.Exists(p) && !Directory.Exists(p)))
            {
                throw new UsageException($"--ledger '{path}' does not exist.");
            }

            var diagnostics = new DiagnosticBag();
            var gate = ReportOutput.ParseGate(parse.GetValue(failOn), diagnostics);
            if (diagnostics.HasErrors)
            {
                throw new UsageException(diagnostics.Items[0].Message);
            }

            long? epoch = null;
            var sourceDate = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
            if (!string.IsNullOrWhiteSpace(sourceDate))
            {
                if (!SourceDateEpoch.TryParse(sourceDate!, out var parsed))
                {
                    throw new UsageException($"SOURCE_DATE_EPOCH is '{sourceDate}', which is not a number of seconds since 1970-01-01.");
                }

                epoch = parsed;
            }

            var report = EvidenceReportBuilder.Build(
                new ReportRequest
                {
                    EvidenceFolder = evidence,
                    Name = parse.GetValue(name),
                    RepositoryRoot = repositoryPath is null ? null : Path.GetFullPath(repositoryPath),
                    UseRepository = !parse.GetValue(noRepository),
                    SourceDateEpoch = epoch,
                    BuildGuardVersion = Evidence.ProductVersion.Of(typeof(ReportCommand).Assembly),
                    Ledgers = ledgers,
                },
                diagnostics);

            var root = EvidenceDiscovery.ResolveRoot(evidence);
            var outputFolder = parse.GetValue(outputOption) is { } o ? Path.GetFullPath(o)
                : Directory.Exists(Path.Combine(root, "buildguard")) ? Path.Combine(root, "buildguard") : root;
            var written = ReportOutput.Write(report, outputFolder, chosen, diagnostics);
            var failures = ReportOutput.Gate(report, gate, written.FirstOrDefault() ?? outputFolder, diagnostics);

            output.WriteLine($"IEC 62443-4-1 evidence report '{report.Name}': "
                + string.Join(", ", new[] { RequirementStatus.Found, RequirementStatus.Partial, RequirementStatus.Missing, RequirementStatus.NotProvable }
                    .Select(s => report.Count(s).ToString(CultureInfo.InvariantCulture) + " " + EvidenceReport.StatusLabel(s)))
                + $" ({report.Inputs.Count} file(s) read, {report.Problems.Count} problem(s)). Not a certificate.");
            foreach (var row in report.Requirements.Where(r => r.Status != RequirementStatus.NotProvable))
            {
                output.WriteLine($"  {row.Requirement.Id,-6} {EvidenceReport.StatusLabel(row.Status),-15} {row.Summary}");
            }

            output.WriteLine($"  reproducibility {EvidenceReport.StatusLabel(report.Reproducibility.Status)}: {report.Reproducibility.Summary}");
            foreach (var path in written)
            {
                output.WriteLine("  wrote " + path);
            }

            foreach (var diagnostic in diagnostics.Items)
            {
                error.WriteLine(diagnostic.ToString());
            }

            if (failures > 0)
            {
                error.WriteLine($"buildguard: the report's gate failed for {failures} requirement(s).");
            }

            return diagnostics.HasErrors ? CliApplication.Failure : CliApplication.Success;
        });
        return command;
    }
}
