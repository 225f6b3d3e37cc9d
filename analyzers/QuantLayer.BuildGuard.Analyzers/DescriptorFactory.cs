using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>The one way to create a BuildGuard <see cref="DiagnosticDescriptor"/>.</summary>
internal static class DescriptorFactory
{
    /// <summary>Where the rule pages live; the page name is the id.</summary>
    public const string HelpLinkBase = "https://github.com/QuantLayer/BuildGuard/blob/main/docs/rules/";

    /// <summary>Builds the help link of a rule from its id.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    /// <summary>
    /// Creates a descriptor. <paramref name="cwe"/> ("CWE-327") goes into the custom tags so that
    /// SARIF output and auditors can map findings to the CWE list.
    /// </summary>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        string? cwe,
        bool isEnabledByDefault = true,
        params string[] extraTags)
    {
        var tags = new List<string>(extraTags.Length + 2);
        if (cwe is not null)
        {
            tags.Add(cwe);
        }

        tags.AddRange(extraTags);
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            HelpLink(id),
            tags.ToArray());
    }
}
