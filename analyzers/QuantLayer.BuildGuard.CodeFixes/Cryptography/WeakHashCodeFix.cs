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
/// QLB1100: replaces a weak hash with SHA-256 where the replacement is mechanical:
/// <c>MD5.Create()</c> / <c>SHA1.HashData(x)</c> (the factory class is swapped),
/// <c>new SHA1Managed()</c> and the other provider constructors (become <c>SHA256.Create()</c>),
/// <c>HashAlgorithmName.MD5</c> arguments of <c>IncrementalHash</c> and of signature APIs (become <c>SHA256</c>).
/// Name-based factories are left to the developer: the string may come from configuration.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakHashCodeFix))]
[Shared]
public sealed class WeakHashCodeFix : CodeFixProvider
{
    private const string Title = "Use SHA-256";

    private static readonly ImmutableHashSet<string> HashTypes = ImmutableHashSet.Create(
        "MD5", "SHA1", "RIPEMD160");

    private static readonly ImmutableHashSet<string> HmacTypes = ImmutableHashSet.Create(
        "HMACMD5", "HMACSHA1", "HMACRIPEMD160");

    private static readonly ImmutableHashSet<string> ProviderTypes = ImmutableHashSet.Create(
        "MD5CryptoServiceProvider", "MD5Cng", "SHA1CryptoServiceProvider", "SHA1Managed", "SHA1Cng", "RIPEMD160Managed");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WeakHash);

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
            var replacement = Replacement(node, out var target);
            if (replacement is null || target is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target, replacement.WithTriviaFrom(target)))),
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    private static SyntaxNode? Replacement(SyntaxNode node, out SyntaxNode? target)
    {
        target = null;
        switch (node)
        {
            // rsa.SignData(data, HashAlgorithmName.SHA1, padding) -> HashAlgorithmName.SHA256
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MD5" or "SHA1" } algorithm
                when RightmostName(algorithm.Expression) == "HashAlgorithmName":
                target = algorithm.Name;
                return SyntaxFactory.IdentifierName("SHA256");

            // new SHA1Managed() / new MD5CryptoServiceProvider() -> SHA256.Create()
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } creation
                when ProviderTypes.Contains(RightmostName(creation.Type)):
                target = creation;
                return SyntaxFactory.ParseExpression(Qualifier(creation.Type) + "SHA256.Create()");

            // new HMACSHA1(key) -> new HMACSHA256(key)
            case ObjectCreationExpressionSyntax creation when HmacTypes.Contains(RightmostName(creation.Type)):
                target = creation.Type;
                return SyntaxFactory.ParseTypeName(Qualifier(creation.Type) + "HMACSHA256");

            // MD5.Create() / SHA1.HashData(x) / HMACSHA1.HashData(k, x)
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                when access.Name.Identifier.ValueText is "Create" or "HashData" or "HashDataAsync" or "TryHashData" or "CreateHash" or "CreateHMAC"
                     && (access.Expression is NameSyntax or MemberAccessExpressionSyntax):
                var type = RightmostName(access.Expression);
                if (HashTypes.Contains(type) && !(access.Name.Identifier.ValueText == "Create" && ((InvocationExpressionSyntax)node).ArgumentList.Arguments.Count > 0))
                {
                    target = access.Expression;
                    return SyntaxFactory.ParseExpression(Qualifier(access.Expression) + "SHA256");
                }

                if (HmacTypes.Contains(type) && access.Name.Identifier.ValueText != "Create")
                {
                    target = access.Expression;
                    return SyntaxFactory.ParseExpression(Qualifier(access.Expression) + "HMACSHA256");
                }

                // IncrementalHash.CreateHash(HashAlgorithmName.MD5)
                if (type == "IncrementalHash" && ((InvocationExpressionSyntax)node).ArgumentList.Arguments.FirstOrDefault()?.Expression is MemberAccessExpressionSyntax name
                    && RightmostName(name.Expression) == "HashAlgorithmName")
                {
                    target = name.Name;
                    return SyntaxFactory.IdentifierName("SHA256");
                }

                return null;

            default:
                return null;
        }
    }

    private static string RightmostName(SyntaxNode node) => node switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>The namespace qualification the user wrote ("System.Security.Cryptography."), kept as is.</summary>
    private static string Qualifier(SyntaxNode node) => node switch
    {
        QualifiedNameSyntax q => q.Left.ToString() + ".",
        MemberAccessExpressionSyntax m => m.Expression.ToString() + ".",
        _ => string.Empty,
    };
}
