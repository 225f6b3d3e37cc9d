using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1010: untrusted input matched by a pattern that can backtrack catastrophically (nested
/// quantifiers, or a pattern that is not a constant) with no match timeout and without
/// RegexOptions.NonBacktracking. The condition is checked at the call (<see cref="RegexPatterns"/>).
/// </summary>
internal static class RegexDenialOfServiceRule
{
    private const TaintCategory C = TaintCategory.ReDoS;
    private const string Id = DiagnosticIds.RegexDenialOfService;

    public static TaintRule Rule { get; } = new(Descriptors.RegexDenialOfService, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        foreach (var method in new[] { "IsMatch", "Match", "Matches", "Replace", "Split", "Count", "EnumerateMatches", "EnumerateSplits" })
        {
            yield return TaintRule.Sink(Id, C, "System.Text.RegularExpressions.Regex", method, "input") with { Condition = SinkCondition.RegexWithoutTimeout };
        }
    }
}
