using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace QuantLayer.BuildGuard.CodeFixes;

/// <summary>Adds a <c>using</c> directive to a file when it is missing.</summary>
internal static class UsingHelper
{
    /// <summary>Returns the root with <c>using <paramref name="ns"/>;</c> added (sorted in with the others) unless present.</summary>
    public static SyntaxNode EnsureUsing(SyntaxNode root, string ns)
    {
        if (root is not CompilationUnitSyntax unit || unit.Usings.Any(u => u.Name?.ToString() == ns))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        if (unit.Usings.Count == 0)
        {
            // The first using of the file: keep a blank line before the code.
            directive = directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
        }
        var index = 0;
        while (index < unit.Usings.Count && string.CompareOrdinal(unit.Usings[index].Name?.ToString(), ns) < 0)
        {
            index++;
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }
}
