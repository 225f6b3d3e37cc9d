using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.SourceControl;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.SourceControl;

public sealed class SourceDateEpochTests
{
    [Fact]
    public void The_commit_time_of_HEAD_is_used_in_a_git_work_tree()
    {
        using var temp = new TempDirectory();
        temp.Write("src/a.txt", "a");
        ProcessRunner.InitRepository(temp.Path);
        var diagnostics = new DiagnosticBag();

        var result = SourceDateEpoch.Resolve(temp.Combine("src"), null, diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(1714557600, result.Epoch); // 2024-05-01T10:00:00Z, the test commit's date
        Assert.Equal(ProcessRunner.Git(temp.Path, "rev-parse", "HEAD").Output.Trim(), result.Commit);
    }

    [Fact]
    public void A_linked_worktree_is_discovered_with_its_own_HEAD()
    {
        using var temp = new TempDirectory();
        temp.Write("repo/a.txt", "a");
        ProcessRunner.InitRepository(temp.Combine("repo"));
        ProcessRunner.Git(temp.Combine("repo"), "worktree", "add", "--detach", temp.Combine("wt"), "HEAD");

        var repository = GitRepository.Discover(temp.Combine("wt"));

        Assert.NotNull(repository);
        Assert.Equal(temp.Combine("wt"), repository!.WorkTree);
        Assert.Equal(ProcessRunner.Git(temp.Path + "/repo", "rev-parse", "HEAD").Output.Trim(), repository.HeadCommit());
        Assert.Contains(repository.StateFiles(), f => f.EndsWith("HEAD", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_value_wins_and_a_bad_one_is_QLB3005()
    {
        var diagnostics = new DiagnosticBag();
        Assert.Equal(42, SourceDateEpoch.Resolve("/", "42", diagnostics).Epoch);
        Assert.Empty(diagnostics.Items);

        Assert.Null(SourceDateEpoch.Resolve("/", "yesterday", diagnostics).Epoch);
        Assert.Equal("QLB3005", Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void Outside_git_there_is_no_epoch_and_QLB3005_names_the_folder()
    {
        using var temp = new TempDirectory();
        var diagnostics = new DiagnosticBag();

        var result = SourceDateEpoch.Resolve(temp.Path, null, diagnostics);

        Assert.Null(result.Epoch);
        var finding = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3005", finding.Id);
        Assert.Contains(temp.Path, finding.Message, StringComparison.Ordinal);
        Assert.Contains("SOURCE_DATE_EPOCH", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Epochs_format_as_RFC3339_UTC()
    {
        Assert.Equal("2024-05-01T10:00:00Z", SourceDateEpoch.ToRfc3339(1714557600));
    }
}
