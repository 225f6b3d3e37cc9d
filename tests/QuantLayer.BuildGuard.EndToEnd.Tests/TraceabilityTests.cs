using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>
/// Requirement traceability in the real build of the sample: its registry (YAML) and threat model
/// (Threat Dragon), tagged code and tests; the matrix after build and after dotnet test with real
/// results; the gate; and buildguard trace over the whole solution.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TraceabilityTests
{
    private readonly PackageFixture _fixture;

    public TraceabilityTests(PackageFixture fixture) => _fixture = fixture;

    private static string TestsEvidence(string directory)
        => Path.Combine(directory, "tests", "Contoso.Gateway.Protocol.Tests", "bin", "Release", "net8.0", "buildguard");

    [Fact]
    public void Build_and_test_of_the_sample_produce_the_matrix_with_real_results_listed_in_the_manifest()
    {
        var directory = _fixture.CreateSampleRepository("trace");

        var build = _fixture.DotNet(directory, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.All);
        var evidence = TestsEvidence(directory);
        using (var before = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(evidence, "Contoso.Gateway.Protocol.Tests.trace.json"))))
        {
            Assert.False(before.RootElement.GetProperty("testResults").GetBoolean());
        }

        var test = _fixture.DotNet(directory, "test", "-c", "Release", "--no-build");
        Assert.True(test.ExitCode == 0, test.All);

        var matrixPath = Path.Combine(evidence, "Contoso.Gateway.Protocol.Tests.trace.json");
        using var matrix = JsonDocument.Parse(File.ReadAllBytes(matrixPath));
        var root = matrix.RootElement;
        Assert.True(root.GetProperty("testResults").GetBoolean());
        var items = root.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(
            new[] { "FR-1", "SR-1", "SR-2", "SR-3", "SR-4", "SR-5", "TD-1", "TD-1-M", "TD-2", "TD-2-M", "TD-3", "TD-3-M" },
            items.Keys.OrderBy(k => k, StringComparer.Ordinal));

        // SR-1 at revision 2: implemented in the library (another project), verified by a theory
        // of three cases whose results come from the TRX of this run.
        var sr1 = items["SR-1"];
        Assert.Equal("covered", sr1.GetProperty("status").GetString());
        Assert.Contains(sr1.GetProperty("implementations").EnumerateArray(), i => i.GetProperty("symbol").GetString() == "Contoso.Gateway.Protocol.FrameParser.TryParse" && i.GetProperty("assembly").GetString() == "Contoso.Gateway.Protocol");
        var theory = Assert.Single(sr1.GetProperty("tests").EnumerateArray());
        Assert.Equal("Contoso.Gateway.Protocol.Tests.FrameParserTests.Rejects_impossible_lengths", theory.GetProperty("name").GetString());
        Assert.Equal(("passed", 3), (theory.GetProperty("result").GetString(), theory.GetProperty("passed").GetInt32()));
        Assert.Equal("passed", items["SR-2"].GetProperty("tests")[0].GetProperty("result").GetString()); // an xunit Trait
        Assert.Equal("mitigated", items["TD-2"].GetProperty("status").GetString());
        Assert.Equal("TD-2-M", items["TD-2"].GetProperty("mitigatedBy")[0].GetString());
        Assert.Equal("Gateway data flow / Frame parser", items["TD-2"].GetProperty("context").GetString());
        Assert.Equal("missing", items["FR-1"].GetProperty("status").GetString()); // implemented by the service, which the tests do not reference

        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(evidence, "Contoso.Gateway.Protocol.Tests.manifest.json")));
        var listed = manifest.Evidence.Single(e => e.Kind == "trace-matrix");
        Assert.Equal("buildguard/Contoso.Gateway.Protocol.Tests.trace.json", listed.Path);
        Assert.Equal(FileDigest.Compute(matrixPath).Sha256, listed.Digest.Sha256);
        Assert.Contains(manifest.Evidence, e => e.Kind == "trace-report" && e.Path.EndsWith(".trace.html", StringComparison.Ordinal));
        Assert.Contains(manifest.Evidence, e => e.Kind == "trace-matrix-csv");
        var library = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release", "net8.0", "buildguard", "Contoso.Gateway.Protocol.manifest.json")));
        Assert.Contains(library.Evidence, e => e.Kind == "trace-tags");

        // Outside the build, over the whole solution: the service's tags now count too.
        var trace = _fixture.BuildGuard(directory, "trace", ".", "-r", "requirements", "-o", "artifacts", "--name", "ControllerGateway", "--gate");
        Assert.True(trace.ExitCode == 0, trace.All);
        using var solution = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "artifacts", "ControllerGateway.trace.json")));
        var fr1 = solution.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "FR-1");
        Assert.Equal("covered", fr1.GetProperty("status").GetString());
        Assert.Equal("Contoso.Gateway.Service.GatewayServer.RunAsync", fr1.GetProperty("implementations")[0].GetProperty("symbol").GetString());
    }

    [Fact]
    public void The_gate_fails_dotnet_test_with_one_line_per_missing_requirement_and_trace_reports_a_failing_test()
    {
        var directory = _fixture.CreateSampleRepository("trace-gate");
        var tests = Path.Combine(directory, "tests", "Contoso.Gateway.Protocol.Tests");
        var gatewayTests = Path.Combine(tests, "GatewayTests.cs");
        File.WriteAllText(gatewayTests, File.ReadAllText(gatewayTests).Replace("    [Verifies(\"SR-4\")]\n", string.Empty, StringComparison.Ordinal));

        var test = _fixture.DotNet(directory, "test", "-c", "Release");

        Assert.NotEqual(0, test.ExitCode);
        var gateLines = test.Output.Split('\n').Where(l => l.Contains("error QLB3060", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        var line = Assert.Single(gateLines);
        Assert.Contains("security-requirements.yaml(18,9): error QLB3060: SR-4 rev 1 (security) 'Writes are refused unless the configuration enables them': no test ([Verifies(\"SR-4\")] or a Requirement trait).", line, StringComparison.Ordinal);
        Assert.Contains("Passed!", test.Output, StringComparison.Ordinal); // the tests themselves passed

        // A test that fails: dotnet test fails on its own; buildguard trace shows the failure and the gate lists it.
        var parserTests = Path.Combine(tests, "FrameParserTests.cs");
        File.WriteAllText(parserTests, File.ReadAllText(parserTests).Replace("frame[11] = 126;", "frame[11] = 125;", StringComparison.Ordinal));
        var failing = _fixture.DotNet(directory, "test", "-c", "Release", "-p:BuildGuardTraceGate=false");
        Assert.NotEqual(0, failing.ExitCode);

        var trace = _fixture.BuildGuard(directory, "trace", ".", "-r", "requirements", "-o", "artifacts", "--gate");
        Assert.Equal(1, trace.ExitCode);
        Assert.Contains("error QLB3060: SR-5 rev 1 (security) 'A read asks for at most 125 registers': no passing test (Contoso.Gateway.Protocol.Tests.FrameParserTests.Rejects_a_read_of_more_than_125_registers failed).", trace.Error, StringComparison.Ordinal);
        Assert.Contains("error QLB3060: SR-4 rev 1", trace.Error, StringComparison.Ordinal);
    }
}
