namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>How an API element changed.</summary>
public enum ApiChangeKind
{
    /// <summary>New in this release.</summary>
    Added,

    /// <summary>Gone from this release.</summary>
    Removed,

    /// <summary>Present in both with a different shape.</summary>
    Changed,
}

/// <summary>One public API change, classified.</summary>
/// <param name="Assembly">The assembly (and target framework folder, when from a package).</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Element">The type or member's display name in this release (the baseline's when removed).</param>
/// <param name="Breaking">True when code compiled against the baseline can fail to compile, link or run.</param>
/// <param name="Reason">What changed, in words.</param>
/// <param name="Before">The baseline's signature, when there was one.</param>
/// <param name="After">This release's signature, when there is one.</param>
public sealed record ApiChange(string Assembly, ApiChangeKind Kind, string Element, bool Breaking, string Reason, string? Before, string? After);

/// <summary>
/// Compares two public surfaces and classifies each difference by binary and source compatibility
/// for consumers, following the .NET breaking-change rules: removing or changing anything visible
/// is breaking; adding is not, unless every implementer or deriver must now provide it (a new
/// abstract member of an extensible class, a new interface member without a default implementation).
/// </summary>
public static class ApiComparer
{
    /// <summary>Compares the baseline's assembly with this release's (same assembly name).</summary>
    public static List<ApiChange> Compare(string label, ApiAssembly baseline, ApiAssembly current)
    {
        var changes = new List<ApiChange>();
        foreach (var pair in baseline.Types)
        {
            if (!current.Types.TryGetValue(pair.Key, out var now))
            {
                changes.Add(new ApiChange(label, ApiChangeKind.Removed, pair.Value.DisplayName, true, "type removed", Describe(pair.Value), null));
                continue;
            }

            CompareType(label, pair.Value, now, changes);
        }

        foreach (var pair in current.Types)
        {
            if (!baseline.Types.ContainsKey(pair.Key))
            {
                changes.Add(new ApiChange(label, ApiChangeKind.Added, pair.Value.DisplayName, false, "type added", null, Describe(pair.Value)));
            }
        }

        return changes;
    }

    private static void CompareType(string label, ApiType before, ApiType after, List<ApiChange> changes)
    {
        void TypeChange(bool breaking, string reason)
            => changes.Add(new ApiChange(label, ApiChangeKind.Changed, after.DisplayName, breaking, reason, Describe(before), Describe(after)));

        if (before.Kind != after.Kind)
        {
            TypeChange(true, $"type kind changed from {Name(before.Kind)} to {Name(after.Kind)}");
            return;
        }

        if (before.IsPublic && !after.IsPublic)
        {
            TypeChange(true, "type visibility reduced from public to protected");
        }

        if (!before.IsSealed && after.IsSealed && before.IsExtensible)
        {
            TypeChange(true, "class sealed: types deriving from it no longer compile or load");
        }
        else if (before.IsSealed && !after.IsSealed)
        {
            TypeChange(false, "class unsealed");
        }

        if (!before.IsAbstract && after.IsAbstract)
        {
            TypeChange(true, "class made abstract: it can no longer be instantiated");
        }

        if (!before.IsStatic && after.IsStatic)
        {
            TypeChange(true, "class made static: instances and derived types are no longer possible");
        }

        if (before.IsExtensible && !after.IsExtensible && !after.IsSealed && !after.IsStatic)
        {
            TypeChange(true, "no visible constructor any more: types deriving from it no longer compile");
        }

        if (before.BaseType != after.BaseType)
        {
            TypeChange(true, $"base type changed from {before.BaseType} to {after.BaseType}: conversions and inherited members of the old base may be gone");
        }

        foreach (var removed in before.Interfaces.Except(after.Interfaces, StringComparer.Ordinal))
        {
            TypeChange(true, $"no longer implements {removed}");
        }

        foreach (var added in after.Interfaces.Except(before.Interfaces, StringComparer.Ordinal))
        {
            TypeChange(after.Kind == ApiTypeKind.Interface, after.Kind == ApiTypeKind.Interface
                ? $"interface now extends {added}: implementers must implement its members"
                : $"now implements {added}");
        }

        var removedMembers = before.Members.Values.Where(m => !after.Members.ContainsKey(m.Key)).ToList();
        var addedMembers = after.Members.Values.Where(m => !before.Members.ContainsKey(m.Key)).ToList();

        // A member removed and one of the same kind and name added: a changed signature.
        foreach (var old in removedMembers.ToList())
        {
            var replacement = addedMembers.FirstOrDefault(m => m.Kind == old.Kind && m.Name == old.Name);
            if (replacement is null || removedMembers.Count(m => m.Kind == old.Kind && m.Name == old.Name) != 1)
            {
                continue;
            }

            removedMembers.Remove(old);
            addedMembers.Remove(replacement);
            changes.Add(new ApiChange(label, ApiChangeKind.Changed, replacement.Display, true, SignatureReason(old, replacement), old.Display, replacement.Display));
        }

        foreach (var old in removedMembers)
        {
            var reason = before.Kind == ApiTypeKind.Enum && old.Kind == ApiMemberKind.Field ? "enum value removed" : Name(old.Kind) + " removed";
            changes.Add(new ApiChange(label, ApiChangeKind.Removed, old.Display, true, reason, old.Display, null));
        }

        foreach (var added in addedMembers)
        {
            var (breaking, reason) = Addition(after, added);
            changes.Add(new ApiChange(label, ApiChangeKind.Added, added.Display, breaking, reason, null, added.Display));
        }

        foreach (var old in before.Members.Values)
        {
            if (after.Members.TryGetValue(old.Key, out var now))
            {
                CompareMember(label, after, old, now, changes);
            }
        }
    }

