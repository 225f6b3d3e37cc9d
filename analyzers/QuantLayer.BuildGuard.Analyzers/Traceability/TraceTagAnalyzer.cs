using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Traceability;

/// <summary>
/// QLB2000, QLB2001, QLB2005: checks every traceability tag (<c>[Implements]</c>, <c>[Verifies]</c>,
/// requirement traits of xunit, NUnit and MSTest) against the registry where it is typed: unknown
/// ids (with the closest known id), revisions other than the current one, and tests of items that
/// need no test. Does nothing when the project has no registry.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TraceTagAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.UnknownRequirement,
        Descriptors.OutdatedRevision,
        Descriptors.TestOfUntestableItem);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var snapshot = RegistryProvider.Get(context.Compilation, context.Options, context.CancellationToken);
        if (!snapshot.HasRegistry)
        {
            return;
        }

        var registry = snapshot.Registry;
        var traits = new TraitTypes(context.Compilation);
        context.RegisterSymbolAction(
            ctx =>
            {
                foreach (var attribute in ctx.Symbol.GetAttributes())
                {
                    if (TraceTag.TryRead(attribute, traits, out var tag))
                    {
                        Check(ctx, registry, tag);
                    }
                }
            },
            SymbolKind.NamedType,
            SymbolKind.Method,
            SymbolKind.Property,
            SymbolKind.Field,
            SymbolKind.Event);
    }

    private static void Check(SymbolAnalysisContext context, RequirementRegistry registry, TraceTag tag)
    {
        var id = tag.Id ?? string.Empty;
        var item = registry.Find(id.Trim());
        if (item is null)
        {
            if (registry.HasUnparsableFile)
            {
                return; // the id may be in the part of the registry that does not parse (QLB2004 says where)
            }

            var closest = registry.Closest(id.Trim());
            var hint = closest is not null
                ? "; did you mean '" + closest + "' (" + registry.Find(closest)!.Title + ")?"
                : registry.Items.Count == 0
                    ? ": the registry is empty. Add the requirement to a BuildGuardRequirements file."
                    : ". Correct the id or add the requirement to the registry.";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownRequirement, tag.GetIdLocation(context.CancellationToken), id, hint));
            return;
        }

        if (tag.Revision != 0 && tag.Revision != item.Revision)
        {
            var what = tag.Relation == TraceRelation.Implements ? "the implementation" : "the test";
            var advice = tag.Revision < item.Revision
                ? "review " + what + " against the changed requirement, then set Revision = " + item.Revision
                : "revision " + tag.Revision + " does not exist yet; set Revision = " + item.Revision + " or raise the registry's revision";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.OutdatedRevision,
                tag.GetIdLocation(context.CancellationToken),
                tag.Source,
                tag.Revision,
                item.Id,
                item.Revision,
                item.Title,
                advice));
        }

        if (tag.Relation == TraceRelation.Verifies && (item.Needs & RequirementNeeds.Test) == 0)
        {
            var hint = string.Empty;
            if (item.Kind == RequirementKind.Threat)
            {
                var mitigations = registry.MitigationsOf(item.Id);
                hint = mitigations.Count > 0
                    ? "; verify its mitigation" + (mitigations.Count > 1 ? "s " : " ") + string.Join(", ", mitigations.Select(m => m.Id)) + " instead"
                    : "; a threat is verified through the tests of the mitigations that cover it";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TestOfUntestableItem,
                tag.GetIdLocation(context.CancellationToken),
                item.Id,
                RequirementItem.KindName(item.Kind),
                RequirementItem.NeedsText(item.Needs),
                hint));
        }
    }
}
