using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

/// <summary>Summaries resolved across methods: every flow shape of the issue, and the messages and locations reported.</summary>
public sealed class InterproceduralTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;
        """;

    private static async Task<Diagnostic[]> Run(string code) => (await TaintHarness.DiagnosticsAsync(Prelude + code)).ToArray();

    [Theory]
    [InlineData("class C { string _f = \"\"; void Read() { _f = Console.ReadLine()!; } void Use() { Process.Start(_f); } }")]
    [InlineData("class C { static string s_f = \"\"; void Read() { s_f = Console.ReadLine()!; } static void Use() { Process.Start(s_f); } }")]
    [InlineData("class C { public string Name { get; set; } = \"\"; void Read() { Name = Console.ReadLine()!; } void Use() { Process.Start(Name); } }")]
    [InlineData("class C { private string _n = \"\"; public string Name { get => _n; set => _n = value; } void Read() { Name = Console.ReadLine()!; } void Use() { Process.Start(Name); } }")]
    [InlineData("class Box { public Box(string v) { V = v; } public string V { get; } } class C { void Use() { var b = new Box(Console.ReadLine()!); Process.Start(b.V); } }")]
    [InlineData("class Box { public string V { get; init; } = \"\"; } class C { void Use() { var b = new Box { V = Console.ReadLine()! }; Process.Start(b.V); } }")]
    [InlineData("class C { string[] _a = new string[2]; void Read() { _a[0] = Console.ReadLine()!; } void Use() { Process.Start(_a[1]); } }")]
    [InlineData("class C { readonly Dictionary<string, string> _d = new(); void Read() { _d[\"k\"] = Console.ReadLine()!; } void Use() { Process.Start(_d[\"x\"]); } }")]
    [InlineData("class C { static string Id(string s) => s; static string Twice(string s) => Id(Id(s)); void Use() { Process.Start(Twice(Console.ReadLine()!)); } }")]
    [InlineData("class C { static bool Try(out string s) { s = Console.ReadLine()!; return true; } void Use() { if (Try(out var v)) { Process.Start(v); } } }")]
    [InlineData("class C { static void Fill(List<string> l) { l.Add(Console.ReadLine()!); } void Use() { var l = new List<string>(); Fill(l); Process.Start(l[0]); } }")]
    [InlineData("class C { static string Even(string s, int n) => n == 0 ? s : Odd(s, n - 1); static string Odd(string s, int n) => n == 0 ? \"x\" : Even(s, n - 1); void Use() { Process.Start(Even(Console.ReadLine()!, 4)); } }")]
    [InlineData("interface IStore { void Save(string v); } class A : IStore { public void Save(string v) { } } class B : IStore { public void Save(string v) => Process.Start(v); } class C { void Use(IStore s) => s.Save(Console.ReadLine()!); }")]
    [InlineData("class Base { public virtual string Get() => \"x\"; } class Derived : Base { public override string Get() => Console.ReadLine()!; } class C { void Use(Base b) => Process.Start(b.Get()); }")]
    [InlineData("interface IR { string Value { get; } } class R : IR { public string Value { get; set; } = \"\"; } class C { void Fill(R r) { r.Value = Console.ReadLine()!; } void Use(IR r) => Process.Start(r.Value); }")]
    [InlineData("class C { async Task<string> Read() { await Task.Yield(); return Console.ReadLine()!; } async Task Use() { Process.Start(await Read()); } }")]
    [InlineData("class C { void Use() { var v = Console.ReadLine()!; Task.Run(() => Process.Start(v)); } }")]
    [InlineData("partial class C { string _p = \"\"; void Read() { _p = Console.ReadLine()!; } } partial class C { void Use() => Process.Start(_p); }")]
    [InlineData("partial class C { partial void Run(string s); void Use() => Run(Console.ReadLine()!); } partial class C { partial void Run(string s) => Process.Start(s); }")]
    public async Task Every_flow_shape_reaches_the_sink(string code)
    {
        var diagnostic = Assert.Single(await Run(code));
        Assert.Equal("QLB1001", diagnostic.Id);
    }

    [Theory]
    [InlineData("class C { string _f = \"\"; void Read() { _f = int.Parse(Console.ReadLine()!).ToString(); } void Use() { Process.Start(_f); } }")]
    [InlineData("class Box { public Box(string v) { V = v; } public string V { get; } } class C { void Use() { var b = new Box(\"tool\"); Process.Start(b.V); } }")]
    [InlineData("interface IStore { void Save(string v); } class A : IStore { public void Save(string v) { } } class B : IStore { public void Save(string v) => Process.Start(v); } class C { void Use(IStore s) => s.Save(\"constant\"); }")]
    [InlineData("class C { static string Even(string s, int n) => n == 0 ? \"a\" : Odd(s, n - 1); static string Odd(string s, int n) => n == 0 ? \"x\" : Even(s, n - 1); void Use() { Process.Start(Even(Console.ReadLine()!, 4)); } }")]
    [InlineData("class C { static string Pick(string s) => \"fixed\"; void Use() { Process.Start(Pick(Console.ReadLine()!)); } }")]
    public async Task Safe_twins_stay_silent(string code)
    {
        Assert.Empty(await Run(code));
    }

    [Fact]
    public async Task Message_names_source_method_sink_and_path_with_additional_locations()
    {
        const string code = """
            class Repository
            {
                static string ReadName() => Console.ReadLine()!;
                static string BuildCommand(string name) => "--user " + name;
                static void Run(string arguments) => Process.Start("tool", arguments);
                public void Handle() => Run(BuildCommand(ReadName()));
            }
            """;
        var diagnostic = Assert.Single(await Run(code));
        Assert.Equal(
            "Data from Console.ReadLine() in ReadName reaches Process.Start(arguments) through BuildCommand, Run (OS command injection); do not let input choose the program; pass input as separate ProcessStartInfo.ArgumentList items after validating it against an allow-list",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var text = diagnostic.Location.SourceTree!.GetText();
        Assert.Equal("Process.Start(\"tool\", arguments)", text.ToString(diagnostic.Location.SourceSpan));
        var additional = diagnostic.AdditionalLocations.Select(l => text.ToString(l.SourceSpan)).ToList();
        Assert.Equal("Console.ReadLine()", additional[0]);
        Assert.Contains("ReadName()", additional);
        Assert.Contains("Run(BuildCommand(ReadName()))", additional);
    }

    /// <summary>
    /// Filling an object reached through a property of the compilation whose getter only returns a
    /// field (<c>get { return _proxy; }</c>) fills that field. It used to taint the object holding
    /// the property, and with it every other member read from it: in Technitium DnsServer, setting
    /// a proxy's bypass list from an uploaded backup made every folder of the server a tainted path
    /// (44 of 92 path traversal findings).
    /// </summary>
    [Theory]
    [InlineData("class Server { readonly List<string> _items = new(); public List<string> Items { get { return _items; } } } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Items[0]); } }")]
    [InlineData("class Server { System.Net.WebProxy _proxy = new(); public System.Net.WebProxy Proxy { get => _proxy; set => _proxy = value; } } class C { readonly Server _s = new(); void Read() { _s.Proxy.BypassList = new[] { Console.ReadLine()! }; } void Use() { Process.Start(_s.Proxy.BypassList[0]); } }")]
    [InlineData("class Server { static readonly List<string> s_items = new(); public static List<string> Items => s_items; } class C { void Read() { Server.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(Server.Items[0]); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); public List<string> Items { get { Console.WriteLine(); return _items; } } } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Items[0]); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); public List<string> Items => _items; public string First() => _items[0]; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.First()); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); public List<string> Items => _items; } class C { static void Fill(Server s) { s.Items.Add(Console.ReadLine()!); } void Use() { var s = new Server(); Fill(s); Process.Start(s.Items[0]); } }")]
    [InlineData("class Server<T> { readonly List<T> _items = new(); public List<T> Items => _items; } class C { readonly Server<string> _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Items[0]); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); public virtual List<string> Items => _items; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Items[0]); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); public List<string> Items => _items; } class C { void Use() { var s = new Server { Items = { Console.ReadLine()! } }; Process.Start(s.Items[0]); } }")]
    public async Task Filling_an_object_behind_a_property_reaches_the_sink(string code)
    {
        var diagnostic = Assert.Single(await Run(code));
        Assert.Equal("QLB1001", diagnostic.Id);
    }

    [Theory]
    [InlineData("class Server { System.Net.WebProxy _proxy = new(); public string Folder { get; } = \"/srv\"; public System.Net.WebProxy Proxy { get { return _proxy; } set { _proxy = value; } } } class C { readonly Server _s = new(); void Read() { _s.Proxy.BypassList = new[] { Console.ReadLine()! }; } void Use() { Process.Start(_s.Folder); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); readonly string _folder = \"/srv\"; public List<string> Items => this._items; public string Folder => _folder; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Folder); } }")]
    [InlineData("class Server { List<string>? _items = new(); readonly string _folder = \"/srv\"; public List<string> Items => _items!; public string Folder => _folder; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Folder); } }")]
    [InlineData("class Server { readonly List<string> _items = new(); readonly string _folder = \"/srv\"; public List<string> Items { get { return (_items); } } public string Folder => _folder; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Folder); } }")]
    [InlineData("class Server { static readonly List<string> s_items = new(); readonly string _folder = \"/srv\"; public List<string> Items => s_items; public string Folder => _folder; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Folder); } }")]
    [InlineData("class Base { protected readonly List<string> _items = new(); } class Server : Base { readonly string _folder = \"/srv\"; public List<string> Items => _items; public string Folder => _folder; } class C { readonly Server _s = new(); void Read() { _s.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_s.Folder); } }")]
    public async Task Filling_an_object_behind_a_property_leaves_its_holders_other_members_clean(string code)
    {
        Assert.Empty(await Run(code));
    }

    /// <summary>
    /// A property declared in generated code (the shape of MVVM Toolkit's [ObservableProperty]) has
    /// no summary: generated code is not analyzed. Its reads still see the field it returns.
    /// </summary>
    [Fact]
    public async Task Filling_an_object_behind_a_generated_property_reaches_the_sink()
    {
        const string code = "partial class Vm { private List<string> items = new(); } class C { readonly Vm _vm = new(); void Read() { _vm.Items.Add(Console.ReadLine()!); } void Use() { Process.Start(_vm.Items[0]); } }";
        const string generated = "// <auto-generated/>\nusing System.Collections.Generic;\npartial class Vm { public List<string> Items { get => items; set => items = value; } }";
        var diagnostic = Assert.Single(await TaintHarness.DiagnosticsAsync(Prelude + code, generated));
        Assert.Equal("QLB1001", diagnostic.Id);
    }

    /// <summary>
    /// A primary constructor parameter that a member uses is stored with the object: what the
    /// constructor call passes reaches the members that read it (as with a field).
    /// </summary>
    [Theory]
    [InlineData("class Svc(string cmd) { public void Run() => Process.Start(cmd); } class C { void M() { new Svc(Console.ReadLine()!).Run(); } }")]
    [InlineData("class Svc(string cmd) { readonly string _c = cmd; public void Run() => Process.Start(_c); } class C { void M() { new Svc(Console.ReadLine()!).Run(); } }")]
    [InlineData("class Svc(string cmd) { public string Cmd { get; } = cmd; } class C { void M() { Process.Start(new Svc(Console.ReadLine()!).Cmd); } }")]
    [InlineData("class Svc(List<string> items) { public void Add(string v) => items.Add(v); public void Run() => Process.Start(items[0]); } class C { void M() { var s = new Svc(new List<string>()); s.Add(Console.ReadLine()!); s.Run(); } }")]
    [InlineData("class Svc(string cmd) { public Svc() : this(Console.ReadLine()!) { } public void Run() => Process.Start(cmd); } class C { void M() { new Svc().Run(); } }")]
    [InlineData("class Svc(string cmd) { public void Set(string v) { cmd = v; } public void Run() => Process.Start(cmd); } class C { void M() { var s = new Svc(\"tool\"); s.Set(Console.ReadLine()!); s.Run(); } }")]
    public async Task Primary_constructor_parameters_carry_what_the_constructor_was_given(string code)
    {
        Assert.Equal("QLB1001", Assert.Single(await Run(code)).Id);
    }

    [Fact]
    public async Task A_primary_constructor_parameter_is_named_in_the_path()
    {
        const string code = "class Svc(string cmd) { public void Run() => Process.Start(cmd); } class C { void M() { new Svc(Console.ReadLine()!).Run(); } }";
        var diagnostic = Assert.Single(await Run(code));
        Assert.StartsWith("Data from Console.ReadLine() in M reaches Process.Start(fileName) through parameter Svc.cmd (OS command injection)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class Svc(string cmd) { public void Run() => Process.Start(cmd); } class C { void M() { var x = Console.ReadLine()!; new Svc(\"tool\").Run(); } }")]
    [InlineData("class Svc(string cmd, string note) { public void Run() { Console.WriteLine(note); Process.Start(cmd); } } class C { void M() { new Svc(\"tool\", Console.ReadLine()!).Run(); } }")]
    [InlineData("class Svc(List<string> items) { public void Run() => Process.Start(items[0]); } class C { void M() { var s = new Svc(new List<string>()); s.Fill(Console.ReadLine()!); s.Run(); } } static class E { public static void Fill(this Svc s, string v) { } }")]
    public async Task Primary_constructor_parameters_given_constants_stay_silent(string code)
    {
        Assert.Empty(await Run(code));
    }

    [Fact]
    public async Task Deep_chains_have_no_depth_limit()
    {
        var methods = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"static void L{i}(string a) => L{i + 1}(a);"));
        var code = "class C { " + methods + " static void L40(string a) => Process.Start(a); void Use() => L0(Console.ReadLine()!); }";
        var diagnostic = Assert.Single(await Run(code));
        Assert.Contains("through L0", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_do_not_depend_on_declaration_order()
    {
        const string a = "class A { public static string Get() => Console.ReadLine()!; }";
        const string b = "class B { void Use() => Process.Start(A.Get()); }";
        var first = await TaintHarness.DiagnosticsAsync(Prelude + a, Prelude + b);
        var second = await TaintHarness.DiagnosticsAsync(Prelude + b, Prelude + a);
        Assert.Equal(first.Select(d => d.GetMessage()), second.Select(d => d.GetMessage()));
    }
}
