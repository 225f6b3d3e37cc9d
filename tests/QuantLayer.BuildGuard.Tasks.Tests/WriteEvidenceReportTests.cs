using System.Text.Json;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class WriteEvidenceReportTests
{
    private static TempDirectory Output()
    {
        var temp = new TempDirectory();
        var bin = temp.Combine("bin");
        temp.Write("bin/App.dll", "assembly bytes");
        temp.Write("bin/App.cdx.json", """{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "metadata": {"component": {"type": "application", "name": "App"}}, "components": []}""");
        var manifest = new EvidenceManifest
        {
            Name = "App",
            Artifacts = new[] { EvidenceManifest.Entry(bin, Path.Combine(bin, "App.dll"), "assembly") },
            Evidence = new[] { EvidenceManifest.Entry(bin, Path.Combine(bin, "App.cdx.json"), "sbom") },
        };
        Directory.CreateDirectory(temp.Combine("bin", "buildguard"));
        File.WriteAllBytes(temp.Combine("bin", "buildguard", "App.manifest.json"), manifest.ToJson());
        return temp;
    }

    private static WriteEvidenceReport Task(TempDirectory temp, MockEngine engine) => new()
    {
        BuildEngine = engine,
        EvidenceDirectory = temp.Combine("bin"),
        OutputDirectory = temp.Combine("bin", "buildguard"),
        Name = "App",
        RepositoryRoot = temp.Path,
        SourceDateEpoch = "1714557600",
    };

    [Fact]
    public void Writes_the_json_and_html_report_with_the_source_date()
    {
        using var temp = Output();
        var engine = new MockEngine();
        var task = Task(temp, engine);

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(2, task.ReportFiles.Length);
        using var json = JsonDocument.Parse(File.ReadAllBytes(temp.Combine("bin", "buildguard", "App.iec62443.json")));
        Assert.Equal("2024-05-01T10:00:00Z", json.RootElement.GetProperty("sourceDate").GetString());
        Assert.True(File.Exists(temp.Combine("bin", "buildguard", "App.iec62443.html")));
        Assert.Empty(engine.Warnings);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("IEC 62443-4-1 evidence report", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_input_is_a_QLB3090_warning_with_the_file_and_Strict_makes_it_an_error()
    {
        using var temp = Output();
        var bad = temp.Write("bin/buildguard/App.analysis.json", "{ truncated");
        var engine = new MockEngine();

        Assert.True(Task(temp, engine).Execute(), engine.Log);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("QLB3090", warning.Code);
        Assert.Equal(bad, warning.File);
        Assert.EndsWith("docs/rules/QLB3090.md", warning.HelpLink, StringComparison.Ordinal);

        var strict = new MockEngine();
        var task = Task(temp, strict);
        task.Profile = "Strict";
        Assert.False(task.Execute());
        Assert.Equal("QLB3090", Assert.Single(strict.Errors).Code);
    }

    [Fact]
    public void FailOn_missing_fails_the_build_with_one_QLB3094_per_missing_requirement_unless_Audit()
    {
        using var temp = Output();
        var engine = new MockEngine();
        var task = Task(temp, engine);
        task.FailOn = "missing";
        task.Format = "json";

        Assert.False(task.Execute());

        Assert.All(engine.Errors, e => Assert.Equal("QLB3094", e.Code));
        Assert.Contains(engine.Errors, e => e.Message!.Contains("SM-8 (Controls for private keys) is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(engine.Errors, e => e.Message!.Contains("SM-9", StringComparison.Ordinal));
        Assert.Single(task.ReportFiles);
        using (var written = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(task.ReportFiles.Single().ItemSpec)))
        {
            Assert.Equal(written.RootElement.GetProperty("summary").GetProperty("missing").GetInt32(), engine.Errors.Count);
        }

        var audit = new MockEngine();
        var auditTask = Task(temp, audit);
        auditTask.FailOn = "missing";
        auditTask.Profile = "Audit";
        Assert.True(auditTask.Execute(), audit.Log);
        Assert.NotEmpty(audit.Warnings);
    }

    [Fact]
    public void A_wrong_format_is_QLB3007()
    {
        using var temp = Output();
        var engine = new MockEngine();
        var task = Task(temp, engine);
        task.Format = "pdf";

        Assert.False(task.Execute());
        Assert.Equal("QLB3007", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Ledgers_that_exist_are_read()
    {
        using var temp = Output();
        temp.Write("ledger/entries.jsonl", "{}\n");
        var engine = new MockEngine();
        var task = Task(temp, engine);
        task.Ledgers = new[] { new TaskItem(temp.Combine("ledger")) };

        Assert.True(task.Execute(), engine.Log);

        var text = File.ReadAllText(temp.Combine("bin", "buildguard", "App.iec62443.json"));
        Assert.Contains("\"kind\": \"ledger\"", text, StringComparison.Ordinal);
    }
}
