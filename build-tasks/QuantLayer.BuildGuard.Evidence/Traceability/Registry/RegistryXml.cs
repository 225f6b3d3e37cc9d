using System.Xml;
using System.Xml.Linq;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>How the XML registry formats (ReqIF, .tm7) are loaded.</summary>
internal static class RegistryXml
{
    /// <summary>
    /// Loads a file's XML with line information, refusing DTDs (no external entities) and
    /// resolving nothing. Malformed XML adds a problem at the error's position ("This
    /// <paramref name="what"/> is not well-formed XML: ...") and gives null. Never throws.
    /// </summary>
    public static XDocument? Load(string file, string text, string what, List<RegistryProblem> problems)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        try
        {
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var info = (IXmlLineInfo)reader;
            var line = ex.LineNumber > 0 ? ex.LineNumber : info.LineNumber;
            var column = ex.LineNumber > 0 ? ex.LinePosition : info.LinePosition;
            if (line == 0)
            {
                // The DTD refusal carries no position: point at the DOCTYPE.
                var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
                line = doctype < 0 ? 1 : text.Substring(0, doctype).Count(c => c == '\n') + 1;
                column = 1;
            }

            problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, new RegistryLocation(file, line, column), "This " + what + " is not well-formed XML: " + ex.Message));
            return null;
        }
    }

    /// <summary>Where an element or attribute is (0, 0 when the document has no line information).</summary>
    public static RegistryLocation Location(string file, XObject node)
        => node is IXmlLineInfo info && info.HasLineInfo() ? new RegistryLocation(file, info.LineNumber, info.LinePosition) : new RegistryLocation(file, 0, 0);
}
