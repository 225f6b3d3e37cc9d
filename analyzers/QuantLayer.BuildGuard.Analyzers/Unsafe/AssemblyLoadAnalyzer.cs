using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Unsafe;

/// <summary>
/// QLB1601: code loaded from a path decided at run time: <c>Assembly.LoadFrom</c>,
/// <c>Assembly.LoadFile</c>, <c>Assembly.UnsafeLoadFrom</c>,
/// <c>AssemblyLoadContext.LoadFromAssemblyPath</c>/<c>LoadFromNativeImagePath</c>/<c>LoadUnmanagedDllFromPath</c>,
/// <c>NativeLibrary.Load(path)</c>/<c>TryLoad(path, out handle)</c>, <c>AppDomain.ExecuteAssembly</c>,
/// <c>AppDomain.CreateInstanceFrom[AndUnwrap]</c> and <c>Activator.CreateInstanceFrom</c>. The path
/// is decided by the program when it is a constant or a constant below the application directory
/// (see <see cref="ValueFacts.IsApplicationControlledString"/>), including a file enumerated from
/// such a directory (<c>foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "plugins")))</c>).
/// Loading by assembly name (<c>Assembly.Load("Name")</c>) and reflection-only loads are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AssemblyLoadAnalyzer : BuildGuardAnalyzer
{
    private static readonly (string Type, string[] Methods)[] Loaders =
    {
        ("System.Reflection.Assembly", new[] { "LoadFrom", "LoadFile", "UnsafeLoadFrom" }),
        ("System.Runtime.Loader.AssemblyLoadContext", new[] { "LoadFromAssemblyPath", "LoadFromNativeImagePath", "LoadUnmanagedDllFromPath" }),
        ("System.Runtime.InteropServices.NativeLibrary", new[] { "Load", "TryLoad" }),
        ("System.AppDomain", new[] { "ExecuteAssembly", "CreateInstanceFrom", "CreateInstanceFromAndUnwrap" }),
        ("System.Activator", new[] { "CreateInstanceFrom" }),
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AssemblyLoadFromNonConstantPath);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var loaders = new List<(INamedTypeSymbol Type, string[] Methods)>();
        foreach (var (name, methods) in Loaders)
        {
            if (context.Compilation.GetTypeByMetadataName(name) is { } type)
            {
                loaders.Add((type, methods));
            }
        }

        if (loaders.Count == 0)
        {
            return;
        }

        var names = ImmutableHashSet.CreateRange(StringComparer.Ordinal, loaders.SelectMany(l => l.Methods));
        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (!names.Contains(method.Name))
                {
                    return;
                }

                foreach (var (type, methods) in loaders)
                {
                    if (Array.IndexOf(methods, method.Name) < 0 || !method.ContainingType.InheritsFromOrEquals(type))
                    {
                        continue;
                    }

                    // NativeLibrary.Load(name, assembly, searchPath) resolves a library name, not a path.
                    if (type.Name == "NativeLibrary" && method.Parameters.Any(p => p.Name == "assembly"))
                    {
                        return;
                    }

                    var path = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && a.Value.Type?.SpecialType == SpecialType.System_String)?.Value;
                    if (path is null || path.IsApplicationControlledString())
                    {
                        return;
                    }

                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.AssemblyLoadFromNonConstantPath, invocation.Syntax.GetLocation(), type.Name + "." + method.Name));
                    return;
                }
            },
            OperationKind.Invocation);
    }
}
