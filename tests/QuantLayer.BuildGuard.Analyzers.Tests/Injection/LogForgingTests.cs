using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class LogForgingTests
{
    [Fact]
    public async Task Messages_built_from_input_fire()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;
            class C
            {
                void M(ILogger logger)
                {
                    var user = Console.ReadLine();
                    {|QLB1006:logger.LogInformation("Login attempt for " + user)|};
                    {|QLB1006:Trace.TraceWarning($"User {user} failed")|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.Logging);
    }

    [Fact]
    public async Task Structured_arguments_and_stripped_line_breaks_are_silent()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;
            class C
            {
                void M(ILogger logger)
                {
                    var user = Console.ReadLine()!;
                    logger.LogInformation("Login attempt for {User}", user);
                    var clean = user.Replace("\r", "").Replace("\n", "");
                    logger.LogWarning("Unknown user " + clean);
                    Trace.TraceWarning("User " + user.Replace(Environment.NewLine, " ") + " failed");
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.Logging);
    }
}
