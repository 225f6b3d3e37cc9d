using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1000–QLB1013 and QLB1099: the taint-tracking injection rules. One engine run serves every
/// rule: each method body is analyzed once, as the compiler hands it over (operation-block
/// actions, concurrently), into a small symbolic summary; at the end of the compilation the
/// summaries are resolved against each other (see Taint/README.md) and every source that reaches
/// a sink is reported at the sink, with the source and the calls in between as additional
/// locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaintAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        TaintRule.All.Select(r => r.Descriptor).Append(Descriptors.TaintConfigurationInvalid).ToImmutableArray();

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var configuration = TaintConfiguration.Empty;
        AdditionalText? configurationFile = null;
        foreach (var file in context.Options.AdditionalFiles)
        {
            if (string.Equals(Path.GetFileName(file.Path), TaintConfiguration.FileName, StringComparison.OrdinalIgnoreCase))
            {
                configurationFile = file;
                var text = file.GetText(context.CancellationToken)?.ToString() ?? string.Empty;
                configuration = TaintConfiguration.Parse(text, Path.GetFileName(file.Path));
                break;
            }
        }

        var configurationSources = configuration.ConfigurationIsSource ?? options.Profile == BuildGuardProfile.Strict;
        var entries = BuiltInModel.Sources(configurationSources, configuration.EnvironmentIsSource, configuration.CommandLineIsSource)
            .Concat(BuiltInModel.Sanitizers())
            .Concat(TaintRule.All.SelectMany(r => r.Sinks))
            .Concat(configuration.Entries);
        var model = new TaintModelIndex(context.Compilation, entries);
        var session = new TaintSession(context.Compilation, model, commandLineIsSource: configuration.CommandLineIsSource);

        context.RegisterOperationBlockAction(block =>
        {
            var body = SelectBody(block.OperationBlocks);
            if (body is null)
            {
                return;
            }

            var graph = block.GetControlFlowGraph(body);
            var summary = new MethodAnalyzer(session, block.OwningSymbol, block.CancellationToken).Analyze(graph);
            session.Add(summary);
        });

        context.RegisterCompilationEndAction(end =>
        {
            if (configurationFile is not null && !configuration.Errors.IsEmpty)
            {
                var text = configurationFile.GetText(end.CancellationToken);
                foreach (var error in configuration.Errors)
                {
                    var location = text is null
                        ? Location.None
                        : Location.Create(configurationFile.Path, error.Span, text.Lines.GetLinePositionSpan(error.Span));
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.TaintConfigurationInvalid, location, error.Message));
                }
            }

            var resolver = new SummaryResolver(session, end.CancellationToken);
            foreach (var finding in resolver.Resolve())
            {
                if (Report(finding) is { } diagnostic)
                {
                    end.ReportDiagnostic(diagnostic);
                }
            }
        });
    }

    private static IOperation? SelectBody(ImmutableArray<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.FieldInitializer or OperationKind.PropertyInitializer
                || block.Kind == OperationKind.Block)
            {
                return block;
            }
        }

        return null;
    }

    private static Diagnostic? Report(Finding finding)
    {
        var hit = finding.Hit;
        var rule = hit.Entry.RuleId is { } id ? TaintRule.ForId(id) : TaintRule.ForCategory(hit.Entry.Categories);
        if (rule is null)
        {
            return null;
        }

        var witness = finding.Witness;
        var through = new List<string>();
        var locations = new List<Location>();
        void AddLocation(Location location)
        {
            if (location.IsInSource && location != hit.Location && !locations.Contains(location))
            {
                locations.Add(location);
            }
        }

        AddLocation(witness.Location);
        foreach (var step in witness.Steps.Concat(finding.DownSteps))
        {
            AddLocation(step.Location);
            if (step.Description != witness.Method && !through.Contains(step.Description))
            {
                through.Add(step.Description);
            }
        }

        var path = through.Count == 0 ? string.Empty : " through " + string.Join(", ", through);
        return Diagnostic.Create(rule.Descriptor, hit.Location, locations, witness.Source, witness.Method, hit.Sink, path);
    }
}
