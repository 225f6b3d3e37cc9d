using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class TraceMatrixFileTests
{
    private static string Matrix(params string[] items) => $$"""
        { "traceMatrixType": "{{TraceMatrixWriter.MatrixType}}", "testResults": true, "resultFiles": ["a.trx"], "items": [{{string.Join(",", items)}}] }
        """;

    private static string Item(string id, string status, int revision = 1, string kind = "security", params string[] tests)
        => $$"""{ "id": "{{id}}", "kind": "{{kind}}", "revision": {{revision}}, "status": "{{status}}", "tests": [{{string.Join(",", tests.Select(t => $$"""{ "name": "{{t.Split('=')[0]}}", "result": "{{t.Split('=')[1]}}" }"""))}}] }""";

    [Fact]
    public void A_matrix_written_by_BuildGuard_reads_back_with_every_item_status_revision_and_test()
    {
        using var temp = new TempDirectory();
        var matrix = TraceReportTests.Sample();
        var path = temp.Write("Gateway.trace.json", System.Text.Encoding.UTF8.GetString(TraceMatrixWriter.ToJson(matrix)));

        var file = TraceMatrixFile.Read(path);

        Assert.True(file.TestResults);
        Assert.Equal(1, file.ResultFiles);
        Assert.Equal(
            matrix.Entries.Select(e => $"{e.Item.Id} {e.Item.Revision} {e.Status} {string.Join(",", e.Tests.Select(t => t.Name + "=" + t.Result))}").OrderBy(s => s, StringComparer.Ordinal),
            file.Items.Select(i => $"{i.Id} {i.Revision} {i.Status} {string.Join(",", i.Tests.Select(t => t.Name + "=" + t.Result))}").OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Merging_the_matrices_of_two_test_projects_credits_what_either_proves()
    {
        // Each test project's matrix lists every registry item; SR-1 is tested in A only, SR-2 fails in A and passes in B.
        var a = TraceMatrixFile.Parse(System.Text.Json.JsonDocument.Parse(Matrix(
            Item("SR-1", "covered", 2, "security", "A.Tests.One=passed"),
            Item("SR-2", "failing", 1, "security", "A.Tests.Two=failed"),
            Item("T-1", "unmitigated", kind: "threat"))).RootElement);
        var b = TraceMatrixFile.Parse(System.Text.Json.JsonDocument.Parse(Matrix(
            Item("SR-1", "missing", 1),
            Item("SR-2", "covered", 3, "security", "B.Tests.Two=passed"),
            Item("T-1", "mitigated", kind: "threat"))).RootElement);

        foreach (var merged in new[] { TraceMatrixFile.Merge(new[] { a, b }), TraceMatrixFile.Merge(new[] { b, a }) })
        {
            Assert.Equal(("covered", 2), (merged["SR-1"].Status, merged["SR-1"].Revision));
            Assert.Equal(("covered", 3), (merged["SR-2"].Status, merged["SR-2"].Revision));
            Assert.Equal(new[] { "A.Tests.Two", "B.Tests.Two" }, merged["SR-2"].Tests.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal("mitigated", merged["T-1"].Status);
        }
    }

    [Fact]
    public void The_change_record_reads_a_requirement_covered_in_one_test_project_as_covered()
    {
        using var temp = new TempDirectory();
        var baseline = new[]
        {
            temp.Write("old/A.trace.json", Matrix(Item("SR-1", "covered", 1, "security", "A.Tests.One=passed"), Item("SR-2", "missing"))),
            temp.Write("old/B.trace.json", Matrix(Item("SR-1", "missing"), Item("SR-2", "missing"))),
        };
        var current = new[]
        {
            temp.Write("new/A.trace.json", Matrix(Item("SR-1", "covered", 1, "security", "A.Tests.One=passed"), Item("SR-2", "missing"))),
            temp.Write("new/B.trace.json", Matrix(Item("SR-1", "missing"), Item("SR-2", "covered", 1, "security", "B.Tests.Two=passed"))),
        };

        var changes = RequirementsDiff.Compare(RequirementsDiff.ReadMatrices(baseline), RequirementsDiff.ReadMatrices(current));

        // SR-1 did not change (covered by A in both releases); SR-2 became covered by B's test.
        var coverage = Assert.Single(changes.Coverage);
        Assert.Equal(("SR-2", "missing", "covered"), (coverage.Id, coverage.FromStatus, coverage.ToStatus));
        Assert.Equal(new[] { "B.Tests.Two" }, coverage.TestsAdded);
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("{ \"items\": [] }", "is not a BuildGuard traceability matrix (traceMatrixType must be")]
    [InlineData("{ \"traceMatrixType\": \"https://quantlayer.io/buildguard/trace-matrix/v1\" }", "is not a BuildGuard traceability matrix (it has no items array)")]
    [InlineData("{ \"traceMatrixType\": \"https://quantlayer.io/buildguard/trace-matrix/v1\", \"items\": [ { \"id\": \"SR-1\" } ] }", "has an item without id, kind or status")]
    public void What_is_not_a_matrix_is_a_FormatException_the_change_record_names_with_the_file(string content, string message)
    {
        using var temp = new TempDirectory();
        var path = temp.Write("x.trace.json", content);

        Assert.StartsWith(message, Assert.Throws<FormatException>(() => TraceMatrixFile.Read(path)).Message, StringComparison.Ordinal);
        Assert.StartsWith($"'{path}' {message}", Assert.Throws<FormatException>(() => RequirementsDiff.ReadMatrices(new[] { path })).Message, StringComparison.Ordinal);
    }
}
