using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>The model entries that apply to one member (after walking base types and interfaces).</summary>
internal sealed class MemberModel
{
    public static readonly MemberModel Empty = new(
        ImmutableArray<ModelEntry>.Empty, ImmutableArray<ModelEntry>.Empty, ImmutableArray<ModelEntry>.Empty, ImmutableArray<ModelEntry>.Empty);

    public MemberModel(ImmutableArray<ModelEntry> sources, ImmutableArray<ModelEntry> sinks, ImmutableArray<ModelEntry> sanitizers, ImmutableArray<ModelEntry> passThroughs)
    {
        Sources = sources;
        Sinks = sinks;
        Sanitizers = sanitizers;
        PassThroughs = passThroughs;
    }

    public ImmutableArray<ModelEntry> Sources { get; }

    public ImmutableArray<ModelEntry> Sinks { get; }

    public ImmutableArray<ModelEntry> Sanitizers { get; }

    public ImmutableArray<ModelEntry> PassThroughs { get; }

    public bool IsEmpty => Sources.IsEmpty && Sinks.IsEmpty && Sanitizers.IsEmpty && PassThroughs.IsEmpty;
}

/// <summary>
/// The model resolved against one compilation: entries indexed by the type symbols that exist in
/// it (types that are absent cost nothing), and a per-member cache so that each member is matched
/// once per compilation.
/// </summary>
internal sealed class TaintModelIndex
{
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, List<ModelEntry>>> _byType = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, MemberModel> _cache = new(SymbolEqualityComparer.Default);

    public TaintModelIndex(Compilation compilation, IEnumerable<ModelEntry> entries)
    {
        var types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!types.TryGetValue(entry.TypeName, out var type))
            {
                type = compilation.GetTypeByMetadataName(entry.TypeName);
                types.Add(entry.TypeName, type);
            }

            if (type is null)
            {
                continue;
            }

            if (!_byType.TryGetValue(type, out var members))
            {
                members = new Dictionary<string, List<ModelEntry>>(StringComparer.Ordinal);
                _byType.Add(type, members);
            }

            if (!members.TryGetValue(entry.Member, out var list))
            {
                list = new List<ModelEntry>();
                members.Add(entry.Member, list);
            }

            list.Add(entry);
        }
    }

    /// <summary>True when no entry's type exists in the compilation.</summary>
    public bool IsEmpty => _byType.Count == 0;

    /// <summary>True when the type (or a base type or interface) has entries.</summary>
    public bool HasType(INamedTypeSymbol? type) => type is not null && _byType.ContainsKey(type.OriginalDefinition);

    /// <summary>The entries that apply to a method, constructor or property.</summary>
    public MemberModel Get(ISymbol member) => _cache.GetOrAdd(member.OriginalDefinition, Compute);

    private MemberModel Compute(ISymbol member)
    {
        var containing = member.ContainingType;
        if (containing is null || _byType.Count == 0)
        {
            return MemberModel.Empty;
        }

        var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? ".ctor" : member.Name;
        List<ModelEntry>? found = null;
        for (var type = containing; type is not null; type = type.BaseType)
        {
            Collect(type.OriginalDefinition, name, member, ref found);
        }

        foreach (var iface in containing.AllInterfaces)
        {
            Collect(iface.OriginalDefinition, name, member, ref found);
        }

        if (containing.TypeKind == TypeKind.Interface)
        {
            Collect(containing.OriginalDefinition, name, member, ref found);
        }

        if (found is null)
        {
            return MemberModel.Empty;
        }

        var distinct = found.Distinct().ToList();
        return new MemberModel(
            distinct.Where(e => e.Kind == ModelKind.Source).ToImmutableArray(),
            distinct.Where(e => e.Kind == ModelKind.Sink).ToImmutableArray(),
            distinct.Where(e => e.Kind == ModelKind.Sanitizer).ToImmutableArray(),
            distinct.Where(e => e.Kind == ModelKind.PassThrough).ToImmutableArray());
    }

    private void Collect(INamedTypeSymbol type, string name, ISymbol member, ref List<ModelEntry>? found)
    {
        if (!_byType.TryGetValue(type, out var members))
        {
            return;
        }

        if (members.TryGetValue(name, out var exact))
        {
            foreach (var entry in exact)
            {
                if (Applies(entry, member))
                {
                    (found ??= new List<ModelEntry>()).Add(entry);
                }
            }
        }

        if (name != ".ctor" && members.TryGetValue("*", out var any))
        {
            foreach (var entry in any)
            {
                if (!entry.Except.Contains(name) && Applies(entry, member))
                {
                    (found ??= new List<ModelEntry>()).Add(entry);
                }
            }
        }
    }

    private static bool Applies(ModelEntry entry, ISymbol member)
    {
        if (entry.Kind == ModelKind.Sink || entry.Parameters.IsEmpty)
        {
            return true;
        }

        var parameters = member switch
        {
            IMethodSymbol m => m.Parameters,
            IPropertySymbol p => p.Parameters,
            _ => ImmutableArray<IParameterSymbol>.Empty,
        };
        foreach (var required in entry.Parameters)
        {
            if (!parameters.Any(p => p.Name == required))
            {
                return false;
            }
        }

        return true;
    }
}
