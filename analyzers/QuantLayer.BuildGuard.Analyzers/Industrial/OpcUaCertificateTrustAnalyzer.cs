using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// QLB1500 and QLB1501: OPC UA certificate trust overridden.
/// <list type="bullet">
/// <item>QLB1500: <c>AutoAcceptUntrustedCertificates = true</c> on any stack type
/// (<c>SecurityConfiguration</c>, <c>CertificateValidator</c>, and the 2.0 options and
/// <c>CertificateManager</c>), <c>SetAutoAcceptUntrustedCertificates(true)</c> of the configuration
/// builder, and <c>&lt;AutoAcceptUntrustedCertificates&gt;true&lt;/...&gt;</c> in an application
/// configuration XML given as an additional file.</item>
/// <item>QLB1501: a <c>CertificateValidator.CertificateValidation</c> handler that sets
/// <c>e.Accept</c> or <c>e.AcceptAll</c> to true without a condition that tests <c>e</c>
/// (its <c>Error</c> or <c>Certificate</c>), and a 2.0 <c>AcceptError</c> callback that returns
/// true for every certificate.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OpcUaCertificateTrustAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.OpcUaAutoAcceptUntrusted, Descriptors.OpcUaValidationAcceptsAll);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        if (!OpcUaFacts.IsReferenced(context.Compilation))
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property || !OpcUaFacts.IsOpcUa(property.Property.ContainingType))
                {
                    return;
                }

                if (property.Property.Name == "AutoAcceptUntrustedCertificates" && assignment.Value.IsConstantTrue())
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaAutoAcceptUntrusted, assignment.Syntax.GetLocation(), property.Property.ContainingType.Name + ".AutoAcceptUntrustedCertificates = true"));
                }
                else if (property.Property.Name == "AcceptError" && DelegateInspector.Resolve(assignment.Value) is { } callback && DelegateInspector.AlwaysAccepts(callback))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaValidationAcceptsAll, assignment.Syntax.GetLocation(), "The AcceptError callback"));
                }
            },
            OperationKind.SimpleAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (invocation.TargetMethod.Name == "SetAutoAcceptUntrustedCertificates"
                    && OpcUaFacts.IsOpcUa(invocation.TargetMethod.ContainingType)
                    && invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.IsConstantTrue())
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaAutoAcceptUntrusted, invocation.CallLocation(), "SetAutoAcceptUntrustedCertificates(true)"));
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            ctx =>
            {
                var subscription = (IEventAssignmentOperation)ctx.Operation;
                if (!subscription.Adds || subscription.EventReference is not IEventReferenceOperation { Event.Name: "CertificateValidation" } reference
                    || !OpcUaFacts.IsOpcUa(reference.Event.ContainingType)
                    || DelegateInspector.Resolve(subscription.HandlerValue) is not { Parameters.Length: 2 } handler)
                {
                    return;
                }

                if (DelegateInspector.UnconditionalAssignmentOfTrue(handler, handler.Parameters[1], "Accept", "AcceptAll") is not null)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaValidationAcceptsAll, subscription.Syntax.GetLocation(), "The CertificateValidation handler"));
                }
            },
            OperationKind.EventAssignment);

        OpcUaFacts.RegisterConfigurationFileAction(context, (ctx, text) =>
        {
            foreach (var location in OpcUaFacts.ElementValues(ctx.AdditionalFile, text, "AutoAcceptUntrustedCertificates", "true"))
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaAutoAcceptUntrusted, location, "<AutoAcceptUntrustedCertificates>true</AutoAcceptUntrustedCertificates>"));
            }
        });
    }
}
