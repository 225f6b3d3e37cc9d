using QuantLayer.BuildGuard.Analyzers.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Traceability;

public sealed class SecurityEntryPointAnalyzerTests
{
    private const string Source = """
        using QuantLayer.BuildGuard.Traceability;
        namespace Gateway.Security
        {
            public class FrameAuthenticator
            {
                public bool {|#0:Verify|}(byte[] frame) => frame.Length > 0;
                [Implements("SR-12")]
                public bool Sign(byte[] frame) => true;
                internal bool Helper() => true;
                private bool Hidden() => true;
                public override string ToString() => "auth";
            }

            [Implements("SR-13")]
            public class SessionStore
            {
                public void Expire() { }
                public class Entry { public void Touch() { } }
            }

            internal class InternalThing { public void Run() { } }
        }
        namespace Gateway.Ui
        {
            public class Screen { public void Draw() { } }
        }
        """;

    [Fact]
    public async Task In_Strict_a_public_method_in_scope_without_Implements_fires()
    {
        var test = TraceabilityTest.Create<SecurityEntryPointAnalyzer>(Source, "build_property.BuildGuardProfile = Strict\nbuild_property.BuildGuardSecurityRelevantCode = Gateway.Security");
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2006").WithLocation(0).WithArguments("FrameAuthenticator.Verify", "Gateway.Security"));
        await test.RunAsync();
    }

    [Fact]
    public async Task RequireImplements_true_turns_it_on_outside_Strict_and_a_type_prefix_is_a_scope()
    {
        var test = TraceabilityTest.Create<SecurityEntryPointAnalyzer>(Source, "build_property.BuildGuardRequireImplements = true\nbuild_property.BuildGuardSecurityRelevantCode = Gateway.Security.Frame*, Gateway.Ui.Screen");
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2006").WithLocation(0).WithArguments("FrameAuthenticator.Verify", "Gateway.Security.Frame*"));
        test.TestState.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2006").WithSpan(25, 39, 25, 43).WithArguments("Screen.Draw", "Gateway.Ui.Screen"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("build_property.BuildGuardProfile = Recommended\nbuild_property.BuildGuardSecurityRelevantCode = Gateway.Security")]
    [InlineData("build_property.BuildGuardProfile = Strict\nbuild_property.BuildGuardRequireImplements = false\nbuild_property.BuildGuardSecurityRelevantCode = Gateway.Security")]
    [InlineData("build_property.BuildGuardProfile = Strict")]
    public async Task Outside_Strict_when_switched_off_or_without_a_scope_it_is_silent(string config)
    {
        var source = Source.Replace("{|#0:Verify|}", "Verify", StringComparison.Ordinal);
        await TraceabilityTest.Create<SecurityEntryPointAnalyzer>(source, config).RunAsync();
    }
}
