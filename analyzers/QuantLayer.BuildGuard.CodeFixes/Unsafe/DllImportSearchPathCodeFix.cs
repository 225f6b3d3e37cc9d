using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Unsafe;

/// <summary>
/// QLB1602, on the method: adds <c>[DefaultDllImportSearchPaths(DllImportSearchPath.System32)]</c>
/// (for operating system libraries) or
/// <c>[DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.System32)]</c>
/// (for a library shipped beside the application).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DllImportSearchPathCodeFix))]
[Shared]
public sealed class DllImportSearchPathCodeFix : CodeFixProvider
{
    private const string System32Title = "Search System32 only";
    private const string AssemblyDirectoryTitle = "Search the application directory and System32";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DllImportSearchPath);

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
            var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(System32Title, _ => Task.FromResult(AddAttribute(context.Document, root, method, "DllImportSearchPath.System32")), equivalenceKey: System32Title),
                diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    AssemblyDirectoryTitle,
                    _ => Task.FromResult(AddAttribute(context.Document, root, method, "DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.System32")),
                    equivalenceKey: AssemblyDirectoryTitle),
                diagnostic);
        }
    }

    private static Document AddAttribute(Document document, SyntaxNode root, MethodDeclarationSyntax method, string value)
    {
        var attribute = SyntaxFactory.AttributeList(
                SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Attribute(
                        SyntaxFactory.IdentifierName("DefaultDllImportSearchPaths"),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression(value)))))))
            .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed);
        var newMethod = method.WithoutLeadingTrivia()
            .AddAttributeLists(attribute)
            .WithLeadingTrivia(method.GetLeadingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(method, newMethod);
        return document.WithSyntaxRoot(UsingHelper.EnsureUsing(newRoot, "System.Runtime.InteropServices"));
    }
}
