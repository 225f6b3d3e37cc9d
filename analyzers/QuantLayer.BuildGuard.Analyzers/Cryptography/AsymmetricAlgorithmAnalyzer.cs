using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// QLB1104 RSA keys below 2048 bits (<c>RSA.Create(1024)</c>, <c>new RSACryptoServiceProvider(1024)</c>,
/// <c>rsa.KeySize = 1024</c>, the size tracked through locals and constant fields; and
/// <c>new RSACryptoServiceProvider()</c>, whose generated key is 1024 bits, when the method imports
/// no key into it), QLB1105 DSA, QLB1106 RSA encryption with PKCS#1 v1.5 padding
/// (<c>RSAEncryptionPadding.Pkcs1</c>, <c>RSACryptoServiceProvider.Encrypt(data, false)</c>, the
/// PKCS#1 key-exchange formatters).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsymmetricAlgorithmAnalyzer : BuildGuardAnalyzer
{
    /// <summary>The smallest acceptable RSA modulus.</summary>
    public const int MinimumRsaKeySize = 2048;

    /// <summary>The key size <c>new RSACryptoServiceProvider()</c> generates.</summary>
    private const int CspDefaultKeySize = 1024;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.WeakRsaKey, Descriptors.Dsa, Descriptors.RsaPkcs1Encryption);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var s = CryptoSymbols.Get(context.Compilation);
        if (s.Rsa is null && s.Dsa is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                var type = creation.Type;
                if (CryptoSymbols.DerivesFrom(type, s.Dsa))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Dsa, creation.Syntax.GetLocation()));
                    return;
                }

                if (CryptoSymbols.DerivesFrom(type, s.RsaPkcs1KeyExchangeFormatter) || CryptoSymbols.DerivesFrom(type, s.RsaPkcs1KeyExchangeDeformatter))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RsaPkcs1Encryption, creation.Syntax.GetLocation()));
                    return;
                }

                if (!CryptoSymbols.DerivesFrom(type, s.Rsa))
                {
                    return;
                }

                var sizeArgument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_Int32);
                if (sizeArgument is not null)
                {
                    ReportIfSmall(ctx, sizeArgument.Value, creation.Syntax, s);
                    return;
                }

                // new RSACryptoServiceProvider() generates a 1024-bit key unless a key is imported.
                if (CryptoSymbols.DerivesFrom(type, s.RsaCryptoServiceProvider) && !ImportsKey(creation))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.WeakRsaKey,
                        creation.Syntax.GetLocation(),
                        CspDefaultKeySize.ToString(CultureInfo.InvariantCulture) + " (the default of this constructor)"));
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var containing = method.ContainingType;
                if (containing is null || method.Name is not ("Create" or "CreateFromName" or "Encrypt" or "Decrypt" or "TryEncrypt" or "TryDecrypt"))
                {
                    return;
                }

                if (method.IsStatic && method.Name == "Create")
                {
                    if (CryptoSymbols.DerivesFrom(containing, s.Dsa))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Dsa, invocation.Syntax.GetLocation()));
                        return;
                    }

                    if (CryptoSymbols.DerivesFrom(containing, s.Rsa)
                        && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_Int32) is { } size)
                    {
                        ReportIfSmall(ctx, size.Value, invocation.Syntax, s);
                        return;
                    }

                    // AsymmetricAlgorithm.Create("DSA"), CryptoConfig.CreateFromName("DSA").
                    if (invocation.Arguments.Length == 1
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                        && (name.Trim().Equals("DSA", StringComparison.OrdinalIgnoreCase) || name.Trim().Equals("System.Security.Cryptography.DSA", StringComparison.OrdinalIgnoreCase))
                        && SymbolEqualityComparer.Default.Equals(containing, s.AsymmetricAlgorithm))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Dsa, invocation.Syntax.GetLocation()));
                    }

                    return;
                }

                if (method.IsStatic && method.Name == "CreateFromName" && SymbolEqualityComparer.Default.Equals(containing, s.CryptoConfig)
                    && invocation.Arguments.Length >= 1
                    && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string configName }
                    && configName.Trim().Equals("DSA", StringComparison.OrdinalIgnoreCase))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Dsa, invocation.Syntax.GetLocation()));
                    return;
                }

                if (!CryptoSymbols.DerivesFrom(containing, s.Rsa)
                    || method.Name is not ("Encrypt" or "Decrypt" or "TryEncrypt" or "TryDecrypt"))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    var value = argument.Value.WalkDownConversion();

                    // rsa.Encrypt(data, RSAEncryptionPadding.Pkcs1)
                    if (value is IPropertyReferenceOperation { Property.Name: "Pkcs1" } padding
                        && SymbolEqualityComparer.Default.Equals(padding.Property.ContainingType, s.RsaEncryptionPadding))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RsaPkcs1Encryption, invocation.Syntax.GetLocation()));
                        return;
                    }

                    // rsaCsp.Encrypt(data, fOAEP: false)
                    if (argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean }
                        && value.ConstantValue is { HasValue: true, Value: false })
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.RsaPkcs1Encryption, invocation.Syntax.GetLocation()));
                        return;
                    }
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "KeySize" } property
                    && CryptoSymbols.DerivesFrom(property.Instance?.Type ?? property.Property.ContainingType, s.Rsa))
                {
                    ReportIfSmall(ctx, assignment.Value, assignment.Syntax, s);
                }
            },
            OperationKind.SimpleAssignment);
    }

    private static void ReportIfSmall(OperationAnalysisContext ctx, IOperation size, SyntaxNode location, CryptoSymbols s)
    {
        if (s.Values.Evaluate(size, ctx)?.IntegerValue is { } bits && bits > 0 && bits < MinimumRsaKeySize)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakRsaKey, location.GetLocation(), bits.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// Whether the created provider gets a key imported in the same method (ImportParameters,
    /// FromXmlString, ImportCspBlob, ImportFromPem, ...) or escapes where that cannot be seen.
    /// </summary>
    private static bool ImportsKey(IObjectCreationOperation creation)
    {
        ISymbol? target = creation.Parent?.WalkUpConversion() switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation } => null,
            _ => null,
        };
        if (target is null)
        {
            // Not kept in a local: a field, a return value or an argument; the key may be imported elsewhere.
            return creation.Parent?.WalkUpConversion() is not IInvocationOperation and not IMemberReferenceOperation;
        }

        var root = Flow.ConstantValueTracker.Root(creation);
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { Instance: ILocalReferenceOperation receiver } invocation
                && SymbolEqualityComparer.Default.Equals(receiver.Local, target)
                && (invocation.TargetMethod.Name.StartsWith("Import", StringComparison.Ordinal) || invocation.TargetMethod.Name == "FromXmlString"))
            {
                return true;
            }

            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, target)
                && reference.Parent is IArgumentOperation or IReturnOperation or ISimpleAssignmentOperation { Target: not ILocalReferenceOperation })
            {
                return true; // escapes: whoever receives it may import a key
            }
        }

        return false;
    }
}
