namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Suppression audit rule ids (the "other" part of QLB1600–1699).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>A BuildGuard suppression without a justification (Strict profile).</summary>
    public const string SuppressionWithoutJustification = "QLB1690";
}
