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
/// QLB1114: replaces a <c>System.Random</c> draw with <c>RandomNumberGenerator</c> where the
/// replacement has the same meaning: <c>rng.NextBytes(buffer)</c> becomes
/// <c>RandomNumberGenerator.Fill(buffer)</c>, <c>rng.Next()</c> / <c>Next(max)</c> / <c>Next(min, max)</c>
/// become <c>RandomNumberGenerator.GetInt32(int.MaxValue)</c> / <c>GetInt32(max)</c> /
/// <c>GetInt32(min, max)</c> (the same exclusive upper bound), and <c>rng.GetItems(choices, n)</c>
/// becomes <c>RandomNumberGenerator.GetItems(choices, n)</c>. Adds
/// <c>using System.Security.Cryptography;</c> when missing. <c>NextDouble</c>, <c>NextInt64</c> and
/// <c>NextSingle</c> have no direct equivalent and are left to the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecureRandomCodeFix))]
[Shared]
public sealed class InsecureRandomCodeFix : CodeFixProvider
{
    private const string Title = "Use RandomNumberGenerator";
    private const string Namespace = "System.Security.Cryptography";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InsecureRandom);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

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
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || Replacement(invocation) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(Fix(root, new[] { invocation }))),
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    private static SyntaxNode Fix(SyntaxNode root, IReadOnlyCollection<InvocationExpressionSyntax> invocations)
    {
        var fixedRoot = root.ReplaceNodes(invocations, (original, _) => Replacement(original)!.WithTriviaFrom(original));
        if (fixedRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == Namespace)
            && !unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Usings.Any(u => u.Name?.ToString() == Namespace)))
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            fixedRoot = unit.AddUsings(directive);
        }

        return fixedRoot;
    }

    private static ExpressionSyntax? Replacement(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        string? text = access.Name.Identifier.ValueText switch
        {
            "NextBytes" when arguments.Count == 1 => "RandomNumberGenerator.Fill(" + arguments[0].Expression + ")",
            "Next" when arguments.Count == 0 => "RandomNumberGenerator.GetInt32(int.MaxValue)",
            "Next" when arguments.Count is 1 or 2 => "RandomNumberGenerator.GetInt32(" + string.Join(", ", arguments.Select(a => a.Expression.ToString())) + ")",
            "GetItems" when arguments.Count == 2 => "RandomNumberGenerator.GetItems(" + string.Join(", ", arguments.Select(a => a.Expression.ToString())) + ")",
            _ => null,
        };
        return text is null ? null : SyntaxFactory.ParseExpression(text);
    }

    /// <summary>Fixes every diagnostic of a document at once (one using directive added).</summary>
    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        public static readonly FixAll Instance = new();

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => Title;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var invocations = diagnostics
                .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
                .OfType<InvocationExpressionSyntax>()
                .Where(i => Replacement(i) is not null)
                .ToList();
            return invocations.Count == 0 ? document : document.WithSyntaxRoot(Fix(root, invocations));
        }
    }
}
