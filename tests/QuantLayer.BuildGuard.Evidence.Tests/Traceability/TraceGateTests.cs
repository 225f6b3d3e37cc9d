using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class TraceGateTests
{
    private static TraceMatrix Matrix(IEnumerable<TraceTag> tags, bool withResults, params Trx.Case[] cases)
    {
        TestResultSet? results = null;
        if (withResults)
        {
            results = new TestResultSet();
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Trx.Write(cases)));
            results.AddTrx(stream, "run.trx");
        }

        return TraceMatrix.Build(TraceMatrixTests.Registry, tags, results, new TraceMatrixOptions());
    }

    private static TraceTag Impl(string id) => new(TraceRelation.Implements, id, 0, "Gateway.Impl" + id, "Gateway", null, "[Implements]");

    private static TraceTag Test(string id, string name) => new(TraceRelation.Verifies, id, 0, name, "Gateway.Tests", name, "[Verifies]");

    [Fact]
    public void Every_security_requirement_and_mitigation_that_falls_short_is_one_error_line_saying_what_is_missing()
    {
        var matrix = Matrix(
            new[] { Impl("SR-1"), Test("SR-1", "T.A"), Impl("SR-2"), Test("SR-2", "T.B"), Test("SR-3", "T.C"), Test("M-1", "T.D") },
            true,
            new Trx.Case("T", "A", "T.A", "Passed"),
            new Trx.Case("T", "B", "T.B", "Failed"),
            new Trx.Case("T", "C", "T.C", "Passed"),
            new Trx.Case("T", "D", "T.D", "Passed"));
        var diagnostics = new DiagnosticBag();

        var failures = TraceGate.Evaluate(matrix, TraceGate.DefaultKinds.ToList(), diagnostics);

        var lines = diagnostics.Items.Select(d => d.Message).ToList();
        Assert.Equal(3, failures);
        Assert.All(diagnostics.Items, d => Assert.Equal(("QLB3060", EvidenceSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal(
            new[]
            {
                "M-2 rev 1 (mitigation) 'Sequence numbers': no test ([Verifies(\"M-2\")] or a Requirement trait).",
                "SR-2 rev 1 (security) 'Sessions expire': no passing test (T.B failed).",
                "SR-3 rev 1 (security) 'Firmware is signed': no implementation ([Implements(\"SR-3\")]).",
            },
            lines);
        Assert.All(diagnostics.Items, d => Assert.Equal("requirements.yaml", d.File));
    }

    [Fact]
    public void When_everything_gated_is_covered_the_gate_passes_and_functional_items_are_not_gated_by_default()
    {
        var matrix = Matrix(
            new[] { Impl("SR-1"), Test("SR-1", "T.A"), Impl("SR-2"), Test("SR-2", "T.A"), Impl("SR-3"), Test("SR-3", "T.A"), Test("M-1", "T.A"), Test("M-2", "T.A") },
            true,
            new Trx.Case("T", "A", "T.A", "Passed"));
        var diagnostics = new DiagnosticBag();

        Assert.Equal(0, TraceGate.Evaluate(matrix, TraceGate.DefaultKinds.ToList(), diagnostics));
        Assert.Empty(diagnostics.Items);

        Assert.Equal(1, TraceGate.Evaluate(matrix, new[] { RequirementKind.FunctionalRequirement }, diagnostics));
        Assert.Contains("FR-1", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_test_results_the_gate_says_to_run_the_tests()
    {
        var matrix = Matrix(new[] { Impl("SR-1"), Test("SR-1", "T.A") }, false);
        var diagnostics = new DiagnosticBag();

        TraceGate.Evaluate(matrix, new[] { RequirementKind.SecurityRequirement }, diagnostics);

        Assert.Contains(diagnostics.Items, d => d.Message.StartsWith("SR-1 ", StringComparison.Ordinal) && d.Message.Contains("no test results (run dotnet test)", StringComparison.Ordinal));
    }

    [Fact]
    public void Threats_can_be_gated_for_an_uncovered_mitigation()
    {
        var matrix = Matrix(new[] { Impl("M-1"), Test("M-1", "T.A") }, true, new Trx.Case("T", "A", "T.A", "Passed"));
        var diagnostics = new DiagnosticBag();

        TraceGate.Evaluate(matrix, new[] { RequirementKind.Threat }, diagnostics);

        Assert.Equal(new[] { "T-2", "T-3" }, diagnostics.Items.Select(d => d.Message.Split(' ')[0]));
    }

    [Theory]
    [InlineData("security;mitigation", 2)]
    [InlineData("Security, Threat, functional", 3)]
    [InlineData("", 2)]
    public void Gate_kinds_parse(string value, int count) => Assert.Equal(count, TraceGate.ParseKinds(value, new DiagnosticBag()).Count);

    [Fact]
    public void An_unknown_gate_kind_is_a_QLB3007_error()
    {
        var diagnostics = new DiagnosticBag();
        TraceGate.ParseKinds("security;wishes", diagnostics);
        Assert.Contains("wishes", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }
}
