using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>
/// What can be said about a value at compile time: constants, null, the root of the method body
/// an operation belongs to, the single value a local holds, and whether a string is a path the
/// application controls (a constant, or a constant below the application's own directory).
/// </summary>
internal static class ValueFacts
{
    /// <summary>The outermost operation (method body, field initializer, ...) that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>True when the value is the constant <c>true</c>.</summary>
    public static bool IsConstantTrue(this IOperation value)
        => value.WalkDownConversion().ConstantValue is { HasValue: true, Value: true };

    /// <summary>True when the value is the constant <c>false</c>.</summary>
    public static bool IsConstantFalse(this IOperation value)
        => value.WalkDownConversion().ConstantValue is { HasValue: true, Value: false };

    /// <summary>True when the value is the <c>null</c> literal (or <c>default</c> of a reference type).</summary>
    public static bool IsNull(this IOperation value)
    {
        var inner = value.WalkDownConversion();
        return inner.ConstantValue is { HasValue: true, Value: null }
               || (inner is IDefaultValueOperation && inner.Type is { IsReferenceType: true });
    }

    /// <summary>The constant value of an enum or integer operand as a 64-bit number, or null.</summary>
    public static long? ConstantInt64(this IOperation value)
    {
        var constant = value.WalkDownConversion().ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            return null;
        }

