using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1004: XmlNode selection, XPathNavigator, XPathExpression.Compile and the LINQ to XML XPath extensions.</summary>
internal static class XPathInjectionRule
{
    private const TaintCategory C = TaintCategory.XPath;
    private const string Id = DiagnosticIds.XPathInjection;

    public static TaintRule Rule { get; } = new(Descriptors.XPathInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Xml.XmlNode", "SelectNodes", "xpath");
        yield return TaintRule.Sink(Id, C, "System.Xml.XmlNode", "SelectSingleNode", "xpath");
        foreach (var method in new[] { "Select", "SelectSingleNode", "Evaluate", "Compile", "Matches", "SelectAncestors", "SelectChildren", "SelectDescendants" })
        {
            yield return TaintRule.Sink(Id, C, "System.Xml.XPath.XPathNavigator", method, "xpath");
        }

        yield return TaintRule.Sink(Id, C, "System.Xml.XPath.XPathExpression", "Compile", "xpath");
        foreach (var method in new[] { "XPathSelectElement", "XPathSelectElements", "XPathEvaluate" })
        {
            yield return TaintRule.Sink(Id, C, "System.Xml.XPath.Extensions", method, "expression");
        }
    }
}
