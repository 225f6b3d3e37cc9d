using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Suppressions;

/// <summary>
/// QLB1690 (Strict profile only): a suppression of a BuildGuard rule without a stated reason.
/// <list type="bullet">
/// <item><c>#pragma warning disable QLBnnnn</c> (or a bare <c>#pragma warning disable</c>, which
/// silences every rule) without a comment: the comment may follow the directive on its line
/// (<c>#pragma warning disable QLB1100 // legacy protocol</c>) or stand on the line directly
/// above it.</item>
/// <item><c>[SuppressMessage]</c> and <c>[UnconditionalSuppressMessage]</c> (members, types,
/// <c>[assembly: ...]</c> global suppressions) whose check id is a QLB id and whose
/// <c>Justification</c> is missing, empty, or Visual Studio's placeholder <c>&lt;Pending&gt;</c>.</item>
/// </list>
/// A justification must contain at least one letter or digit. Outside the Strict profile the rule
/// reports nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnjustifiedSuppressionAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SuppressionWithoutJustification);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        if (options.Profile != BuildGuardProfile.Strict)
        {
            return;
        }

        var suppressMessage = context.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
        var unconditional = context.Compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute");

        context.RegisterSyntaxTreeAction(ctx =>
        {
            var root = ctx.Tree.GetRoot(ctx.CancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }

            foreach (var directive in root.DescendantNodes(descendIntoTrivia: true).OfType<PragmaWarningDirectiveTriviaSyntax>())
            {
                if (!directive.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    continue;
                }

                var ids = directive.ErrorCodes.Select(c => c.ToString().Trim()).Where(c => c.StartsWith("QLB", StringComparison.OrdinalIgnoreCase)).ToList();
                if (directive.ErrorCodes.Count > 0 && ids.Count == 0)
                {
                    continue;
                }

                if (HasTrailingComment(directive) || HasCommentAbove(directive))
                {
                    continue;
                }

                var what = ids.Count == 0 ? "every warning, BuildGuard's included" : string.Join(", ", ids);
                ctx.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SuppressionWithoutJustification,
                    directive.GetLocation(),
                    "#pragma warning disable",
                    what,
                    "add a comment after the directive (#pragma warning disable QLBnnnn // why) or on the line above"));
            }
        });

        if (suppressMessage is null && unconditional is null)
        {
            return;
        }

        context.RegisterSyntaxNodeAction(
            ctx =>
            {
                var attribute = (AttributeSyntax)ctx.Node;
                var name = attribute.Name.ToString();
                if (name.IndexOf("SuppressMessage", StringComparison.Ordinal) < 0 || attribute.ArgumentList is null)
                {
                    return;
                }

                var type = ctx.SemanticModel.GetSymbolInfo(attribute, ctx.CancellationToken).Symbol?.ContainingType;
                if (type is null || !(SymbolEqualityComparer.Default.Equals(type, suppressMessage) || SymbolEqualityComparer.Default.Equals(type, unconditional)))
                {
                    return;
                }

                var positional = attribute.ArgumentList.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                var checkIdArgument = attribute.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "checkId")
                                      ?? (positional.Count >= 2 ? positional[1] : null);
                if (checkIdArgument is null
                    || ctx.SemanticModel.GetConstantValue(checkIdArgument.Expression, ctx.CancellationToken).Value is not string checkId
                    || !checkId.TrimStart().StartsWith("QLB", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var justification = attribute.ArgumentList.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Justification");
                var text = justification is null ? null : ctx.SemanticModel.GetConstantValue(justification.Expression, ctx.CancellationToken).Value as string;
                if (IsReason(text) && !string.Equals(text!.Trim(), "<Pending>", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var id = checkId.Split(':')[0].Trim();
                ctx.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SuppressionWithoutJustification,
                    attribute.GetLocation(),
                    "[" + name + "]",
                    id,
                    "set Justification = \"why this finding is accepted\""));
            },
            SyntaxKind.Attribute);
    }

    private static bool HasTrailingComment(PragmaWarningDirectiveTriviaSyntax directive)
    {
        foreach (var trivia in directive.EndOfDirectiveToken.LeadingTrivia)
        {
            if (IsCommentWithText(trivia))
            {
                return true;
            }
        }

        foreach (var code in directive.ErrorCodes)
        {
            foreach (var trivia in code.GetTrailingTrivia())
            {
                if (IsCommentWithText(trivia))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasCommentAbove(PragmaWarningDirectiveTriviaSyntax directive)
    {
        var trivia = directive.ParentTrivia;
        var list = trivia.Token.LeadingTrivia;
        var index = list.IndexOf(trivia);
        var newlines = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            var previous = list[i];
            if (previous.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                continue;
            }

            if (previous.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                if (++newlines > 1)
                {
                    return false;
                }

                continue;
            }

            return IsCommentWithText(previous);
        }

        return false;
    }

    private static bool IsCommentWithText(SyntaxTrivia trivia)
    {
        if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
        {
            return false;
        }

        var text = trivia.ToString();
        text = text.StartsWith("//", StringComparison.Ordinal) ? text.Substring(2) : text.Trim('/', '*');
        return IsReason(text);
    }

    private static bool IsReason(string? text) => text is not null && text.Any(char.IsLetterOrDigit);
}
