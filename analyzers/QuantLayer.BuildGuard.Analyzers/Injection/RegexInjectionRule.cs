using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1009: the pattern of a Regex (constructor and static methods).</summary>
internal static class RegexInjectionRule
{
    private const TaintCategory C = TaintCategory.Regex;
    private const string Id = DiagnosticIds.RegexInjection;

    public static TaintRule Rule { get; } = new(Descriptors.RegexInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Text.RegularExpressions.Regex", ".ctor", "pattern");
        foreach (var method in new[] { "IsMatch", "Match", "Matches", "Replace", "Split", "Count", "EnumerateMatches", "EnumerateSplits" })
        {
            yield return TaintRule.Sink(Id, C, "System.Text.RegularExpressions.Regex", method, "pattern");
        }
    }
}
