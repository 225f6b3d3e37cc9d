using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the XML parser rules (QLB1250–1299).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor XmlReaderSettingsExternalEntities = DescriptorFactory.Create(
        DiagnosticIds.XmlReaderSettingsExternalEntities,
        title: "Do not parse DTDs with an external entity resolver",
        messageFormat: "{0}: DtdProcessing is Parse and {1}, so the document can read local files and URLs (XXE); set XmlResolver = null or DtdProcessing = Prohibit",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "An XmlReader that parses DTDs and has a resolver expands external entities: <!ENTITY x SYSTEM \"file:///...\"> "
            + "discloses files, reaches internal URLs (SSRF) and can hang on special files.",
        cwe: "CWE-611");

    public static readonly DiagnosticDescriptor XmlReaderSettingsEntityExpansion = DescriptorFactory.Create(
        DiagnosticIds.XmlReaderSettingsEntityExpansion,
        title: "Do not parse DTDs with unlimited entity expansion",
        messageFormat: "{0}: DtdProcessing is Parse and MaxCharactersFromEntities is 0 (unlimited), so a few nested entities expand to gigabytes; keep the limit or prohibit DTDs",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "MaxCharactersFromEntities = 0 removes the 10,000,000-character limit on entity expansion. A \"billion laughs\" "
            + "document then exhausts memory and CPU.",
        cwe: "CWE-776");

    public static readonly DiagnosticDescriptor XmlParserExternalEntities = DescriptorFactory.Create(
        DiagnosticIds.XmlParserExternalEntities,
        title: "Do not let XmlDocument, XmlTextReader or XPathDocument resolve external entities",
        messageFormat: "{0} resolves external entities ({1}), so the document can read local files and URLs (XXE); set XmlResolver = null (and DtdProcessing = Prohibit on readers)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "XmlDocument and XmlTextReader parse DTDs by default; with a non-null XmlResolver (explicit, or the default "
            + "XmlUrlResolver of .NET Framework before 4.5.2) they expand external entities. XPathDocument on those frameworks does the same.",
        cwe: "CWE-611");

    public static readonly DiagnosticDescriptor XsltScriptOrDocumentFunction = DescriptorFactory.Create(
        DiagnosticIds.XsltScriptOrDocumentFunction,
        title: "Do not load XSLT with scripts or document() enabled",
        messageFormat: "XslCompiledTransform.Load enables {0}; a stylesheet then {1}; use XsltSettings.Default (or new XsltSettings(false, false)) for stylesheets you do not ship yourself",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "XsltSettings.EnableScript compiles and runs embedded C#/VB in the stylesheet; EnableDocumentFunction with a "
            + "resolver lets it read arbitrary files and URLs with document(). XsltSettings.TrustedXslt enables both.",
        cwe: "CWE-94",
        isEnabledByDefault: true,
        "CWE-611");
}
