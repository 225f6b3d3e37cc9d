using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Traceability;

/// <summary>
/// QLB2002, QLB2003, QLB2004, QLB2007: problems of the requirement registry files themselves
/// (malformed and duplicate ids, files that do not parse, links to unknown ids), reported in the
/// registry file at the line and column, so the IDE's error list points into the YAML, CSV,
/// Markdown, ReqIF or threat model file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegistryAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MalformedRequirementId,
        Descriptors.DuplicateRequirementId,
        Descriptors.RegistryUnparsable,
        Descriptors.UnknownRegistryLink);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var snapshot = RegistryProvider.Get(context.Compilation, context.Options, context.CancellationToken);
        if (!snapshot.HasRegistry || snapshot.Registry.Problems.Count == 0)
        {
            return;
        }

        context.RegisterAdditionalFileAction(ctx =>
        {
            if (!RegistryProvider.IsRegistryFile(ctx.AdditionalFile, ctx.Options))
            {
                return;
            }

            foreach (var problem in snapshot.Registry.Problems)
            {
                if (problem.Location.File != ctx.AdditionalFile.Path)
                {
                    continue;
                }

                var descriptor = problem.Kind switch
                {
                    RegistryProblemKind.MalformedId => Descriptors.MalformedRequirementId,
                    RegistryProblemKind.DuplicateId => Descriptors.DuplicateRequirementId,
                    RegistryProblemKind.UnknownLink => Descriptors.UnknownRegistryLink,
                    _ => Descriptors.RegistryUnparsable,
                };
                ctx.ReportDiagnostic(Diagnostic.Create(descriptor, RegistryProvider.ToLocation(problem.Location, ctx.AdditionalFile, ctx.CancellationToken), problem.Message));
            }
        });
    }
}
