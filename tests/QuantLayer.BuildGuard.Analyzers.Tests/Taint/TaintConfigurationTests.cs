using CsCheck;
using Microsoft.CodeAnalysis;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

public sealed class TaintConfigurationTests
{
    private const string Program = """
        using System.Diagnostics;
        namespace Acme.Fieldbus
        {
            public sealed class FrameReader { public string ReadFrame() => "frame"; }
            public static class Validation { public static string SafeToolName(string s) => s.Trim(); }
            public static class Shell { public static void Run(string commandLine) { } }
        }
        public sealed class Station
        {
            public void A(Acme.Fieldbus.FrameReader reader) => Process.Start(reader.ReadFrame());
            public void B(Acme.Fieldbus.FrameReader reader) => Process.Start(Acme.Fieldbus.Validation.SafeToolName(reader.ReadFrame()));
            public void C(Acme.Fieldbus.FrameReader reader) => Acme.Fieldbus.Shell.Run(reader.ReadFrame());
        }
        """;

    [Fact]
    public async Task Declared_sources_sanitizers_and_sinks_apply()
    {
        const string configuration = """
            {
              // a supplier's protocol reader and validator
              "sources": [ { "type": "Acme.Fieldbus.FrameReader", "member": "ReadFrame", "description": "fieldbus frame" } ],
              "sanitizers": [ { "type": "Acme.Fieldbus.Validation", "member": "SafeToolName", "rules": ["QLB1001"] } ],
              "sinks": [ { "type": "Acme.Fieldbus.Shell", "member": "Run", "parameters": ["commandLine"], "rule": "QLB1001" } ]
            }
            """;
        var diagnostics = await TaintHarness.DiagnosticsAsync(new[] { Program }, configuration, null);
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("QLB1001", d.Id));
        Assert.StartsWith("Data from fieldbus frame in A reaches Process.Start(fileName)", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("Data from fieldbus frame in C reaches Shell.Run(commandLine)", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_file_user_code_is_not_a_source()
    {
        Assert.Empty(await TaintHarness.DiagnosticsAsync(new[] { Program }, null, null));
    }

    [Fact]
    public async Task Malformed_entries_are_reported_with_file_and_line_and_the_rest_applies()
    {
        const string configuration = """
            {
              "sources": [
                { "type": "Acme.Fieldbus.FrameReader", "member": "ReadFrame" },
                { "type": "Acme.Fieldbus.Other" }
              ],
              "sinks": [ { "type": "Acme.Fieldbus.Shell", "member": "Run", "rule": "QLB9999" } ],
              "extras": []
            }
            """;
        var diagnostics = await TaintHarness.DiagnosticsAsync(new[] { Program }, configuration, null);
        var config = diagnostics.Where(d => d.Id == "QLB1099").ToList();
        Assert.Equal(3, config.Count);
        Assert.All(config, d => Assert.EndsWith("buildguard.taint.json", d.Location.GetLineSpan().Path, StringComparison.Ordinal));
        Assert.Equal(new[] { 3, 5, 6 }, config.Select(d => d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(l => l));
        Assert.Contains(config, d => d.GetMessage().Contains("needs \"type\"", StringComparison.Ordinal));
        Assert.Contains(config, d => d.GetMessage().Contains("unknown rule \"QLB9999\"", StringComparison.Ordinal));
        Assert.Contains(config, d => d.GetMessage().Contains("unknown section \"extras\"", StringComparison.Ordinal));
        Assert.Equal(2, diagnostics.Count(d => d.Id == "QLB1001"));
    }

    [Fact]
    public async Task Invalid_json_is_one_diagnostic_at_the_error()
    {
        var diagnostics = await TaintHarness.DiagnosticsAsync(new[] { Program }, "{\n  \"sources\": [\n    { \"type\": \"A\" \"member\": \"B\" }\n  ]\n}", null);
        var error = Assert.Single(diagnostics, d => d.Id == "QLB1099");
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("not valid JSON", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_reads_every_json_value_kind()
    {
        var node = MiniJson.Parse("""{ "a": [1, -2.5e3, "x\u0041\n", true, false, null, {}] }""");
        var items = node.Members.Single().Value.Items;
        Assert.Equal(new[] { JsonKind.Number, JsonKind.Number, JsonKind.String, JsonKind.True, JsonKind.False, JsonKind.Null, JsonKind.Object }, items.Select(i => i.Kind));
        Assert.Equal("-2.5e3", items[1].Text);
        Assert.Equal("xA\n", items[2].Text);
    }

    [Fact]
    public void Deep_nesting_is_rejected_not_a_stack_overflow()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<JsonSyntaxException>(() => MiniJson.Parse(text));
        Assert.Contains("nests deeper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_text_either_parses_or_is_a_positioned_syntax_error()
    {
        Gen.String[Gen.Char["{}[]\":,0123456789.-eEtruefalsn \\/u*\n"], 0, 60].Sample(text =>
        {
            try
            {
                MiniJson.Parse(text);
            }
            catch (JsonSyntaxException e)
            {
                Assert.InRange(e.Position, 0, text.Length);
            }
        });
    }

    [Fact]
    public void Generated_documents_round_trip()
    {
        var genString = Gen.String[Gen.Char.AlphaNumeric, 0, 8];
        Gen.Select(genString, genString, Gen.Int[-1000, 1000], Gen.Bool).Sample((key, value, number, flag) =>
        {
            var text = "{\"" + key + "\": [\"" + value + "\", " + number + ", " + (flag ? "true" : "false") + "]}";
            var node = MiniJson.Parse(text);
            var member = Assert.Single(node.Members);
            Assert.Equal(key, member.Key);
            Assert.Equal(value, member.Value.Items[0].Text);
            Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), member.Value.Items[1].Text);
            Assert.Equal(flag ? JsonKind.True : JsonKind.False, member.Value.Items[2].Kind);
        });
    }

    [Fact]
    public void Configuration_parse_never_throws()
    {
        Gen.String[Gen.Char["{}[]\":,abcdefghijklmnopqrstuvwxyz \n"], 0, 80].Sample(text =>
        {
            var configuration = TaintConfiguration.Parse(text, "buildguard.taint.json");
            Assert.True(configuration.Entries.Length >= 0);
        });
    }
}
