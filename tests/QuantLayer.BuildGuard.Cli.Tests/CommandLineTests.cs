using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Version_prints_the_package_version_without_the_commit_suffix()
    {
        var (exitCode, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?\s*$", output);
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var (exitCode, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("rebuild-check", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("rebuild-check", "--no-such-option")]
    [InlineData()]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(params string[] args)
    {
        var (exitCode, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("buildguard:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebuild_check_of_a_missing_project_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRunner.Run("rebuild-check", "/no/such/project.csproj");
        Assert.Equal(2, exitCode);
        Assert.Contains("/no/such/project.csproj", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebuild_check_outside_git_fails_with_QLB3009()
    {
        using var temp = new TempDirectory();
        var (exitCode, _, error) = CliRunner.Run("rebuild-check", temp.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains("QLB3009", error, StringComparison.Ordinal);
        Assert.Contains("not inside a git work tree", error, StringComparison.Ordinal);
    }
}
