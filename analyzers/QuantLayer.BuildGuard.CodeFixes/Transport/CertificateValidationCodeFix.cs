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
/// QLB1300: removes the statement (or object-initializer member) that installs an accept-all
/// certificate validation callback, which restores the platform's validation. Callbacks passed as
/// arguments are left to the developer (removing an argument changes the overload).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateValidationCodeFix))]
[Shared]
public sealed class CertificateValidationCodeFix : CodeFixProvider
{
    private const string Title = "Remove the certificate validation bypass";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CertificateValidationDisabled);

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
            if (node is not AssignmentExpressionSyntax assignment)
            {
                continue;
            }

            SyntaxNode? removed = assignment.Parent switch
            {
                ExpressionStatementSyntax statement => statement,
                InitializerExpressionSyntax => assignment,
                _ => null,
            };
            if (removed is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(removed, SyntaxRemoveOptions.KeepUnbalancedDirectives)!)),
                    equivalenceKey: Title),
                diagnostic);
        }
    }
}
