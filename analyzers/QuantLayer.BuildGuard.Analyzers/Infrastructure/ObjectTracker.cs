using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>One property assignment that configures a tracked object.</summary>
internal readonly struct PropertyWrite
{
    public PropertyWrite(string path, IPropertySymbol property, IOperation value, IOperation site)
    {
        Path = path;
        Property = property;
        Value = value;
        Site = site;
    }

    /// <summary>The property, relative to the object: <c>DtdProcessing</c>, or <c>StartInfo.FileName</c> one level down.</summary>
    public string Path { get; }

    /// <summary>The property assigned.</summary>
    public IPropertySymbol Property { get; }

    /// <summary>The value assigned (conversions not removed).</summary>
    public IOperation Value { get; }

    /// <summary>The assignment (statement or object-initializer member).</summary>
    public IOperation Site { get; }

    /// <summary>Source position of the assignment.</summary>
    public int Position => Site.Syntax.SpanStart;
}

/// <summary>
/// What a method body does to one object: how it was created (if it was created there), the
/// property assignments made to it (in the object initializer and afterwards through the local,
/// field or parameter that holds it), and the other places the holder is used (passed to a
/// method, returned, stored). The analysis is in source order and does not follow branches:
/// an assignment in an <c>if</c> counts as made.
/// </summary>
internal sealed class ObjectConfiguration
{
    public ObjectConfiguration(IObjectCreationOperation? creation, ISymbol? holder, ImmutableArray<PropertyWrite> writes, ImmutableArray<IOperation> uses)
    {
        Creation = creation;
        Holder = holder;
        Writes = writes;
        Uses = uses;
    }

    /// <summary>The creation of the object in this method body, or null when it came from elsewhere.</summary>
    public IObjectCreationOperation? Creation { get; }

    /// <summary>The local, parameter, field or property that holds the object, or null for a temporary.</summary>
    public ISymbol? Holder { get; }

    /// <summary>The property assignments, in source order.</summary>
    public ImmutableArray<PropertyWrite> Writes { get; }

    /// <summary>
    /// Every other use of the object: references to the holder that are not the receiver of a
    /// tracked assignment, or the creation itself when it is used directly (argument, return).
    /// </summary>
    public ImmutableArray<IOperation> Uses { get; }

    /// <summary>True when the object was created in this body, so unassigned properties have their defaults.</summary>
    public bool OriginKnown => Creation is not null;

    /// <summary>The last assignment of <paramref name="path"/>, or null.</summary>
    public PropertyWrite? Last(string path)
    {
        for (var i = Writes.Length - 1; i >= 0; i--)
        {
            if (string.Equals(Writes[i].Path, path, StringComparison.Ordinal))
            {
                return Writes[i];
            }
        }

        return null;
    }

