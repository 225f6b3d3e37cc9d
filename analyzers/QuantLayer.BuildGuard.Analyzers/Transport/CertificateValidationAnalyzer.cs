using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Transport;

/// <summary>
/// QLB1300: a TLS certificate validation callback that accepts every certificate, wherever .NET
/// takes one. A callback is any delegate that returns <c>bool</c> and receives the
/// <c>SslPolicyErrors</c> (<c>RemoteCertificateValidationCallback</c>,
/// <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>,
/// <c>SslClient/ServerAuthenticationOptions.RemoteCertificateValidationCallback</c>,
/// <c>ServicePointManager.ServerCertificateValidationCallback</c>, the <c>SslStream</c> constructor,
/// ASP.NET Core's <c>ClientCertificateValidation</c>, broker libraries' equivalents); it is
/// reported where it is assigned (<c>=</c> or <c>+=</c>) or passed, when its body (a lambda, an
/// anonymous method, or a method of the same file) returns the constant <c>true</c> on every path,
/// or can return <c>true</c> without reading the certificate, the chain or the errors.
/// <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c> is reported the same way.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificateValidationAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CertificateValidationDisabled);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var policyErrors = context.Compilation.GetTypeByMetadataName("System.Net.Security.SslPolicyErrors");
        if (policyErrors is null)
        {
            return;
        }

        bool IsValidationCallbackType(ITypeSymbol? type)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { ReturnType.SpecialType: SpecialType.System_Boolean } invoke }
               && invoke.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, policyErrors));

        context.RegisterOperationAction(
            ctx =>
            {
                IOperation target;
                IOperation value;
                switch (ctx.Operation)
                {
                    case ISimpleAssignmentOperation simple:
                        target = simple.Target;
                        value = simple.Value;
                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound:
                        target = compound.Target;
                        value = compound.Value;
                        break;
                    default:
                        return;
                }

                if (!IsValidationCallbackType(target.Type) || Reason(value) is not { } reason)
                {
                    return;
                }

                var subject = target switch
                {
                    IPropertyReferenceOperation property => property.Property.ContainingType.Name + "." + property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    _ => "The certificate validation callback",
                };
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.CertificateValidationDisabled, ctx.Operation.Syntax.GetLocation(), subject, reason));
            },
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var argument = (IArgumentOperation)ctx.Operation;
                if (argument.Parameter is not { } parameter || !IsValidationCallbackType(parameter.Type)
                    || argument.ArgumentKind == ArgumentKind.DefaultValue || Reason(argument.Value) is not { } reason)
                {
                    return;
                }

                var method = parameter.ContainingSymbol as IMethodSymbol;
                var subject = method is null ? "The certificate validation callback"
                    : "The " + parameter.Name + " passed to " + method.ContainingType.Name + (method.MethodKind == MethodKind.Constructor ? string.Empty : "." + method.Name);
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.CertificateValidationDisabled, argument.Syntax.GetLocation(), subject, reason));
            },
            OperationKind.Argument);
    }

    /// <summary>Why the callback accepts everything, or null when it does not.</summary>
    private static string? Reason(IOperation value)
    {
        var inner = value.WalkDownConversion();
        if (inner is IPropertyReferenceOperation { Property.Name: "DangerousAcceptAnyServerCertificateValidator" })
        {
            return "is DangerousAcceptAnyServerCertificateValidator";
        }

        if (DelegateInspector.Resolve(inner) is not { } callback)
        {
            return null;
        }

        return DelegateInspector.HowItAccepts(callback) switch
        {
            AcceptKind.ReturnsTrue => "returns true for every certificate",
            AcceptKind.IgnoresInput => "returns true without looking at the certificate, the chain or the SslPolicyErrors",
            _ => null,
        };
    }
}
