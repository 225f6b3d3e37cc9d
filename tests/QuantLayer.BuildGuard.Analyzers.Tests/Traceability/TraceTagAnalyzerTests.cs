using QuantLayer.BuildGuard.Analyzers.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Traceability;

public sealed class TraceTagAnalyzerTests
{
    private static Task RunAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = TraceabilityTest.Create<TraceTagAnalyzer>(source, null, ("requirements.yaml", TraceabilityTest.Registry));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task Unknown_id_fires_with_the_closest_known_id_in_the_message()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            class FrameVerifier
            {
                [Implements({|#0:"SR-21"|})]
                public bool Verify(byte[] frame) => frame.Length > 0;
            }
            """;
        await RunAsync(source, TraceabilityTest.Diagnostic("QLB2000").WithLocation(0).WithArguments("SR-21", "; did you mean 'SR-12' (Frames carry a MAC)?"));
    }

    [Fact]
    public async Task Unknown_id_far_from_every_known_id_says_to_add_it()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements({|#0:"PERF-999"|})]
            class C { }
            """;
        await RunAsync(source, TraceabilityTest.Diagnostic("QLB2000").WithLocation(0).WithArguments("PERF-999", ". Correct the id or add the requirement to the registry."));
    }

    [Fact]
    public async Task Known_ids_at_the_current_revision_are_silent()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements("SR-13")]
            class FrameVerifier
            {
                [Implements("SR-12", Revision = 2)]
                [Implements("M-1")]
                public bool Verify(byte[] frame) => frame.Length > 0;
            }
            class Tests
            {
                [Verifies("SR-12", Revision = 2)]
                [Verifies("M-1")]
                [Xunit.Trait("Requirement", "SR-13")]
                [NUnit.Framework.Property("Requirement", "SR-12")]
                [Microsoft.VisualStudio.TestTools.UnitTesting.TestProperty("requirement", "SR-12")]
                public void Frame_with_bad_mac_is_rejected() { }
            }
            """;
        await RunAsync(source);
    }

    [Theory]
    [InlineData("[Xunit.Trait(\"Requirement\", {|#0:\"SR-31\"|})]")]
    [InlineData("[NUnit.Framework.Property(\"Requirement\", {|#0:\"SR-31\"|})]")]
    [InlineData("[Microsoft.VisualStudio.TestTools.UnitTesting.TestProperty(\"Requirement\", {|#0:\"SR-31\"|})]")]
    [InlineData("[Verifies({|#0:\"SR-31\"|})]")]
    public async Task Every_tag_form_is_checked(string attribute)
    {
        var source = $$"""
            using QuantLayer.BuildGuard.Traceability;
            class Tests
            {
                {{attribute}}
                public void Test() { }
            }
            """;
        await RunAsync(source, TraceabilityTest.Diagnostic("QLB2000").WithLocation(0).WithArguments("SR-31", "; did you mean 'SR-13' (Sessions expire)?"));
    }

    [Fact]
    public async Task Traits_with_other_names_and_user_attributes_with_other_names_are_silent()
    {
        const string source = """
            class Tests
            {
                [Xunit.Trait("Category", "SR-99")]
                [NUnit.Framework.Property("Requirement", 42)]
                [Covers("SR-99")]
                public void Test() { }
            }
            class CoversAttribute : System.Attribute { public CoversAttribute(string id) { } }
            """;
        await RunAsync(source);
    }

    [Fact]
    public async Task An_attribute_of_the_users_own_named_Implements_is_checked_too()
    {
        const string source = """
            namespace Acme
            {
                sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(string id) { } public int Revision { get; set; } }
                [Implements({|#0:"SR-12"|}, Revision = 1)]
                class C { }
            }
            """;
        await RunAsync(source, TraceabilityTest.Diagnostic("QLB2001").WithLocation(0)
            .WithArguments("[Implements]", 1, "SR-12", 2, "Frames carry a MAC", "review the implementation against the changed requirement, then set Revision = 2"));
    }

    [Fact]
    public async Task Outdated_and_future_revisions_fire()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            class Tests
            {
                [Verifies({|#0:"SR-12"|}, Revision = 1)]
                public void Old() { }

                [Verifies({|#1:"SR-12"|}, Revision = 3)]
                public void Future() { }
            }
            """;
        await RunAsync(
            source,
            TraceabilityTest.Diagnostic("QLB2001").WithLocation(0).WithArguments("[Verifies]", 1, "SR-12", 2, "Frames carry a MAC", "review the test against the changed requirement, then set Revision = 2"),
            TraceabilityTest.Diagnostic("QLB2001").WithLocation(1).WithArguments("[Verifies]", 3, "SR-12", 2, "Frames carry a MAC", "revision 3 does not exist yet; set Revision = 2 or raise the registry's revision"));
    }

    [Fact]
    public async Task A_test_of_a_threat_or_of_an_item_that_needs_no_test_fires()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            class Tests
            {
                [Verifies({|#0:"T-1"|})]
                public void Threat() { }

                [Xunit.Trait("Requirement", {|#1:"FR-1"|})]
                public void Version() { }

                [Verifies("M-1")]
                public void Mitigation() { }
            }
            """;
        await RunAsync(
            source,
            TraceabilityTest.Diagnostic("QLB2005").WithLocation(0).WithArguments("T-1", "threat", "none", "; verify its mitigation M-1 instead"),
            TraceabilityTest.Diagnostic("QLB2005").WithLocation(1).WithArguments("FR-1", "functional", "implementation", string.Empty));
    }

    [Fact]
    public async Task Without_a_registry_nothing_is_reported()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements("NOPE-1", Revision = 7)]
            class C { }
            """;
        await TraceabilityTest.Create<TraceTagAnalyzer>(source).RunAsync();
    }

    [Fact]
    public async Task While_a_registry_file_does_not_parse_unknown_ids_are_not_reported()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements("SR-77")]
            class C { }
            """;
        var test = TraceabilityTest.Create<TraceTagAnalyzer>(source, null, ("requirements.yaml", TraceabilityTest.Registry), ("more.yaml", "requirements:\n  - id: SR-77\n    title: [unclosed\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Registries_in_every_format_are_read()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements("CSV-1")]
            [Implements("MD-1")]
            [Implements("TD-1-M")]
            class C { }
            """;
        var test = TraceabilityTest.Create<TraceTagAnalyzer>(
            source,
            null,
            ("a.csv", "Id;Title\nCSV-1;From a spreadsheet\n"),
            ("b.md", "# Requirements\n\n| Id | Title |\n|----|-------|\n| MD-1 | From a document |\n"),
            ("model.json", """{"version":"2.2.0","detail":{"diagrams":[{"title":"Main","cells":[{"data":{"name":"Parser","threats":[{"id":"6f1a","number":1,"title":"Tampered frame","status":"Mitigated","mitigation":"MAC check"}]}}]}]}}"""));
        await test.RunAsync();
    }

    [Fact]
    public async Task BuildGuardEnabled_false_silences_the_rule()
    {
        const string source = """
            using QuantLayer.BuildGuard.Traceability;
            [Implements("SR-21")]
            class C { }
            """;
        await TraceabilityTest.Create<TraceTagAnalyzer>(source, "build_property.BuildGuardEnabled = false", ("requirements.yaml", TraceabilityTest.Registry)).RunAsync();
    }
}
