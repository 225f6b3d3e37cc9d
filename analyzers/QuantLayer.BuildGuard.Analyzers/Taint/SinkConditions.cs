using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>The extra conditions of built-in sinks (<see cref="SinkCondition"/>), checked at the call.</summary>
internal static class SinkConditions
{
    public static bool Holds(SinkCondition condition, IOperation operation, TaintSession session) => condition switch
    {
        SinkCondition.None => true,
        SinkCondition.RegexWithoutTimeout => operation is IInvocationOperation invocation && RegexPatterns.IsBacktrackingMatchWithoutTimeout(invocation),
        SinkCondition.JsonTypeNameHandling => operation is IInvocationOperation invocation && UsesTypeNameHandling(invocation),
        _ => true,
    };

    /// <summary>Json.NET settings passed to the call set TypeNameHandling to something other than None.</summary>
    private static bool UsesTypeNameHandling(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Name != "JsonSerializerSettings" || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversion();
            if (SetsTypeNameHandling(value.Syntax))
            {
                return true;
            }

            ISymbol? symbol = value switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (symbol is null)
            {
                continue;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
                var initializer = declaration switch
                {
                    VariableDeclaratorSyntax v => v.Initializer?.Value,
                    PropertyDeclarationSyntax p => p.Initializer?.Value,
                    _ => null,
                };
                if (initializer is not null && SetsTypeNameHandling(initializer))
                {
                    return true;
                }
            }

            // settings.TypeNameHandling = TypeNameHandling.All; in the same member.
            var body = invocation.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (body is not null)
            {
                foreach (var assignment in body.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TypeNameHandling", Expression: IdentifierNameSyntax target }
                        && target.Identifier.ValueText == symbol.Name && IsDangerousTypeNameHandling(assignment.Right))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool SetsTypeNameHandling(SyntaxNode syntax)
    {
        var initializer = syntax switch
        {
            ObjectCreationExpressionSyntax o => o.Initializer,
            ImplicitObjectCreationExpressionSyntax i => i.Initializer,
            _ => null,
        };
        if (initializer is null)
        {
            return false;
        }

        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "TypeNameHandling" } } assignment
                && IsDangerousTypeNameHandling(assignment.Right))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDangerousTypeNameHandling(ExpressionSyntax value)
        => value is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "None" } && !(value is LiteralExpressionSyntax { Token.ValueText: "0" });
}
