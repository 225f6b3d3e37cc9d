using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Transport;

/// <summary>QLB1303: changes the URL's scheme from <c>http://</c> to <c>https://</c> (the port, if written, is kept).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PlaintextHttpCodeFix))]
[Shared]
public sealed class PlaintextHttpCodeFix : CodeFixProvider
{
    private const string Title = "Use https://";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PlaintextHttpEndpoint);

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
            SyntaxToken token;
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    token = literal.Token;
                    break;
                case InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated when interpolated.Contents[0] is InterpolatedStringTextSyntax text:
                    token = text.TextToken;
                    break;
                default:
                    continue;
            }

            var raw = token.Text;
            var index = raw.IndexOf("http://", StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                continue;
            }

            var newText = raw.Substring(0, index) + "https://" + raw.Substring(index + "http://".Length);
            var newValue = token.ValueText.Substring(0, token.ValueText.IndexOf("http://", StringComparison.OrdinalIgnoreCase)) + "https://"
                           + token.ValueText.Substring(token.ValueText.IndexOf("http://", StringComparison.OrdinalIgnoreCase) + "http://".Length);
            var newToken = SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), newText, newValue, token.TrailingTrivia);
            var newRoot = root.ReplaceToken(token, newToken);
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), equivalenceKey: Title),
                diagnostic);
        }
    }
}
