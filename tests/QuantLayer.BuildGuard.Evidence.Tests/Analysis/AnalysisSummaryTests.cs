using QuantLayer.BuildGuard.Evidence.Analysis;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Analysis;

public sealed class AnalysisSummaryTests
{
    // Shaped like the log the C# compiler 5.9 writes with ErrorLog=...,version=2.1.
    private const string Sarif = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [ {
            "results": [
              { "ruleId": "CA1050", "level": "note", "message": { "text": "Declare types in namespaces" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/C.cs" }, "region": { "startLine": 3, "startColumn": 21 } } } ] },
              { "ruleId": "QLB1100", "level": "warning", "message": { "text": "MD5 is a broken hash algorithm" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/C.cs" }, "region": { "startLine": 9, "startColumn": 39 } } } ] },
              { "ruleId": "QLB1100", "level": "warning", "message": { "text": "MD5 is a broken hash algorithm" },
                "suppressions": [ { "kind": "inSource", "justification": "Legacy protocol", "properties": { "suppressionType": "SuppressMessageAttribute" } } ],
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/C.cs" }, "region": { "startLine": 6, "startColumn": 39 } } } ] },
              { "ruleId": "QLB1100", "level": "warning", "message": { "text": "SHA-1 is a broken hash algorithm" },
                "suppressions": [ { "kind": "inSource", "properties": { "suppressionType": "Pragma Directive" } } ],
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/C.cs" }, "region": { "startLine": 8, "startColumn": 39 } } } ] },
              { "ruleId": "CS0168", "level": "warning", "message": { "text": "The variable 'x' is declared but never used" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///nuget/packages/source.only/1.0.0/contentFiles/X.cs" }, "region": { "startLine": 1, "startColumn": 1 } } } ] }
            ],
            "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "semanticVersion": "5.9.0" } }
          } ]
        }
        """;

    [Fact]
    public void Keeps_BuildGuard_findings_warnings_and_suppressions_with_their_justification()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("log.sarif", Sarif);
        var diagnostics = new DiagnosticBag();

        var summary = AnalysisSummary.Read(path, "App", "/repo", diagnostics)!;

        Assert.Empty(diagnostics.Items);
        Assert.Equal("Microsoft (R) Visual C# Compiler 5.9.0", summary.Tool);
        Assert.DoesNotContain(summary.Findings, f => f.RuleId == "CA1050");
        Assert.Equal(new[] { 6, 8, 9 }, summary.Findings.Where(f => f.RuleId == "QLB1100").Select(f => f.Line));
        Assert.All(summary.Findings.Where(f => f.RuleId == "QLB1100"), f => Assert.Equal("src/C.cs", f.Path));
        Assert.Equal("Legacy protocol", summary.Findings.Single(f => f.Line == 6).Suppression!.Justification);
        Assert.Equal("(external)/X.cs", summary.Findings.Single(f => f.RuleId == "CS0168").Path);

        var rule = summary.Rules.Single(r => r.RuleId == "QLB1100");
        Assert.Equal(new RuleCount("QLB1100", 1, 2, 1), rule);
    }

    [Fact]
    public void Round_trips_and_is_the_same_for_the_same_log_in_another_folder()
    {
        using var temp = new TempDirectory();
        var a = AnalysisSummary.Read(temp.Write("a.sarif", Sarif), "App", "/repo", new DiagnosticBag())!;
        var b = AnalysisSummary.Read(temp.Write("b.sarif", Sarif.Replace("/repo/", "/elsewhere/clone/", StringComparison.Ordinal)), "App", "/elsewhere/clone", new DiagnosticBag())!;

        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.Equal(a.ToJson(), AnalysisSummary.Parse(a.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("{ \"version\": \"1.0.0\", \"runLogs\": [] }", "not a SARIF 2.1 log")]
    [InlineData("{ not json", "not valid SARIF")]
    [InlineData("{ \"version\": \"2.1.0\", \"runs\": [] }\n{ \"version\": \"2.1.0\", \"runs\": [] }", "If more than one compilation writes this file")]
    public void A_bad_log_is_QLB3007_with_the_file(string content, string message)
    {
        using var temp = new TempDirectory();
        var path = temp.Write("bad.sarif", content);
        var diagnostics = new DiagnosticBag();

        Assert.Null(AnalysisSummary.Read(path, "App", "/repo", diagnostics));

        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3007", diagnostic.Id);
        Assert.Equal(path, diagnostic.File);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }
}
