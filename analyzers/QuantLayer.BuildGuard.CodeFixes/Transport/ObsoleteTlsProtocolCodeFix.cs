using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Transport;

/// <summary>
/// QLB1302: removes SSL 2/3, TLS 1.0 and TLS 1.1 from a value written as enum members joined with
/// <c>|</c>. When no member is left the value becomes the operating system default
/// (<c>SslProtocols.None</c>, <c>SecurityProtocolType.SystemDefault</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteTlsProtocolCodeFix))]
[Shared]
public sealed class ObsoleteTlsProtocolCodeFix : CodeFixProvider
{
    private const string Title = "Remove the obsolete protocol versions";

    private static readonly ImmutableHashSet<string> Weak = ImmutableHashSet.Create("Ssl2", "Ssl3", "Tls", "Tls11", "Default");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ObsoleteTlsProtocol);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
            {
                continue;
            }

            var members = new List<MemberAccessExpressionSyntax>();
            if (!Collect(expression, members) || members.Count == 0)
            {
                continue;
            }

            var enumType = members[0].Expression;
            if (members.Any(m => !m.Expression.IsEquivalentTo(enumType)))
            {
                continue;
            }

            var kept = members.Where(m => !Weak.Contains(m.Name.Identifier.ValueText)).ToList();
            ExpressionSyntax replacement;
            if (kept.Count == 0)
            {
                var systemDefault = enumType.ToString().EndsWith("SecurityProtocolType", StringComparison.Ordinal) ? "SystemDefault" : "None";
                replacement = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, enumType.WithoutTrivia(), SyntaxFactory.IdentifierName(systemDefault));
            }
            else
            {
                replacement = kept[0].WithoutTrivia();
                foreach (var member in kept.Skip(1))
                {
                    replacement = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, replacement, member.WithoutTrivia());
                }
            }

            var newRoot = root.ReplaceNode(expression, replacement.NormalizeWhitespace().WithTriviaFrom(expression));
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>Collects <c>A.B | A.C | ...</c>; false when the expression is anything else.</summary>
    private static bool Collect(ExpressionSyntax expression, List<MemberAccessExpressionSyntax> members)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Collect(parenthesized.Expression, members);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression):
                return Collect(binary.Left, members) && Collect(binary.Right, members);
            case MemberAccessExpressionSyntax member:
                members.Add(member);
                return true;
            default:
                return false;
        }
    }
}
