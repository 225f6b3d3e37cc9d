using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>How a call site reaches its callee.</summary>
internal enum CallKind : byte
{
    /// <summary>An ordinary method call (or a delegate to a method group).</summary>
    Method,

    /// <summary>A constructor (<c>new T(...)</c>).</summary>
    Constructor,

    /// <summary>A property or indexer getter.</summary>
    PropertyGet,

    /// <summary>A property or indexer setter.</summary>
    PropertySet,
}

/// <summary>
/// A call from an analyzed method to a method of the compilation, with the taint of each argument
/// (by callee parameter ordinal; the last slot is the receiver).
/// </summary>
internal sealed class CallSite
{
    public CallSite(int index, IMethodSymbol target, bool isVirtual, CallKind kind, Location location, int parameterCount)
    {
        Index = index;
        Target = target;
        IsVirtual = isVirtual;
        Kind = kind;
        Location = location;
        Arguments = new TaintSet?[parameterCount + 1];
    }

    public int Index { get; }

    /// <summary>The statically bound callee (original definition).</summary>
    public IMethodSymbol Target { get; }

    /// <summary>Dispatch may reach overrides and interface implementations.</summary>
    public bool IsVirtual { get; }

    public CallKind Kind { get; }

    public Location Location { get; }

    /// <summary>Argument taint by parameter ordinal; the last element is the receiver (<c>this</c>).</summary>
    public TaintSet?[] Arguments { get; }

    /// <summary>Index of the receiver slot.</summary>
    public int ReceiverSlot => Arguments.Length - 1;
}

/// <summary>Tainted data (possibly symbolic) at a sink.</summary>
internal sealed class SinkHit
{
    public SinkHit(ModelEntry entry, string sink, Location location, TaintSet taint)
    {
        Entry = entry;
        Sink = sink;
        Location = location;
        Taint = taint;
    }

    public ModelEntry Entry { get; }

    /// <summary>How messages name the sink ("SqlCommand.CommandText").</summary>
    public string Sink { get; }

    public Location Location { get; }

    public TaintSet Taint { get; set; }
}

/// <summary>A write to a field or auto-property of the compilation.</summary>
internal sealed class FieldWrite
{
    public FieldWrite(int field, TaintSet taint, Location location)
    {
        Field = field;
        Taint = taint;
        Location = location;
    }

    public int Field { get; }

    public TaintSet Taint { get; set; }

    public Location Location { get; }
}

/// <summary>
/// What the intra-procedural analysis of one method (or field initializer) leaves behind: its
/// effects in terms of symbolic atoms (parameters, fields, call results). The operation tree and
/// control flow graph are dropped; only this is kept until the end of the compilation.
/// </summary>
internal sealed class MethodSummary
{
    public MethodSummary(ISymbol owner, string name, Location location, int parameterCount)
    {
        Owner = owner;
        Name = name;
        Location = location;
        ParameterCount = parameterCount;
        OutParameters = new TaintSet?[parameterCount + 1];
    }

    /// <summary>The method (or field/property whose initializer this is), original definition.</summary>
    public ISymbol Owner { get; }

    public string Name { get; }

    public Location Location { get; }

    /// <summary>Parameters; atom <c>Parameter(ParameterCount)</c> is the receiver (<c>this</c>).</summary>
    public int ParameterCount { get; }

    public TaintSet? Return { get; set; }

    /// <summary>Taint written to out/ref parameters or into the contents of a parameter (last slot: <c>this</c>).</summary>
    public TaintSet?[] OutParameters { get; }

    public ImmutableArray<FieldWrite> FieldWrites { get; set; } = ImmutableArray<FieldWrite>.Empty;

    public ImmutableArray<SinkHit> Sinks { get; set; } = ImmutableArray<SinkHit>.Empty;

    public ImmutableArray<CallSite> Calls { get; set; } = ImmutableArray<CallSite>.Empty;

    /// <summary>Fields whose global taint this method depends on.</summary>
    public ImmutableArray<int> FieldReads { get; set; } = ImmutableArray<int>.Empty;

    /// <summary>The per-method work cap was hit; the summary is partial.</summary>
    public bool Truncated { get; set; }
}
