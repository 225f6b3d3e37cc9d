using System.Collections.Immutable;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>What a model entry says about a member.</summary>
internal enum ModelKind
{
    /// <summary>Reading the member (property get, method return or written arguments) yields untrusted data.</summary>
    Source,

    /// <summary>Untrusted data must not reach these parameters (or the assigned value of a property).</summary>
    Sink,

    /// <summary>The member's result is cleaned for some sink categories.</summary>
    Sanitizer,

    /// <summary>The member moves taint from some inputs to an output (overrides the default: every input to the result).</summary>
    PassThrough,
}

/// <summary>Extra conditions a built-in sink checks at the call before it counts.</summary>
internal enum SinkCondition
{
    /// <summary>Always a sink.</summary>
    None,

    /// <summary>A regex match whose pattern can backtrack catastrophically and that has no timeout.</summary>
    RegexWithoutTimeout,

    /// <summary>Json.NET deserialization with <c>TypeNameHandling</c> other than <c>None</c>.</summary>
    JsonTypeNameHandling,
}

/// <summary>
/// One fact of the taint model: a member of a type (by metadata name) that is a source, sink,
/// sanitizer or pass-through. The built-in model and <c>buildguard.taint.json</c> both produce
/// these; nothing else in the engine knows an API by name except the few shapes that need code
/// (string building, LINQ projections, branch checks), listed in the Taint README.
/// </summary>
internal sealed record ModelEntry
{
    public ModelEntry(ModelKind kind, string typeName, string member)
    {
        Kind = kind;
        TypeName = typeName;
        Member = member;
    }

    public ModelKind Kind { get; }

    /// <summary>Metadata name of the declaring type (<c>System.Data.Common.DbCommand</c>); entries apply to derived types and implementations too.</summary>
    public string TypeName { get; }

    /// <summary>Member name; <c>.ctor</c> for constructors, <c>this[]</c> for indexers, <c>*</c> for every member.</summary>
    public string Member { get; }

    /// <summary>
    /// Sink: the parameter names that are sinks (empty: the value assigned to a property).
    /// Source/sanitizer: overloads must have all of these parameters (empty: every overload).
    /// </summary>
    public ImmutableArray<string> Parameters { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Members a <c>*</c> entry does not cover.</summary>
    public ImmutableArray<string> Except { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Source: where the untrusted data appears: <c>return</c> (default), <c>this</c> (the
    /// created object for constructors) or <c>arg:name</c> (a buffer the member fills).
    /// Pass-through: the output (<c>return</c>, <c>this</c>, <c>arg:name</c>).
    /// </summary>
    public ImmutableArray<string> Targets { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Pass-through inputs: <c>this</c>, <c>arg:name</c> or <c>arg:#index</c>.</summary>
    public ImmutableArray<string> From { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Sink: its category. Sanitizer: the categories it cleans (<see cref="TaintCategory.AllSinks"/> for all).</summary>
    public TaintCategory Categories { get; init; }

    /// <summary>Sink: the rule id it belongs to (QLB10xx).</summary>
    public string? RuleId { get; init; }

    /// <summary>Sink: only counts when the tainted value was embedded in a larger string (XML parsing of built documents).</summary>
    public bool RequiresEmbedding { get; init; }

    /// <summary>Sink: an extra built-in condition.</summary>
    public SinkCondition Condition { get; init; }

    /// <summary>Source: how messages name it (default <c>Type.Member()</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Source: its kind (web, console, file, socket, serial, database, http, mqtt, opcua, configuration, archive, environment, custom).</summary>
    public string SourceKind { get; init; } = "custom";

    /// <summary>Where the entry came from: <c>built-in</c> or <c>file(line)</c>.</summary>
    public string Origin { get; init; } = "built-in";
}
