using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the suppression audit rules.</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor SuppressionWithoutJustification = DescriptorFactory.Create(
        DiagnosticIds.SuppressionWithoutJustification,
        title: "Give every BuildGuard suppression a justification",
        messageFormat: "{0} suppresses {1} without a justification; auditors need the reason: {2}",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "In the Strict profile every #pragma warning disable and [SuppressMessage] that silences a BuildGuard rule "
            + "must say why (IEC 62443-4-1 SI-1: the review evidence includes accepted findings and their reasons).",
        cwe: "CWE-1059");
}
