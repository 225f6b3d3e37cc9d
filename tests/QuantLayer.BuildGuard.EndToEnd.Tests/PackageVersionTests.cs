using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>
/// The version every end-to-end run packs BuildGuard with, restored for real. Twice CI failed all
/// end-to-end tests at the fixture with only "MSB4181: The RestoreTask task returned false but did
/// not log an error": a random tag of digits with a leading zero makes the version invalid SemVer,
/// and NuGet then records NU1105 in the assets file without printing it.
/// </summary>
public sealed class PackageVersionTests
{
    [Fact]
    public void The_run_version_restores_and_a_leading_zero_tag_fails_with_the_reason_in_the_assets_file()
    {
        using var temp = new TempDirectory("bg-version");
        var project = temp.Combine("Lib.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework></PropertyGroup>
            </Project>
            """);

        var good = ProcessRunner.Run("dotnet", new[] { "restore", project, "-p:Version=" + PackageFixture.NewVersion() }, temp.Path, PackageFixture.RepositoryBuildEnvironment);
        Assert.True(good.ExitCode == 0, good.All);
        Assert.Empty(PackageFixture.RestoreMessages(project));

        var bad = ProcessRunner.Run("dotnet", new[] { "restore", project, "-p:Version=0.1.0-e2e.20261129100431.012345" }, temp.Path, PackageFixture.RepositoryBuildEnvironment);
        Assert.NotEqual(0, bad.ExitCode);
        var message = Assert.Single(PackageFixture.RestoreMessages(project));
        // Level and code are not localized; the text is (DOTNET_CLI_UI_LANGUAGE), but names the version.
        Assert.StartsWith("Error NU1105: ", message, StringComparison.Ordinal);
        Assert.Contains("'0.1.0-e2e.20261129100431.012345'", message, StringComparison.Ordinal);
    }
}
