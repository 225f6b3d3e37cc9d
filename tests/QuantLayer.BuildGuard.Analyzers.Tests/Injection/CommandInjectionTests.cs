using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class CommandInjectionTests
{
    [Fact]
    public async Task Program_and_command_line_from_input_fire()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            class C
            {
                void M(string[] args)
                {
                    var tool = Environment.GetEnvironmentVariable("TOOL")!;
                    {|QLB1001:Process.Start(tool)|};
                    {|QLB1001:Process.Start("sh", "-c \"gzip " + Console.ReadLine() + "\"")|};
                    var start = {|QLB1001:new ProcessStartInfo(tool, "--help")|};
                    {|QLB1001:start.Arguments = "--file " + Console.ReadLine()|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Argument_list_and_allow_listed_values_are_silent()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            using System.Text.RegularExpressions;
            class C
            {
                void M()
                {
                    var file = Console.ReadLine()!;
                    var start = new ProcessStartInfo("gzip") { UseShellExecute = false };
                    start.ArgumentList.Add(file);
                    Process.Start(start);
                    if (Regex.IsMatch(file, "^[A-Za-z0-9_-]+$"))
                    {
                        Process.Start("gzip", file);
                    }
                    if (file == "status")
                    {
                        Process.Start("systemctl", file);
                    }
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
