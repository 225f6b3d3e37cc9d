namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

public sealed class DebugTests
{
    [Fact]
    public async Task Dump()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.Linq;
            using System.Threading.Tasks;
            interface IRunner { void Run(string s); }
            class R1 : IRunner { public void Run(string s) => Process.Start(s); }
            class R2 : IRunner { public void Run(string s) { } }
            abstract class Base { public abstract string Get(); }
            class Derived : Base { public override string Get() => Console.ReadLine()!; }
            class C
            {
                string _f = "";
                static string s_f = "";
                List<string> _list = new();
                void Local() { var x = Console.ReadLine(); var y = x; Process.Start(y); }
                void Field() { _f = Console.ReadLine()!; }
                void FieldSink() { Process.Start(_f); }
                void StaticField() { s_f = Console.ReadLine()!; }
                void StaticFieldSink() { Process.Start(s_f); }
                string Helper() => Console.ReadLine()!;
                void HelperSink() { Process.Start(Helper()); }
                void Out(out string v) { v = Console.ReadLine()!; }
                void OutSink() { Out(out var v); Process.Start(v); }
                void Coll() { var l = new List<string>(); l.Add(Console.ReadLine()!); Process.Start(l[0]); }
                void D1(string a) => D2(a);
                void D2(string a) => D3(a);
                void D3(string a) => D4(a);
                void D4(string a) => D5(a);
                void D5(string a) => Process.Start(a);
                void Deep() => D1(Console.ReadLine()!);
                string Rec(string a, int n) => n == 0 ? a : Rec(a + "x", n - 1);
                void RecSink() { Process.Start(Rec(Console.ReadLine()!, 3)); }
                void Iface(IRunner r) { r.Run(Console.ReadLine()!); }
                void Virt(Base b) { Process.Start(b.Get()); }
                void Lambda() { var x = Console.ReadLine()!; Action a = () => Process.Start(x); a(); }
                async Task<string> ReadAsync() { await Task.Yield(); return Console.ReadLine()!; }
                async Task AsyncSink() { var v = await ReadAsync(); Process.Start(v); }
                void Safe() { var x = Console.ReadLine()!; var n = int.Parse(x); Process.Start(n.ToString()); }
                void Branch(bool b) { var x = Console.ReadLine()!; if (b) { x = "safe"; } Process.Start(x); }
                void AllowList() { var x = Console.ReadLine()!; if (x == "notepad") { Process.Start(x); } }
                void Linq() { var xs = new[] { Console.ReadLine()! }; var q = xs.Where(s => s.Length > 0).Select(s => s.Trim()).First(); Process.Start(q); }
                void Tuple() { var (a, b) = (Console.ReadLine()!, "x"); Process.Start(a); }
                void LocalFn() { var x = Console.ReadLine()!; string Wrap() => "-" + x; Process.Start("t", Wrap()); }
            }
            """;
        var diags = await TaintHarness.DiagnosticsAsync(source);
        Assert.Fail(string.Join("\n", diags));
    }
}
