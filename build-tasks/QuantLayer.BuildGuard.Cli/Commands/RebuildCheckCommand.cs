using System.CommandLine;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Reproducibility;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary><c>buildguard rebuild-check</c>: rebuild HEAD in a clean work tree and compare every output byte for byte.</summary>
internal static class RebuildCheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var project = new Argument<string?>("project")
        {
            Description = "Project or solution to build (default: the one dotnet finds in the current folder).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "Configuration to build.",
            DefaultValueFactory = _ => "Release",
        };
        var noBuild = new Option<bool>("--no-build")
        {
            Description = "Compare with the outputs already in this work tree instead of building them first.",
        };
        var keep = new Option<bool>("--keep")
        {
            Description = "Keep the clean rebuild folder for inspection.",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the report as JSON to this file.",
        };
        var properties = new Option<string[]>("--property", "-p")
        {
            Description = "An MSBuild property for both builds, Name=Value (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("rebuild-check", "Rebuild the current commit in a second, clean folder and compare every output and evidence file byte for byte (exit 0 only when identical).")
        {
            project, configuration, noBuild, keep, json, properties,
        };
        command.SetAction(parse =>
        {
            var projectPath = parse.GetValue(project);
            var directory = Directory.GetCurrentDirectory();
            string? relativeProject = null;
            if (projectPath is not null)
            {
                var full = Path.GetFullPath(projectPath);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    throw new UsageException($"'{projectPath}' does not exist. Give a project or solution file, or a folder that contains one.");
                }

                directory = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
                relativeProject = Directory.Exists(full) ? null : Path.GetFileName(full);
            }

            var diagnostics = new DiagnosticBag();
            var report = RebuildCheck.Run(
                new RebuildOptions
                {
                    Directory = directory,
                    Project = relativeProject,
                    Configuration = parse.GetValue(configuration)!,
                    NoBuild = parse.GetValue(noBuild),
                    Keep = parse.GetValue(keep),
                    Properties = parse.GetValue(properties) ?? Array.Empty<string>(),
                    Log = line => output.WriteLine(line),
                },
                diagnostics);
            if (report is not null)
            {
                output.Write(RebuildCheck.Render(report));
                var jsonPath = parse.GetValue(json);
                if (jsonPath is not null)
                {
                    AtomicFile.TryWriteAllBytes(jsonPath, report.ToJson(), diagnostics);
                }
            }

            foreach (var diagnostic in diagnostics.Items.Where(d => d.Id != BuildDiagnosticIds.NotReproducible || d.Severity != EvidenceSeverity.Error))
            {
                error.WriteLine(diagnostic.ToString());
            }

            return report is { Reproducible: true } && !diagnostics.HasErrors ? CliApplication.Success : CliApplication.Failure;
        });
        return command;
    }
}
