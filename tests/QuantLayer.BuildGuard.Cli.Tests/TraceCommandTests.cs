using QuantLayer.BuildGuard.Evidence.Traceability;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

public sealed class TraceCommandTests
{
    private const string Registry = """
        requirements:
          - id: SR-1
            title: Frames carry a MAC
          - id: SR-2
            title: Sessions expire
          - id: SR-3
            title: Firmware is signed
        threats:
          - id: T-1
            title: Spoofed frames
        mitigations:
          - id: M-1
            title: Verify the MAC
            covers: [T-1]
        """;

    private static TempDirectory Evidence()
    {
        var temp = new TempDirectory();
        temp.Write("requirements/security.yaml", Registry);
        File.WriteAllBytes(temp.Combine("evidence", "Gateway", "buildguard", "Gateway.trace-tags.json").Also(p => Directory.CreateDirectory(Path.GetDirectoryName(p)!)), TraceTagFile.Write("Gateway", new[]
        {
            new TraceTag(TraceRelation.Implements, "SR-1", 0, "Gateway.Mac.Verify", "Gateway", null, "[Implements]"),
            new TraceTag(TraceRelation.Implements, "SR-2", 0, "Gateway.Session.Expire", "Gateway", null, "[Implements]"),
            new TraceTag(TraceRelation.Implements, "M-1", 0, "Gateway.Mac.Verify", "Gateway", null, "[Implements]"),
            new TraceTag(TraceRelation.Implements, "SR-12", 0, "Gateway.Typo", "Gateway", null, "[Implements]"),
        }));
        File.WriteAllBytes(temp.Combine("evidence", "Gateway.Tests", "buildguard", "Gateway.Tests.trace-tags.json").Also(p => Directory.CreateDirectory(Path.GetDirectoryName(p)!)), TraceTagFile.Write("Gateway.Tests", new[]
        {
            new TraceTag(TraceRelation.Verifies, "SR-1", 0, "Gateway.Tests.MacTests.Rejects", "Gateway.Tests", "Gateway.Tests.MacTests.Rejects", "xunit trait"),
            new TraceTag(TraceRelation.Verifies, "M-1", 0, "Gateway.Tests.MacTests.Rejects", "Gateway.Tests", "Gateway.Tests.MacTests.Rejects", "[Verifies]"),
            new TraceTag(TraceRelation.Verifies, "SR-2", 0, "Gateway.Tests.SessionTests.Expires", "Gateway.Tests", "Gateway.Tests.SessionTests.Expires", "[Verifies]"),
        }));
        temp.Write("results/run.trx", """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult executionId="e1" testId="00000000-0000-0000-0000-000000000001" testName="Gateway.Tests.MacTests.Rejects" outcome="Passed" />
                <UnitTestResult executionId="e2" testId="00000000-0000-0000-0000-000000000002" testName="Gateway.Tests.SessionTests.Expires" outcome="Failed" />
              </Results>
              <TestDefinitions>
                <UnitTest name="Gateway.Tests.MacTests.Rejects" id="00000000-0000-0000-0000-000000000001"><TestMethod codeBase="t.dll" className="Gateway.Tests.MacTests" name="Rejects" /></UnitTest>
                <UnitTest name="Gateway.Tests.SessionTests.Expires" id="00000000-0000-0000-0000-000000000002"><TestMethod codeBase="t.dll" className="Gateway.Tests.SessionTests" name="Expires" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """);
        return temp;
    }

    [Fact]
    public void Trace_combines_the_tag_files_and_results_of_a_folder_into_the_matrix()
    {
        using var temp = Evidence();

        var (exitCode, output, error) = CliRunner.Run("trace", temp.Combine("evidence"), temp.Combine("results"), "-r", temp.Combine("requirements"), "-o", temp.Combine("out"), "--name", "Gateway", "--base", temp.Path);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Traceability matrix 'Gateway': 5 items", output, StringComparison.Ordinal);
        foreach (var suffix in new[] { ".trace.json", ".trace.csv", ".trace.html" })
        {
            Assert.True(File.Exists(temp.Combine("out", "Gateway" + suffix)), suffix);
        }

        var json = File.ReadAllText(temp.Combine("out", "Gateway.trace.json"));
        Assert.Contains("\"file\": \"requirements/security.yaml\"", json, StringComparison.Ordinal);
        Assert.Contains("warning QLB3064: Gateway.Typo (Gateway) implements 'SR-12', which is not in the registry; did you mean 'SR-1'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_gate_fails_with_one_line_per_missing_requirement()
    {
        using var temp = Evidence();

        var (exitCode, _, error) = CliRunner.Run("trace", temp.Combine("evidence"), temp.Combine("results"), "-r", temp.Combine("requirements", "*.yaml"), "-o", temp.Combine("out"), "--gate");

        Assert.Equal(1, exitCode);
        var gateLines = error.Split('\n').Where(l => l.Contains("error QLB3060", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, gateLines.Count);
        Assert.Contains(gateLines, l => l.Contains("security.yaml(4,9): error QLB3060: SR-2 rev 1 (security) 'Sessions expire': no passing test (Gateway.Tests.SessionTests.Expires failed).", StringComparison.Ordinal));
        Assert.Contains(gateLines, l => l.Contains("SR-3 rev 1 (security) 'Firmware is signed': no implementation ([Implements(\"SR-3\")]); no test", StringComparison.Ordinal));
        Assert.Contains("the traceability gate failed for 2 item(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_problems_are_reported_with_file_line_and_column()
    {
        using var temp = Evidence();
        temp.Write("requirements/zz-broken.csv", "Id,Title\nSR-1,Duplicate\n");

        var (exitCode, _, error) = CliRunner.Run("trace", temp.Combine("evidence"), "-r", temp.Combine("requirements"), "-o", temp.Combine("out"), "--no-results");

        Assert.Equal(0, exitCode);
        Assert.Contains("zz-broken.csv(2,1): warning QLB3061: Duplicate id 'SR-1'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trace", "/no/such/folder", "-r", "/tmp")]
    [InlineData("trace", "/tmp")]
    [InlineData("trace", "/tmp", "-r", "/no/such/requirements.yaml")]
    [InlineData("trace", "/tmp", "-r", "/tmp", "--gate-kinds", "wishes")]
    public void Usage_errors_exit_with_2(params string[] args)
    {
        var (exitCode, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("buildguard", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}

internal static class PathExtensions
{
    public static string Also(this string value, Action<string> action)
    {
        action(value);
        return value;
    }
}
