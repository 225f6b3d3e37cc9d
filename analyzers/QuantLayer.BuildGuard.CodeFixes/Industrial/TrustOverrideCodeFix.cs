using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Industrial;

/// <summary>
/// QLB1500 and QLB1511: turns a trust override off: <c>AutoAcceptUntrustedCertificates = true</c>,
/// <c>AllowUntrustedCertificates = true</c> (and the Ignore... flags) become <c>false</c>;
/// <c>SetAutoAcceptUntrustedCertificates(true)</c> and <c>WithAllowUntrustedCertificates()</c>
/// (and the other With... calls) get the argument <c>false</c>. Validation handlers are left to the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TrustOverrideCodeFix))]
[Shared]
public sealed class TrustOverrideCodeFix : CodeFixProvider
{
    private const string Title = "Turn the trust override off";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.OpcUaAutoAcceptUntrusted, DiagnosticIds.MqttUntrustedCertificates);

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

        var falseLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? replacement = null;
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression):
                    replacement = assignment.WithRight(falseLiteral.WithTriviaFrom(assignment.Right));
                    break;
                case InvocationExpressionSyntax invocation when invocation.ArgumentList.Arguments.Count == 0:
                    replacement = invocation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(falseLiteral))));
                    break;
                case InvocationExpressionSyntax invocation when invocation.ArgumentList.Arguments.Count == 1
                                                               && invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression):
                    var argument = invocation.ArgumentList.Arguments[0];
                    replacement = invocation.ReplaceNode(argument.Expression, falseLiteral.WithTriviaFrom(argument.Expression));
                    break;
            }

            if (replacement is null)
            {
                continue;
            }

            var newRoot = root.ReplaceNode(node, replacement);
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), equivalenceKey: Title),
                diagnostic);
        }
    }
}
