using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using QuantLayer.BuildGuard.Analyzers.Injection;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

/// <summary>
/// Compiles C# against the running runtime's assemblies (fast, no reference-pack download) and runs
/// the taint engine: whole analyzer, or the intra-procedural analysis of one method.
/// </summary>
internal static class TaintHarness
{
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Compile(params string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.CSharp12), path: "/src/File" + i + ".cs"));
        var compilation = CSharpCompilation.Create(
            "Harness",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The test source does not compile:\n" + string.Join("\n", errors));
        }

        return compilation;
    }

    /// <summary>The analyzer's diagnostics on the sources.</summary>
    public static Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params string[] sources)
        => DiagnosticsAsync(sources, configuration: null, profile: null);

    /// <summary>The analyzer's diagnostics, with a buildguard.taint.json and a profile.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string[] sources, string? configuration, string? profile)
    {
        var compilation = Compile(sources);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TaintAnalyzer());
        var files = configuration is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryText("/src/buildguard.taint.json", configuration));
        var options = new AnalyzerOptions(files, new OptionsProvider(profile is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["build_property.BuildGuardProfile"] = profile }));
        var result = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return result.OrderBy(d => d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly string _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default)
            => Microsoft.CodeAnalysis.Text.SourceText.From(_text);
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options;

        public OptionsProvider(Dictionary<string, string> values)
        {
            _options = new Options(values);
        }

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values)
            {
                _values = values;
            }

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                => _values.TryGetValue(key, out value);
        }
    }

    /// <summary>The intra-procedural summary of the method called <paramref name="methodName"/>.</summary>
    public static (MethodSummary Summary, TaintSession Session) Summarize(string source, string methodName)
    {
        var compilation = Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == methodName);
        var symbol = model.GetDeclaredSymbol(declaration)!;
        var operation = model.GetOperation(declaration)!;
        var graph = ControlFlowGraph.Create((Microsoft.CodeAnalysis.Operations.IMethodBodyOperation)operation);
        var entries = BuiltInModel.Sources(false).Concat(BuiltInModel.Sanitizers()).Concat(TaintRule.All.SelectMany(r => r.Sinks));
        var session = new TaintSession(compilation, new TaintModelIndex(compilation, entries));
        var summary = new MethodAnalyzer(session, symbol, CancellationToken.None).Analyze(graph);
        return (summary, session);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.GetFiles(directory, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll")
            .Where(f => !f.Contains("Native", StringComparison.Ordinal))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
    }
}
