using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Transport;

/// <summary>
/// QLB1302: SSL 2.0, SSL 3.0, TLS 1.0 or TLS 1.1 enabled through <c>SslProtocols</c> or
/// <c>SecurityProtocolType</c>: a value containing one of those flags assigned (<c>=</c>, <c>|=</c>)
/// to a property or field of that type (<c>ServicePointManager.SecurityProtocol</c>,
/// <c>EnabledSslProtocols</c>, <c>HttpClientHandler.SslProtocols</c>, libraries' options) or passed
/// to a parameter of that type (<c>SslStream.AuthenticateAsClient(host, certs, protocols, check)</c>).
/// Comparisons, flags being removed (<c>&amp;= ~SecurityProtocolType.Tls</c>), and properties or
/// parameters that list protocols to refuse (named with Disable, Disallow, Block, Exclude, Deny,
/// Forbid, Prohibit, Reject, Obsolete, Deprecated, Insecure, Weak or Legacy) are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObsoleteTlsProtocolAnalyzer : BuildGuardAnalyzer
{
    /// <summary>SSL 2 (0xC), SSL 3 (0x30), TLS 1.0 (0xC0), TLS 1.1 (0x300): the same bits in both enums.</summary>
    internal const long WeakBits = 0xC | 0x30 | 0xC0 | 0x300;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ObsoleteTlsProtocol);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var sslProtocols = context.Compilation.GetTypeByMetadataName("System.Security.Authentication.SslProtocols");
        var securityProtocolType = context.Compilation.GetTypeByMetadataName("System.Net.SecurityProtocolType");
        if (sslProtocols is null && securityProtocolType is null)
        {
            return;
        }

        bool IsProtocolType(ITypeSymbol? type)
            => type is not null && (SymbolEqualityComparer.Default.Equals(type, sslProtocols) || SymbolEqualityComparer.Default.Equals(type, securityProtocolType));

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
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Or } compound:
                        target = compound.Target;
                        value = compound.Value;
                        break;
                    default:
                        return;
                }

                if (target is not (IPropertyReferenceOperation or IFieldReferenceOperation) || !IsProtocolType(target.Type)
                    || NamesAnExclusion(target is IPropertyReferenceOperation named ? named.Property.Name : ((IFieldReferenceOperation)target).Field.Name))
                {
                    return;
                }

                var weak = WeakFlags(value, 0);
                if (weak != 0)
                {
                    var subject = target is IPropertyReferenceOperation p ? p.Property.ContainingType.Name + "." + p.Property.Name : ((IFieldReferenceOperation)target).Field.Name;
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.ObsoleteTlsProtocol, value.Syntax.GetLocation(), subject, Describe(weak)));
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var argument = (IArgumentOperation)ctx.Operation;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter || !IsProtocolType(parameter.Type)
                    || NamesAnExclusion(parameter.Name))
                {
                    return;
                }

                var weak = WeakFlags(argument.Value, 0);
                if (weak != 0 && parameter.ContainingSymbol is IMethodSymbol method)
                {
                    var subject = method.ContainingType.Name + (method.MethodKind == MethodKind.Constructor ? string.Empty : "." + method.Name);
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.ObsoleteTlsProtocol, argument.Value.Syntax.GetLocation(), subject, Describe(weak)));
                }
            },
            OperationKind.Argument);
    }

    /// <summary>
    /// True for a property, field or parameter that lists protocols to refuse
    /// (<c>DisabledProtocols</c>, <c>BlockedSslProtocols</c>, <c>insecureProtocols</c>): giving it the
    /// obsolete versions turns them off.
    /// </summary>
    private static bool NamesAnExclusion(string name)
    {
        foreach (var word in ExclusionWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ExclusionWords =
    {
        "Disable", "Disallow", "Block", "Exclude", "Deny", "Forbid", "Prohibit", "Reject", "Obsolete", "Deprecated", "Insecure", "Weak", "Legacy",
    };

    /// <summary>The weak protocol bits a value turns on: constants, <c>|</c> of operands, and a local's value.</summary>
    private static long WeakFlags(IOperation value, int depth)
    {
        if (depth > 6)
        {
            return 0;
        }

        var inner = value.WalkDownConversion();
        if (inner.ConstantInt64() is { } constant)
        {
            return constant & WeakBits;
        }

        return inner switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or => WeakFlags(or.LeftOperand, depth + 1) | WeakFlags(or.RightOperand, depth + 1),
            ILocalReferenceOperation local when ValueFacts.LastValueOfLocal(local) is { } assigned => WeakFlags(assigned, depth + 1),
            _ => 0,
        };
    }

    private static string Describe(long bits)
    {
        var names = new List<string>();
        if ((bits & 0xC) != 0)
        {
            names.Add("SSL 2.0");
        }

        if ((bits & 0x30) != 0)
        {
            names.Add("SSL 3.0");
        }

        if ((bits & 0xC0) != 0)
        {
            names.Add("TLS 1.0");
        }

        if ((bits & 0x300) != 0)
        {
            names.Add("TLS 1.1");
        }

        return string.Join(", ", names);
    }
}