    /// <summary>True when the object leaves the method body: stored in a field or property, returned, captured, or given to a method that is not one of <paramref name="isKnownUse"/>.</summary>
    public bool Escapes(Func<IOperation, bool> isKnownUse)
    {
        if (Holder is IFieldSymbol or IPropertySymbol or IParameterSymbol)
        {
            return true;
        }

        foreach (var use in Uses)
        {
            if (!isKnownUse(use))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Follows a configurable object (settings, options, start info) through one method body. Used by
/// the rules whose danger depends on the combination of an object's properties when it reaches an
/// API (<c>XmlReader.Create(input, settings)</c>, <c>Process.Start(startInfo)</c>,
/// <c>JsonConvert.DeserializeObject(json, settings)</c>), not on one assignment.
/// </summary>
internal static class ObjectTracker
{
    /// <summary>
    /// The configuration of the object <paramref name="value"/> evaluates to, counting only the
    /// assignments made before <paramref name="value"/> in source order.
    /// </summary>
    public static ObjectConfiguration AtUse(IOperation value)
    {
        var inner = value.WalkDownConversion();
        if (inner is IObjectCreationOperation creation)
        {
            return new ObjectConfiguration(creation, null, InitializerWrites(creation), ImmutableArray.Create<IOperation>(creation));
        }

        if (!TryGetHolder(inner, out var holder))
        {
            return new ObjectConfiguration(null, null, ImmutableArray<PropertyWrite>.Empty, ImmutableArray<IOperation>.Empty);
        }

        return Scan(inner.Root(), holder, inner.Syntax.SpanStart, limitToBefore: true);
    }

    /// <summary>
    /// The configuration of the object that <paramref name="write"/> (a property assignment,
    /// statement or object-initializer member) configures, over the whole method body.
    /// </summary>
    public static ObjectConfiguration OfWriteReceiver(ISimpleAssignmentOperation write)
    {
        if (write.Target is not IPropertyReferenceOperation target)
        {
            return new ObjectConfiguration(null, null, ImmutableArray<PropertyWrite>.Empty, ImmutableArray<IOperation>.Empty);
        }

        if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            var creation = EnclosingCreation(write);
            return creation is null
                ? new ObjectConfiguration(null, null, ImmutableArray.Create(new PropertyWrite(target.Property.Name, target.Property, write.Value, write)), ImmutableArray<IOperation>.Empty)
                : OfCreation(creation);
        }

        if (target.Instance is { } instance && TryGetHolder(instance.WalkDownConversion(), out var holder))
        {
            return Scan(write.Root(), holder, write.Syntax.SpanStart, limitToBefore: false);
        }

        return new ObjectConfiguration(null, null, ImmutableArray.Create(new PropertyWrite(target.Property.Name, target.Property, write.Value, write)), ImmutableArray<IOperation>.Empty);
    }

    /// <summary>The configuration of a created object over the whole method body (initializer and later assignments through its holder).</summary>
    public static ObjectConfiguration OfCreation(IObjectCreationOperation creation)
    {
        var holder = HolderOfCreation(creation);
        if (holder is null)
        {
            return new ObjectConfiguration(creation, null, InitializerWrites(creation), ImmutableArray.Create<IOperation>(creation));
        }

        var scanned = Scan(creation.Root(), holder, creation.Syntax.SpanStart, limitToBefore: false);
        return scanned.Creation is null
            ? new ObjectConfiguration(creation, holder, InitializerWrites(creation), scanned.Uses)
            : scanned;
    }

    /// <summary>The object creation an object-initializer member belongs to (through nested member initializers).</summary>
    public static IObjectCreationOperation? EnclosingCreation(IOperation initializerMember)
    {
        for (var current = initializerMember.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IObjectCreationOperation creation:
                    return creation;
                case IObjectOrCollectionInitializerOperation or IMemberInitializerOperation:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The symbol that holds an object reference: a local, a parameter, or a field or property of this instance or a static one.</summary>
    public static bool TryGetHolder(IOperation operation, out ISymbol holder)
    {
        switch (operation.WalkDownConversion())
        {
            case ILocalReferenceOperation local:
                holder = local.Local;
                return true;
            case IParameterReferenceOperation parameter:
                holder = parameter.Parameter;
                return true;
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field:
                holder = field.Field;
                return true;
            case IPropertyReferenceOperation { Arguments.Length: 0, Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } property:
                holder = property.Property;
                return true;
            default:
                holder = null!;
                return false;
        }
    }

    private static ISymbol? HolderOfCreation(IObjectCreationOperation creation)
    {
        IOperation current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case ISimpleAssignmentOperation assignment when assignment.Value == current && TryGetHolder(assignment.Target, out var target):
                return target;
            case IFieldInitializerOperation { InitializedFields.Length: 1 } field:
                return field.InitializedFields[0];
            case IPropertyInitializerOperation { InitializedProperties.Length: 1 } property:
                return property.InitializedProperties[0];
            default:
                return null;
        }
    }

    private static ObjectConfiguration Scan(IOperation root, ISymbol holder, int position, bool limitToBefore)
    {
        // Origins: where the holder itself is given a value.
        var origins = new List<(int Position, IOperation Value)>();
        var writes = new List<PropertyWrite>();
        var references = new List<IOperation>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, holder):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        origins.Add((declarator.Syntax.SpanStart, initializer.Value));
                    }

                    break;
                case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Any(f => SymbolEqualityComparer.Default.Equals(f, holder)):
                    origins.Add((fieldInitializer.Syntax.SpanStart, fieldInitializer.Value));
                    break;
                case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Any(p => SymbolEqualityComparer.Default.Equals(p, holder)):
                    origins.Add((propertyInitializer.Syntax.SpanStart, propertyInitializer.Value));
                    break;
                case ISimpleAssignmentOperation assignment:
                    if (TryGetHolder(assignment.Target, out var assigned) && SymbolEqualityComparer.Default.Equals(assigned, holder))
                    {
                        origins.Add((assignment.Syntax.SpanStart, assignment.Value));
                    }
                    else if (PathFromHolder(assignment.Target, holder) is { } path)
                    {
                        writes.Add(new PropertyWrite(path, ((IPropertyReferenceOperation)assignment.Target).Property, assignment.Value, assignment));
                    }

                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                    when TryGetHolder(operation, out var referenced) && SymbolEqualityComparer.Default.Equals(referenced, holder):
                    references.Add(operation);
                    break;
            }
        }

