using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Transport;

/// <summary>
/// QLB1301: certificate revocation checking turned off explicitly:
/// <c>CheckCertificateRevocationList = false</c> (HttpClientHandler, ServicePointManager,
/// WinHttpHandler), <c>X509RevocationMode.NoCheck</c> assigned to any property or passed to any
/// parameter of that type (<c>X509ChainPolicy.RevocationMode</c>,
/// <c>SslClient/ServerAuthenticationOptions.CertificateRevocationCheckMode</c>, libraries' options),
/// and <c>checkCertificateRevocation: false</c> passed to <c>SslStream.AuthenticateAsClient/Server</c>.
/// Defaults that leave it off are not reported: the rule reports the decision in code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RevocationCheckAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RevocationCheckDisabled);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var revocationMode = context.Compilation.GetTypeByMetadataName("System.Security.Cryptography.X509Certificates.X509RevocationMode");
        if (revocationMode is null)
        {
            return;
        }

        bool IsNoCheck(IOperation value)
            => SymbolEqualityComparer.Default.Equals(value.WalkDownConversion().Type, revocationMode) && value.ConstantInt64() == 0;

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property)
                {
                    return;
                }

                var subject = property.Property.ContainingType.Name + "." + property.Property.Name;
                if (property.Property.Name == "CheckCertificateRevocationList" && property.Property.IsInNamespace("System.Net") && assignment.Value.IsConstantFalse())
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RevocationCheckDisabled, assignment.Syntax.GetLocation(), subject + " = false"));
                }
                else if (SymbolEqualityComparer.Default.Equals(property.Type, revocationMode) && IsNoCheck(assignment.Value))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RevocationCheckDisabled, assignment.Syntax.GetLocation(), subject + " = X509RevocationMode.NoCheck"));
                }
            },
            OperationKind.SimpleAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var argument = (IArgumentOperation)ctx.Operation;
                if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue
                    || parameter.ContainingSymbol is not IMethodSymbol method)
                {
                    return;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, revocationMode) && IsNoCheck(argument.Value))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RevocationCheckDisabled, argument.Syntax.GetLocation(), "X509RevocationMode.NoCheck passed to " + method.ContainingType.Name + "." + method.Name));
                }
                else if (parameter.Name == "checkCertificateRevocation" && argument.Value.IsConstantFalse())
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RevocationCheckDisabled, argument.Syntax.GetLocation(), "checkCertificateRevocation: false passed to " + method.ContainingType.Name + "." + method.Name));
                }
            },
            OperationKind.Argument);
    }
}
