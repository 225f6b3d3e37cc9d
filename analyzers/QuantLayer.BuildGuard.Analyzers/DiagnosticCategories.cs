namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>
/// Diagnostic categories. They are BuildGuard's own so that a profile can set the severity of a
/// whole area with <c>dotnet_analyzer_diagnostic.category-&lt;name&gt;.severity</c> without touching
/// other analyzers' rules (NetAnalyzers uses plain "Security").
/// </summary>
internal static class DiagnosticCategories
{
    /// <summary>Secure-coding and injection rules (QLB1000–1699).</summary>
    public const string Security = "BuildGuardSecurity";

    /// <summary>Requirement traceability rules (QLB2000–2099).</summary>
    public const string Traceability = "BuildGuardTraceability";
}
