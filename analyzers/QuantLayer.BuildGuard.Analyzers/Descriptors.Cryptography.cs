using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the cryptography rules (QLB1100–1199).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor WeakHash = DescriptorFactory.Create(
        DiagnosticIds.WeakHash,
        title: "Do not use a broken hash algorithm",
        messageFormat: "{0} is a broken hash algorithm (collisions are practical); use SHA-256 or stronger",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "MD5, SHA-1 and RIPEMD-160 no longer resist collision attacks. Signatures, integrity checks, "
            + "password hashes and keyed MACs built on them can be forged. Use SHA-256 (or SHA-384/512, "
            + "HMAC-SHA256) instead.",
        cwe: "CWE-328");
}
