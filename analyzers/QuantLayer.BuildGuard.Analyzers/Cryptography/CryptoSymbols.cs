using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using QuantLayer.BuildGuard.Analyzers.Flow;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// The System.Security.Cryptography types the cryptography rules look at, resolved once per
/// compilation by metadata name and shared by every rule (plus the compilation's
/// <see cref="ConstantValueTracker"/>). A rule whose types are all null does nothing.
/// </summary>
internal sealed class CryptoSymbols
{
    private static readonly ConditionalWeakTable<Compilation, CryptoSymbols> Cache = new();

    private CryptoSymbols(Compilation compilation)
    {
        INamedTypeSymbol? T(string name) => compilation.GetTypeByMetadataName("System.Security.Cryptography." + name);
        SymmetricAlgorithm = T("SymmetricAlgorithm");
        Des = T("DES");
        TripleDes = T("TripleDES");
        Rc2 = T("RC2");
        Rijndael = T("Rijndael");
        CipherMode = T("CipherMode");
        AsymmetricAlgorithm = T("AsymmetricAlgorithm");
        Rsa = T("RSA");
        RsaCryptoServiceProvider = T("RSACryptoServiceProvider");
        Dsa = T("DSA");
        EcDsa = T("ECDsa");
        RsaEncryptionPadding = T("RSAEncryptionPadding");
        RsaPkcs1KeyExchangeFormatter = T("RSAPKCS1KeyExchangeFormatter");
        RsaPkcs1KeyExchangeDeformatter = T("RSAPKCS1KeyExchangeDeformatter");
        HashAlgorithm = T("HashAlgorithm");
        HashAlgorithmName = T("HashAlgorithmName");
        KeyedHashAlgorithm = T("KeyedHashAlgorithm");
        Hmac = T("HMAC");
        CryptoConfig = T("CryptoConfig");
        IncrementalHash = T("IncrementalHash");
        Rfc2898DeriveBytes = T("Rfc2898DeriveBytes");
        PasswordDeriveBytes = T("PasswordDeriveBytes");
        CertificateRequest = compilation.GetTypeByMetadataName("System.Security.Cryptography.X509Certificates.CertificateRequest");
        KeyDerivation = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation");
        KeyDerivationPrf = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivationPrf");
        Random = compilation.GetTypeByMetadataName("System.Random");
        Values = new ConstantValueTracker(compilation);
    }

    public INamedTypeSymbol? SymmetricAlgorithm { get; }
    public INamedTypeSymbol? Des { get; }
    public INamedTypeSymbol? TripleDes { get; }
    public INamedTypeSymbol? Rc2 { get; }
    public INamedTypeSymbol? Rijndael { get; }
    public INamedTypeSymbol? CipherMode { get; }
    public INamedTypeSymbol? AsymmetricAlgorithm { get; }
    public INamedTypeSymbol? Rsa { get; }
    public INamedTypeSymbol? RsaCryptoServiceProvider { get; }
    public INamedTypeSymbol? Dsa { get; }
    public INamedTypeSymbol? EcDsa { get; }
    public INamedTypeSymbol? RsaEncryptionPadding { get; }
    public INamedTypeSymbol? RsaPkcs1KeyExchangeFormatter { get; }
    public INamedTypeSymbol? RsaPkcs1KeyExchangeDeformatter { get; }
    public INamedTypeSymbol? HashAlgorithm { get; }
    public INamedTypeSymbol? HashAlgorithmName { get; }
    public INamedTypeSymbol? KeyedHashAlgorithm { get; }
    public INamedTypeSymbol? Hmac { get; }
    public INamedTypeSymbol? CryptoConfig { get; }
    public INamedTypeSymbol? IncrementalHash { get; }
    public INamedTypeSymbol? Rfc2898DeriveBytes { get; }
    public INamedTypeSymbol? PasswordDeriveBytes { get; }
    public INamedTypeSymbol? CertificateRequest { get; }
    public INamedTypeSymbol? KeyDerivation { get; }
    public INamedTypeSymbol? KeyDerivationPrf { get; }
    public INamedTypeSymbol? Random { get; }

    /// <summary>The compilation's constant-value tracker (shared caches).</summary>
    public ConstantValueTracker Values { get; }

    /// <summary>The symbols of a compilation (created on first use, then shared).</summary>
    public static CryptoSymbols Get(Compilation compilation) => Cache.GetValue(compilation, c => new CryptoSymbols(c));

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type is declared in System.Security.Cryptography (or a namespace below it).</summary>
    public static bool IsInCryptographyNamespace(ITypeSymbol? type)
    {
        for (var ns = type?.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }
}
