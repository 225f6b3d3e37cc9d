using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Xml;

/// <summary>
/// QLB1250 and QLB1251: an <c>XmlReaderSettings</c> whose state parses DTDs
/// (<c>DtdProcessing = Parse</c> or <c>ProhibitDtd = false</c>) together with an external resolver
/// (QLB1250: an <c>XmlUrlResolver</c> or other loading resolver, or no resolver on .NET Framework
/// before 4.5.2 where the default was <c>XmlUrlResolver</c>) or with unlimited entity expansion
/// (QLB1251: <c>MaxCharactersFromEntities = 0</c>). The settings object is followed through the
/// method: object initializer, assignments after construction, and the call to
/// <c>XmlReader.Create</c>, where the state at that point is what counts and where the diagnostic is
/// reported. Settings that leave the method (returned, stored in a field, passed elsewhere) are
/// reported at their <c>DtdProcessing</c> assignment when their final state is unsafe.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XmlReaderSettingsAnalyzer : BuildGuardAnalyzer
{
    private const long Parse = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.XmlReaderSettingsExternalEntities, Descriptors.XmlReaderSettingsEntityExpansion);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var settingsType = compilation.GetTypeByMetadataName("System.Xml.XmlReaderSettings");
        var readerType = compilation.GetTypeByMetadataName("System.Xml.XmlReader");
        if (settingsType is null || readerType is null)
        {
            return;
        }

        var framework = TargetFrameworkInfo.From(compilation, context.Options);

        bool IsCreateSink(IOperation use)
        {
            var parent = use.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IPropertyReferenceOperation read && read.Parent is not ISimpleAssignmentOperation)
            {
                return true; // reading a setting is not a use of the reader
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation call } && IsCreate(call.TargetMethod);
        }

        bool IsCreate(IMethodSymbol method)
            => method.IsStatic && method.Name == "Create" && method.ContainingType.InheritsFromOrEquals(readerType);

        // The sink: XmlReader.Create(input, settings[, context]).
        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (!IsCreate(invocation.TargetMethod))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, settingsType) && !argument.Value.IsNull())
                    {
                        Evaluate(ctx, ObjectTracker.AtUse(argument.Value), invocation.Syntax.GetLocation(), "XmlReader.Create", compilation, framework);
                    }
                }
            },
            OperationKind.Invocation);

        // Settings that leave the method: reported where DTD processing is turned on.
        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "DtdProcessing" or "ProhibitDtd" } target
                    || !SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, settingsType))
                {
                    return;
                }

                var configuration = ObjectTracker.OfWriteReceiver(assignment);
                XmlResolverFacts.DtdProcessing(configuration, configuration.OriginKnown ? 0 : null, out var site);
                if (site is not { } last || last.Site != assignment)
                {
                    return;
                }

                var onlyCreate = configuration.Holder is null or ILocalSymbol && configuration.Uses.All(IsCreateSink);
                if (onlyCreate && configuration.Uses.Length > 0)
                {
                    return; // reported at XmlReader.Create
                }

                if (onlyCreate && configuration.Holder is ILocalSymbol)
                {
                    return; // never used
                }

                Evaluate(ctx, configuration, assignment.Syntax.GetLocation(), "XmlReaderSettings", compilation, framework);
            },
            OperationKind.SimpleAssignment);
    }

    private static void Evaluate(OperationAnalysisContext context, ObjectConfiguration configuration, Location location, string subject, Compilation compilation, TargetFrameworkInfo framework)
    {
        var dtd = XmlResolverFacts.DtdProcessing(configuration, configuration.OriginKnown ? 0 : null, out _);
        if (dtd != Parse)
        {
            return;
        }

        // External entities.
        var resolver = configuration.Last("XmlResolver");
        if (resolver is { } written)
        {
            if (XmlResolverFacts.Classify(written.Value, compilation) == ResolverKind.Loads)
            {
                var properties = written.Site.Syntax.SyntaxTree == location.SourceTree
                    ? XmlResolverFacts.FixProperties(written.Site)
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.XmlReaderSettingsExternalEntities,
                    location,
                    properties,
                    subject,
                    XmlResolverFacts.Describe(written.Value)));
            }
        }
        else if (configuration.OriginKnown && framework.HasLegacyXmlDefaults)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.XmlReaderSettingsExternalEntities,
                location,
                subject,
                "no XmlResolver is set, and on .NET Framework " + framework.Version!.ToString() + " the default is an XmlUrlResolver"));
        }

        // Entity expansion.
        if (configuration.Last("MaxCharactersFromEntities") is { } max && max.Value.ConstantInt64() == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.XmlReaderSettingsEntityExpansion, location, subject));
        }
    }
}
