using System.CommandLine;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary><c>buildguard sbom merge</c>: merge CycloneDX SBOMs (projects, target frameworks) into one release SBOM, one component per purl.</summary>
internal static class SbomCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("sboms")
        {
            Description = "CycloneDX JSON SBOMs to merge, or folders to search for *.cdx.json.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputFile = new Option<string>("--output", "-o")
        {
            Description = "The merged SBOM to write (.cdx.json).",
            Required = true,
        };
        var name = new Option<string>("--name")
        {
            Description = "Name of the release (the merged SBOM's subject).",
            Required = true,
        };
        var version = new Option<string?>("--version")
        {
            Description = "Version of the release.",
        };
        var type = new Option<string>("--type")
        {
            Description = "application or library.",
            DefaultValueFactory = _ => "application",
        };
        var format = new Option<string>("--format")
        {
            Description = "cyclonedx (default), spdx (also write .spdx.json) or both.",
            DefaultValueFactory = _ => "cyclonedx",
        };
        var timestamp = new Option<string?>("--source-date-epoch")
        {
            Description = "Timestamp, seconds since 1970-01-01 (default: SOURCE_DATE_EPOCH, else the newest input's).",
        };

        var merge = new Command("merge", "Merge CycloneDX SBOMs into one (a release SBOM): each package once (by purl), the union of the dependency graphs, the release depending on each input's subject. Exit 1 on unreadable input or conflicting hashes.")
        {
            inputs, outputFile, name, version, type, format, timestamp,
        };
        merge.SetAction(parse =>
        {
            var diagnostics = new DiagnosticBag();
            var target = Path.GetFullPath(parse.GetValue(outputFile)!);
            var files = new List<string>();
            foreach (var input in parse.GetValue(inputs) ?? Array.Empty<string>())
            {
                if (Directory.Exists(input))
                {
                    files.AddRange(Directory.EnumerateFiles(input, "*.cdx.json", SearchOption.AllDirectories)
                        .Select(Path.GetFullPath)
                        .Where(f => !string.Equals(f, target, StringComparison.Ordinal))
                        .OrderBy(f => f, StringComparer.Ordinal));
                }
                else if (File.Exists(input))
                {
                    files.Add(Path.GetFullPath(input));
                }
                else
                {
                    throw new UsageException($"'{input}' does not exist. Give CycloneDX SBOM files or folders that contain *.cdx.json.");
                }
            }

            if (files.Count == 0)
            {
                throw new UsageException("No *.cdx.json file was found in the given folders.");
            }

            var sbomFormat = SbomFiles.ParseFormat(parse.GetValue(format), diagnostics);
            var documents = files.Distinct(StringComparer.Ordinal).Select(f => CycloneDxReader.ReadFile(f, diagnostics)).Where(d => d is not null).Cast<SbomDocument>().ToList();
            if (sbomFormat is null || diagnostics.HasErrors)
            {
                Report(diagnostics, error);
                return CliApplication.Failure;
            }

            var epochText = parse.GetValue(timestamp) ?? Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
            long? epoch = null;
            if (!string.IsNullOrWhiteSpace(epochText))
            {
                if (!Evidence.SourceControl.SourceDateEpoch.TryParse(epochText!, out var parsed))
                {
                    throw new UsageException($"'{epochText}' is not a number of seconds since 1970-01-01.");
                }

                epoch = parsed;
            }

            var releaseVersion = parse.GetValue(version);
            var purl = PackageUrl.NuGet(parse.GetValue(name)!, string.IsNullOrWhiteSpace(releaseVersion) ? null : releaseVersion);
            var subject = new SbomComponent
            {
                Name = parse.GetValue(name)!,
                Version = string.IsNullOrWhiteSpace(releaseVersion) ? null : releaseVersion,
                Type = string.Equals(parse.GetValue(type), "library", StringComparison.OrdinalIgnoreCase) ? SbomComponentType.Library : SbomComponentType.Application,
                BomRef = purl,
                Purl = purl,
            };
            subject.Properties.Add(new SbomProperty(SbomComponent.FirstPartyProperty, "true"));
            var merged = SbomMerger.Merge(documents, subject, epoch ?? documents.Select(d => d.Timestamp).Max(), diagnostics, target);
            var written = SbomFiles.Write(merged, target, sbomFormat.Value, diagnostics);
            foreach (var file in written)
            {
                output.WriteLine($"wrote {file} ({documents.Count} SBOMs, {merged.Components.Count} components)");
            }

            Report(diagnostics, error);
            return diagnostics.HasErrors ? CliApplication.Failure : CliApplication.Success;
        });

        return new Command("sbom", "Work with CycloneDX SBOMs.") { merge };
    }

    private static void Report(DiagnosticBag diagnostics, TextWriter error)
    {
        foreach (var diagnostic in diagnostics.Items)
        {
            error.WriteLine(diagnostic.ToString());
        }
    }
}
