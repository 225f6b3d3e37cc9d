using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// QLB1101 broken ciphers (DES, TripleDES, RC2 through every creation path; Rijndael with a block
/// size other than 128 bits), QLB1102 ECB mode (<c>Mode = CipherMode.ECB</c>, <c>EncryptEcb</c>,
/// <c>DecryptEcb</c>; not where ECB is the block primitive of another mode such as CTR or key wrap, or of
/// a block-cipher class with <c>EncryptBlock</c>/<c>DecryptBlock</c> whose mode is applied elsewhere)
/// and QLB1103 CBC decryption of Base64/hex-decoded input in a type that checks no MAC.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CipherAnalyzer : BuildGuardAnalyzer
{
    /// <summary>Names accepted by SymmetricAlgorithm.Create(string) and CryptoConfig for the broken ciphers.</summary>
    private static readonly ImmutableDictionary<string, string> BrokenNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["DES"] = "DES",
        ["System.Security.Cryptography.DES"] = "DES",
        ["System.Security.Cryptography.DESCryptoServiceProvider"] = "DES",
        ["3DES"] = "TripleDES",
        ["TripleDES"] = "TripleDES",
        ["Triple DES"] = "TripleDES",
        ["System.Security.Cryptography.TripleDES"] = "TripleDES",
        ["System.Security.Cryptography.TripleDESCryptoServiceProvider"] = "TripleDES",
        ["RC2"] = "RC2",
        ["System.Security.Cryptography.RC2"] = "RC2",
        ["System.Security.Cryptography.RC2CryptoServiceProvider"] = "RC2",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words of type or method names that implement another mode on top of raw block encryption.</summary>
    private static readonly HashSet<string> BlockPrimitiveWords = new(StringComparer.Ordinal)
    {
        "ctr", "counter", "keywrap", "wrap", "unwrap", "kw", "cmac", "omac", "gcm", "gmac", "ccm", "ofb", "cfb", "xts", "eax",
        "ocb", "siv", "ige", "keystream",
    };

    /// <summary>Methods of a block-cipher primitive: one block in, one block out, the mode applied elsewhere.</summary>
    private static readonly string[] BlockPrimitiveMethods = { "EncryptBlock", "DecryptBlock", "ProcessBlock" };

    /// <summary>Identifiers whose presence in a type means it authenticates ciphertext.</summary>
    private static readonly HashSet<string> IntegrityNames = new(StringComparer.Ordinal)
    {
        "HMAC", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMACSHA3_256", "HMACSHA3_384", "HMACSHA3_512", "HMACMD5",
        "KeyedHashAlgorithm", "CreateHMAC", "FixedTimeEquals", "AesGcm", "AesCcm", "ChaCha20Poly1305", "VerifyData", "VerifyHash",
        "IDataProtector", "Unprotect",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BrokenCipher, Descriptors.EcbMode, Descriptors.UnauthenticatedCbc);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var s = CryptoSymbols.Get(context.Compilation);
        if (s.SymmetricAlgorithm is null)
        {
            return;
        }

        var broken = new List<(INamedTypeSymbol Type, string Display)>();
        if (s.Des is not null)
        {
            broken.Add((s.Des, "DES"));
        }

        if (s.TripleDes is not null)
        {
            broken.Add((s.TripleDes, "TripleDES"));
        }

        if (s.Rc2 is not null)
        {
            broken.Add((s.Rc2, "RC2"));
        }

        string? BrokenTypeOf(ITypeSymbol? type)
        {
            foreach (var (t, display) in broken)
            {
                if (CryptoSymbols.DerivesFrom(type, t))
                {
                    return display;
                }
            }

            return null;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (BrokenTypeOf(creation.Type) is { } display)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.BrokenCipher, creation.Syntax.GetLocation(), display));
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var containing = method.ContainingType;
                if (containing is null
                    || method.Name is not ("Create" or "CreateFromName" or "EncryptEcb" or "DecryptEcb" or "TryEncryptEcb" or "TryDecryptEcb"
                        or "CreateDecryptor" or "DecryptCbc" or "TryDecryptCbc"))
                {
                    return;
                }

                // DES.Create(), TripleDES.Create(), RC2.Create().
                if (method.IsStatic && method.Name == "Create" && BrokenTypeOf(containing) is { } display)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.BrokenCipher, invocation.Syntax.GetLocation(), display));
                    return;
                }

                // SymmetricAlgorithm.Create("DES"), CryptoConfig.CreateFromName("TripleDES").
                var nameFactory = method.IsStatic
                    && ((method.Name == "Create" && SymbolEqualityComparer.Default.Equals(containing, s.SymmetricAlgorithm))
                        || (method.Name == "CreateFromName" && SymbolEqualityComparer.Default.Equals(containing, s.CryptoConfig)));
                if (nameFactory && invocation.Arguments.Length > 0
                    && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                    && BrokenNames.TryGetValue(name.Trim(), out var byName))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.BrokenCipher, invocation.Syntax.GetLocation(), byName));
                    return;
                }

                if (!CryptoSymbols.DerivesFrom(containing, s.SymmetricAlgorithm))
                {
                    return;
                }

                // aes.EncryptEcb(...), aes.DecryptEcb(...).
                if (method.Name is "EncryptEcb" or "DecryptEcb" or "TryEncryptEcb" or "TryDecryptEcb")
                {
                    if (!IsBlockPrimitiveOfAnotherMode(ctx.ContainingSymbol))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.EcbMode, invocation.Syntax.GetLocation()));
                    }

                    return;
                }

                if (method.Name is "CreateDecryptor" or "DecryptCbc" or "TryDecryptCbc")
                {
                    AnalyzeCbcDecryption(ctx, invocation, s);
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "Mode" or "BlockSize" } property
                    || !CryptoSymbols.DerivesFrom(property.Property.ContainingType, s.SymmetricAlgorithm))
                {
                    return;
                }

                // aes.Mode = CipherMode.ECB
                if (property.Property.Name == "Mode"
                    && assignment.Value.ConstantValue is { HasValue: true, Value: int mode }
                    && mode == 2 /* CipherMode.ECB */
                    && !IsBlockPrimitiveOfAnotherMode(ctx.ContainingSymbol))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.EcbMode, assignment.Syntax.GetLocation()));
                    return;
                }

                // rijndael.BlockSize = 256
                if (property.Property.Name == "BlockSize"
                    && CryptoSymbols.DerivesFrom(property.Instance?.Type ?? property.Property.ContainingType, s.Rijndael)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: int blockSize }
                    && blockSize != 128)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.BrokenCipher,
                        assignment.Syntax.GetLocation(),
                        "Rijndael with a " + blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-bit block (not AES)"));
                }
            },
            OperationKind.SimpleAssignment);
    }

    /// <summary>
    /// QLB1103: <c>CreateDecryptor</c> / <c>DecryptCbc</c> in CBC mode, in a method that decodes
    /// Base64 or hex text (the ciphertext arrived as text: a cookie, a URL, a configuration value),
    /// in a type that uses no MAC, signature check or authenticated cipher.
    /// </summary>
    private static void AnalyzeCbcDecryption(OperationAnalysisContext ctx, IInvocationOperation invocation, CryptoSymbols s)
    {
        var root = Flow.ConstantValueTracker.Root(invocation);
        if (invocation.TargetMethod.Name == "CreateDecryptor" && !IsCbcInThisMethod(invocation, root))
        {
            return;
        }

        if (!DecodesText(root))
        {
            return;
        }

        var typeSyntax = invocation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (typeSyntax is null || ctx.ContainingSymbol.ContainingType is not { } type || type.DeclaringSyntaxReferences.Length != 1)
        {
            return; // partial types: the MAC may be in another file
        }

        foreach (var token in typeSyntax.DescendantTokens())
        {
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) && IntegrityNames.Contains(token.ValueText))
            {
                return;
            }
        }

        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.UnauthenticatedCbc, invocation.Syntax.GetLocation(), "Base64- or hex-decoded input"));
    }

    /// <summary>
    /// The receiver of <c>CreateDecryptor</c> is a local created in this method whose <c>Mode</c>
    /// is never set (CBC is the default) or is set to CBC.
    /// </summary>
    private static bool IsCbcInThisMethod(IInvocationOperation invocation, IOperation root)
    {
        if (invocation.Instance?.WalkDownConversion() is not ILocalReferenceOperation receiver)
        {
            return false;
        }

        var createdHere = false;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, receiver.Local):
                    createdHere = declarator.Initializer?.Value.WalkDownConversion() is IObjectCreationOperation or IInvocationOperation { TargetMethod.IsStatic: true, TargetMethod.Name: "Create" };
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Mode", Instance: ILocalReferenceOperation instance } } assignment
                    when SymbolEqualityComparer.Default.Equals(instance.Local, receiver.Local):
                    if (assignment.Value.ConstantValue is not { HasValue: true, Value: 1 /* CipherMode.CBC */ })
                    {
                        return false;
                    }

                    break;
            }
        }

        return createdHere;
    }

    private static bool DecodesText(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod: { Name: "FromBase64String" or "FromHexString" or "FromBase64CharArray" or "Base64UrlDecode" or "DecodeBytes" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// ECB used to build CTR, key wrap, CMAC and similar modes is not a finding: a containing member
    /// or type is named after such a mode, or a containing type (or one of its base types) exposes
    /// single-block encryption (<c>EncryptBlock</c>, <c>DecryptBlock</c>, <c>ProcessBlock</c>), the
    /// block-cipher primitive on which a separate mode object does the chaining.
    /// </summary>
    private static bool IsBlockPrimitiveOfAnotherMode(ISymbol? symbol)
    {
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            foreach (var word in SecurityNames.Words(s.Name))
            {
                if (BlockPrimitiveWords.Contains(word))
                {
                    return true;
                }
            }

            if (s is INamedTypeSymbol type && ExposesSingleBlockEncryption(type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExposesSingleBlockEncryption(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var name in BlockPrimitiveMethods)
            {
                foreach (var member in t.GetMembers(name))
                {
                    if (member is IMethodSymbol)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
