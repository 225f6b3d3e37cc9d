using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class SmokeTests
{
    [Fact]
    public async Task Direct()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            class C
            {
                void M()
                {
                    var name = Console.ReadLine();
                    {|QLB1001:Process.Start("tool", "--user " + name)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
