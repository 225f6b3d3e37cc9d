using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Reproducibility;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Reproducibility;

public sealed class BuildSettingsPolicyTests
{
    [Fact]
    public void A_well_configured_build_gets_no_finding()
    {
        using var temp = new TempDirectory();
        temp.Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }");
        var project = temp.Write("src/App/App.csproj", "<Project />");
        var diagnostics = Check(project, s => s);

        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData(false, true, "QLB3001", "Deterministic=false")]
    [InlineData(true, false, "QLB3001", "ContinuousIntegrationBuild=false")]
    public void Determinism_turned_off_is_QLB3001(bool deterministic, bool ci, string id, string text)
    {
        using var temp = new TempDirectory();
        temp.Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }");
        var project = temp.Write("App.csproj", "<Project />");
        var diagnostics = Check(project, s => new BuildSettings
        {
            ProjectFile = s.ProjectFile,
            Configuration = "Release",
            Deterministic = deterministic,
            ContinuousIntegrationBuild = ci,
            RestorePackagesWithLockFile = true,
        });

        var finding = Assert.Single(diagnostics.Items);
        Assert.Equal(id, finding.Id);
        Assert.Contains(text, finding.Message, StringComparison.Ordinal);
        Assert.Equal(project, finding.File);
    }

    [Theory]
    [InlineData(null, "No global.json")]
    [InlineData("{ }", "does not pin an SDK version")]
    [InlineData("{ \"sdk\": { \"rollForward\": \"latestFeature\" } }", "does not pin an SDK version")]
    [InlineData("{\n  \"sdk\": {\n    \"version\": \"10.0.100\",\n    \"rollForward\": \"latestMajor\"\n  }\n}", "latestMajor")]
    [InlineData("{ \"sdk\": ", "not valid JSON")]
    public void An_unpinned_SDK_is_QLB3002_with_the_file(string? globalJson, string text)
    {
        using var temp = new TempDirectory();
        if (globalJson is not null)
        {
            temp.Write("global.json", globalJson);
        }

        var project = temp.Write("App.csproj", "<Project />");
        var diagnostics = Check(project, s => s);

        var finding = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3002", finding.Id);
        Assert.Contains(text, finding.Message, StringComparison.Ordinal);
        if (globalJson is not null)
        {
            Assert.Equal(temp.Combine("global.json"), finding.File);
            Assert.True(finding.Line >= 1);
        }
    }

    [Fact]
    public void A_missing_lock_file_is_QLB3003_and_an_existing_one_is_enough()
    {
        using var temp = new TempDirectory();
        temp.Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }");
        var project = temp.Write("App.csproj", "<Project />");
        var noLock = Check(project, s => new BuildSettings { ProjectFile = s.ProjectFile, Configuration = "Release", ContinuousIntegrationBuild = true });
        Assert.Equal("QLB3003", Assert.Single(noLock.Items).Id);

        temp.Write("packages.lock.json", "{}");
        var withLock = Check(project, s => new BuildSettings { ProjectFile = s.ProjectFile, Configuration = "Release", ContinuousIntegrationBuild = true });
        Assert.Empty(withLock.Items);
    }

    [Fact]
    public void On_a_CI_server_an_unenforced_lock_file_is_QLB3004()
    {
        using var temp = new TempDirectory();
        temp.Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }");
        var project = temp.Write("App.csproj", "<Project />");
        var settings = new BuildSettings { ProjectFile = project, Configuration = "Release", ContinuousIntegrationBuild = true, RestorePackagesWithLockFile = true, IsCiServer = true };
        var diagnostics = new DiagnosticBag();
        BuildSettingsPolicy.Check(settings, diagnostics);
        Assert.Equal("QLB3004", Assert.Single(diagnostics.Items).Id);

        diagnostics = new DiagnosticBag();
        BuildSettingsPolicy.Check(new BuildSettings { ProjectFile = project, Configuration = "Release", ContinuousIntegrationBuild = true, RestorePackagesWithLockFile = true, IsCiServer = true, RestoreLockedMode = true }, diagnostics);
        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData("GITHUB_ACTIONS", "true", true)]
    [InlineData("TF_BUILD", "True", true)]
    [InlineData("CI", "false", false)]
    [InlineData("UNRELATED", "1", false)]
    public void CI_servers_are_detected_from_their_variables(string name, string value, bool expected)
    {
        Assert.Equal(expected, BuildSettingsPolicy.DetectCiServer(n => n == name ? value : null));
    }

    private static DiagnosticBag Check(string project, Func<BuildSettings, BuildSettings> configure)
    {
        var settings = configure(new BuildSettings
        {
            ProjectFile = project,
            Configuration = "Release",
            Deterministic = true,
            ContinuousIntegrationBuild = true,
            RestorePackagesWithLockFile = true,
        });
        var diagnostics = new DiagnosticBag();
        BuildSettingsPolicy.Check(settings, diagnostics);
        return diagnostics;
    }
}