        return constant.Value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            uint ui => ui,
            ulong ul => unchecked((long)ul),
            _ => null,
        };
    }

    /// <summary>The constant string value, or null.</summary>
    public static string? ConstantString(this IOperation value)
        => value.WalkDownConversion().ConstantValue is { HasValue: true, Value: string s } ? s : null;

    /// <summary>
    /// The value a local holds at <paramref name="use"/>: the last assignment (or its initializer)
    /// before the use in the same method body, when the local is never passed by reference.
    /// Null when it cannot be told.
    /// </summary>
    public static IOperation? LastValueOfLocal(ILocalReferenceOperation use)
    {
        var local = use.Local;
        IOperation? best = null;
        var bestPosition = -1;
        var position = use.Syntax.SpanStart;
        foreach (var operation in use.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                         && declarator.GetVariableInitializer() is { } initializer
                         && declarator.Syntax.SpanStart < position
                         && declarator.Syntax.SpanStart > bestPosition:
                    best = initializer.Value;
                    bestPosition = declarator.Syntax.SpanStart;
                    break;
                case ISimpleAssignmentOperation assignment
                    when assignment.Target is ILocalReferenceOperation target
                         && SymbolEqualityComparer.Default.Equals(target.Local, local)
                         && assignment.Syntax.SpanStart < position
                         && assignment.Syntax.SpanStart > bestPosition:
                    best = assignment.Value;
                    bestPosition = assignment.Syntax.SpanStart;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument
                    when argument.Value is ILocalReferenceOperation byRef
                         && SymbolEqualityComparer.Default.Equals(byRef.Local, local):
                    return null;
            }
        }

        return best;
    }

    /// <summary>
    /// Follows a local to the value it was last given (once), skipping conversions. Returns the
    /// operation itself when it is not a local or the local's value is unknown.
    /// </summary>
    public static IOperation ThroughLocal(this IOperation value)
    {
        var inner = value.WalkDownConversion();
        if (inner is ILocalReferenceOperation local && LastValueOfLocal(local) is { } assigned)
        {
            return assigned.WalkDownConversion();
        }

        return inner;
    }

    /// <summary>
    /// True when a string value is decided by the program, not by its input: a constant, an
    /// interpolation or concatenation of constants and of the application's own directory
    /// (<c>AppContext.BaseDirectory</c>, <c>AppDomain.CurrentDomain.BaseDirectory</c>,
    /// <c>Assembly.Location</c>, <c>Environment.SystemDirectory</c>, <c>Application.StartupPath</c>),
    /// <c>Path.Combine</c>/<c>Path.GetDirectoryName</c>/<c>Path.GetFullPath</c> of such values,
    /// a local or <c>const</c> holding one, or a <c>foreach</c> variable over
    /// <c>Directory.GetFiles/EnumerateFiles</c> of such a directory.
    /// </summary>
    public static bool IsApplicationControlledString(this IOperation value) => IsApplicationControlled(value, depth: 0);

    private static bool IsApplicationControlled(IOperation value, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        value = value.WalkDownConversion();
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is string;
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && !IsApplicationControlled(hole.Expression, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return IsApplicationControlled(binary.LeftOperand, depth + 1) && IsApplicationControlled(binary.RightOperand, depth + 1);
            case ILocalReferenceOperation local:
                if (LastValueOfLocal(local) is { } assigned)
                {
                    return IsApplicationControlled(assigned, depth + 1);
                }

                return EnumeratedFrom(local) is { } collection && IsFileListing(collection, depth);
            case IPropertyReferenceOperation property:
                return IsApplicationDirectory(property.Property);
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (method.ContainingType?.ToDisplayString() == "System.IO.Path"
                    && method.Name is "Combine" or "Join" or "GetDirectoryName" or "GetFullPath" or "ChangeExtension")
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } init })
                        {
                            foreach (var element in init.ElementValues)
                            {
                                if (!IsApplicationControlled(element, depth + 1))
                                {
                                    return false;
                                }
                            }
                        }
                        else if (!IsApplicationControlled(argument.Value, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                // string.Concat / string.Format over controlled parts.
                if (method.ContainingType?.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format")
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value.Type?.SpecialType == SpecialType.System_String && !IsApplicationControlled(argument.Value, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The collection a <c>foreach</c> variable iterates over, or null.</summary>
    private static IOperation? EnumeratedFrom(ILocalReferenceOperation local)
    {
        foreach (var operation in local.Root().Descendants())
        {
            if (operation is IForEachLoopOperation loop
                && loop.LoopControlVariable is IVariableDeclaratorOperation declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
            {
                return loop.Collection.WalkDownConversion();
            }
        }

        return null;
    }

    /// <summary><c>Directory.GetFiles(dir, ...)</c> and friends over a controlled directory.</summary>
    private static bool IsFileListing(IOperation collection, int depth)
        => collection is IInvocationOperation { Arguments.Length: > 0 } listing
           && listing.TargetMethod.ContainingType?.ToDisplayString() == "System.IO.Directory"
           && listing.TargetMethod.Name is "GetFiles" or "EnumerateFiles" or "GetFileSystemEntries" or "EnumerateFileSystemEntries"
           && IsApplicationControlled(listing.Arguments[0].Value, depth + 1);

    private static bool IsApplicationDirectory(IPropertySymbol property)
    {
        var type = property.ContainingType?.ToDisplayString();
        return (type, property.Name) switch
        {
            ("System.AppContext", "BaseDirectory") => true,
            ("System.AppDomain", "BaseDirectory") => true,
            ("System.Environment", "SystemDirectory") => true,
            ("System.Windows.Forms.Application", "StartupPath") => true,
            ("System.Windows.Forms.Application", "ExecutablePath") => true,
            ("System.Reflection.Assembly", "Location") => true,
            _ => false,
        };
    }

    /// <summary>True when any descendant of <paramref name="operation"/> reads <paramref name="parameter"/>.</summary>
    public static bool ReadsParameter(this IOperation operation, IParameterSymbol parameter)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the namespace of <paramref name="symbol"/> is <paramref name="ns"/> or below it.</summary>
    public static bool IsInNamespace(this ISymbol symbol, string ns)
    {
        var name = symbol.ContainingNamespace?.ToDisplayString();
        return name is not null && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));
    }

    /// <summary>The 1-based line of an operation, for messages that point at another line.</summary>
    public static int Line(this IOperation operation)
        => operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
