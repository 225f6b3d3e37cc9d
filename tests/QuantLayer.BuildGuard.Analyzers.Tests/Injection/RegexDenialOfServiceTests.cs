using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class RegexDenialOfServiceTests
{
    [Fact]
    public async Task Untrusted_input_matched_by_nested_quantifiers_without_timeout_fires()
    {
        const string source = """
            using System;
            using System.Text.RegularExpressions;
            class C
            {
                static readonly Regex Email = new Regex("^([a-zA-Z0-9]+)*@example\\.com$");
                void M()
                {
                    var input = Console.ReadLine()!;
                    {|QLB1010:Regex.IsMatch(input, "^(\\w+\\s?)*$")|};
                    {|QLB1010:Email.IsMatch(input)|};
                    {|QLB1010:new Regex("(a+)+b").Match(input)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Timeouts_non_backtracking_linear_patterns_and_trusted_input_are_silent()
    {
        const string source = """
            using System;
            using System.Text.RegularExpressions;
            class C
            {
                static readonly Regex Safe = new Regex("^(\\w+\\s?)*$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
                void M()
                {
                    var input = Console.ReadLine()!;
                    Regex.IsMatch(input, "^(\\w+\\s?)*$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
                    Regex.IsMatch(input, "^(\\w+\\s?)*$", RegexOptions.NonBacktracking);
                    Regex.IsMatch(input, "^[a-z]+[0-9]*$");
                    Safe.IsMatch(input);
                    Regex.IsMatch("constant input", "^(\\w+\\s?)*$");
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
