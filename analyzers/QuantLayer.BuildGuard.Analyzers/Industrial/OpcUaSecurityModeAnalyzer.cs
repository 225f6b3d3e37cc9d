using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// QLB1502: OPC UA sessions or server endpoints without message security.
/// <list type="bullet">
/// <item>Client: <c>CoreClientUtils.SelectEndpoint(...)</c>/<c>SelectEndpointAsync(...)</c> with
/// <c>useSecurity: false</c> (the session then uses the unsecured endpoint).</item>
/// <item>Server and endpoint descriptions: <c>SecurityMode = MessageSecurityMode.None</c> or
/// <c>SecurityPolicyUri = SecurityPolicies.None</c> on a stack type (<c>ServerSecurityPolicy</c>,
/// <c>EndpointDescription</c>, ...), <c>MessageSecurityMode.None</c> passed to
/// (<c>AddPolicy(MessageSecurityMode.None, ...)</c> of the configuration builder), <c>AddUnsecurePolicyNone()</c> of the
/// configuration builder, <c>IncludeUnsecurePolicyNone = true</c> (2.0 hosting options), and
/// <c>&lt;SecurityMode&gt;None_1&lt;/SecurityMode&gt;</c> in an application configuration XML.</item>
/// </list>
/// Discovery is exempt: an assignment in a method that uses <c>DiscoveryClient</c> and creates no
/// session is not reported (FindServers and GetEndpoints need no security).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OpcUaSecurityModeAnalyzer : BuildGuardAnalyzer
{
    private const string SecurityPolicyNone = "http://opcfoundation.org/UA/SecurityPolicy#None";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OpcUaSecurityNone);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        if (!OpcUaFacts.IsReferenced(context.Compilation))
        {
            return;
        }

        var securityMode = context.Compilation.GetTypeByMetadataName("Opc.Ua.MessageSecurityMode");
        var none = securityMode?.GetMembers("None").OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue;

        bool IsModeNone(IOperation value)
            => securityMode is not null && SymbolEqualityComparer.Default.Equals(value.WalkDownConversion().Type, securityMode)
               && value.WalkDownConversion().ConstantValue is { HasValue: true } constant && Equals(constant.Value, none);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property || !OpcUaFacts.IsOpcUa(property.Property.ContainingType))
                {
                    return;
                }

                string? subject = property.Property.Name switch
                {
                    "SecurityMode" when IsModeNone(assignment.Value) => property.Property.ContainingType.Name + ".SecurityMode = MessageSecurityMode.None",
                    "SecurityPolicyUri" when assignment.Value.ConstantString() == SecurityPolicyNone => property.Property.ContainingType.Name + ".SecurityPolicyUri = SecurityPolicies.None",
                    "IncludeUnsecurePolicyNone" when assignment.Value.IsConstantTrue() => "IncludeUnsecurePolicyNone = true",
                    _ => null,
                };
                if (subject is null || (property.Property.Name != "IncludeUnsecurePolicyNone" && IsDiscoveryOnly(assignment)))
                {
                    return;
                }

                // Both properties on one object initializer: report the mode only.
                if (property.Property.Name == "SecurityPolicyUri" && SiblingSetsModeNone(assignment, IsModeNone))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaSecurityNone, assignment.Syntax.GetLocation(), subject));
            },
            OperationKind.SimpleAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (!OpcUaFacts.IsOpcUa(method.ContainingType))
                {
                    return;
                }

                string? subject = null;
                if (method.Name is "SelectEndpoint" or "SelectEndpointAsync")
                {
                    if (invocation.Arguments.Any(a => a.Parameter?.Name == "useSecurity" && a.Value.IsConstantFalse()))
                    {
                        subject = method.ContainingType.Name + "." + method.Name + "(..., useSecurity: false)";
                    }
                }
                else if (method.Name == "AddUnsecurePolicyNone")
                {
                    if (invocation.Arguments.Length == 0 || invocation.Arguments[0].Value.IsConstantTrue())
                    {
                        subject = "AddUnsecurePolicyNone()";
                    }
                }
                else if (method.Name == "AddPolicy" && invocation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue && IsModeNone(a.Value)))
                {
                    subject = method.Name + "(MessageSecurityMode.None, ...)";
                }

                if (subject is not null)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaSecurityNone, invocation.CallLocation(), subject));
                }
            },
            OperationKind.Invocation);

        OpcUaFacts.RegisterConfigurationFileAction(context, (ctx, text) =>
        {
            foreach (var location in OpcUaFacts.ElementValues(ctx.AdditionalFile, text, "SecurityMode", "None_1"))
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaSecurityNone, location, "<SecurityMode>None_1</SecurityMode>"));
            }
        });
    }

    /// <summary>True when the method uses a DiscoveryClient and creates no session.</summary>
    private static bool IsDiscoveryOnly(IOperation operation)
    {
        var discovery = false;
        foreach (var descendant in operation.Root().Descendants())
        {
            var type = descendant switch
            {
                IInvocationOperation call => call.TargetMethod.ContainingType,
                IObjectCreationOperation creation => creation.Type,
                _ => null,
            };
            if (type is null || !OpcUaFacts.IsOpcUa(type))
            {
                continue;
            }

            if (type.Name.Contains("Session"))
            {
                return false;
            }

            discovery |= type.Name == "DiscoveryClient";
        }

        return discovery;
    }

    private static bool SiblingSetsModeNone(ISimpleAssignmentOperation assignment, Func<IOperation, bool> isModeNone)
    {
        if (assignment.Parent is not IObjectOrCollectionInitializerOperation initializer)
        {
            return false;
        }

        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SecurityMode" } } sibling && isModeNone(sibling.Value))
            {
                return true;
            }
        }

        return false;
    }
}
