using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Unsafe;

/// <summary>
/// QLB1602: a P/Invoke (<c>[DllImport]</c> or <c>[LibraryImport]</c>) with no
/// <c>[DefaultDllImportSearchPaths]</c> on the method or the assembly. Not reported for libraries
/// Windows never looks up through the search path: the KnownDLLs (kernel32, user32, ntdll, advapi32,
/// ole32, ws2_32, ...), API sets (<c>api-ms-win-*</c>, <c>ext-ms-*</c>), absolute paths, and
/// Unix-only names (<c>*.so</c>, <c>*.dylib</c>, <c>libc</c>, <c>__Internal</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DllImportSearchPathAnalyzer : BuildGuardAnalyzer
{
    /// <summary>The name of the property a code fix reads: the library.</summary>
    internal const string LibraryProperty = "Library";

    private static readonly ImmutableHashSet<string> KnownDlls = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "advapi32", "clbcatq", "combase", "comdlg32", "coml2", "difxapi", "gdi32", "gdiplus", "imagehlp", "imm32", "kernel32", "kernelbase",
        "msctf", "msvcrt", "normaliz", "nsi", "ntdll", "ole32", "oleaut32", "psapi", "rpcrt4", "sechost", "setupapi", "shcore", "shell32",
        "shlwapi", "user32", "wldap32", "wow64", "wow64win", "ws2_32");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DllImportSearchPath);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var searchPaths = context.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.DefaultDllImportSearchPathsAttribute");
        if (searchPaths is null)
        {
            return;
        }

        var libraryImport = context.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute");
        var assemblyHasIt = context.Compilation.Assembly.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, searchPaths));
        if (assemblyHasIt)
        {
            return;
        }

        context.RegisterSymbolAction(
            ctx =>
            {
                var method = (IMethodSymbol)ctx.Symbol;
                if (!method.IsExtern && !method.IsPartialDefinition)
                {
                    return; // P/Invokes are extern; [LibraryImport] methods are partial definitions
                }

                if (method.PartialDefinitionPart is not null)
                {
                    return; // the implementation part of a [LibraryImport] method; reported on the definition
                }

                string? library = method.GetDllImportData()?.ModuleName;
                if (library is null && libraryImport is not null)
                {
                    var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, libraryImport));
                    library = attribute?.ConstructorArguments.FirstOrDefault().Value as string;
                }

                if (library is null || IsExempt(library)
                    || method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, searchPaths)))
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty.Add(LibraryProperty, library);
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.DllImportSearchPath, method.Locations.FirstOrDefault() ?? Location.None, properties, method.Name, library));
            },
            SymbolKind.Method);
    }

    /// <summary>True for libraries the search order does not apply to (see the class remarks).</summary>
    internal static bool IsExempt(string library)
    {
        var name = library.Trim();
        if (name.Length == 0 || name == "__Internal")
        {
            return true;
        }

        if (name.IndexOf(':') >= 0 || name.StartsWith("/", StringComparison.Ordinal) || name.StartsWith("\\\\", StringComparison.Ordinal))
        {
            return true;
        }

        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".so", StringComparison.Ordinal) || lower.Contains(".so.") || lower.EndsWith(".dylib", StringComparison.Ordinal)
            || lower is "libc" or "libdl" or "libm" or "libpthread" or "libsystem" || lower.StartsWith("libsystem.", StringComparison.Ordinal)
            || lower.StartsWith("api-ms-win-", StringComparison.Ordinal) || lower.StartsWith("ext-ms-", StringComparison.Ordinal))
        {
            return true;
        }

        if (lower.EndsWith(".dll", StringComparison.Ordinal))
        {
            lower = lower.Substring(0, lower.Length - 4);
        }

        return KnownDlls.Contains(lower);
    }
}
