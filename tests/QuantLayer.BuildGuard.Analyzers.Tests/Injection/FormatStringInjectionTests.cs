using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class FormatStringInjectionTests
{
    [Fact]
    public async Task Format_strings_from_input_fire()
    {
        const string source = """
            using System;
            using System.Text;
            class C
            {
                void M(int secret)
                {
                    var template = Console.ReadLine()!;
                    {|QLB1011:string.Format(template, secret)|};
                    {|QLB1011:Console.WriteLine(template, secret)|};
                    {|QLB1011:new StringBuilder().AppendFormat(template, secret)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Input_as_an_argument_is_silent()
    {
        const string source = """
            using System;
            class C
            {
                void M()
                {
                    var value = Console.ReadLine()!;
                    Console.WriteLine("value: {0}", value);
                    var s = string.Format("{0}-{1}", value, 1);
                    Console.WriteLine(value);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
