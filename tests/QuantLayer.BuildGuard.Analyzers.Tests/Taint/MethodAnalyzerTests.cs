using Microsoft.CodeAnalysis.CSharp;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

/// <summary>The intra-procedural analysis on small control flow graphs: what one method's summary says.</summary>
public sealed class MethodAnalyzerTests
{
    private static MethodSummary Summary(string members, string method = "M")
    {
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;
            public class C
            {
                {{members}}
            }
            """;
        return TaintHarness.Summarize(source, method).Summary;
    }

    private static string Show(TaintSet? set) => set?.ToString() ?? "clean";

    [Theory]
    [InlineData("string M(string a) => a;", "Parameter(0)")]
    [InlineData("string M(string a) => a + \"x\";", "Parameter(0)[embedded]")]
    [InlineData("string M(string a) => $\"<{a}>\";", "Parameter(0)[embedded]")]
    [InlineData("string M(string a) => string.Format(\"{0}\", a);", "Parameter(0)[embedded]")]
    [InlineData("string M(string a) => Path.Combine(\"/srv\", a);", "Parameter(0)[embedded]")]
    [InlineData("string M(string a) { var sb = new StringBuilder(); sb.Append(\"x\").Append(a); return sb.ToString(); }", "Parameter(0)[embedded]")]
    [InlineData("string M(string a) => a.Trim().ToUpperInvariant();", "Parameter(0)")]
    [InlineData("int M(string a) => a.Length;", "clean")]
    [InlineData("string M(string a) => int.Parse(a).ToString();", "clean")]
    [InlineData("string M(string a) => Path.GetFileName(a);", "Parameter(0)[-Path]")]
    [InlineData("string M(string a) => \"constant\";", "clean")]
    public void String_building_and_sanitizers(string member, string expected)
        => Assert.Equal(expected, Show(Summary(member).Return));

    [Fact]
    public void A_sanitizer_on_one_branch_does_not_clean_the_other()
    {
        var summary = Summary("string M(string a, bool b) { if (b) { a = Path.GetFileName(a); } return a; }");
        Assert.Equal("Parameter(0)", Show(summary.Return));
    }

    [Fact]
    public void Sanitizers_on_every_branch_clean_the_join()
    {
        var summary = Summary("string M(string a, bool b) { if (b) { a = Path.GetFileName(a); } else { a = Path.GetExtension(a); } return a; }");
        Assert.Equal("Parameter(0)[-Path]", Show(summary.Return));
    }

    [Fact]
    public void An_allow_list_check_cleans_only_where_it_passed()
    {
        var passed = Summary("static readonly HashSet<string> Ok = new() { \"a\" }; string M(string a) { if (!Ok.Contains(a)) { throw new ArgumentException(); } return a; }");
        Assert.Equal("clean", Show(passed.Return));
        var failed = Summary("static readonly HashSet<string> Ok = new() { \"a\" }; string M(string a) { if (Ok.Contains(a)) { return \"ok\"; } return a; }");
        Assert.Equal("Parameter(0)", Show(failed.Return));
    }

    [Fact]
    public void Loops_reach_a_fixpoint()
    {
        var summary = Summary("string M(string a, int n) { var s = \"\"; for (var i = 0; i < n; i++) { s = s + a; } return s; }");
        Assert.Equal("Parameter(0)[embedded]", Show(summary.Return));
    }

    [Fact]
    public void Try_finally_and_using_keep_taint()
    {
        var summary = Summary("string M(string a) { string r = \"\"; using (var w = new StringWriter()) { try { r = a; } finally { w.Flush(); } } return r; }");
        Assert.Equal("Parameter(0)", Show(summary.Return));
    }

    [Fact]
    public void Catch_blocks_see_what_the_try_assigned()
    {
        var summary = Summary("string M(string a) { var r = \"\"; try { r = a; throw new InvalidOperationException(); } catch (InvalidOperationException) { return r; } }");
        Assert.Equal("Parameter(0)", Show(summary.Return));
    }

    [Fact]
    public void Tuples_and_deconstruction_keep_elements_apart_when_literal()
    {
        var summary = Summary("string M(string a) { var (x, y) = (\"safe\", a); return x; }");
        Assert.Equal("clean", Show(summary.Return));
        var second = Summary("string M(string a) { var (x, y) = (\"safe\", a); return y; }");
        Assert.Equal("Parameter(0)", Show(second.Return));
    }

    [Fact]
    public void Collections_carry_element_taint()
    {
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { var l = new List<string>(); l.Add(a); return l[0]; }").Return));
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { var d = new Dictionary<string, string>(); d[\"k\"] = a; return d[\"k\"]; }").Return));
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { var arr = new string[1]; arr[0] = a; return arr[0]; }").Return));
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { var l = new List<string> { a }; return l.First(); }").Return));
        Assert.Equal("clean", Show(Summary("string M(string a) { var d = new Dictionary<string, string> { [\"k\"] = \"v\" }; return d[a]; }").Return));
    }

    [Fact]
    public void Linq_projections_follow_the_selector()
    {
        Assert.Equal("Parameter(0)", Show(Summary("string M(string[] a) => a.Where(s => s.Length > 1).Select(s => s.Trim()).First();").Return));
        Assert.Equal("clean", Show(Summary("string M(string[] a) => a.Select(s => \"constant\").First();").Return));
        Assert.Equal("clean", Show(Summary("string M(string[] a) => a.Select(s => s.Length).Sum().ToString();").Return));
    }

    [Fact]
    public void Await_passes_taint_through()
    {
        Assert.Equal("Parameter(0)", Show(Summary("async Task<string> M(Task<string> a) => await a;").Return));
    }

    [Fact]
    public void Lambdas_see_captured_variables_and_write_them_back()
    {
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { var r = \"\"; Action act = () => r = a; act(); return r; }").Return));
        Assert.Equal("Parameter(0)", Show(Summary("string M(string a) { Func<string> f = () => a; return f(); }").Return));
    }

    [Fact]
    public void Local_functions_are_analyzed_at_their_calls()
    {
        Assert.Equal("Parameter(0)[embedded]", Show(Summary("string M(string a) { string Wrap(string s) => \"<\" + s + \">\"; return Wrap(a); }").Return));
        Assert.Equal("clean", Show(Summary("string M(string a) { string Wrap(string s) => \"<\" + s + \">\"; return Wrap(\"x\"); }").Return));
    }

    [Fact]
    public void Out_and_ref_parameters_and_filled_containers_are_effects()
    {
        var summary = Summary("void M(string a, out string o, List<string> list) { o = a; list.Add(a); }");
        Assert.Equal("Parameter(0)", Show(summary.OutParameters[1]));
        Assert.Equal("Parameter(0)", Show(summary.OutParameters[2]));
    }

    [Fact]
    public void Calls_to_the_compilation_are_symbolic_call_sites()
    {
        var summary = Summary("string Helper(string s) => s; string M(string a) => Helper(a + \"x\");");
        var call = Assert.Single(summary.Calls);
        Assert.Equal("Helper", call.Target.Name);
        Assert.Equal("Parameter(0)[embedded]", Show(call.Arguments[0]));
        Assert.Equal("CallReturn(0)", Show(summary.Return));
    }

    [Fact]
    public void Field_writes_and_reads_are_global_atoms()
    {
        var write = Summary("string _f = \"\"; void M(string a) { _f = a; }");
        Assert.Equal("Parameter(0)", Show(Assert.Single(write.FieldWrites).Taint));
        var read = Summary("static string s_f = \"\"; string M() => s_f;");
        Assert.StartsWith("Field(", Show(read.Return), StringComparison.Ordinal);
    }

    [Fact]
    public void Sinks_record_symbolic_taint()
    {
        var summary = Summary("void M(string a) { System.Diagnostics.Process.Start(\"tool\", \"--x \" + a); }");
        var sink = Assert.Single(summary.Sinks);
        Assert.Equal("Process.Start(arguments)", sink.Sink);
        Assert.Equal("Parameter(0)[embedded]", Show(sink.Taint));
    }

    [Fact]
    public void Huge_methods_finish_with_a_partial_summary()
    {
        var body = string.Join("\n", Enumerable.Range(0, 600).Select(i => $"var v{i} = (v{Math.Max(0, i - 1)} ?? a) + \"{i}\"; if (v{i}.Length > {i}) {{ v{i} = a; }}"));
        body = body.Replace("var v0 = (v0 ?? a)", "var v0 = (a)", StringComparison.Ordinal);
        var source = "using System; public class C { string M(string a) { " + body + " return v599; } }";
        var compilation = TaintHarness.Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
        var graph = Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create((Microsoft.CodeAnalysis.Operations.IMethodBodyOperation)model.GetOperation(declaration)!);
        var session = new TaintSession(compilation, new TaintModelIndex(compilation, BuiltInModel.Sources(false)), workPerMethod: 5_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = new MethodAnalyzer(session, model.GetDeclaredSymbol(declaration)!, CancellationToken.None).Analyze(graph);
        Assert.True(summary.Truncated);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the cap bounds the work");
    }
}
