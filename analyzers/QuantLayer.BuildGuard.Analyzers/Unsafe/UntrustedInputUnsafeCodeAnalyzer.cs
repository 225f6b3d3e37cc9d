using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Unsafe;

/// <summary>
/// QLB1603: <c>unsafe</c> code and raw memory access (<c>Marshal.Copy</c>, <c>Marshal.ReadXxx</c>/
/// <c>WriteXxx</c>, <c>Marshal.PtrToStructure</c>/<c>StructureToPtr</c>/<c>PtrToStringXxx</c>,
/// <c>Unsafe.*</c> except size and comparison helpers, <c>MemoryMarshal.CreateSpan</c>/
/// <c>CreateReadOnlySpan</c>/<c>GetReference</c>/<c>GetArrayDataReference</c>/<c>AsRef</c>) in code
/// marked as parsing untrusted input. Code is marked by any of:
/// <list type="bullet">
/// <item>an attribute named <c>ParsesUntrustedInputAttribute</c> (declare it yourself, in any
/// namespace) on the method, a containing type, or the assembly;</item>
/// <item><c>buildguard.parses_untrusted_input = true</c> for the file in <c>.editorconfig</c>
/// (for example <c>[src/Protocol/**.cs]</c>);</item>
/// <item><c>buildguard.untrusted_input_namespaces = Acme.Protocol, Acme.Import</c> (comma-separated,
/// a namespace and everything below it) in <c>.editorconfig</c> or a global config.</item>
/// </list>
/// Nothing marked, nothing reported. Each <c>unsafe</c> context is reported once, on its outermost
/// <c>unsafe</c> keyword.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UntrustedInputUnsafeCodeAnalyzer : BuildGuardAnalyzer
{
    /// <summary>The attribute that marks parsers of untrusted input (simple name, any namespace).</summary>
    public const string MarkerAttributeName = "ParsesUntrustedInputAttribute";

    /// <summary>The per-file .editorconfig switch.</summary>
    public const string FileOption = "buildguard.parses_untrusted_input";

    /// <summary>The namespace list option.</summary>
    public const string NamespacesOption = "buildguard.untrusted_input_namespaces";

    private static readonly ImmutableHashSet<string> MarshalMethods = ImmutableHashSet.Create(
        "Copy", "ReadByte", "ReadInt16", "ReadInt32", "ReadInt64", "ReadIntPtr", "WriteByte", "WriteInt16", "WriteInt32", "WriteInt64", "WriteIntPtr",
        "PtrToStructure", "StructureToPtr", "PtrToStringAnsi", "PtrToStringUni", "PtrToStringAuto", "PtrToStringUTF8", "PtrToStringBSTR");

    private static readonly ImmutableHashSet<string> SafeUnsafeMethods = ImmutableHashSet.Create(
        "SizeOf", "AreSame", "IsAddressGreaterThan", "IsAddressLessThan", "IsNullRef", "NullRef", "SkipInit");

    private static readonly ImmutableHashSet<string> MemoryMarshalMethods = ImmutableHashSet.Create(
        "CreateSpan", "CreateReadOnlySpan", "GetReference", "GetArrayDataReference", "AsRef", "CreateReadOnlySpanFromNullTerminated");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnsafeCodeInUntrustedInputParser);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var marshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal");
        var unsafeType = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.Unsafe");
        var memoryMarshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.MemoryMarshal");
        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var assemblyMarked = HasMarker(compilation.Assembly);

        bool IsMarked(ISymbol? symbol, SyntaxTree tree)
        {
            if (assemblyMarked)
            {
                return true;
            }

            var treeOptions = provider.GetOptions(tree);
            if (treeOptions.TryGetValue(FileOption, out var flag) && string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (HasMarker(current))
                {
                    return true;
                }
            }

            if (symbol is not null && treeOptions.TryGetValue(NamespacesOption, out var list) && !string.IsNullOrWhiteSpace(list))
            {
                foreach (var ns in list.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var trimmed = ns.Trim();
                    if (trimmed.Length > 0 && symbol.IsInNamespace(trimmed))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var owner = method.ContainingType;
                var flagged = (SymbolEqualityComparer.Default.Equals(owner, marshal) && MarshalMethods.Contains(method.Name))
                              || (SymbolEqualityComparer.Default.Equals(owner, unsafeType) && !SafeUnsafeMethods.Contains(method.Name))
                              || (SymbolEqualityComparer.Default.Equals(owner, memoryMarshal) && MemoryMarshalMethods.Contains(method.Name));
                if (flagged && IsMarked(ctx.ContainingSymbol, invocation.Syntax.SyntaxTree))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeCodeInUntrustedInputParser, invocation.Syntax.GetLocation(), owner!.Name + "." + method.Name));
                }
            },
            OperationKind.Invocation);

        context.RegisterSyntaxNodeAction(
            ctx =>
            {
                SyntaxToken keyword;
                ISymbol? symbol;
                switch (ctx.Node)
                {
                    case UnsafeStatementSyntax statement:
                        keyword = statement.UnsafeKeyword;
                        symbol = ctx.ContainingSymbol;
                        break;
                    case MemberDeclarationSyntax member when member.Modifiers.IndexOf(SyntaxKind.UnsafeKeyword) is var index and >= 0:
                        keyword = member.Modifiers[index];
                        symbol = member is BaseFieldDeclarationSyntax ? ctx.ContainingSymbol : ctx.SemanticModel.GetDeclaredSymbol(member, ctx.CancellationToken) ?? ctx.ContainingSymbol;
                        break;
                    case LocalFunctionStatementSyntax local when local.Modifiers.IndexOf(SyntaxKind.UnsafeKeyword) is var localIndex and >= 0:
                        keyword = local.Modifiers[localIndex];
                        symbol = ctx.ContainingSymbol;
                        break;
                    default:
                        return;
                }

                if (InsideUnsafeContext(ctx.Node) || !IsMarked(symbol, ctx.Node.SyntaxTree))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeCodeInUntrustedInputParser, keyword.GetLocation(), "unsafe code"));
            },
            SyntaxKind.UnsafeStatement,
            SyntaxKind.MethodDeclaration,
            SyntaxKind.ConstructorDeclaration,
            SyntaxKind.DestructorDeclaration,
            SyntaxKind.OperatorDeclaration,
            SyntaxKind.ConversionOperatorDeclaration,
            SyntaxKind.PropertyDeclaration,
            SyntaxKind.IndexerDeclaration,
            SyntaxKind.FieldDeclaration,
            SyntaxKind.ClassDeclaration,
            SyntaxKind.StructDeclaration,
            SyntaxKind.RecordDeclaration,
            SyntaxKind.RecordStructDeclaration,
            SyntaxKind.LocalFunctionStatement);
    }

    private static bool HasMarker(ISymbol symbol)
        => symbol.GetAttributes().Any(a => a.AttributeClass?.Name == MarkerAttributeName);

    /// <summary>True when an enclosing declaration or block is already unsafe (reported there).</summary>
    private static bool InsideUnsafeContext(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case UnsafeStatementSyntax:
                    return true;
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return true;
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return true;
            }
        }

        return false;
    }
}
