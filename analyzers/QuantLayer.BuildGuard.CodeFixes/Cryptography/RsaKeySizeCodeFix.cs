using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Cryptography;

/// <summary>
/// QLB1104: where the short key size is written as a number right there (<c>RSA.Create(1024)</c>,
/// <c>new RSACryptoServiceProvider(512)</c>, <c>rsa.KeySize = 1024</c>), replaces it with 2048. Key
/// generation only changes the size of newly generated keys, so the change is mechanical; sizes
/// that come from a constant or variable, and the parameterless provider constructor, are left to
/// the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RsaKeySizeCodeFix))]
[Shared]
public sealed class RsaKeySizeCodeFix : CodeFixProvider
{
    private const string Title = "Use a 2048-bit key";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WeakRsaKey);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var literal = SizeLiteral(node);
            if (literal is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                        literal,
                        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(2048)).WithTriviaFrom(literal)))),
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>The numeric literal that is the key size of the reported creation or assignment.</summary>
    private static LiteralExpressionSyntax? SizeLiteral(SyntaxNode node)
    {
        var candidates = node switch
        {
            AssignmentExpressionSyntax assignment => new[] { assignment.Right },
            InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments.Select(a => a.Expression).ToArray(),
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList?.Arguments.Select(a => a.Expression).ToArray() ?? Array.Empty<ExpressionSyntax>(),
            _ => Array.Empty<ExpressionSyntax>(),
        };
        return candidates
            .OfType<LiteralExpressionSyntax>()
            .FirstOrDefault(l => l.IsKind(SyntaxKind.NumericLiteralExpression) && l.Token.Value is int bits && bits < 2048);
    }
}
