using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using QuantLayer.BuildGuard.Analyzers;
using QuantLayer.BuildGuard.Analyzers.Xml;

namespace QuantLayer.BuildGuard.CodeFixes.Xml;

/// <summary>
/// QLB1250 and QLB1252: sets the offending <c>XmlResolver</c> assignment to <c>null</c>. DTDs are
/// still parsed (internal entities, default attributes) but nothing external is loaded, so the
/// documents the application already reads keep working.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlResolverCodeFix))]
[Shared]
public sealed class XmlResolverCodeFix : CodeFixProvider
{
    private const string Title = "Set XmlResolver to null";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.XmlReaderSettingsExternalEntities, DiagnosticIds.XmlParserExternalEntities);

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
            if (!diagnostic.Properties.TryGetValue(XmlResolverFacts.ResolverSpanProperty, out var encoded) || encoded is null)
            {
                continue;
            }

            var parts = encoded.Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
                || start + length > root.FullSpan.End)
            {
                continue;
            }

            if (root.FindNode(new TextSpan(start, length), getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment)
            {
                continue;
            }

            var nulled = assignment.WithRight(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression).WithTriviaFrom(assignment.Right));
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(assignment, nulled))), equivalenceKey: Title),
                diagnostic);
        }
    }
}
