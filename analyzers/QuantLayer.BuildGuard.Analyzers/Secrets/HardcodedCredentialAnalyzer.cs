using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Cryptography;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Secrets;

/// <summary>
/// Hard-coded credentials in code. QLB1400 passwords: a constant (tracked through locals, fields
/// and helpers) passed to a parameter named like a password (<c>NetworkCredential</c>,
/// <c>X509Certificate2(rawData, password)</c>, <c>X509CertificateLoader.LoadPkcs12</c>,
/// <c>Rfc2898DeriveBytes</c>, any API), a connection string with a <c>Password=</c> entry (or a URI
/// with a password) passed as <c>connectionString</c> or assigned to <c>ConnectionString</c>,
/// <c>Password</c> of a connection-string builder or credential, a <c>SecureString</c> filled from a
/// literal, a literal assigned to or compared with a password-named variable, field or property.
/// QLB1401 secrets: JWT signing keys (<c>SymmetricSecurityKey</c> from constant bytes), string
/// literals in a known key format (PEM private keys, AWS, GitHub, Slack, Google, Stripe, npm,
/// Azure storage keys, XML RSA private keys) and random-looking literals assigned to a field,
/// property or variable named like a secret, token or API key. Messages never contain the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.HardcodedPassword, Descriptors.HardcodedSecret);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var values = CryptoSymbols.Get(compilation).Values;
        var symmetricSecurityKey = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.SymmetricSecurityKey");
        var secureString = compilation.GetTypeByMetadataName("System.Security.SecureString");
        var connectionStringBuilder = compilation.GetTypeByMetadataName("System.Data.Common.DbConnectionStringBuilder");
        var networkCredential = compilation.GetTypeByMetadataName("System.Net.NetworkCredential");

        // Every call with a string argument asks this; parameters are few, calls are many.
        var passwordParameters = new System.Collections.Concurrent.ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
        bool IsPasswordParameter(IParameterSymbol parameter)
            => passwordParameters.GetOrAdd(parameter.OriginalDefinition, p => SecurityNames.IsPasswordName(p.Name));

        // Arguments: password parameters, connection strings, JWT keys.
        context.RegisterOperationAction(
            ctx =>
            {
                var (method, arguments) = ctx.Operation switch
                {
                    IInvocationOperation i => (i.TargetMethod, i.Arguments),
                    IObjectCreationOperation { Constructor: { } c } o => (c, o.Arguments),
                    _ => (null, ImmutableArray<IArgumentOperation>.Empty),
                };
                if (method is null)
                {
                    return;
                }

                var symmetricKeyConstructor = symmetricSecurityKey is not null && method.MethodKind == MethodKind.Constructor
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType, symmetricSecurityKey);
                foreach (var argument in arguments)
                {
                    if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    if (parameter.Type.SpecialType != SpecialType.System_String && !symmetricKeyConstructor)
                    {
                        continue;
                    }

                    if (parameter.Type.SpecialType == SpecialType.System_String && IsPasswordParameter(parameter))
                    {
                        // A password-named variable or member is reported where the literal is stored.
                        var passedName = NameOf(argument.Value.WalkDownConversion());
                        if ((passedName is null || !SecurityNames.IsPasswordName(passedName)) && values.Evaluate(argument.Value, ctx)?.Value is string password && SecretText.IsRealPassword(password, parameter.Name))
                        {
                            Report(ctx, Descriptors.HardcodedPassword, argument.Value, "passed to " + Target(method));
                        }

                        continue;
                    }

                    if (parameter.Type.SpecialType == SpecialType.System_String
                        && parameter.Name is "connectionString" or "connString" or "nameOrConnectionString"
                        && values.Evaluate(argument.Value, ctx)?.Value is string connection
                        && SecretText.ContainsPassword(connection))
                    {
                        Report(ctx, Descriptors.HardcodedPassword, argument.Value, "in a connection string passed to " + Target(method));
                        continue;
                    }

                    if (symmetricKeyConstructor && values.Evaluate(argument.Value, ctx) is { } key)
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedSecret, argument.Value.Syntax.GetLocation(), "JWT signing key", "(from " + key.Description + ")"));
                    }
                }

                // secure.AppendChar(c) with a constant character or inside foreach over a literal.
                if (secureString is not null && ctx.Operation is IInvocationOperation { TargetMethod.Name: "AppendChar" } append
                    && SymbolEqualityComparer.Default.Equals(append.TargetMethod.ContainingType, secureString)
                    && append.Arguments.Length == 1
                    && IsLiteralCharacter(append.Arguments[0].Value, values, ctx))
                {
                    Report(ctx, Descriptors.HardcodedPassword, append, "in a SecureString built from a literal");
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation);

        // Assignments and initializers.
        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                switch (assignment.Target)
                {
                    case IPropertyReferenceOperation { Property.Name: "ConnectionString" } when assignment.Value.ConstantValue is { HasValue: true, Value: string connection } && SecretText.ContainsPassword(connection):
                        Report(ctx, Descriptors.HardcodedPassword, assignment.Value, "in a connection string");
                        return;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                        when CryptoSymbols.DerivesFrom(indexer.Property.ContainingType, connectionStringBuilder)
                             && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string keyword }
                             && SecurityNames.IsPasswordName(keyword):
                        if (values.Evaluate(assignment.Value, ctx)?.Value is string builderPassword && SecretText.IsRealPassword(builderPassword, keyword))
                        {
                            Report(ctx, Descriptors.HardcodedPassword, assignment.Value, "in a connection string builder");
                        }

                        return;
                    case IPropertyReferenceOperation { Property.Name: "Password" } property
                        when CryptoSymbols.DerivesFrom(property.Property.ContainingType, connectionStringBuilder) || CryptoSymbols.DerivesFrom(property.Property.ContainingType, networkCredential):
                        if (values.Evaluate(assignment.Value, ctx)?.Value is string credentialPassword && SecretText.IsRealPassword(credentialPassword, "Password"))
                        {
                            Report(ctx, Descriptors.HardcodedPassword, assignment.Value, "assigned to " + property.Property.ContainingType.Name + ".Password");
                        }

                        return;
                }

                if (NameOf(assignment.Target) is { } name)
                {
                    CheckNamedValue(ctx, name, assignment.Target.Type, assignment.Value);
                }
            },
            OperationKind.SimpleAssignment);

        context.RegisterOperationAction(
            ctx =>
            {
                var declarator = (IVariableDeclaratorOperation)ctx.Operation;
                if (declarator.GetVariableInitializer() is { } initializer)
                {
                    CheckNamedValue(ctx, declarator.Symbol.Name, declarator.Symbol.Type, initializer.Value);
                }
            },
            OperationKind.VariableDeclarator);

        context.RegisterOperationAction(
            ctx =>
            {
                var initializer = (ISymbolInitializerOperation)ctx.Operation;
                var (members, type) = initializer switch
                {
                    IFieldInitializerOperation f => (f.InitializedFields.Cast<ISymbol>().ToList(), f.InitializedFields.FirstOrDefault()?.Type),
                    IPropertyInitializerOperation p => (p.InitializedProperties.Cast<ISymbol>().ToList(), p.InitializedProperties.FirstOrDefault()?.Type),
                    _ => (new List<ISymbol>(), null),
                };
                foreach (var member in members)
                {
                    CheckNamedValue(ctx, member.Name, type, initializer.Value);
                }
            },
            OperationKind.FieldInitializer,
            OperationKind.PropertyInitializer);

        // password == "letmein": found by syntax first (a string literal on one side), so that the
        // many other comparisons cost one kind check.
        context.RegisterSyntaxNodeAction(
            ctx =>
            {
                var binary = (BinaryExpressionSyntax)ctx.Node;
                var (literal, other) = binary.Right is LiteralExpressionSyntax r && r.IsKind(SyntaxKind.StringLiteralExpression)
                    ? (r, binary.Left)
                    : binary.Left is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.StringLiteralExpression) ? (l, binary.Right) : (null, null);
                var name = other switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };
                if (literal is null || name is null || !SecurityNames.IsPasswordName(name)
                    || !SecretText.IsRealPassword(literal.Token.ValueText, name)
                    || ctx.SemanticModel.GetTypeInfo(other!, ctx.CancellationToken).Type?.SpecialType != SpecialType.System_String)
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedPassword, literal.GetLocation(), "compared with '" + name + "'"));
            },
            SyntaxKind.EqualsExpression,
            SyntaxKind.NotEqualsExpression);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (invocation.TargetMethod is { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String })
                {
                    var operands = new List<IOperation>();
                    if (invocation.Instance is not null)
                    {
                        operands.Add(invocation.Instance);
                    }

                    operands.AddRange(invocation.Arguments.Where(a => a.Parameter?.Type.SpecialType == SpecialType.System_String).Select(a => a.Value));
                    if (operands.Count == 2)
                    {
                        CheckComparison(ctx, operands[0], operands[1], invocation);
                    }
                }
            },
            OperationKind.Invocation);

        // Any string literal in a known secret format: one pass over each file's tokens (cheaper
        // than a callback per literal operation; no semantics needed).
        context.RegisterSyntaxTreeAction(ctx =>
        {
            foreach (var token in ctx.Tree.GetRoot(ctx.CancellationToken).DescendantTokens())
            {
                if (token.Span.Length >= 20
                    && token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                        or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
                        or SyntaxKind.InterpolatedStringTextToken
                    && SecretText.KnownFormat(token.ValueText) is { } format)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedSecret, token.GetLocation(), format, "in a string literal"));
                }
            }
        });
    }

    private static string Target(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;

    private static void Report(OperationAnalysisContext ctx, DiagnosticDescriptor descriptor, IOperation at, string where)
        => ctx.ReportDiagnostic(Diagnostic.Create(descriptor, at.Syntax.GetLocation(), where));

    /// <summary>A literal stored under a password- or secret-like name.</summary>
    private static void CheckNamedValue(OperationAnalysisContext ctx, string name, ITypeSymbol? type, IOperation value)
    {
        if (type?.SpecialType != SpecialType.System_String
            || value.WalkDownConversion().ConstantValue is not { HasValue: true, Value: string { Length: > 0 } text }
            || !SecurityNames.MayBeSecurityName(name)
            || SecretText.KnownFormat(text) is not null)
        {
            return; // known formats are reported by the literal action
        }

        switch (SecurityNames.PurposeOfName(name, isMethod: false))
        {
            case SecurityPurpose.Password when SecretText.IsRealPassword(text, name):
                Report(ctx, Descriptors.HardcodedPassword, value, "assigned to '" + name + "'");
                break;
            case SecurityPurpose.Secret or SecurityPurpose.Token or SecurityPurpose.Key when SecretText.LooksRandom(text):
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedSecret, value.Syntax.GetLocation(), "secret", "assigned to '" + name + "'"));
                break;
        }
    }

    private static void CheckComparison(OperationAnalysisContext ctx, IOperation left, IOperation right, IOperation at)
    {
        Check(left, right);
        Check(right, left);

        void Check(IOperation named, IOperation other)
        {
            // The constant first: it is the rarer (and cheaper) condition.
            if (other.WalkDownConversion().ConstantValue is { HasValue: true, Value: string { Length: > 0 } text }
                && NameOf(named.WalkDownConversion()) is { } name && SecurityNames.IsPasswordName(name)
                && SecretText.IsRealPassword(text, name))
            {
                Report(ctx, Descriptors.HardcodedPassword, other, "compared with '" + name + "'");
            }
        }
    }

    /// <summary>A constant character, or the iteration variable of a foreach over a constant string.</summary>
    private static bool IsLiteralCharacter(IOperation value, Flow.ConstantValueTracker values, OperationAnalysisContext ctx)
    {
        value = value.WalkDownConversion();
        if (value.ConstantValue.HasValue)
        {
            return true;
        }

        if (value is not ILocalReferenceOperation local)
        {
            return false;
        }

        for (var parent = value.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation loop && loop.Locals.Contains(local.Local, SymbolEqualityComparer.Default))
            {
                return values.Evaluate(loop.Collection, ctx)?.Value is string text && SecretText.IsRealPassword(text, name: null);
            }
        }

        return false;
    }

    private static string? NameOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation l => l.Local.Name,
        IFieldReferenceOperation f => f.Field.Name,
        IPropertyReferenceOperation p => p.Property.Name,
        IParameterReferenceOperation p => p.Parameter.Name,
        _ => null,
    };
}
