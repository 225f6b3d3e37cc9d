namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>What kind of type.</summary>
public enum ApiTypeKind
{
    /// <summary>A class.</summary>
    Class,

    /// <summary>A struct.</summary>
    Struct,

    /// <summary>An interface.</summary>
    Interface,

    /// <summary>An enum.</summary>
    Enum,

    /// <summary>A delegate.</summary>
    Delegate,
}

/// <summary>What kind of member.</summary>
public enum ApiMemberKind
{
    /// <summary>A constructor.</summary>
    Constructor,

    /// <summary>A method or operator.</summary>
    Method,

    /// <summary>A property or indexer.</summary>
    Property,

    /// <summary>An event.</summary>
    Event,

    /// <summary>A field, constant or enum value.</summary>
    Field,
}

/// <summary>The public surface of one assembly: the types and members other assemblies can use.</summary>
public sealed class ApiAssembly
{
    /// <summary>The assembly's simple name.</summary>
    public required string Name { get; init; }

    /// <summary>The assembly version.</summary>
    public string? Version { get; init; }

    /// <summary>Visible types by full name (<c>Ns.Outer+Inner`1</c>).</summary>
    public SortedDictionary<string, ApiType> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>The number of visible members (types included).</summary>
    public int MemberCount => Types.Count + Types.Values.Sum(t => t.Members.Count);
}

/// <summary>A visible type.</summary>
public sealed class ApiType
{
    /// <summary>Full metadata name (<c>Ns.Outer+Inner`1</c>).</summary>
    public required string FullName { get; init; }

    /// <summary>C#-like display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Kind.</summary>
    public ApiTypeKind Kind { get; init; }

    /// <summary>False for a nested protected type.</summary>
    public bool IsPublic { get; init; }

    /// <summary>Sealed (for classes; structs, enums and delegates are always sealed).</summary>
    public bool IsSealed { get; init; }

    /// <summary>Abstract (and not static).</summary>
    public bool IsAbstract { get; init; }

    /// <summary>A static class.</summary>
    public bool IsStatic { get; init; }

    /// <summary>True when code outside the assembly can derive from it (unsealed class with a visible constructor).</summary>
    public bool IsExtensible { get; init; }

    /// <summary>The base type's display name (classes), or null.</summary>
    public string? BaseType { get; init; }

    /// <summary>Implemented interfaces (display names, sorted).</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = Array.Empty<string>();

    /// <summary>Visible members by key (kind, name, generic arity, parameter types).</summary>
    public SortedDictionary<string, ApiMember> Members { get; } = new(StringComparer.Ordinal);
}

/// <summary>A visible member.</summary>
public sealed class ApiMember
{
    /// <summary>Identity within the type: kind, name, generic arity and parameter types.</summary>
    public required string Key { get; init; }

    /// <summary>The member's name.</summary>
    public required string Name { get; init; }

    /// <summary>Kind.</summary>
    public ApiMemberKind Kind { get; init; }

    /// <summary>C#-like signature for people.</summary>
    public required string Display { get; init; }

    /// <summary>False when only derived types can use it (protected).</summary>
    public bool IsPublic { get; init; }

    /// <summary>Static.</summary>
    public bool IsStatic { get; init; }

    /// <summary>Virtual (overridable: virtual or abstract, not sealed).</summary>
    public bool IsVirtual { get; init; }

    /// <summary>Abstract (an interface member without a default implementation counts).</summary>
    public bool IsAbstract { get; init; }

    /// <summary>The return, property, field or event type.</summary>
    public string? Type { get; init; }

    /// <summary>Parameter types (for methods, constructors, indexers).</summary>
    public IReadOnlyList<string> ParameterTypes { get; init; } = Array.Empty<string>();

    /// <summary>Which parameters are optional.</summary>
    public IReadOnlyList<bool> OptionalParameters { get; init; } = Array.Empty<bool>();

    /// <summary>Property: a visible getter.</summary>
    public bool HasGetter { get; init; }

    /// <summary>Property: a visible setter.</summary>
    public bool HasSetter { get; init; }

    /// <summary>Field: read-only.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>Field: the constant value (literal fields and enum values), formatted invariantly.</summary>
    public string? ConstantValue { get; init; }
}
