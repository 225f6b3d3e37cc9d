using System.Text.Json;
using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.TestUtilities;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class TraceReportTests
{
    internal static TraceMatrix Sample(bool shuffle = false)
    {
        var tags = new List<TraceTag>
        {
            new(TraceRelation.Implements, "SR-1", 0, "Gateway.Mac.Verify", "Gateway", null, "[Implements]"),
            new(TraceRelation.Verifies, "SR-1", 2, "Gateway.Tests.MacTests.Rejects", "Gateway.Tests", "Gateway.Tests.MacTests.Rejects", "[Verifies]"),
            new(TraceRelation.Implements, "M-1", 0, "Gateway.Mac.Verify", "Gateway", null, "[Implements]"),
            new(TraceRelation.Verifies, "M-1", 0, "Gateway.Tests.MacTests.Rejects", "Gateway.Tests", "Gateway.Tests.MacTests.Rejects", "xunit trait"),
            new(TraceRelation.Implements, "SR-2", 0, "Gateway.Session.Expire", "Gateway", null, "[Implements]"),
            new(TraceRelation.Verifies, "SR-2", 0, "Gateway.Tests.SessionTests.Expires", "Gateway.Tests", "Gateway.Tests.SessionTests.Expires", "[Verifies]"),
            new(TraceRelation.Implements, "SR-99", 0, "Gateway.Ghost", "Gateway", null, "[Implements]"),
        };
        if (shuffle)
        {
            tags.Reverse();
        }

        var results = new TestResultSet();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Trx.Write(
            new Trx.Case("Gateway.Tests.MacTests", "Rejects", "Gateway.Tests.MacTests.Rejects", "Passed"),
            new Trx.Case("Gateway.Tests.SessionTests", "Expires", "Gateway.Tests.SessionTests.Expires", "Failed"))));
        results.AddTrx(stream, "run.trx");
        return TraceMatrix.Build(TraceMatrixTests.Registry, tags, results, new TraceMatrixOptions { Name = "Gateway <Tests>", SourceCommit = "0123456789abcdef0123456789abcdef01234567", SourceDateEpoch = 1714557600 });
    }

    [Fact]
    public void The_JSON_matrix_is_deterministic_whatever_the_input_order()
    {
        Assert.Equal(TraceMatrixWriter.ToJson(Sample()), TraceMatrixWriter.ToJson(Sample(shuffle: true)));
        Assert.Equal(TraceMatrixHtml.Render(Sample()), TraceMatrixHtml.Render(Sample(shuffle: true)));
        Assert.Equal(TraceMatrixWriter.ToCsv(Sample()), TraceMatrixWriter.ToCsv(Sample(shuffle: true)));
    }

    [Fact]
    public void The_JSON_matrix_has_every_item_with_links_results_and_the_summary()
    {
        using var document = JsonDocument.Parse(TraceMatrixWriter.ToJson(Sample()));
        var root = document.RootElement;
        Assert.Equal(TraceMatrixWriter.MatrixType, root.GetProperty("traceMatrixType").GetString());
        Assert.Equal("2024-05-01T10:00:00Z", root.GetProperty("sourceDate").GetString());
        Assert.True(root.GetProperty("testResults").GetBoolean());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(TraceMatrixTests.Registry.Items.Select(i => i.Id).OrderBy(i => i, StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()));
        var sr1 = items.Single(i => i.GetProperty("id").GetString() == "SR-1");
        Assert.Equal("covered", sr1.GetProperty("status").GetString());
        Assert.Equal("Gateway.Mac.Verify", sr1.GetProperty("implementations")[0].GetProperty("symbol").GetString());
        Assert.Equal("passed", sr1.GetProperty("tests")[0].GetProperty("result").GetString());
        Assert.Equal(2, sr1.GetProperty("source").GetProperty("line").GetInt32());
        Assert.Equal("failing", items.Single(i => i.GetProperty("id").GetString() == "SR-2").GetProperty("status").GetString());
        Assert.Equal("M-1", items.Single(i => i.GetProperty("id").GetString() == "T-1").GetProperty("mitigatedBy")[0].GetString());
        Assert.Equal("SR-99", root.GetProperty("unknownTags")[0].GetProperty("id").GetString());
        Assert.Equal(items.Count, root.GetProperty("summary").GetProperty("items").GetInt32());
    }

    [Fact]
    public void The_CSV_matrix_is_RFC4180_and_reads_back_as_a_registry()
    {
        var csv = System.Text.Encoding.UTF8.GetString(TraceMatrixWriter.ToCsv(Sample()));
        var read = CsvRegistryParser.Parse("matrix.csv", csv);

        Assert.DoesNotContain(read.Problems, p => p.Kind == RegistryProblemKind.Unparsable);
        Assert.Equal(TraceMatrixTests.Registry.Items.Select(i => (i.Id, i.Revision, i.Title, i.Kind)).OrderBy(i => i.Id, StringComparer.Ordinal), read.Items.Select(i => (i.Id, i.Revision, i.Title, i.Kind)));
        Assert.Contains("Gateway.Tests.SessionTests.Expires (failed)", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void The_HTML_page_is_self_contained_and_escapes_text()
    {
        var html = System.Text.Encoding.UTF8.GetString(TraceMatrixHtml.Render(Sample()));

        Assert.DoesNotMatch(new Regex("<(script|link|img)[^>]+(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.Contains("Gateway &lt;Tests&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gateway <Tests>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_real_browser_the_page_lists_every_item_and_the_filter_hides_what_does_not_match()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("Gateway.trace.html");
        File.WriteAllBytes(path, TraceMatrixHtml.Render(Sample()));
        var ids = TraceMatrixTests.Registry.Items.Select(i => i.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();

        var all = Rows(HeadlessChromium.DumpDom(HeadlessChromium.FileUrl(path)));
        Assert.Equal(ids, all.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(all, r => Assert.False(r.Hidden, r.Id + " hidden without a filter"));
        Assert.Contains($"{ids.Count} of {ids.Count} items shown", HeadlessChromium.DumpDom(HeadlessChromium.FileUrl(path)), StringComparison.Ordinal);

        var threats = Rows(HeadlessChromium.DumpDom(HeadlessChromium.FileUrl(path, "kind=threat")));
        Assert.Equal(new[] { "T-1", "T-2", "T-3" }, threats.Where(r => !r.Hidden).Select(r => r.Id));

        var failing = HeadlessChromium.DumpDom(HeadlessChromium.FileUrl(path, "status=failing"));
        Assert.Equal(new[] { "SR-2" }, Rows(failing).Where(r => !r.Hidden).Select(r => r.Id));
        Assert.Contains("1 of " + ids.Count + " items shown", failing, StringComparison.Ordinal);

        // Text filter: words match ids, titles, symbols and test names (case-insensitive).
        var byTest = Rows(HeadlessChromium.DumpDom(HeadlessChromium.FileUrl(path, "q=macTESTS")));
        Assert.Equal(new[] { "M-1", "SR-1", "T-1" }, byTest.Where(r => !r.Hidden).Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal));
    }

    private static List<(string Id, bool Hidden)> Rows(string dom)
        => Regex.Matches(dom, "<tr class=\"item\"[^>]*>")
            .Select(m => (Regex.Match(m.Value, "data-id=\"([^\"]+)\"").Groups[1].Value, Regex.IsMatch(m.Value, "\\shidden(=|\\s|>)")))
            .ToList();
}
