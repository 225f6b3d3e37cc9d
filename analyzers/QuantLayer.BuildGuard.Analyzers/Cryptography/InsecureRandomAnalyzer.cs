using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// QLB1114: a <c>System.Random</c> value used for a security purpose. Not every use of Random:
/// the purpose is decided by where the value goes (the bytes of <c>NextBytes</c> reaching a key,
/// IV, nonce or salt parameter; the variable, field or property it is stored in; the builder or
/// collection it is appended to; the member that returns it) and, failing those, by the name of
/// the method that draws it (<c>GenerateToken</c>, <c>CreateSalt</c>, <c>NewSessionId</c>).
/// Only receivers typed <c>System.Random</c> are considered: subclasses (BouncyCastle's
/// <c>SecureRandom</c> derives from Random) override it with a cryptographic generator.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureRandomAnalyzer : BuildGuardAnalyzer
{
    private const int MaxWalk = 16;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InsecureRandom);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var s = CryptoSymbols.Get(context.Compilation);
        if (s.Random is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                // Only System.Random itself: subclasses such as BouncyCastle's SecureRandom override
                // the generator with a cryptographic one.
                if (method.IsStatic
                    || method.Name is not ("Next" or "NextInt64" or "NextBytes" or "NextDouble" or "NextSingle" or "GetItems")
                    || !SymbolEqualityComparer.Default.Equals(invocation.Instance?.Type, s.Random))
                {
                    return;
                }

                var (purpose, name) = method.Name == "NextBytes" ? PurposeOfBuffer(invocation, s) : PurposeOfValue(invocation);
                if (purpose == SecurityPurpose.None)
                {
                    (purpose, name) = PurposeOfEnclosingMember(ctx.ContainingSymbol);
                }

                if (purpose is not (SecurityPurpose.None or SecurityPurpose.Signing))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.InsecureRandom, invocation.Syntax.GetLocation(), SecurityNames.Describe(purpose), name));
                }
            },
            OperationKind.Invocation);
    }

    /// <summary><c>rng.NextBytes(buffer)</c>: the buffer's name, or a crypto sink the buffer reaches in this method.</summary>
    private static (SecurityPurpose Purpose, string Name) PurposeOfBuffer(IInvocationOperation invocation, CryptoSymbols s)
    {
        if (invocation.Arguments.Length == 0)
        {
            return (SecurityPurpose.None, string.Empty);
        }

        var buffer = invocation.Arguments[0].Value.WalkDownConversion();
        var name = NameOf(buffer);
        if (name is not null && SecurityNames.PurposeOfName(name, isMethod: false) is var byName && byName != SecurityPurpose.None)
        {
            return (byName, name);
        }

        if (buffer is not ILocalReferenceOperation local)
        {
            return (SecurityPurpose.None, string.Empty);
        }

        // The bytes become a key, IV, nonce or salt of a cryptographic API.
        foreach (var operation in Flow.ConstantValueTracker.Root(invocation).DescendantsAndSelf())
        {
            if (operation is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, local.Local) || use == buffer)
            {
                continue;
            }

            var consumer = use.Parent.WalkUpConversion();
            switch (consumer)
            {
                case IArgumentOperation { Parameter: { } parameter }
                    when CryptoSymbols.IsInCryptographyNamespace(parameter.ContainingType) || CryptoSymbols.IsInCryptographyNamespace(parameter.ContainingSymbol?.ContainingType):
                    var byParameter = parameter.Name switch
                    {
                        "key" or "rgbKey" => SecurityPurpose.Key,
                        "iv" or "rgbIV" or "nonce" => SecurityPurpose.Nonce,
                        "salt" or "rgbSalt" => SecurityPurpose.Salt,
                        "password" => SecurityPurpose.Password,
                        _ => SecurityPurpose.None,
                    };
                    if (byParameter != SecurityPurpose.None)
                    {
                        return (byParameter, parameter.Name);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }
                    when CryptoSymbols.IsInCryptographyNamespace(property.Property.ContainingType):
                    var byProperty = property.Property.Name switch
                    {
                        "Key" => SecurityPurpose.Key,
                        "IV" => SecurityPurpose.Nonce,
                        "Salt" => SecurityPurpose.Salt,
                        _ => SecurityPurpose.None,
                    };
                    if (byProperty != SecurityPurpose.None)
                    {
                        return (byProperty, property.Property.Name);
                    }

                    break;
            }
        }

        return (SecurityPurpose.None, string.Empty);
    }

    /// <summary>Follows a drawn value up to where it is stored, appended or returned.</summary>
    private static (SecurityPurpose Purpose, string Name) PurposeOfValue(IOperation drawn)
    {
        var current = drawn;
        for (var step = 0; step < MaxWalk && current.Parent is { } parent; step++)
        {
            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return Classify(declarator.Symbol.Name, isMethod: false);
                case IAssignmentOperation assignment when assignment.Value == current:
                    return NameOf(assignment.Target) is { } target ? Classify(target, isMethod: false) : (SecurityPurpose.None, string.Empty);
                case IReturnOperation:
                    {
                        // Inside a lambda the value continues to whatever consumes the lambda.
                        var lambda = parent.Parent;
                        while (lambda is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation and not IMethodBodyOperation)
                        {
                            lambda = lambda.Parent;
                        }

                        if (lambda is IAnonymousFunctionOperation)
                        {
                            current = lambda;
                            continue;
                        }

                        return (SecurityPurpose.None, string.Empty); // the enclosing member decides
                    }

                case IArgumentOperation { Parent: IInvocationOperation { Instance: { } instance } } when NameOf(instance.WalkDownConversion()) is { } receiver:
                    // password.Append(chars[rng.Next(n)]), tokens.Add(...)
                    var byReceiver = Classify(receiver, isMethod: false);
                    if (byReceiver.Purpose != SecurityPurpose.None)
                    {
                        return byReceiver;
                    }

                    break;
                case IExpressionStatementOperation:
                case IBlockOperation:
                    return (SecurityPurpose.None, string.Empty);
            }

            current = parent;
        }

        return (SecurityPurpose.None, string.Empty);
    }

    private static (SecurityPurpose Purpose, string Name) PurposeOfEnclosingMember(ISymbol? symbol)
    {
        for (var s = symbol; s is not null and not INamedTypeSymbol and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            {
                continue;
            }

            if (s is IMethodSymbol { AssociatedSymbol: { } property })
            {
                return Classify(property.Name, isMethod: false);
            }

            return Classify(s.Name, isMethod: s is IMethodSymbol);
        }

        return (SecurityPurpose.None, string.Empty);
    }

    private static (SecurityPurpose Purpose, string Name) Classify(string name, bool isMethod)
        => (SecurityNames.PurposeOfName(name, isMethod), name);

    private static string? NameOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation l => l.Local.Name,
        IFieldReferenceOperation f => f.Field.Name,
        IPropertyReferenceOperation p => p.Property.Name,
        IParameterReferenceOperation p => p.Parameter.Name,
        _ => null,
    };
}
