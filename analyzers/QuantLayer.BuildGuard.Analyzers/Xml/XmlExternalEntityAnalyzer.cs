using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Xml;

/// <summary>
/// QLB1252: <c>XmlDocument</c>, <c>XmlTextReader</c> and <c>XPathDocument</c> that resolve external entities.
/// <list type="bullet">
/// <item>Any framework: <c>XmlDocument.XmlResolver</c> set to a resolver that loads files or URLs;
/// <c>XmlTextReader.XmlResolver</c> set to one while DTD processing is left at Parse (its default).</item>
/// <item>.NET Framework before 4.5.2, where both default to an <c>XmlUrlResolver</c>: an
/// <c>XmlDocument</c> created in the method and loaded with <c>Load(string|Stream|TextReader)</c>,
/// <c>LoadXml</c> or <c>InnerXml</c> without <c>XmlResolver = null</c>; a new <c>XmlTextReader</c>
/// without <c>XmlResolver = null</c> or <c>DtdProcessing = Prohibit/Ignore</c>; a new
/// <c>XPathDocument</c> over a path, stream or text reader.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XmlExternalEntityAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.XmlParserExternalEntities);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var documentType = compilation.GetTypeByMetadataName("System.Xml.XmlDocument");
        var textReaderType = compilation.GetTypeByMetadataName("System.Xml.XmlTextReader");
        var xpathDocumentType = compilation.GetTypeByMetadataName("System.Xml.XPath.XPathDocument");
        var xmlReaderType = compilation.GetTypeByMetadataName("System.Xml.XmlReader");
        if (documentType is null && textReaderType is null && xpathDocumentType is null)
        {
            return;
        }

        var framework = TargetFrameworkInfo.From(compilation, context.Options);
        var legacy = framework.HasLegacyXmlDefaults;
        var legacyReason = legacy ? "the default XmlResolver of .NET Framework " + framework.Version + " is an XmlUrlResolver" : string.Empty;

        // X.XmlResolver = new XmlUrlResolver();
        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "XmlResolver" } target
                    || XmlResolverFacts.Classify(assignment.Value, compilation) != ResolverKind.Loads)
                {
                    return;
                }

                var owner = target.Property.ContainingType;
                var receiverType = target.Instance?.Type ?? owner;
                if (receiverType.InheritsFromOrEquals(documentType))
                {
                    Report(ctx, assignment, receiverType!.Name, XmlResolverFacts.Describe(assignment.Value), XmlResolverFacts.FixProperties(assignment));
                }
                else if (receiverType.InheritsFromOrEquals(textReaderType))
                {
                    var configuration = ObjectTracker.OfWriteReceiver(assignment);
                    var dtd = XmlResolverFacts.DtdProcessing(configuration, 2, out _);
                    if (dtd == 2)
                    {
                        Report(ctx, assignment, receiverType!.Name, XmlResolverFacts.Describe(assignment.Value) + " and DtdProcessing is Parse", XmlResolverFacts.FixProperties(assignment));
                    }
                }
            },
            OperationKind.SimpleAssignment);

        if (!legacy)
        {
            return;
        }

        // .NET Framework < 4.5.2: the defaults resolve.
        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (creation.Type.InheritsFromOrEquals(textReaderType))
                {
                    var configuration = ObjectTracker.OfCreation(creation);
                    var dtd = XmlResolverFacts.DtdProcessing(configuration, 2, out _);
                    if (configuration.Last("XmlResolver") is null && dtd == 2)
                    {
                        Report(ctx, creation, creation.Type!.Name, legacyReason);
                    }
                }
                else if (creation.Type.InheritsFromOrEquals(xpathDocumentType)
                         && creation.Arguments.Length > 0
                         && creation.Arguments[0].Value.Type is { } inputType
                         && !inputType.InheritsFromOrEquals(xmlReaderType))
                {
                    Report(ctx, creation, creation.Type!.Name, legacyReason);
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                IOperation? receiver;
                IOperation site = ctx.Operation;
                switch (ctx.Operation)
                {
                    case IInvocationOperation { TargetMethod.Name: "Load" or "LoadXml" } call
                        when call.Instance is not null && call.Instance.Type.InheritsFromOrEquals(documentType)
                             && !(call.Arguments.Length > 0 && call.Arguments[0].Value.Type.InheritsFromOrEquals(xmlReaderType)):
                        receiver = call.Instance;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "InnerXml", Instance: { } instance } }
                        when instance.Type.InheritsFromOrEquals(documentType):
                        receiver = instance;
                        break;
                    default:
                        return;
                }

                var configuration = ObjectTracker.AtUse(receiver);
                if (configuration.OriginKnown && configuration.Last("XmlResolver") is null)
                {
                    Report(ctx, site, receiver.Type!.Name, legacyReason);
                }
            },
            OperationKind.Invocation,
            OperationKind.SimpleAssignment);
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string subject, string reason, ImmutableDictionary<string, string?>? properties = null)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.XmlParserExternalEntities, operation.Syntax.GetLocation(), properties, subject, reason));
}
