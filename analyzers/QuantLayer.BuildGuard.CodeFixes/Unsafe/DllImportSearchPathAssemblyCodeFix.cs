using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantLayer.BuildGuard.Analyzers;

namespace QuantLayer.BuildGuard.CodeFixes.Unsafe;

/// <summary>
/// QLB1602, for the whole assembly: adds
/// <c>[assembly: DefaultDllImportSearchPaths(DllImportSearchPath.System32)]</c> to the document,
/// which covers every P/Invoke of the project (one action fixes them all, so there is no fix-all).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DllImportSearchPathAssemblyCodeFix))]
[Shared]
public sealed class DllImportSearchPathAssemblyCodeFix : CodeFixProvider
{
    private const string Title = "Search System32 only, for every P/Invoke of the assembly";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DllImportSearchPath);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit)
        {
            return;
        }

        var attribute = SyntaxFactory.AttributeList(
                SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.AssemblyKeyword)),
                SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Attribute(
                        SyntaxFactory.IdentifierName("DefaultDllImportSearchPaths"),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression("DllImportSearchPath.System32")))))))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
        var newUnit = unit.AddAttributeLists(attribute);
        var newRoot = UsingHelper.EnsureUsing(newUnit, "System.Runtime.InteropServices");
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), equivalenceKey: Title),
            context.Diagnostics);
    }
}
