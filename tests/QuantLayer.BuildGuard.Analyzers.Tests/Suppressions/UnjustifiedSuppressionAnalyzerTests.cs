using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Suppressions.UnjustifiedSuppressionAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Suppressions;

public sealed class UnjustifiedSuppressionAnalyzerTests
{
    private const string Strict = "build_property.BuildGuardProfile = Strict";

    private static string Source(string members) => $$"""
        using System.Diagnostics.CodeAnalysis;
        class C
        {
            {{members}}
        }
        """;

    [Theory]
    [InlineData("{|QLB1690:#pragma warning disable QLB1100|}\nint A() => 1;\n#pragma warning restore QLB1100")]
    [InlineData("{|QLB1690:#pragma warning disable QLB1100, QLB1303|}\nint A() => 1;")]
    [InlineData("{|QLB1690:#pragma warning disable|}\nint A() => 1;")]
    [InlineData("{|QLB1690:#pragma warning disable QLB1100 //|}\nint A() => 1;")]
    [InlineData("[{|QLB1690:SuppressMessage(\"BuildGuardSecurity\", \"QLB1100\")|}] int A() => 1;")]
    [InlineData("[{|QLB1690:SuppressMessage(\"BuildGuardSecurity\", \"QLB1303:Plaintext HTTP\", Justification = \"\")|}] int A() => 1;")]
    [InlineData("[{|QLB1690:SuppressMessage(\"BuildGuardSecurity\", \"QLB1303\", Justification = \"<Pending>\")|}] int A() => 1;")]
    [InlineData("[{|QLB1690:UnconditionalSuppressMessage(\"BuildGuardSecurity\", \"QLB1601\")|}] int A() => 1;")]
    [InlineData("// \n{|QLB1690:#pragma warning disable QLB1100|}\nint A() => 1;")]
    public async Task Suppressions_without_a_reason_fire_in_Strict(string members)
    {
        // The verifier's own check wraps the code in "#pragma warning disable QLB1690", which this rule reports.
        var test = Verify.CreateTest(Source(members), globalConfig: Strict);
        test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipSuppressionCheck;
        await test.RunAsync();
    }

    [Theory]
    [InlineData("#pragma warning disable QLB1100 // Legacy RTU protocol mandates MD5 frame checksums\nint A() => 1;\n#pragma warning restore QLB1100")]
    [InlineData("// Legacy RTU protocol mandates MD5 frame checksums\n#pragma warning disable QLB1100\nint A() => 1;")]
    [InlineData("#pragma warning disable CS0168\nint A() => 1;")]
    [InlineData("#pragma warning disable QLB1100 // isolated commissioning network, see SEC-142\nint A() => 1;\n#pragma warning restore QLB1100")]
    [InlineData("[SuppressMessage(\"BuildGuardSecurity\", \"QLB1100\", Justification = \"Legacy RTU protocol; not used for security.\")] int A() => 1;")]
    [InlineData("[SuppressMessage(\"Style\", \"IDE0051\")] int A() => 1;")]
    [InlineData("#pragma warning restore QLB1100\nint A() => 1;")]
    public async Task Justified_or_foreign_suppressions_are_silent_in_Strict(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), Array.Empty<string>(), Strict);

    [Theory]
    [InlineData("build_property.BuildGuardProfile = Recommended")]
    [InlineData("build_property.BuildGuardProfile = Audit")]
    [InlineData("")]
    public async Task Outside_Strict_nothing_is_reported(string config)
    {
        var source = Source("#pragma warning disable QLB1100\n[SuppressMessage(\"BuildGuardSecurity\", \"QLB1100\")] int A() => 1;");
        await Verify.VerifyAnalyzerAsync(source, Array.Empty<string>(), config.Length == 0 ? null : config);
    }

    [Fact]
    public async Task Global_suppressions_need_a_justification_too()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            [assembly: {|QLB1690:SuppressMessage("BuildGuardSecurity", "QLB1602", Scope = "member", Target = "~M:Native.Open(System.Int32)")|}]
            [assembly: SuppressMessage("BuildGuardSecurity", "QLB1602", Scope = "member", Target = "~M:Native.Close", Justification = "System library")]
            class Native { }
            """;
        var test = Verify.CreateTest(source, globalConfig: Strict);
        test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipSuppressionCheck;
        await test.RunAsync();
    }
}
