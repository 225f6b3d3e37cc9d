using System.CommandLine;
using System.Globalization;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard trace</c>: the traceability matrix outside the build, from a folder of evidence
/// (the <c>*.trace-tags.json</c> files builds wrote) and test results (<c>*.trx</c>), or from
/// assemblies; with <c>--gate</c>, exit 1 and one line per item that lacks an implementation or a
/// passing test. The same core as the build.
/// </summary>
internal static class TraceCommand
{
    private static readonly string[] RegistryExtensions = { ".yaml", ".yml", ".md", ".markdown", ".csv", ".tsv", ".reqif", ".json", ".tm7" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Folders (searched recursively for *.trace-tags.json and *.trx), tag files, TRX files or assemblies (.dll).",
            Arity = ArgumentArity.OneOrMore,
        };
        var requirements = new Option<string[]>("--requirements", "-r")
        {
            Description = "A registry file, a folder of registry files, or a glob such as requirements/*.yaml (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder for <name>.trace.json, .csv and .html.",
            DefaultValueFactory = _ => ".",
        };
        var name = new Option<string>("--name")
        {
            Description = "Name of the matrix (the files are <name>.trace.*).",
            DefaultValueFactory = _ => "trace",
        };
        var gate = new Option<bool>("--gate")
        {
            Description = "Fail (exit 1) when a gated item lacks an implementation or a passing test; one line per item.",
        };
        var gateKinds = new Option<string?>("--gate-kinds")
        {
            Description = "Kinds the gate checks, separated by ';' or ',' (default: security;mitigation).",
        };
        var baseDir = new Option<string?>("--base")
        {
            Description = "Folder registry paths are shown relative to (default: the current folder).",
        };
        var noResults = new Option<bool>("--no-results")
        {
            Description = "Build the matrix without test results (tests show 'not run').",
        };

        var command = new Command("trace", "Compute the requirement traceability matrix (requirements and threats -> code -> tests -> last result) from evidence and test results, outside the build.")
        {
            inputs, requirements, outDir, name, gate, gateKinds, baseDir, noResults,
        };
        command.SetAction(parse =>
        {
            var assemblies = new List<string>();
            var tagFiles = new List<string>();
            var trx = new List<string>();
            foreach (var input in parse.GetValue(inputs) ?? Array.Empty<string>())
            {
                var full = Path.GetFullPath(input);
                if (Directory.Exists(full))
                {
                    tagFiles.AddRange(Directory.EnumerateFiles(full, "*.trace-tags.json", SearchOption.AllDirectories));
                    trx.AddRange(Directory.EnumerateFiles(full, "*.trx", SearchOption.AllDirectories));
                }
                else if (!File.Exists(full))
                {
                    throw new UsageException($"'{input}' does not exist. Give folders of evidence and test results, *.trace-tags.json, *.trx or assembly files.");
                }
                else if (full.EndsWith(".trace-tags.json", StringComparison.OrdinalIgnoreCase))
                {
                    tagFiles.Add(full);
                }
                else if (full.EndsWith(".trx", StringComparison.OrdinalIgnoreCase))
                {
                    trx.Add(full);
                }
                else if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
                {
                    assemblies.Add(full);
                }
                else
                {
                    throw new UsageException($"'{input}' is neither a folder, a *.trace-tags.json, a *.trx nor an assembly.");
                }
            }

            var registry = new List<string>();
            foreach (var pattern in parse.GetValue(requirements) ?? Array.Empty<string>())
            {
                var found = ExpandRegistry(pattern);
                if (found.Count == 0)
                {
                    throw new UsageException($"--requirements '{pattern}' matches no registry file (.yaml, .md, .csv, .reqif, Threat Dragon .json, .tm7).");
                }

                registry.AddRange(found);
            }

            if (tagFiles.Count == 0 && assemblies.Count == 0)
            {
                throw new UsageException("No traceability tags found: give the evidence folder of a build (it holds *.trace-tags.json) or the assemblies.");
            }

            var diagnostics = new DiagnosticBag();
            var kinds = TraceGate.ParseKinds(parse.GetValue(gateKinds), diagnostics);
            if (diagnostics.HasErrors)
            {
                throw new UsageException(diagnostics.Items[0].Message);
            }

            var result = TraceRun.Run(
                new TraceRequest
                {
                    Name = parse.GetValue(name)!,
                    RegistryFiles = registry,
                    BaseDirectory = Path.GetFullPath(parse.GetValue(baseDir) ?? Directory.GetCurrentDirectory()),
                    Assemblies = assemblies,
                    TagFiles = tagFiles,
                    ResultFiles = parse.GetValue(noResults) ? null : trx,
                    OutputDirectory = Path.GetFullPath(parse.GetValue(outDir)!),
                    Gate = parse.GetValue(gate),
                    GateKinds = kinds,
                    ReportProblems = true,
                },
                diagnostics);

            if (result.Matrix is { } matrix)
            {
                output.WriteLine($"Traceability matrix '{matrix.Options.Name}': " + string.Join(", ", TraceMatrixWriter.Summary(matrix).Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + " " + p.Key))
                    + $" ({tagFiles.Count + assemblies.Count} tag source(s), {matrix.ResultFiles.Count} result file(s)).");
                foreach (var (path, _) in result.Files)
                {
                    output.WriteLine("  wrote " + path);
                }
            }

            foreach (var diagnostic in diagnostics.Items)
            {
                error.WriteLine(diagnostic.ToString());
            }

            if (result.GateFailures > 0)
            {
                error.WriteLine($"buildguard: the traceability gate failed for {result.GateFailures} item(s).");
            }

            return diagnostics.HasErrors ? CliApplication.Failure : CliApplication.Success;
        });
        return command;
    }

    private static List<string> ExpandRegistry(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        if (File.Exists(full))
        {
            return new List<string> { full };
        }

        if (Directory.Exists(full))
        {
            return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => RegistryExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && RequirementRegistry.FormatOf(f) is not null)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        // A glob: the folder part has no wildcard except an optional "**" segment.
        var normalized = pattern.Replace('\\', '/');
        var recursive = normalized.Contains("/**/", StringComparison.Ordinal) || normalized.StartsWith("**/", StringComparison.Ordinal);
        var slash = normalized.LastIndexOf('/');
        var folder = slash < 0 ? "." : normalized.Substring(0, slash).Replace("/**", string.Empty, StringComparison.Ordinal).Replace("**", ".", StringComparison.Ordinal);
        var filePattern = slash < 0 ? normalized : normalized.Substring(slash + 1);
        if (folder.Length == 0)
        {
            folder = "/";
        }

        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, filePattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Select(Path.GetFullPath).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : new List<string>();
    }
}
