using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// One injection rule: its descriptor, its sink category and its built-in sinks. The rules share
/// one engine run (<see cref="TaintAnalyzer"/>); each lives in its own <c>*Rule.cs</c> file.
/// </summary>
internal sealed class TaintRule
{
    public TaintRule(DiagnosticDescriptor descriptor, TaintCategory category, IEnumerable<ModelEntry> sinks)
    {
        Descriptor = descriptor;
        Category = category;
        Sinks = sinks.ToImmutableArray();
    }

    public DiagnosticDescriptor Descriptor { get; }

    public TaintCategory Category { get; }

    public ImmutableArray<ModelEntry> Sinks { get; }

    /// <summary>Every injection rule, in id order.</summary>
    public static ImmutableArray<TaintRule> All { get; } = ImmutableArray.Create(
        SqlInjectionRule.Rule,
        CommandInjectionRule.Rule,
        PathTraversalRule.Rule,
        LdapInjectionRule.Rule,
        XPathInjectionRule.Rule,
        XmlInjectionRule.Rule,
        LogForgingRule.Rule,
        ServerSideRequestForgeryRule.Rule,
        OpenRedirectRule.Rule,
        RegexInjectionRule.Rule,
        RegexDenialOfServiceRule.Rule,
        FormatStringInjectionRule.Rule,
        UnsafeReflectionRule.Rule,
        UnsafeDeserializationRule.Rule);

    /// <summary>The rule of a category.</summary>
    public static TaintRule? ForCategory(TaintCategory category)
    {
        foreach (var rule in All)
        {
            if (rule.Category == category)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The rule with an id.</summary>
    public static TaintRule? ForId(string id)
    {
        foreach (var rule in All)
        {
            if (rule.Descriptor.Id == id)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>A sink entry of a rule.</summary>
    public static ModelEntry Sink(string ruleId, TaintCategory category, string type, string member, params string[] parameters)
        => new(ModelKind.Sink, type, member) { RuleId = ruleId, Categories = category, Parameters = parameters.ToImmutableArray() };
}
