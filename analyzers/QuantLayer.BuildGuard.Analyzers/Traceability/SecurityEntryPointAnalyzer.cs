using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Traceability;

/// <summary>
/// QLB2006: every public method of the security-relevant code (the namespaces and types listed in
/// <c>BuildGuardSecurityRelevantCode</c>; the package passes the list with ',' separators, since
/// ';' starts a comment in analyzer config files) carries <c>[Implements]</c>, on itself or on a containing
/// type. Active in the Strict profile, or anywhere with <c>BuildGuardRequireImplements=true</c>
/// (and off with <c>false</c>, even in Strict).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecurityEntryPointAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.EntryPointWithoutImplements);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var require = BuildGuardOptions.GetProperty(context.Options, "BuildGuardRequireImplements");
        var active = require is null ? options.Profile == BuildGuardProfile.Strict : string.Equals(require, "true", StringComparison.OrdinalIgnoreCase);
        var scopeText = BuildGuardOptions.GetProperty(context.Options, "BuildGuardSecurityRelevantCode");
        if (!active || scopeText is null)
        {
            return;
        }

        var scope = scopeText.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        if (scope.Length == 0)
        {
            return;
        }

        context.RegisterSymbolAction(
            ctx =>
            {
                var method = (IMethodSymbol)ctx.Symbol;
                if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || !IsPubliclyVisible(method))
                {
                    return;
                }

                if (method.IsOverride && method.OverriddenMethod?.ContainingType?.SpecialType == SpecialType.System_Object)
                {
                    return;
                }

                var type = method.ContainingType;
                var matched = Match(type, scope);
                if (matched is null || HasImplements(method))
                {
                    return;
                }

                for (var t = type; t is not null; t = t.ContainingType)
                {
                    if (HasImplements(t))
                    {
                        return;
                    }
                }

                ctx.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.EntryPointWithoutImplements,
                    method.Locations.FirstOrDefault() ?? Location.None,
                    type.Name + "." + method.Name,
                    matched));
            },
            SymbolKind.Method);
    }

    private static bool HasImplements(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "ImplementsAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPubliclyVisible(ISymbol symbol)
    {
        for (var s = symbol; s is not null && s.Kind != SymbolKind.Namespace; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The scope entry a type falls under: a namespace (and its children), a type's full name, or a prefix ending in '*'.</summary>
    private static string? Match(INamedTypeSymbol type, string[] scope)
    {
        var outer = type;
        while (outer.ContainingType is not null)
        {
            outer = outer.ContainingType;
        }

        var typeName = outer.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        var ns = outer.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        foreach (var entry in scope)
        {
            if (entry.EndsWith("*", StringComparison.Ordinal))
            {
                if (typeName.StartsWith(entry.Substring(0, entry.Length - 1), StringComparison.Ordinal))
                {
                    return entry;
                }
            }
            else if (typeName == entry || ns == entry || ns.StartsWith(entry + ".", StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}
