using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// QLB1100: MD5, SHA-1 and RIPEMD-160 through every creation path: the factory methods, the
/// provider classes' constructors, the name-based factories (<c>HashAlgorithm.Create("MD5")</c>,
/// <c>CryptoConfig.CreateFromName</c>), the static one-shot <c>HashData</c> methods and
/// <c>IncrementalHash</c> with a weak <c>HashAlgorithmName</c>; a weak hash inside a signature
/// (<c>HashAlgorithmName.SHA1</c> passed to <c>SignData</c>/<c>VerifyData</c>/<c>SignHash</c>/<c>VerifyHash</c>
/// of RSA, ECDsa or DSA, to a <c>CertificateRequest</c>, or named to the PKCS#1 signature formatters).
/// HMAC-MD5, HMAC-SHA1 and HMAC-RIPEMD-160 are not broken as MACs (HMAC does not rely on collision
/// resistance; TOTP and many protocols use HMAC-SHA1), so they are reported only where they sign
/// or protect passwords: when the enclosing member or type, the variable the HMAC is stored in, or
/// its key or data argument is named after signing or passwords (<c>SignRequest</c>, <c>signature</c>,
/// <c>HashPassword</c>, <c>jwt</c>), except inside a member or type named after a key derivation
/// function (<c>Pbkdf2</c>, a <c>DeriveBytes</c> class): there the HMAC is the derivation's
/// pseudo-random function, keyed with the password by definition.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakHashAnalyzer : BuildGuardAnalyzer
{
    /// <summary>Algorithm names as the name-based factories accept them (case-insensitive).</summary>
    private static readonly ImmutableDictionary<string, string> WeakNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = "MD5",
        ["System.Security.Cryptography.MD5"] = "MD5",
        ["System.Security.Cryptography.MD5CryptoServiceProvider"] = "MD5",
        ["SHA"] = "SHA-1",
        ["SHA1"] = "SHA-1",
        ["SHA-1"] = "SHA-1",
        ["System.Security.Cryptography.SHA1"] = "SHA-1",
        ["System.Security.Cryptography.SHA1CryptoServiceProvider"] = "SHA-1",
        ["System.Security.Cryptography.SHA1Managed"] = "SHA-1",
        ["RIPEMD160"] = "RIPEMD-160",
        ["RIPEMD-160"] = "RIPEMD-160",
        ["System.Security.Cryptography.RIPEMD160"] = "RIPEMD-160",
        ["System.Security.Cryptography.RIPEMD160Managed"] = "RIPEMD-160",
        ["HMACMD5"] = "HMAC-MD5",
        ["System.Security.Cryptography.HMACMD5"] = "HMAC-MD5",
        ["HMACSHA1"] = "HMAC-SHA1",
        ["System.Security.Cryptography.HMACSHA1"] = "HMAC-SHA1",
        ["HMACRIPEMD160"] = "HMAC-RIPEMD-160",
        ["System.Security.Cryptography.HMACRIPEMD160"] = "HMAC-RIPEMD-160",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The weak algorithm classes (and their subclasses) by metadata name.</summary>
    private static readonly (string MetadataName, string Display)[] WeakTypes =
    {
        ("System.Security.Cryptography.MD5", "MD5"),
        ("System.Security.Cryptography.SHA1", "SHA-1"),
        ("System.Security.Cryptography.RIPEMD160", "RIPEMD-160"),
        ("System.Security.Cryptography.HMACMD5", "HMAC-MD5"),
        ("System.Security.Cryptography.HMACSHA1", "HMAC-SHA1"),
        ("System.Security.Cryptography.HMACRIPEMD160", "HMAC-RIPEMD-160"),
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.WeakHash);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var weakTypes = new List<(INamedTypeSymbol Type, string Display)>();
        foreach (var (name, display) in WeakTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                weakTypes.Add((type, display));
            }
        }

        var hashAlgorithm = compilation.GetTypeByMetadataName("System.Security.Cryptography.HashAlgorithm");
        var keyedHashAlgorithm = compilation.GetTypeByMetadataName("System.Security.Cryptography.KeyedHashAlgorithm");
        var hmac = compilation.GetTypeByMetadataName("System.Security.Cryptography.HMAC");
        var cryptoConfig = compilation.GetTypeByMetadataName("System.Security.Cryptography.CryptoConfig");
        var incrementalHash = compilation.GetTypeByMetadataName("System.Security.Cryptography.IncrementalHash");
        var hashAlgorithmName = compilation.GetTypeByMetadataName("System.Security.Cryptography.HashAlgorithmName");
        if (weakTypes.Count == 0 && hashAlgorithm is null && cryptoConfig is null && incrementalHash is null)
        {
            return;
        }

        var asymmetric = compilation.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricAlgorithm");
        var certificateRequest = compilation.GetTypeByMetadataName("System.Security.Cryptography.X509Certificates.CertificateRequest");
        var signatureFormatter = compilation.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricSignatureFormatter");
        var signatureDeformatter = compilation.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricSignatureDeformatter");

        string? WeakTypeOf(ITypeSymbol? type)
        {
            for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
            {
                foreach (var (weak, display) in weakTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, weak))
                    {
                        return display;
                    }
                }
            }

            return null;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (!CryptoSymbols.IsInCryptographyNamespace(creation.Type) && !IsOrDerives(creation.Type as INamedTypeSymbol, hashAlgorithm))
                {
                    return;
                }

                if (WeakTypeOf(creation.Type) is { } display && (!IsHmac(display) || SignsOrProtectsPasswords(creation, ctx.ContainingSymbol)))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, creation.Syntax.GetLocation(), display));
                    return;
                }

                // new CertificateRequest(subject, key, HashAlgorithmName.SHA1, ...)
                if (certificateRequest is not null && SymbolEqualityComparer.Default.Equals(creation.Type, certificateRequest))
                {
                    ReportWeakSignatureHash(ctx, creation.Arguments, hashAlgorithmName);
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var containing = method.ContainingType;
                if (containing is null)
                {
                    return;
                }

                // MD5.Create(), SHA1.HashData(...), HMACSHA1.HashData(...), MD5.HashDataAsync(...).
                if (method.IsStatic && (method.Name is "Create" or "HashData" or "HashDataAsync" or "TryHashData")
                    && WeakTypeOf(containing) is { } display)
                {
                    if (!IsHmac(display) || SignsOrProtectsPasswords(invocation, ctx.ContainingSymbol))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), display));
                    }

                    return;
                }

                // rsa.SignData(data, HashAlgorithmName.SHA1, padding), ecdsa.VerifyHash(...), rsaCsp.SignData(data, "SHA1").
                if (!method.IsStatic && method.Name is "SignData" or "VerifyData" or "SignHash" or "VerifyHash" or "TrySignData" or "TrySignHash"
                    && IsOrDerives(containing, asymmetric))
                {
                    ReportWeakSignatureHash(ctx, invocation.Arguments, hashAlgorithmName);
                    return;
                }

                // new RSAPKCS1SignatureFormatter(key).SetHashAlgorithm("SHA1")
                if (method.Name == "SetHashAlgorithm" && (IsOrDerives(containing, signatureFormatter) || IsOrDerives(containing, signatureDeformatter))
                    && invocation.Arguments.Length == 1
                    && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string formatterName }
                    && WeakNames.TryGetValue(formatterName.Trim(), out var formatterDisplay))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Arguments[0].Value.Syntax.GetLocation(), formatterDisplay));
                    return;
                }

                // HashAlgorithm.Create("MD5"), KeyedHashAlgorithm.Create("HMACSHA1"), CryptoConfig.CreateFromName("SHA1").
                var isNameFactory = method.IsStatic
                    && ((method.Name == "Create" && (Is(containing, hashAlgorithm) || Is(containing, keyedHashAlgorithm) || Is(containing, hmac)))
                        || (method.Name == "CreateFromName" && Is(containing, cryptoConfig)));
                if (isNameFactory && invocation.Arguments.Length > 0
                    && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                    && WeakNames.TryGetValue(name.Trim(), out var byName))
                {
                    if (!IsHmac(byName) || SignsOrProtectsPasswords(invocation, ctx.ContainingSymbol))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), byName));
                    }

                    return;
                }

                // IncrementalHash.CreateHash(HashAlgorithmName.MD5), IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key).
                if (method.IsStatic && Is(containing, incrementalHash) && (method.Name is "CreateHash" or "CreateHMAC")
                    && invocation.Arguments.Length > 0
                    && WeakAlgorithmName(invocation.Arguments[0].Value, hashAlgorithmName) is { } weakName)
                {
                    var shown = method.Name == "CreateHMAC" ? "HMAC-" + weakName : weakName;
                    if (!IsHmac(shown) || SignsOrProtectsPasswords(invocation, ctx.ContainingSymbol))
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), shown));
                    }
                }
            },
            OperationKind.Invocation);
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static bool IsOrDerives(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var t = type; t is not null && expected is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHmac(string display) => display.StartsWith("HMAC-", StringComparison.Ordinal);

    /// <summary>A weak <c>HashAlgorithmName</c> (or hash name string) among the arguments of a signature API.</summary>
    private static void ReportWeakSignatureHash(OperationAnalysisContext ctx, ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol? hashAlgorithmName)
    {
        foreach (var argument in arguments)
        {
            if (WeakAlgorithmName(argument.Value, hashAlgorithmName) is { } weak)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, argument.Value.Syntax.GetLocation(), weak + " in a signature"));
                return;
            }

            // RSACryptoServiceProvider.SignData(data, "SHA1") / SignHash(hash, "1.3.14.3.2.26").
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String or SpecialType.System_Object }
                && argument.Value.WalkDownConversion().ConstantValue is { HasValue: true, Value: string name })
            {
                var trimmed = name.Trim();
                var display = trimmed switch
                {
                    "1.3.14.3.2.26" => "SHA-1",
                    "1.2.840.113549.2.5" => "MD5",
                    _ => WeakNames.TryGetValue(trimmed, out var d) && !IsHmac(d) ? d : null,
                };
                if (display is not null)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, argument.Value.Syntax.GetLocation(), display + " in a signature"));
                    return;
                }
            }
        }
    }

    /// <summary>
    /// An HMAC is reported only where it signs or protects passwords: the enclosing member or
    /// type, the variable or member it is stored in, or one of its arguments is named so.
    /// </summary>
    private static bool SignsOrProtectsPasswords(IOperation operation, ISymbol? containingSymbol)
    {
        // The pseudo-random function of a key derivation (a PBKDF2 implementation keys its HMAC with
        // the password by definition, RFC 8018 and NIST SP 800-132 allow HMAC-SHA1 there): collisions
        // do not matter, and the derivation's iterations and salt are QLB1111-QLB1113's concern.
        for (var s = containingSymbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (DerivesKeys(s.Name))
            {
                return false;
            }
        }

        for (var s = containingSymbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (SecurityNames.MentionsSigningOrPassword(s.Name))
            {
                return true;
            }
        }

        switch (operation.Parent.WalkUpConversion())
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when SecurityNames.MentionsSigningOrPassword(declarator.Symbol.Name):
                return true;
            case IAssignmentOperation { Target: IMemberReferenceOperation member } when SecurityNames.MentionsSigningOrPassword(member.Member.Name):
                return true;
            case IAssignmentOperation { Target: ILocalReferenceOperation local } when SecurityNames.MentionsSigningOrPassword(local.Local.Name):
                return true;
        }

        var arguments = operation switch
        {
            IInvocationOperation i => i.Arguments,
            IObjectCreationOperation o => o.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var argument in arguments)
        {
            foreach (var reference in argument.Value.DescendantsAndSelf())
            {
                var name = reference switch
                {
                    ILocalReferenceOperation l => l.Local.Name,
                    IParameterReferenceOperation p => p.Parameter.Name,
                    IMemberReferenceOperation m => m.Member.Name,
                    _ => null,
                };
                if (name is not null && SecurityNames.MentionsSigningOrPassword(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a member or type is named after an iterated password-based key derivation:
    /// <c>Pbkdf2</c>, <c>PBKDF1</c>, a <c>DeriveBytes</c> class. A single HMAC of a password in a
    /// member merely called <c>DeriveKey</c> is still a fast password hash and is reported.
    /// </summary>
    private static bool DerivesKeys(string name)
    {
        var compact = SecurityNames.Compact(name);
        return compact.Contains("pbkdf") || compact.Contains("derivebytes");
    }

    /// <summary>
    /// The weak algorithm a <c>HashAlgorithmName</c> argument names: the static properties
    /// <c>HashAlgorithmName.MD5</c>/<c>SHA1</c> or <c>new HashAlgorithmName("MD5")</c>.
    /// </summary>
    private static string? WeakAlgorithmName(IOperation value, INamedTypeSymbol? hashAlgorithmName)
    {
        value = value.WalkDownConversion();
        if (hashAlgorithmName is null)
        {
            return null;
        }

        if (value is IPropertyReferenceOperation property
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, hashAlgorithmName))
        {
            return property.Property.Name switch
            {
                "MD5" => "MD5",
                "SHA1" => "SHA-1",
                _ => null,
            };
        }

        if (value is IObjectCreationOperation creation
            && SymbolEqualityComparer.Default.Equals(creation.Type, hashAlgorithmName)
            && creation.Arguments.Length == 1
            && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
            && WeakNames.TryGetValue(name.Trim(), out var display))
        {
            return display;
        }

        return null;
    }
}
