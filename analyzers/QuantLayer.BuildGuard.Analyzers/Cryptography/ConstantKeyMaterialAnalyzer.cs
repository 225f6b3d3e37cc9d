using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Flow;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// Constant or constant-derived key material, followed by <see cref="ConstantValueTracker"/>:
/// QLB1107 keys (<c>Key</c> of a cipher or keyed hash, <c>key</c>/<c>rgbKey</c> parameters of the
/// System.Security.Cryptography APIs: <c>CreateEncryptor(key, iv)</c>, HMAC constructors,
/// <c>HMACSHA256.HashData(key, …)</c>, <c>IncrementalHash.CreateHMAC</c>, <c>AesGcm</c>),
/// QLB1108 IVs and nonces (<c>IV</c>, <c>iv</c>/<c>rgbIV</c>/<c>nonce</c> parameters),
/// QLB1109 salts of password-based key derivation (<c>Rfc2898DeriveBytes</c>, <c>Pbkdf2</c>,
/// <c>PasswordDeriveBytes</c>, ASP.NET Core <c>KeyDerivation.Pbkdf2</c>; not HKDF, whose salt may be
/// constant), and QLB1110 a password hashed with a plain hash and nothing else
/// (<c>SHA256.HashData(Encoding.UTF8.GetBytes(password))</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantKeyMaterialAnalyzer : BuildGuardAnalyzer
{
    private enum Sink
    {
        None,
        Key,
        Iv,
        Salt,
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.HardcodedKey, Descriptors.ConstantIv, Descriptors.ConstantSalt, Descriptors.UnsaltedPasswordHash);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var s = CryptoSymbols.Get(context.Compilation);
        if (s.SymmetricAlgorithm is null && s.HashAlgorithm is null && s.KeyDerivation is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var (method, arguments) = ctx.Operation switch
                {
                    IInvocationOperation i => (i.TargetMethod, i.Arguments),
                    IObjectCreationOperation { Constructor: { } c } o => (c, o.Arguments),
                    _ => (null, ImmutableArray<IArgumentOperation>.Empty),
                };
                if (method?.ContainingType is not { } type)
                {
                    return;
                }

                var inCrypto = CryptoSymbols.IsInCryptographyNamespace(type) || SymbolEqualityComparer.Default.Equals(type, s.KeyDerivation);
                if (!inCrypto || type.Name == "HKDF")
                {
                    return;
                }

                foreach (var argument in arguments)
                {
                    if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue || !IsByteData(parameter.Type))
                    {
                        continue;
                    }

                    var sink = parameter.Name switch
                    {
                        "key" or "rgbKey" => Sink.Key,
                        "iv" or "rgbIV" or "nonce" => Sink.Iv,
                        "salt" or "rgbSalt" => Sink.Salt,
                        _ => Sink.None,
                    };
                    if (sink == Sink.Key && !IsSymmetricOrMac(type, s))
                    {
                        continue;
                    }

                    if (sink != Sink.None)
                    {
                        Check(ctx, s, sink, argument.Value, Describe(sink, parameter.Name, type));
                    }
                }

                if (ctx.Operation is IInvocationOperation invocation)
                {
                    CheckPasswordHash(ctx, s, invocation);
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property)
                {
                    return;
                }

                var type = property.Instance?.Type as INamedTypeSymbol ?? property.Property.ContainingType;
                var sink = property.Property.Name switch
                {
                    "Key" when CryptoSymbols.DerivesFrom(type, s.SymmetricAlgorithm) || CryptoSymbols.DerivesFrom(type, s.KeyedHashAlgorithm) => Sink.Key,
                    "IV" when CryptoSymbols.DerivesFrom(type, s.SymmetricAlgorithm) => Sink.Iv,
                    "Salt" when CryptoSymbols.DerivesFrom(type, s.Rfc2898DeriveBytes) || CryptoSymbols.DerivesFrom(type, s.PasswordDeriveBytes) => Sink.Salt,
                    _ => Sink.None,
                };
                if (sink != Sink.None)
                {
                    Check(ctx, s, sink, assignment.Value, Describe(sink, property.Property.Name, type));
                }
            },
            OperationKind.SimpleAssignment);
    }

    private static void Check(OperationAnalysisContext ctx, CryptoSymbols s, Sink sink, IOperation value, string target)
    {
        var origin = s.Values.Evaluate(value, ctx);
        if (origin is null)
        {
            return;
        }

        var location = value.Syntax.GetLocation();
        switch (sink)
        {
            case Sink.Key:
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedKey, location, target, origin.Description));
                break;
            case Sink.Iv:
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.ConstantIv, location, target, origin.Description));
                break;
            case Sink.Salt:
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.ConstantSalt, location, origin.Description));
                break;
        }
    }

    private static string Describe(Sink sink, string member, INamedTypeSymbol? type)
    {
        var what = sink switch
        {
            Sink.Key => "key",
            Sink.Iv => member == "nonce" ? "nonce" : "IV",
            _ => "salt",
        };
        return type is null ? what : what + " of " + type.Name;
    }

    private static bool IsByteData(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } => true,
        INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory", TypeArguments: [{ SpecialType: SpecialType.System_Byte }] } => true,
        _ => false,
    };

    /// <summary>Keys of ciphers and MACs; not of asymmetric algorithms (whose "key" parameters are objects).</summary>
    private static bool IsSymmetricOrMac(INamedTypeSymbol type, CryptoSymbols s)
        => CryptoSymbols.DerivesFrom(type, s.SymmetricAlgorithm)
            || CryptoSymbols.DerivesFrom(type, s.KeyedHashAlgorithm)
            || SymbolEqualityComparer.Default.Equals(type, s.IncrementalHash)
            || type.Name is "AesGcm" or "AesCcm" or "ChaCha20Poly1305" or "CryptographicOperations" or "AesCng" or "TripleDESCng"
            || type.Name.StartsWith("HMAC", StringComparison.Ordinal);

    /// <summary>QLB1110: <c>sha.ComputeHash(Encoding.UTF8.GetBytes(password))</c>, <c>SHA256.HashData(...)</c>.</summary>
    private static void CheckPasswordHash(OperationAnalysisContext ctx, CryptoSymbols s, IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("ComputeHash" or "HashData" or "TryHashData") || invocation.Arguments.Length == 0)
        {
            return;
        }

        var hashType = method.IsStatic ? method.ContainingType : invocation.Instance?.Type ?? method.ContainingType;
        if (!CryptoSymbols.DerivesFrom(hashType, s.HashAlgorithm) || CryptoSymbols.DerivesFrom(hashType, s.KeyedHashAlgorithm))
        {
            return;
        }

        var data = invocation.Arguments[0].Value.WalkDownConversion();
        if (data is ILocalReferenceOperation local
            && ConstantValueTracker.TryGetAssignedValues(local, ctx, out var values) && values.Count == 1)
        {
            data = values[0].WalkDownConversion();
        }

        if (data is not IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes
            || getBytes.TargetMethod.ContainingType?.ToDisplayString() is not { } encodingType
            || !encodingType.StartsWith("System.Text.", StringComparison.Ordinal))
        {
            return;
        }

        var name = getBytes.Arguments[0].Value.WalkDownConversion() switch
        {
            IParameterReferenceOperation p => p.Parameter.Name,
            ILocalReferenceOperation l => l.Local.Name,
            IFieldReferenceOperation f => f.Field.Name,
            IPropertyReferenceOperation p => p.Property.Name,
            _ => null,
        };
        if (name is not null && SecurityNames.IsPasswordName(name))
        {
            // HashAlgorithm.Create("MD5").ComputeHash(...) names its algorithm in the argument.
            var algorithm = invocation.Instance?.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 1 } factory
                && factory.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string named }
                ? named
                : hashType!.Name;
            ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsaltedPasswordHash, invocation.Syntax.GetLocation(), name, algorithm));
        }
    }
}
