using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class RegexInjectionTests
{
    [Fact]
    public async Task Patterns_from_input_fire()
    {
        const string source = """
            using System;
            using System.Text.RegularExpressions;
            class C
            {
                void M(string text)
                {
                    var word = Console.ReadLine()!;
                    var a = {|QLB1009:new Regex(word)|};
                    {|QLB1009:Regex.IsMatch(text, "\\b" + word + "\\b", RegexOptions.None, TimeSpan.FromSeconds(1))|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Escaped_patterns_are_silent()
    {
        const string source = """
            using System;
            using System.Text.RegularExpressions;
            class C
            {
                void M(string text)
                {
                    var word = Console.ReadLine()!;
                    var a = new Regex(Regex.Escape(word), RegexOptions.None, TimeSpan.FromSeconds(1));
                    Regex.IsMatch(text, "\\b" + Regex.Escape(word) + "\\b", RegexOptions.None, TimeSpan.FromSeconds(1));
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
