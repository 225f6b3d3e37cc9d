using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Tests.Change;

public sealed class ChangeRecordBuilderTests : IDisposable
{
    private const string V1 = "public class Api { public void Run() {} public void Stop(int code) {} } public enum Mode { A, B }";
    private const string V2Compatible = "public class Api { public void Run() {} public void Stop(int code) {} public void Pause() {} } public enum Mode { A, B, C }";
    private const string V2Breaking = "public class Api { public void Run() {} public void Stop(int code, bool force = false) {} } public enum Mode { A, B }";

    private readonly ReleaseFixture _fixture = new();

    [Fact]
    public void A_breaking_minor_release_is_recorded_completely_and_fails_the_semver_gate()
    {
        _fixture.Release("1.0.0", V1, ("Newtonsoft.Json", "13.0.3", "MIT"), ("Serilog", "3.1.0", "Apache-2.0"), ("Old", "1.0.0", "MIT"));
        _fixture.Commit("src/Feature.cs", "// feature", "Add pause support (#12)\n\nRefs OPS-7");
        _fixture.Commit("src/Config.cs", "// config", "feat!: new config file layout\n\nBREAKING CHANGE: settings.json moved to config/\nFormat-Change: settings.json schema v2");
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2024-05-02\n\n### Changed\n- Stop takes a force flag.\n\n## [1.0.0] - 2024-05-01\n\n- First.\n");
        var nupkg = _fixture.Release("1.1.0", V2Breaking, ("Newtonsoft.Json", "13.0.1", "MIT"), ("Serilog", "4.0.0", "Apache-2.0"), ("Extra", "2.0.0", "GPL-3.0-only"));

        var diagnostics = new DiagnosticBag();
        var record = Build(nupkg, diagnostics);

        Assert.Equal("1.0.0", record.Baseline!.Version);
        var change = Assert.Single(record.Api);
        Assert.Equal(ApiChangeKind.Changed, change.Kind);
        Assert.True(change.Breaking);
        Assert.Contains("optional parameter added", change.Reason);
        Assert.Equal(Bump.Minor, record.SemVer!.Actual);
        Assert.Equal(Bump.Major, record.SemVer.Required);
        Assert.False(record.SemVer.Satisfied);
        Assert.Contains(record.SemVer.Reasons, r => r.Contains("settings.json moved to config/"));

        var source = record.Source!;
        Assert.Equal(3, source.Commits.Count);
        Assert.Equal(new[] { "#12", "OPS-7" }, source.Issues);
        Assert.Equal(new[] { "v1.1.0" }.Concat(new[] { "v1.0.0" }).OrderBy(t => t, StringComparer.Ordinal), source.Tags);
        Assert.Equal(new[] { "CHANGELOG.md", "src/Config.cs", "src/Feature.cs", "src/Lib.cs" }, source.Files.Select(f => f.Path));
        Assert.False(record.RollbackCompatible);
        Assert.Equal(new[] { "settings.json schema v2" }, record.FormatChanges);

        var deps = record.Dependencies!;
        Assert.Equal(new[] { "pkg:nuget/extra" }, deps.Added.Select(d => d.Name));
        Assert.Equal(new[] { "pkg:nuget/old" }, deps.Removed.Select(d => d.Name));
        Assert.Equal(new[] { "pkg:nuget/serilog" }, deps.Upgraded.Select(d => d.Name));
        Assert.Equal(new[] { "pkg:nuget/newtonsoft.json" }, deps.Downgraded.Select(d => d.Name));
        Assert.Equal(new[] { "GPL-3.0-only" }, deps.NewLicenses);

        Assert.Equal("1.1.0", record.ChangelogEntry!.Heading.Substring(4, 5));
        Assert.Equal(
            new[] { BuildDiagnosticIds.BreakingChangeWithoutMajor, BuildDiagnosticIds.DependencyDowngraded, BuildDiagnosticIds.NewLicense },
            diagnostics.Items.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        var gate = diagnostics.Items.Single(d => d.Id == BuildDiagnosticIds.BreakingChangeWithoutMajor);
        Assert.Contains("Api.Stop", gate.Message);
        Assert.Contains("major", gate.Message);
    }

    [Fact]
    public void A_compatible_minor_release_passes_and_a_patch_with_additions_is_flagged()
    {
        _fixture.Release("1.0.0", V1);
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## 1.1.0\n\nAdded Pause.\n\n## 1.0.1\n\nAdded Pause.\n");
        var minor = _fixture.Release("1.1.0", V2Compatible);
        var diagnostics = new DiagnosticBag();
        var record = Build(minor, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.True(record.SemVer!.Satisfied);
        Assert.Equal(2, record.Api.Count);
        Assert.All(record.Api, c => Assert.False(c.Breaking));
        Assert.True(record.RollbackCompatible);

        File.Delete(minor);
        var patch = _fixture.Release("1.0.1", V2Compatible);
        diagnostics = new DiagnosticBag();
        Build(patch, diagnostics);
        Assert.Equal(BuildDiagnosticIds.AdditionWithoutMinor, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void A_major_release_with_breaks_passes_the_gate_but_a_missing_changelog_entry_is_reported()
    {
        _fixture.Release("1.0.0", V1);
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n\n## [2.0.0]\n");
        var major = _fixture.Release("2.0.0", V2Breaking);
        var diagnostics = new DiagnosticBag();
        var record = Build(major, diagnostics);
        Assert.True(record.SemVer!.Satisfied);
        var missing = Assert.Single(diagnostics.Items);
        Assert.Equal(BuildDiagnosticIds.ChangelogEntryMissing, missing.Id);
        Assert.EndsWith("CHANGELOG.md", missing.File);
        Assert.Null(record.ChangelogEntry);
    }

    [Fact]
    public void The_first_release_has_no_baseline_and_an_explicit_missing_baseline_is_reported()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n");
        var first = _fixture.Release("1.0.0", V1);
        var diagnostics = new DiagnosticBag();
        var record = Build(first, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Null(record.Baseline);
        Assert.Null(record.SemVer);
        Assert.Contains("first release", record.NoBaselineReason);

        var request = Request(first, "0.9.0");
        ChangeRecordBuilder.Build(request, diagnostics);
        Assert.Equal(BuildDiagnosticIds.BaselineUnavailable, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void The_record_is_deterministic_schema_shaped_and_rendered_as_markdown()
    {
        _fixture.Release("1.0.0", V1, ("Serilog", "3.1.0", "Apache-2.0"));
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [2.0.0]\n\n- Breaking Stop.\n");
        var nupkg = _fixture.Release("2.0.0", V2Breaking, ("Serilog", "4.0.0", "Apache-2.0"));
        var first = ChangeRecordWriter.ToJson(Build(nupkg, new DiagnosticBag()));
        var second = ChangeRecordWriter.ToJson(Build(nupkg, new DiagnosticBag()));
        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain(_fixture.Temp.Path, text);

        using var document = JsonDocument.Parse(first);
        var root = document.RootElement;
        Assert.Equal(ChangeRecord.RecordType, root.GetProperty("changeRecordType").GetString());
        Assert.Equal("Lib.1.0.0.nupkg", root.GetProperty("baseline").GetProperty("source").GetString());
        Assert.Equal(1, root.GetProperty("api").GetProperty("breaking").GetInt32());
        Assert.Equal("major", root.GetProperty("semver").GetProperty("requiredBump").GetString());
        Assert.True(root.GetProperty("semver").GetProperty("satisfied").GetBoolean());
        Assert.Equal("4.0.0", root.GetProperty("dependencies").GetProperty("upgraded")[0].GetProperty("to").GetString());
        Assert.True(root.GetProperty("rollback").GetProperty("compatible").GetBoolean());
        Assert.Equal("Lib.1.0.0.nupkg", root.GetProperty("rollback").GetProperty("artifacts")[0].GetProperty("name").GetString());

        var markdown = ChangeRecordWriter.ToMarkdown(Build(nupkg, new DiagnosticBag()));
        Assert.Contains("# Change record: Lib 2.0.0", markdown);
        Assert.Contains("| **breaking** | changed | `void Api.Stop(int code, bool force = …)` |", markdown);
        Assert.Contains("- Breaking Stop.", markdown);
    }

    public void Dispose() => _fixture.Dispose();

    private ChangeRecord Build(string nupkg, DiagnosticBag diagnostics) => ChangeRecordBuilder.Build(Request(nupkg, null), diagnostics);

    private ChangeRequest Request(string nupkg, string? baseline) => new()
    {
        Current = Release.FromPackage(nupkg),
        Baseline = baseline,
        BaselineFeeds = new[] { _fixture.Feed },
        ProjectDirectory = _fixture.Repo,
        SourceDateEpoch = 1_714_557_600,
        SdkVersion = "10.0.401",
        BuildGuardVersion = "1.0.0-test",
    };
}
