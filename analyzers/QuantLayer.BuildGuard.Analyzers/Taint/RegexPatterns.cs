using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>
/// What the engine needs to know about .NET regular expressions: whether a pattern is an anchored
/// allow-list (a sanitizing check) and whether a match can backtrack catastrophically.
/// </summary>
internal static class RegexPatterns
{
    private const int NonBacktracking = 1024;

    /// <summary>
    /// An anchored pattern (^...$ or \A...\z) built from literal characters and positive character
    /// classes only: a value that matches it cannot contain characters outside the classes.
    /// </summary>
    public static bool IsAllowList(string pattern)
    {
        var start = pattern.StartsWith("^", StringComparison.Ordinal) ? 1 : pattern.StartsWith("\\A", StringComparison.Ordinal) ? 2 : -1;
        var end = pattern.EndsWith("\\z", StringComparison.Ordinal) ? pattern.Length - 2
            : pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern.Length - 1 : -1;
        if (start < 0 || end < start)
        {
            return false;
        }

        var inClass = false;
        for (var i = start; i < end; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= end)
                {
                    return false;
                }

                var next = pattern[i + 1];
                if (next is 'S' or 'W' or 'D' or 'P')
                {
                    return false;
                }

                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            switch (c)
            {
                case '[':
                    if (i + 1 < end && pattern[i + 1] == '^')
                    {
                        return false;
                    }

                    inClass = true;
                    break;
                case '.':
                case '|':
                case '^':
                case '$':
                    return false;
            }
        }

        return !inClass;
    }

    /// <summary>
    /// True when the pattern nests an unbounded quantifier inside a group that is itself repeated
    /// without bound (<c>(a+)+</c>, <c>(\w+\s?)*</c>, <c>(a|aa)+</c> with a repeated branch), the
    /// shape behind exponential backtracking.
    /// </summary>
    public static bool HasNestedQuantifier(string pattern)
    {
        var stack = new Stack<bool>();
        var containsUnbounded = false;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    stack.Push(containsUnbounded);
                    containsUnbounded = false;
                    break;
                case ')':
                {
                    var inner = containsUnbounded;
                    var outer = stack.Count > 0 ? stack.Pop() : false;
                    var repeated = UnboundedQuantifierAt(pattern, i + 1);
                    if (inner && repeated)
                    {
                        return true;
                    }

                    containsUnbounded = outer || inner || repeated;
                    break;
                }

                case '*':
                case '+':
                    containsUnbounded = true;
                    break;
                case '{':
                    if (UnboundedQuantifierAt(pattern, i))
                    {
                        containsUnbounded = true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool UnboundedQuantifierAt(string pattern, int i)
    {
        if (i >= pattern.Length)
        {
            return false;
        }

        if (pattern[i] is '*' or '+')
        {
            return true;
        }

        if (pattern[i] != '{')
        {
            return false;
        }

        var close = pattern.IndexOf('}', i);
        if (close < 0)
        {
            return false;
        }

        var body = pattern.Substring(i + 1, close - i - 1);
        var comma = body.IndexOf(',');
        return comma >= 0 && (comma == body.Length - 1 || (int.TryParse(body.Substring(comma + 1), out var max) && max > 100));
    }

    /// <summary>
    /// A Regex match (static or instance) whose pattern can backtrack catastrophically (or is not
    /// a constant the engine can see) and that has no match timeout and no NonBacktracking option.
    /// </summary>
    public static bool IsBacktrackingMatchWithoutTimeout(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.IsStatic)
        {
            return IsRisky(invocation.Arguments.Select(a => (a.Parameter?.Name, (IOperation?)a.Value)), unknownIsRisky: true);
        }

        var receiver = invocation.Instance?.WalkDownConversion();
        switch (receiver)
        {
            case IObjectCreationOperation creation:
                return IsRisky(creation.Arguments.Select(a => (a.Parameter?.Name, (IOperation?)a.Value)), unknownIsRisky: false);
            case IInvocationOperation factory when FindGeneratedRegex(factory.TargetMethod) is { } attribute:
                return IsRiskyAttribute(attribute);
            case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
            {
                ISymbol symbol = receiver switch
                {
                    ILocalReferenceOperation l => l.Local,
                    IFieldReferenceOperation f => f.Field,
                    _ => ((IPropertyReferenceOperation)receiver).Property,
                };
                if (symbol is IPropertySymbol property && FindGeneratedRegex(property.GetMethod) is { } generated)
                {
                    return IsRiskyAttribute(generated);
                }

                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    var initializer = reference.GetSyntax() switch
                    {
                        VariableDeclaratorSyntax v => v.Initializer?.Value,
                        PropertyDeclarationSyntax p => p.Initializer?.Value ?? p.ExpressionBody?.Expression,
                        _ => null,
                    };
                    if (initializer is BaseObjectCreationExpressionSyntax { ArgumentList: { } list })
                    {
                        return IsRiskySyntax(list);
                    }
                }

                return false;
            }

            default:
                return false;
        }
    }

    private static AttributeData? FindGeneratedRegex(IMethodSymbol? method)
    {
        if (method is null)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "GeneratedRegexAttribute")
            {
                return attribute;
            }
        }

        return method.PartialDefinitionPart is { } definition ? FindGeneratedRegex(definition) : null;
    }

    private static bool IsRiskyAttribute(AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length == 0 || args[0].Value is not string pattern)
        {
            return false;
        }

        if (args.Length >= 2 && args[1].Value is int options && (options & NonBacktracking) != 0)
        {
            return false;
        }

        if (args.Length >= 3 && args[2].Value is int timeout && timeout > 0)
        {
            return false;
        }

        return HasNestedQuantifier(pattern);
    }

    private static bool IsRisky(IEnumerable<(string? Name, IOperation? Value)> arguments, bool unknownIsRisky)
    {
        string? pattern = null;
        var patternSeen = false;
        foreach (var (name, value) in arguments)
        {
            if (value is null)
            {
                continue;
            }

            if (value.Type?.Name == "TimeSpan" && value is not IDefaultValueOperation)
            {
                return false;
            }

            if (name == "options" && value.ConstantValue is { HasValue: true, Value: int options } && (options & NonBacktracking) != 0)
            {
                return false;
            }

            if (name == "pattern")
            {
                patternSeen = true;
                pattern = value.ConstantValue is { HasValue: true, Value: string p } ? p : null;
            }
        }

        if (!patternSeen)
        {
            return false;
        }

        return pattern is null ? unknownIsRisky : HasNestedQuantifier(pattern);
    }

    private static bool IsRiskySyntax(ArgumentListSyntax list)
    {
        string? pattern = null;
        foreach (var argument in list.Arguments)
        {
            var text = argument.Expression.ToString();
            if (text.Contains("TimeSpan") || argument.NameColon?.Name.Identifier.ValueText == "matchTimeout" || text.Contains("NonBacktracking"))
            {
                return false;
            }

            if (pattern is null && argument.Expression is LiteralExpressionSyntax literal && literal.Token.Value is string p)
            {
                pattern = p;
            }
        }

        return pattern is not null && HasNestedQuantifier(pattern);
    }
}
