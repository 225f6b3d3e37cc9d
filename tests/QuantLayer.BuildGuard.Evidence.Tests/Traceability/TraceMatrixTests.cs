using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class TraceMatrixTests
{
    internal static readonly RequirementRegistry Registry = RequirementRegistry.Create(new[]
    {
        YamlRegistryParser.Parse("requirements.yaml", """
            requirements:
              - id: SR-1
                revision: 2
                title: Frames carry a MAC
              - id: SR-2
                title: Sessions expire
              - id: SR-3
                title: Firmware is signed
              - id: FR-1
                kind: functional
                needs: implementation
                title: Shows the version
            threats:
              - id: T-1
                title: Spoofed frames
              - id: T-2
                title: Replayed frames
              - id: T-3
                title: Unmodelled threat
            mitigations:
              - id: M-1
                title: Verify the MAC
                covers: [T-1]
              - id: M-2
                title: Sequence numbers
                covers: [T-2]
            """),
    });

    private static TraceTag Impl(string id, string symbol, string assembly = "Gateway", int revision = 0)
        => new(TraceRelation.Implements, id, revision, symbol, assembly, null, "[Implements]");

    private static TraceTag Test(string id, string test, string assembly = "Gateway.Tests", int revision = 0)
        => new(TraceRelation.Verifies, id, revision, test, assembly, test, "[Verifies]");

    private static TestResultSet Results(params string[] trx)
    {
        var set = new TestResultSet();
        for (var i = 0; i < trx.Length; i++)
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(trx[i]));
            set.AddTrx(stream, "run" + i + ".trx");
        }

        return set;
    }

    private static TraceEntry Entry(TraceMatrix matrix, string id) => matrix.Entries.Single(e => e.Item.Id == id);

    [Fact]
    public void Before_the_tests_ran_tests_are_not_run_and_nothing_counts_as_passed()
    {
        var matrix = TraceMatrix.Build(Registry, new[] { Impl("SR-1", "Gateway.Mac.Verify"), Test("SR-1", "Gateway.Tests.MacTests.Rejects") }, null, new TraceMatrixOptions());

        var sr1 = Entry(matrix, "SR-1");
        Assert.Equal("not run", sr1.Status);
        Assert.Equal("not run", Assert.Single(sr1.Tests).Result);
        Assert.Equal(new[] { "passing test" }, sr1.Missing);
        Assert.False(matrix.HasTestResults);
    }

    [Fact]
    public void A_passed_test_covers_a_failed_test_fails_a_skipped_test_is_not_enough()
    {
        var tags = new[]
        {
            Impl("SR-1", "Gateway.Mac.Verify"), Test("SR-1", "Gateway.Tests.MacTests.Rejects"),
            Impl("SR-2", "Gateway.Session.Expire"), Test("SR-2", "Gateway.Tests.SessionTests.Expires"),
            Impl("SR-3", "Gateway.Firmware.Verify"), Test("SR-3", "Gateway.Tests.FirmwareTests.Signed"),
        };
        var results = Results(Trx.Write(
            new Trx.Case("Gateway.Tests.MacTests", "Rejects", "Gateway.Tests.MacTests.Rejects", "Passed"),
            new Trx.Case("Gateway.Tests.SessionTests", "Expires", "Gateway.Tests.SessionTests.Expires", "Failed"),
            new Trx.Case("Gateway.Tests.FirmwareTests", "Signed", "Gateway.Tests.FirmwareTests.Signed", "NotExecuted")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        Assert.Equal("covered", Entry(matrix, "SR-1").Status);
        Assert.Empty(Entry(matrix, "SR-1").Missing);
        Assert.Equal("failing", Entry(matrix, "SR-2").Status);
        Assert.Equal("failed", Entry(matrix, "SR-2").Tests[0].Result);
        Assert.Equal("not run", Entry(matrix, "SR-3").Status);
        Assert.Equal("skipped", Entry(matrix, "SR-3").Tests[0].Result);
    }

    [Fact]
    public void A_theory_with_several_cases_counts_every_case_and_one_failing_case_fails_it()
    {
        var tags = new[] { Impl("SR-1", "Gateway.Mac.Verify"), Test("SR-1", "Gateway.Tests.MacTests.Rejects_bad_length"), Impl("SR-2", "Gateway.Session"), Test("SR-2", "Gateway.Tests.SessionTests.Expires_after") };
        var results = Results(Trx.Write(
            new Trx.Case("Gateway.Tests.MacTests", "Rejects_bad_length", "Gateway.Tests.MacTests.Rejects_bad_length(length: 0)", "Passed"),
            new Trx.Case("Gateway.Tests.MacTests", "Rejects_bad_length", "Gateway.Tests.MacTests.Rejects_bad_length(length: 7)", "Passed"),
            new Trx.Case("Gateway.Tests.MacTests", "Rejects_bad_length", "Gateway.Tests.MacTests.Rejects_bad_length(length: 300)", "Passed"),
            new Trx.Case("Gateway.Tests.SessionTests", "Expires_after", "Gateway.Tests.SessionTests.Expires_after(seconds: 1)", "Passed"),
            new Trx.Case("Gateway.Tests.SessionTests", "Expires_after", "Gateway.Tests.SessionTests.Expires_after(seconds: 2)", "Failed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        var theory = Assert.Single(Entry(matrix, "SR-1").Tests);
        Assert.Equal(("passed", 3, 0), (theory.Result, theory.Passed, theory.Failed));
        var mixed = Assert.Single(Entry(matrix, "SR-2").Tests);
        Assert.Equal(("failed", 1, 1), (mixed.Result, mixed.Passed, mixed.Failed));
        Assert.Equal("failing", Entry(matrix, "SR-2").Status);
    }

    [Fact]
    public void A_renamed_test_has_no_result_and_the_old_names_result_is_not_credited()
    {
        // The TRX is from before the rename: it has Rejects_old; the assembly now has Rejects_new.
        var tags = new[] { Impl("SR-1", "Gateway.Mac.Verify"), Test("SR-1", "Gateway.Tests.MacTests.Rejects_new") };
        var results = Results(Trx.Write(new Trx.Case("Gateway.Tests.MacTests", "Rejects_old", "Gateway.Tests.MacTests.Rejects_old", "Passed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        var sr1 = Entry(matrix, "SR-1");
        Assert.Equal("not run", Assert.Single(sr1.Tests).Result);
        Assert.Equal("not run", sr1.Status);
        Assert.Contains("passing test", sr1.Missing);
    }

    [Fact]
    public void Tests_in_another_project_and_results_from_several_files_are_joined()
    {
        var tags = new[]
        {
            Impl("SR-1", "Gateway.Protocol.Mac.Verify", "Gateway.Protocol"),
            Test("SR-1", "Gateway.Protocol.Tests.MacTests.Rejects", "Gateway.Protocol.Tests"),
            Test("SR-1", "Gateway.Host.Tests.EndToEnd+Frames.Rejected", "Gateway.Host.Tests"),
        };
        var results = Results(
            Trx.Write(new Trx.Case("Gateway.Protocol.Tests.MacTests", "Rejects", "Gateway.Protocol.Tests.MacTests.Rejects", "Failed")),
            Trx.Write(new Trx.Case("Gateway.Host.Tests.EndToEnd+Frames", "Rejected", "Gateway.Host.Tests.EndToEnd+Frames.Rejected", "Passed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        var sr1 = Entry(matrix, "SR-1");
        Assert.Equal("covered", sr1.Status);
        Assert.Equal(new[] { ("Gateway.Host.Tests.EndToEnd+Frames.Rejected", "passed"), ("Gateway.Protocol.Tests.MacTests.Rejects", "failed") }, sr1.Tests.Select(t => (t.Name, t.Result)).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal("Gateway.Protocol", Assert.Single(sr1.Implementations).Assembly);
        Assert.Equal(2, matrix.ResultFiles.Count);
    }

    [Fact]
    public void An_MSTest_class_name_with_an_assembly_qualification_and_NUnit_arguments_are_normalised()
    {
        var tags = new[] { Impl("SR-1", "X"), Test("SR-1", "Gateway.Tests.MacTests.Rejects") };
        var results = Results(Trx.Write(new Trx.Case("Gateway.Tests.MacTests, Gateway.Tests, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null", "Rejects(3,\"a\")", "Rejects(3,\"a\")", "Passed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        Assert.Equal("covered", Entry(matrix, "SR-1").Status);
    }

    [Fact]
    public void A_link_to_an_older_revision_does_not_count_and_is_listed_as_outdated()
    {
        var tags = new[] { Impl("SR-1", "Gateway.Mac.Verify", revision: 2), Test("SR-1", "Gateway.Tests.MacTests.Rejects", revision: 1) };
        var results = Results(Trx.Write(new Trx.Case("Gateway.Tests.MacTests", "Rejects", "Gateway.Tests.MacTests.Rejects", "Passed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        var sr1 = Entry(matrix, "SR-1");
        Assert.Single(sr1.Implementations);
        Assert.Empty(sr1.Tests);
        Assert.Equal(("verifies", 1), (Assert.Single(sr1.Outdated).Relation, sr1.Outdated[0].Revision));
        Assert.Equal("missing", sr1.Status);
    }

    [Fact]
    public void Threats_are_mitigated_when_a_covering_mitigation_is_covered()
    {
        var tags = new[] { Impl("M-1", "Gateway.Mac.Verify"), Test("M-1", "Gateway.Tests.MacTests.Rejects"), Impl("M-2", "Gateway.Seq") };
        var results = Results(Trx.Write(new Trx.Case("Gateway.Tests.MacTests", "Rejects", "Gateway.Tests.MacTests.Rejects", "Passed")));

        var matrix = TraceMatrix.Build(Registry, tags, results, new TraceMatrixOptions());

        Assert.Equal("mitigated", Entry(matrix, "T-1").Status);
        Assert.Equal(new[] { "M-1" }, Entry(matrix, "T-1").MitigatedBy);
        Assert.Equal("unmitigated", Entry(matrix, "T-2").Status);
        Assert.Equal(new[] { "covered mitigation" }, Entry(matrix, "T-2").Missing);
        Assert.Equal(new[] { "mitigation" }, Entry(matrix, "T-3").Missing);
        Assert.Equal("missing", Entry(matrix, "FR-1").Status);
        Assert.Equal(new[] { "implementation" }, Entry(matrix, "FR-1").Missing);
    }

    [Fact]
    public void Tags_with_unknown_ids_are_listed()
    {
        var matrix = TraceMatrix.Build(Registry, new[] { Impl("SR-99", "Gateway.Ghost") }, null, new TraceMatrixOptions());
        Assert.Equal("SR-99", Assert.Single(matrix.UnknownTags).RequirementId);
    }

    [Fact]
    public void A_broken_trx_file_is_a_QLB3062_warning_with_its_line()
    {
        using var temp = new TestUtilities.TempDirectory();
        var path = temp.Write("broken.trx", "<TestRun>\n<Results>\n</TestRun>");
        var diagnostics = new DiagnosticBag();

        Assert.False(new TestResultSet().AddTrx(path, diagnostics));

        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal(("QLB3062", 3), (warning.Id, warning.Line));
    }
}
