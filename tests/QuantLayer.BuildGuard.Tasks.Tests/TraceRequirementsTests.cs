using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class TraceRequirementsTests
{
    private const string Registry = """
        requirements:
          - id: SR-1
            title: Frames carry a MAC
          - id: SR-2
            title: Sessions expire
        """;

    private static readonly string ThisAssembly = typeof(TraceRequirementsTests).Assembly.Location;

    private static (TraceRequirements Task, MockEngine Engine) Create(TempDirectory temp, string? profile = null)
    {
        var engine = new MockEngine();
        var task = new TraceRequirements
        {
            BuildEngine = engine,
            Name = "Gateway.Tests",
            RegistryFiles = new[] { new TaskItem(temp.Write("requirements.yaml", Registry)) },
            BaseDirectory = temp.Path,
            Assembly = ThisAssembly,
            TagsFile = temp.Combine("bin", "buildguard", "Gateway.Tests.trace-tags.json"),
            OutputDirectory = temp.Combine("bin", "buildguard"),
            SourceDateEpoch = "1714557600",
            Profile = profile,
        };
        return (task, engine);
    }

    private static string Trx(TempDirectory temp, string outcome1, string outcome2)
    {
        string Result(string id, string cls, string method, string outcome) => $"""
            <UnitTestResult executionId="{id}" testId="{id}" testName="{cls}.{method}" outcome="{outcome}" />
            """;
        string Definition(string id, string cls, string method) => $"""
            <UnitTest name="{cls}.{method}" id="{id}"><TestMethod codeBase="x.dll" className="{cls}" name="{method}" /></UnitTest>
            """;
        const string Cls = "QuantLayer.BuildGuard.Tasks.Tests.Tagged.GatewayTests";
        return temp.Write("TestResults/run.trx", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>{Result("00000000-0000-0000-0000-000000000001", Cls, "Mac_is_checked", outcome1)}{Result("00000000-0000-0000-0000-000000000002", Cls, "Session_expires", outcome2)}</Results>
              <TestDefinitions>{Definition("00000000-0000-0000-0000-000000000001", Cls, "Mac_is_checked")}{Definition("00000000-0000-0000-0000-000000000002", Cls, "Session_expires")}</TestDefinitions>
            </TestRun>
            """);
    }

    [Fact]
    public void After_build_it_writes_the_tags_and_a_matrix_with_tests_not_run()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp);

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(new[] { "trace-tags", "trace-matrix", "trace-matrix-csv", "trace-report" }, task.EvidenceFiles.Select(f => f.GetMetadata("Kind")));
        Assert.All(task.EvidenceFiles, f => Assert.True(File.Exists(f.ItemSpec), f.ItemSpec));
        var json = File.ReadAllText(temp.Combine("bin", "buildguard", "Gateway.Tests.trace.json"));
        Assert.Contains("\"result\": \"not run\"", json, StringComparison.Ordinal);
        Assert.Contains("\"symbol\": \"QuantLayer.BuildGuard.Tasks.Tests.Tagged.Gateway.VerifyMac\"", json, StringComparison.Ordinal);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void After_tests_the_results_are_joined_and_the_gate_lists_each_missing_requirement()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp);
        task.AfterTests = true;
        task.ResultsSince = DateTime.UtcNow.AddMinutes(-1).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        task.TestResults = new[] { new TaskItem(Trx(temp, "Passed", "Failed")) };
        task.Gate = true;

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB3060", error.Code);
        Assert.Equal("SR-2 rev 1 (security) 'Sessions expire': no passing test (QuantLayer.BuildGuard.Tasks.Tests.Tagged.GatewayTests.Session_expires failed).", error.Message);
        Assert.Equal(temp.Combine("requirements.yaml"), error.File);
        Assert.Equal(4, error.LineNumber);
        Assert.EndsWith("docs/rules/QLB3060.md", error.HelpLink, StringComparison.Ordinal);
        var json = File.ReadAllText(temp.Combine("bin", "buildguard", "Gateway.Tests.trace.json"));
        Assert.Contains("\"testResults\": true", json, StringComparison.Ordinal);
    }

    [Fact]
    public void In_the_Audit_profile_a_gate_failure_is_a_warning()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp, "Audit");
        task.AfterTests = true;
        task.TestResults = new[] { new TaskItem(Trx(temp, "Failed", "Failed")) };
        task.Gate = true;

        Assert.True(task.Execute(), engine.Log);
        Assert.Equal(2, engine.Warnings.Count(w => w.Code == "QLB3060"));
    }

    [Fact]
    public void With_every_test_passing_the_gate_passes_and_the_manifest_gets_the_new_digests()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp);
        Assert.True(task.Execute(), engine.Log);
        var manifestPath = temp.Combine("bin", "buildguard", "Gateway.Tests.manifest.json");
        var stale = new EvidenceManifest
        {
            Name = "Gateway.Tests",
            Evidence = task.EvidenceFiles.Select(f => EvidenceManifest.Entry(temp.Combine("bin"), f.ItemSpec, f.GetMetadata("Kind"))).ToList(),
        };
        File.WriteAllBytes(manifestPath, stale.ToJson());

        var (after, afterEngine) = Create(temp);
        after.AfterTests = true;
        after.TestResults = new[] { new TaskItem(Trx(temp, "Passed", "Passed")) };
        after.Gate = true;
        after.ManifestPath = manifestPath;
        after.ManifestBaseDirectory = temp.Combine("bin");

        Assert.True(after.Execute(), afterEngine.Log);
        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(manifestPath));
        var matrix = manifest.Evidence.Single(e => e.Kind == "trace-matrix");
        Assert.Equal("buildguard/Gateway.Tests.trace.json", matrix.Path);
        Assert.Equal(Evidence.Io.FileDigest.Compute(temp.Combine("bin", "buildguard", "Gateway.Tests.trace.json")).Sha256, matrix.Digest.Sha256);
        Assert.NotEqual(stale.Evidence.Single(e => e.Kind == "trace-matrix").Digest.Sha256, matrix.Digest.Sha256);
    }

    [Fact]
    public void Results_from_an_earlier_run_are_ignored_with_a_QLB3063_warning()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp);
        var old = Trx(temp, "Passed", "Passed");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        task.AfterTests = true;
        task.ResultsSince = DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        task.TestResults = new[] { new TaskItem(old) };

        Assert.True(task.Execute(), engine.Log);
        Assert.Contains(engine.Warnings, w => w.Code == "QLB3063");
    }

    [Fact]
    public void A_missing_assembly_is_a_QLB3007_error_not_an_exception()
    {
        using var temp = new TempDirectory();
        var (task, engine) = Create(temp);
        task.Assembly = temp.Combine("bin", "Gone.dll");

        Assert.False(task.Execute());
        Assert.Contains(engine.Errors, e => e.Code == "QLB3007" && e.Message!.Contains("Gone.dll", StringComparison.Ordinal));
    }
}