        // The origin in force: the last one before the position (or before the first write when scanning everything).
        var originPosition = -1;
        IOperation? originValue = null;
        foreach (var (originAt, value) in origins)
        {
            if (originAt <= position && originAt > originPosition)
            {
                originPosition = originAt;
                originValue = value;
            }
        }

        // The next origin after the one in force ends its lifetime.
        var end = int.MaxValue;
        foreach (var (originAt, _) in origins)
        {
            if (originAt > originPosition && originAt < end && (originAt > position || !limitToBefore))
            {
                end = Math.Min(end, originAt);
            }
        }

        if (limitToBefore)
        {
            end = Math.Min(end, position);
        }

        var creation = originValue?.WalkDownConversion() as IObjectCreationOperation;
        var all = ImmutableArray.CreateBuilder<PropertyWrite>();
        if (creation is not null)
        {
            all.AddRange(InitializerWrites(creation));
        }

        foreach (var write in writes.OrderBy(w => w.Position))
        {
            if (write.Position > originPosition && write.Position < end)
            {
                all.Add(write);
            }
        }

        var uses = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var reference in references)
        {
            var at = reference.Syntax.SpanStart;
            if (at <= originPosition || at >= (limitToBefore ? int.MaxValue : end) || IsTrackedReceiver(reference, holder))
            {
                continue;
            }

            uses.Add(reference);
        }

        return new ObjectConfiguration(creation, holder, all.ToImmutable(), uses.ToImmutable());
    }

    /// <summary>True when the reference is the target of an origin or the receiver of a tracked property write.</summary>
    private static bool IsTrackedReceiver(IOperation reference, ISymbol holder)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        if (parent is ISimpleAssignmentOperation origin && origin.Target.WalkDownConversion() == reference.WalkDownConversion())
        {
            return true;
        }

        // holder.P = v  or  holder.P.Q = v
        if (parent is IPropertyReferenceOperation first)
        {
            if (first.Parent is ISimpleAssignmentOperation a1 && a1.Target == first)
            {
                return true;
            }

            if (first.Parent is IPropertyReferenceOperation second && second.Parent is ISimpleAssignmentOperation a2 && a2.Target == second)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>P</c> for <c>holder.P</c>, <c>P.Q</c> for <c>holder.P.Q</c>, else null.</summary>
    private static string? PathFromHolder(IOperation target, ISymbol holder)
    {
        if (target is not IPropertyReferenceOperation { Arguments.Length: 0 } property || property.Instance is null)
        {
            return null;
        }

        var instance = property.Instance.WalkDownConversion();
        if (TryGetHolder(instance, out var direct) && SymbolEqualityComparer.Default.Equals(direct, holder))
        {
            return property.Property.Name;
        }

        if (instance is IPropertyReferenceOperation { Arguments.Length: 0, Instance: { } outerInstance } outer
            && TryGetHolder(outerInstance.WalkDownConversion(), out var nested) && SymbolEqualityComparer.Default.Equals(nested, holder))
        {
            return outer.Property.Name + "." + property.Property.Name;
        }

        return null;
    }

    /// <summary>The assignments of an object initializer, nested member initializers as <c>Outer.Inner</c>.</summary>
    public static ImmutableArray<PropertyWrite> InitializerWrites(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            return ImmutableArray<PropertyWrite>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<PropertyWrite>();
        AddInitializerWrites(creation.Initializer, string.Empty, builder);
        return builder.ToImmutable();
    }

    private static void AddInitializerWrites(IObjectOrCollectionInitializerOperation initializer, string prefix, ImmutableArray<PropertyWrite>.Builder builder)
    {
        foreach (var member in initializer.Initializers)
        {
            switch (member)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    builder.Add(new PropertyWrite(prefix + property.Property.Name, property.Property, assignment.Value, assignment));
                    break;
                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation property, Initializer: { } nested } when prefix.Length == 0:
                    AddInitializerWrites(nested, property.Property.Name + ".", builder);
                    break;
            }
        }
    }
}
