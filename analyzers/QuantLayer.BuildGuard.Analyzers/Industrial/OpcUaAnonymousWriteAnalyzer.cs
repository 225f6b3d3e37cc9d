using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// QLB1503: the Anonymous user token policy on an OPC UA server that can be written. Reported at
/// the end of the compilation, at each place anonymous access is enabled, when the compilation
/// references the server library (<c>Opc.Ua.Server.StandardServer</c>) and shows that clients can
/// change state, and shows no per-node access control.
/// <list type="bullet">
/// <item>Anonymous: <c>new UserTokenPolicy(UserTokenType.Anonymous)</c>,
/// <c>TokenType = UserTokenType.Anonymous</c> on a stack type,
/// <c>AddUserTokenPolicy(UserTokenType.Anonymous)</c>, and
/// <c>&lt;TokenType&gt;Anonymous_0&lt;/TokenType&gt;</c> in an application configuration XML.</item>
/// <item>Writes: <c>AccessLevel</c>/<c>UserAccessLevel</c>/<c>AccessLevelEx</c> set to a value with the
/// CurrentWrite bit; <c>OnWriteValue</c>, <c>OnSimpleWriteValue</c>, <c>OnCallMethod</c>,
/// <c>OnCallMethod2</c> handlers; <c>Write</c>/<c>Call</c> overrides in a node manager.</item>
/// <item>Access control that silences the rule: <c>RolePermissions</c>, <c>UserRolePermissions</c>,
/// <c>DefaultRolePermissions</c>, <c>DefaultUserRolePermissions</c> or <c>AccessRestrictions</c>
/// assigned anywhere in the compilation.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OpcUaAnonymousWriteAnalyzer : BuildGuardAnalyzer
{
    private static readonly ImmutableHashSet<string> WriteHandlers = ImmutableHashSet.Create("OnWriteValue", "OnSimpleWriteValue", "OnCallMethod", "OnCallMethod2", "OnCallMethodAsync");

    private static readonly ImmutableHashSet<string> AccessControl = ImmutableHashSet.Create(
        "RolePermissions", "UserRolePermissions", "DefaultRolePermissions", "DefaultUserRolePermissions", "AccessRestrictions");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OpcUaAnonymousWrite);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        if (compilation.GetTypeByMetadataName("Opc.Ua.Server.StandardServer") is null)
        {
            return;
        }

        var tokenType = compilation.GetTypeByMetadataName("Opc.Ua.UserTokenType");
        var anonymous = tokenType?.GetMembers("Anonymous").OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue;
        var anonymousSites = new ConcurrentBag<Location>();
        var writeEvidence = new ConcurrentBag<(Location Location, string What)>();
        var accessControl = 0;

        bool IsAnonymous(IOperation value)
            => tokenType is not null && SymbolEqualityComparer.Default.Equals(value.WalkDownConversion().Type, tokenType)
               && value.WalkDownConversion().ConstantValue is { HasValue: true } constant && Equals(constant.Value, anonymous);

        context.RegisterOperationAction(
            ctx =>
            {
                switch (ctx.Operation)
                {
                    case IObjectCreationOperation creation when OpcUaFacts.IsOpcUa(creation.Type) && creation.Type?.Name == "UserTokenPolicy"
                                                                && creation.Arguments.Any(a => IsAnonymous(a.Value)):
                        anonymousSites.Add(creation.Syntax.GetLocation());
                        break;
                    case IInvocationOperation { TargetMethod.Name: "AddUserTokenPolicy" } call when OpcUaFacts.IsOpcUa(call.TargetMethod.ContainingType)
                                                                                                  && call.Arguments.Any(a => IsAnonymous(a.Value)):
                        anonymousSites.Add(call.CallLocation());
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when OpcUaFacts.IsOpcUa(property.Property.ContainingType):
                        var name = property.Property.Name;
                        if (name == "TokenType" && IsAnonymous(assignment.Value))
                        {
                            anonymousSites.Add(assignment.Syntax.GetLocation());
                        }
                        else if (name is "AccessLevel" or "UserAccessLevel" or "AccessLevelEx" && assignment.Value.ConstantInt64() is { } level && (level & 0x2) != 0)
                        {
                            writeEvidence.Add((assignment.Syntax.GetLocation(), name + " includes CurrentWrite"));
                        }
                        else if (WriteHandlers.Contains(name) && !assignment.Value.IsNull())
                        {
                            writeEvidence.Add((assignment.Syntax.GetLocation(), name + " handler"));
                        }
                        else if (AccessControl.Contains(name))
                        {
                            Interlocked.Exchange(ref accessControl, 1);
                        }

                        break;
                    case ICompoundAssignmentOperation { Target: IPropertyReferenceOperation handler } compound
                        when OpcUaFacts.IsOpcUa(handler.Property.ContainingType) && WriteHandlers.Contains(handler.Property.Name):
                        writeEvidence.Add((compound.Syntax.GetLocation(), handler.Property.Name + " handler"));
                        break;
                    case ICompoundAssignmentOperation { Target: IFieldReferenceOperation handlerField } compoundField
                        when OpcUaFacts.IsOpcUa(handlerField.Field.ContainingType) && WriteHandlers.Contains(handlerField.Field.Name):
                        writeEvidence.Add((compoundField.Syntax.GetLocation(), handlerField.Field.Name + " handler"));
                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } fieldAssignment
                        when OpcUaFacts.IsOpcUa(field.Field.ContainingType) && WriteHandlers.Contains(field.Field.Name) && !fieldAssignment.Value.IsNull():
                        writeEvidence.Add((fieldAssignment.Syntax.GetLocation(), field.Field.Name + " handler"));
                        break;
                }
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation,
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment);

        // Write/Call overrides in node managers.
        context.RegisterSymbolAction(
            ctx =>
            {
                var method = (IMethodSymbol)ctx.Symbol;
                if (method.IsOverride && method.Name is "Write" or "WriteAsync" or "Call" or "CallAsync"
                    && method.OverriddenMethod is { } overridden && overridden.ContainingType.IsInNamespace("Opc.Ua.Server"))
                {
                    writeEvidence.Add((method.Locations.FirstOrDefault() ?? Location.None, method.ContainingType.Name + "." + method.Name + " override"));
                }
            },
            SymbolKind.Method);

        OpcUaFacts.RegisterConfigurationFileAction(context, (ctx, text) =>
        {
            foreach (var location in OpcUaFacts.ElementValues(ctx.AdditionalFile, text, "TokenType", "Anonymous_0"))
            {
                anonymousSites.Add(location);
            }
        });

        context.RegisterCompilationEndAction(ctx =>
        {
            if (anonymousSites.IsEmpty || writeEvidence.IsEmpty || Volatile.Read(ref accessControl) != 0)
            {
                return;
            }

            var first = writeEvidence.OrderBy(e => e.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(e => e.Location.SourceSpan.Start).First();
            var where = first.Location.GetLineSpan();
            var evidence = first.What + " at " + System.IO.Path.GetFileName(where.Path) + ":" + (where.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
            foreach (var site in anonymousSites.Distinct())
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.OpcUaAnonymousWrite, site, evidence));
            }
        });
    }
}
