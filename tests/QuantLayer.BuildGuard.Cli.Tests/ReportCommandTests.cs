using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

public sealed class ReportCommandTests
{
    private const string Sbom = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "metadata": {"component": {"type": "library", "bom-ref": "lib", "name": "Lib", "version": "1.0.0"}},
         "components": [{"type": "library", "bom-ref": "pkg:nuget/Serilog@3.1.1", "name": "Serilog", "version": "3.1.1", "scope": "required", "purl": "pkg:nuget/Serilog@3.1.1",
                         "hashes": [{"alg": "SHA-512", "content": "00"}], "licenses": [{"expression": "Apache-2.0"}]}]}
        """;

    /// <summary>A build output folder: an assembly, its SBOM beside it, and the manifest in buildguard/.</summary>
    private static TempDirectory Output()
    {
        var temp = new TempDirectory("bg-report-cli");
        var output = temp.Combine("bin");
        temp.Write("bin/Lib.dll", "assembly");
        temp.Write("bin/Lib.cdx.json", Sbom);
        var manifest = new EvidenceManifest
        {
            Name = "Lib",
            SourceCommit = "0123456789abcdef0123456789abcdef01234567",
            SourceDateEpoch = 1714557600,
            Artifacts = new[] { EvidenceManifest.Entry(output, Path.Combine(output, "Lib.dll"), "assembly") },
            Evidence = new[] { EvidenceManifest.Entry(output, Path.Combine(output, "Lib.cdx.json"), "sbom") },
        };
        Directory.CreateDirectory(temp.Combine("bin", "buildguard"));
        File.WriteAllBytes(temp.Combine("bin", "buildguard", "Lib.manifest.json"), manifest.ToJson());
        temp.Write("SECURITY.md", "Report vulnerabilities to security@contoso.example.");
        return temp;
    }

    [Fact]
    public void Report_writes_json_and_html_into_the_buildguard_folder_and_exits_0()
    {
        using var temp = Output();

        var (exitCode, output, error) = CliRunner.Run("report", temp.Combine("bin"), "--repository", temp.Path);

        Assert.True(exitCode == 0, output + error);
        var json = temp.Combine("bin", "buildguard", "Lib.iec62443.json");
        Assert.True(File.Exists(json));
        Assert.True(File.Exists(temp.Combine("bin", "buildguard", "Lib.iec62443.html")));
        Assert.Contains("SM-9   evidence found", output, StringComparison.Ordinal);
        Assert.Contains("Not a certificate.", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var dm1 = document.RootElement.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "DM")
            .GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "DM-1");
        Assert.Equal("found", dm1.GetProperty("status").GetString());
    }

    [Fact]
    public void The_json_report_validates_against_the_shipped_schema_with_ajv()
    {
        using var temp = Output();
        temp.Write("bin/broken.trace.json", "{ not json");
        var (exitCode, output, error) = CliRunner.Run("report", temp.Combine("bin"), "--format", "json", "-o", temp.Combine("out"), "--no-repository");
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("warning QLB3090", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("out", "Lib.iec62443.html")));

        // An empty folder gives the other extreme: every provable requirement missing.
        Directory.CreateDirectory(temp.Combine("empty"));
        var empty = CliRunner.Run("report", temp.Combine("empty"), "--name", "Empty", "-o", temp.Combine("out"), "--no-repository");
        Assert.True(empty.ExitCode == 0, empty.Output + empty.Error);
        Assert.Contains("warning QLB3091", empty.Error, StringComparison.Ordinal);

        var schema = RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "schemas", "iec62443-report.v1.schema.json");
        var result = NodeInterop.Run("validate-json-schema.mjs", schema, temp.Combine("out", "Lib.iec62443.json"), temp.Combine("out", "Empty.iec62443.json"));

        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void The_schema_rejects_a_report_that_breaks_it()
    {
        using var temp = Output();
        var (exitCode, _, _) = CliRunner.Run("report", temp.Combine("bin"), "--format", "json", "--no-repository");
        Assert.Equal(0, exitCode);
        var path = temp.Combine("bin", "buildguard", "Lib.iec62443.json");
        File.WriteAllText(temp.Combine("bad.json"), File.ReadAllText(path).Replace("\"status\": \"found\"", "\"status\": \"certified\"", StringComparison.Ordinal));

        var schema = RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "schemas", "iec62443-report.v1.schema.json");
        var result = NodeInterop.Run("validate-json-schema.mjs", schema, temp.Combine("bad.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must be equal to one of the allowed values", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_missing_exits_1_with_one_QLB3094_per_missing_requirement()
    {
        using var temp = Output();

        var (exitCode, output, error) = CliRunner.Run("report", temp.Combine("bin"), "--fail-on", "missing", "--no-repository");

        Assert.Equal(1, exitCode);
        Assert.Contains("error QLB3094: IEC 62443-4-1 SVV-1 (Security requirements testing) is missing", error, StringComparison.Ordinal);
        Assert.DoesNotContain("SM-9 (", error, StringComparison.Ordinal);
        Assert.Contains("the report's gate failed", error, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("bin", "buildguard", "Lib.iec62443.json")), output);
        using var written = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(temp.Combine("bin", "buildguard", "Lib.iec62443.json")));
        var missing = written.RootElement.GetProperty("summary").GetProperty("missing").GetInt32();
        Assert.True(missing > 1, output);
        Assert.Equal(missing, System.Text.RegularExpressions.Regex.Matches(error, "error QLB3094: IEC 62443-4-1 [A-Z]+-[0-9]+ .* is missing").Count);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report", "/no/such/folder")]
    [InlineData("report", ".", "--format", "pdf")]
    [InlineData("report", ".", "--fail-on", "found")]
    [InlineData("report", ".", "--ledger", "/no/such/ledger")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, _, error) = CliRunner.Run(args);

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_runs_write_byte_identical_files()
    {
        using var temp = Output();

        CliRunner.Run("report", temp.Combine("bin"), "--repository", temp.Path);
        var json = File.ReadAllBytes(temp.Combine("bin", "buildguard", "Lib.iec62443.json"));
        var html = File.ReadAllBytes(temp.Combine("bin", "buildguard", "Lib.iec62443.html"));
        CliRunner.Run("report", temp.Combine("bin"), "--repository", temp.Path);

        Assert.Equal(json, File.ReadAllBytes(temp.Combine("bin", "buildguard", "Lib.iec62443.json")));
        Assert.Equal(html, File.ReadAllBytes(temp.Combine("bin", "buildguard", "Lib.iec62443.html")));
    }
}
