using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>The dotnet new template pack: a new supplier solution builds clean with BuildGuard.</summary>
[Collection(PackageCollection.Name)]
public sealed class TemplateTests
{
    private readonly PackageFixture _fixture;

    public TemplateTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_template_default_references_the_BuildGuard_release_it_ships_with()
    {
        var template = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("templates", "QuantLayer.BuildGuard.Templates", "content", "buildguard-solution", ".template.config", "template.json")));
        var defaultVersion = template.RootElement.GetProperty("symbols").GetProperty("BuildGuardVersion").GetProperty("defaultValue").GetString();
        var versionPrefix = XDocument.Load(RepoPaths.Combine("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

        Assert.Equal(versionPrefix, defaultVersion);
    }

    [Fact]
    public void A_new_supplier_solution_builds_tests_and_packs_with_zero_warnings_in_Strict()
    {
        var hive = _fixture.CreateWorkspace("template-hive");
        var pack = _fixture.DotNet(RepoPaths.Root, "pack", RepoPaths.Combine("templates", "QuantLayer.BuildGuard.Templates", "QuantLayer.BuildGuard.Templates.csproj"), "-c", "Release", "-o", _fixture.Feed, "-p:Version=" + _fixture.Version, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.All);
        var templatePackage = Path.Combine(_fixture.Feed, "QuantLayer.BuildGuard.Templates." + _fixture.Version + ".nupkg");

        var install = _fixture.DotNet(hive, "new", "install", templatePackage, "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.All);

        var workspace = _fixture.CreateWorkspace("template-instance");
        var create = _fixture.DotNet(workspace, "new", "buildguard-solution", "-n", "Fabrikam.Telemetry", "-o", ".", "--Company", "Fabrikam", "--BuildGuardVersion", _fixture.Version, "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.All);
        Assert.True(File.Exists(Path.Combine(workspace, "Fabrikam.Telemetry.sln")), create.All);
        Assert.Contains("Strict", File.ReadAllText(Path.Combine(workspace, "Directory.Build.props")), StringComparison.Ordinal);
        Assert.Contains("Fabrikam", File.ReadAllText(Path.Combine(workspace, "SECURITY.md")), StringComparison.Ordinal);
        PackageFixture.InitRepository(workspace);

        var build = _fixture.DotNet(workspace, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Matches(new Regex(@"^\s*0 Warning\(s\)", RegexOptions.Multiline), build.Output);
        Assert.True(File.Exists(Path.Combine(workspace, "src", "Fabrikam.Telemetry", "bin", "Release", "net8.0", "buildguard", "Fabrikam.Telemetry.manifest.json")));

        var test = _fixture.DotNet(workspace, "test", "-c", "Release", "--no-build");
        Assert.True(test.ExitCode == 0, test.All);

        // The first release packs clean: its changelog entry goes into the change record.
        var release = _fixture.DotNet(workspace, "pack", "-c", "Release", "--no-build");
        Assert.True(release.ExitCode == 0, release.All);
        Assert.DoesNotContain(": warning ", release.Output, StringComparison.Ordinal);
        var record = File.ReadAllText(Path.Combine(workspace, "src", "Fabrikam.Telemetry", "bin", "Release", "Fabrikam.Telemetry.1.0.0.change.json"));
        Assert.Contains("The first release of Fabrikam.Telemetry.", record, StringComparison.Ordinal);

        // The traceability gate passed: every security requirement and the mitigation are
        // implemented and verified by passing tests.
        var matrix = File.ReadAllText(Path.Combine(workspace, "tests", "Fabrikam.Telemetry.Tests", "bin", "Release", "net8.0", "buildguard", "Fabrikam.Telemetry.Tests.trace.json"));
        foreach (var id in new[] { "SR-1", "SR-2", "M-1", "T-1" })
        {
            Assert.Contains("\"" + id + "\"", matrix, StringComparison.Ordinal);
        }
    }
}
