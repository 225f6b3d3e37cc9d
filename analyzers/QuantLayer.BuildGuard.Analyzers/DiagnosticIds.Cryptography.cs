namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Cryptography rule ids (QLB1100–1199).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>MD5, SHA-1, RIPEMD-160 and their HMACs.</summary>
    public const string WeakHash = "QLB1100";
}