    private static (bool Breaking, string Reason) Addition(ApiType type, ApiMember member)
    {
        if (type.Kind == ApiTypeKind.Interface && member.IsAbstract && !member.IsStatic)
        {
            return (true, "interface member added without a default implementation: every implementer must add it");
        }

        if (type.IsExtensible && member.IsAbstract)
        {
            return (true, "abstract member added to a class others derive from: every derived class must override it");
        }

        if (type.Kind == ApiTypeKind.Enum && member.Kind == ApiMemberKind.Field)
        {
            return (false, "enum value added (switches without a default case may need it)");
        }

        return (false, Name(member.Kind) + " added");
    }

    private static void CompareMember(string label, ApiType type, ApiMember before, ApiMember after, List<ApiChange> changes)
    {
        void Change(bool breaking, string reason)
            => changes.Add(new ApiChange(label, ApiChangeKind.Changed, after.Display, breaking, reason, before.Display, after.Display));

        if (before.Type != after.Type)
        {
            Change(true, $"type changed from {before.Type} to {after.Type}");
        }

        if (before.IsPublic && !after.IsPublic)
        {
            Change(true, "visibility reduced from public to protected");
        }

        if (before.IsStatic != after.IsStatic)
        {
            Change(true, after.IsStatic ? "made static" : "no longer static");
        }

        if (!before.IsAbstract && after.IsAbstract && type.Kind != ApiTypeKind.Interface)
        {
            Change(true, "made abstract: derived classes must override it");
        }

        if (before.IsVirtual && !after.IsVirtual && type.Kind != ApiTypeKind.Interface)
        {
            Change(true, "no longer virtual: overrides in derived classes break");
        }
        else if (!before.IsVirtual && after.IsVirtual && type.Kind != ApiTypeKind.Interface)
        {
            Change(false, "made virtual");
        }

        if (before.Kind == ApiMemberKind.Property)
        {
            if (before.HasGetter && !after.HasGetter)
            {
                Change(true, "getter removed");
            }

            if (before.HasSetter && !after.HasSetter)
            {
                Change(true, "setter removed");
            }

            if (!before.HasSetter && after.HasSetter)
            {
                Change(type.Kind == ApiTypeKind.Interface || after.IsAbstract, type.Kind == ApiTypeKind.Interface || after.IsAbstract ? "setter added to an abstract property: implementers must add it" : "setter added");
            }

            if (!before.HasGetter && after.HasGetter)
            {
                Change(type.Kind == ApiTypeKind.Interface || after.IsAbstract, "getter added");
            }
        }

        if (before.Kind == ApiMemberKind.Field)
        {
            if (!before.IsReadOnly && after.IsReadOnly)
            {
                Change(true, "field made read-only: code that assigns it breaks");
            }

            if (before.ConstantValue != after.ConstantValue)
            {
                Change(true, type.Kind == ApiTypeKind.Enum
                    ? $"enum value changed from {before.ConstantValue} to {after.ConstantValue}: compiled callers keep the old number"
                    : $"constant changed from {before.ConstantValue} to {after.ConstantValue}: compiled callers keep the old value");
            }
        }
    }

    private static string SignatureReason(ApiMember old, ApiMember now)
    {
        if (now.ParameterTypes.Count > old.ParameterTypes.Count
            && old.ParameterTypes.SequenceEqual(now.ParameterTypes.Take(old.ParameterTypes.Count))
            && now.OptionalParameters.Skip(old.ParameterTypes.Count).All(o => o))
        {
            return "optional parameter added: source compatible, but a binary break (callers compiled against the baseline fail with MissingMethodException until they are recompiled)";
        }

        if (old.ParameterTypes.Count != now.ParameterTypes.Count)
        {
            return $"parameters changed from ({string.Join(", ", old.ParameterTypes)}) to ({string.Join(", ", now.ParameterTypes)})";
        }

        return $"signature changed from ({string.Join(", ", old.ParameterTypes)}) to ({string.Join(", ", now.ParameterTypes)})";
    }

    private static string Describe(ApiType type)
    {
        var modifiers = type.IsStatic ? "static " : type.IsAbstract ? "abstract " : type.IsSealed && type.Kind == ApiTypeKind.Class ? "sealed " : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } b && b != "System.Object")
        {
            bases.Add(b);
        }

        bases.AddRange(type.Interfaces);
        return (type.IsPublic ? "public " : "protected ") + modifiers + Name(type.Kind) + " " + type.DisplayName + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string Name(ApiTypeKind kind) => kind.ToString().ToLowerInvariant();

    private static string Name(ApiMemberKind kind) => kind.ToString().ToLowerInvariant();
}
