using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1011: the format parameter of string.Format, StringBuilder.AppendFormat, Console/TextWriter.Write(Line) and CompositeFormat.Parse.</summary>
internal static class FormatStringInjectionRule
{
    private const TaintCategory C = TaintCategory.Format;
    private const string Id = DiagnosticIds.FormatStringInjection;

    public static TaintRule Rule { get; } = new(Descriptors.FormatStringInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.String", "Format", "format");
        yield return TaintRule.Sink(Id, C, "System.Text.StringBuilder", "AppendFormat", "format");
        yield return TaintRule.Sink(Id, C, "System.Console", "Write", "format");
        yield return TaintRule.Sink(Id, C, "System.Console", "WriteLine", "format");
        yield return TaintRule.Sink(Id, C, "System.IO.TextWriter", "Write", "format");
        yield return TaintRule.Sink(Id, C, "System.IO.TextWriter", "WriteLine", "format");
        yield return TaintRule.Sink(Id, C, "System.Text.CompositeFormat", "Parse", "format");
    }
}
