using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1005: raw markup (XmlWriter.WriteRaw, XmlNode.InnerXml) and parsing of documents that were
/// built by embedding untrusted data in a string (LoadXml/Parse of a concatenation). Parsing a
/// document that is untrusted as a whole is not injection (see the XXE rules for that).
/// </summary>
internal static class XmlInjectionRule
{
    private const TaintCategory C = TaintCategory.Xml;
    private const string Id = DiagnosticIds.XmlInjection;

    public static TaintRule Rule { get; } = new(Descriptors.XmlInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Xml.XmlWriter", "WriteRaw", "data");
        yield return TaintRule.Sink(Id, C, "System.Xml.XmlNode", "InnerXml");
        yield return TaintRule.Sink(Id, C, "System.Xml.XmlDocument", "LoadXml", "xml") with { RequiresEmbedding = true };
        yield return TaintRule.Sink(Id, C, "System.Xml.Linq.XDocument", "Parse", "text") with { RequiresEmbedding = true };
        yield return TaintRule.Sink(Id, C, "System.Xml.Linq.XElement", "Parse", "text") with { RequiresEmbedding = true };
    }
}
