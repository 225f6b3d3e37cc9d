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
/// <c>IncrementalHash</c> with a weak <c>HashAlgorithmName</c>.
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
                if (WeakTypeOf(creation.Type) is { } display)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, creation.Syntax.GetLocation(), display));
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
                if (method.IsStatic && WeakTypeOf(containing) is { } display
                    && (method.Name is "Create" or "HashData" or "HashDataAsync" or "TryHashData"))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), display));
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
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), byName));
                    return;
                }

                // IncrementalHash.CreateHash(HashAlgorithmName.MD5), IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key).
                if (method.IsStatic && Is(containing, incrementalHash) && (method.Name is "CreateHash" or "CreateHMAC")
                    && invocation.Arguments.Length > 0
                    && WeakAlgorithmName(invocation.Arguments[0].Value, hashAlgorithmName) is { } weakName)
                {
                    var shown = method.Name == "CreateHMAC" ? "HMAC-" + weakName : weakName;
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, invocation.Syntax.GetLocation(), shown));
                }
            },
            OperationKind.Invocation);
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

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
