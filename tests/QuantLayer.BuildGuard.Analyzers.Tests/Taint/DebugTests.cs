namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

public sealed class DebugTests
{
    [Fact]
    public async Task Dump()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            class C
            {
                void M()
                {
                    var name = Console.ReadLine();
                    Process.Start("tool", "--user " + name);
                }
            }
            """;
        var (summary, _) = TaintHarness.Summarize(source, "M");
        var text = "sinks: " + string.Join("; ", summary.Sinks.Select(s => s.Sink + " <- " + s.Taint)) + " calls: " + summary.Calls.Length;
        var diags = await TaintHarness.DiagnosticsAsync(source);
        Assert.Fail(text + "\n" + string.Join("\n", diags));
    }
}
