namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>XML parser rule ids (QLB1250–1299).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>XmlReaderSettings that parse DTDs and resolve external entities (XXE).</summary>
    public const string XmlReaderSettingsExternalEntities = "QLB1250";

    /// <summary>XmlReaderSettings that parse DTDs with unlimited entity expansion.</summary>
    public const string XmlReaderSettingsEntityExpansion = "QLB1251";

    /// <summary>XmlDocument, XmlTextReader or XPathDocument that resolve external entities.</summary>
    public const string XmlParserExternalEntities = "QLB1252";

    /// <summary>XslCompiledTransform loading a stylesheet with scripts or document() enabled.</summary>
    public const string XsltScriptOrDocumentFunction = "QLB1253";
}
