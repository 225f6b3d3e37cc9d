using System.Globalization;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.SourceControl;

/// <summary>
/// The timestamp every deterministic output uses (reproducible-builds.org's SOURCE_DATE_EPOCH):
/// the value the user set, else the committer time of HEAD.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The result of a lookup: the epoch (or null) and the commit it came from.</summary>
    public sealed record Result(long? Epoch, string? Commit, string Origin);

    /// <summary>
    /// Resolves the epoch for a project folder: a user value wins; otherwise HEAD's committer time
    /// (one git call). Problems are reported as QLB3005 warnings with what to do; nothing throws.
    /// </summary>
    public static Result Resolve(string projectDirectory, string? userValue, DiagnosticBag diagnostics)
    {
        if (!string.IsNullOrWhiteSpace(userValue))
        {
            if (TryParse(userValue!, out var epoch))
            {
                return new Result(epoch, null, "SOURCE_DATE_EPOCH");
            }

            diagnostics.Warning(
                BuildDiagnosticIds.NoCommitTime,
                $"SOURCE_DATE_EPOCH is '{userValue}', which is not a number of seconds since 1970-01-01. Set it to an integer (for example the output of 'git log -1 --format=%ct') or unset it to use the last commit's time.");
            return new Result(null, null, "invalid SOURCE_DATE_EPOCH");
        }

        GitRepository? repository;
        try
        {
            repository = GitRepository.Discover(projectDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            repository = null;
        }

        if (repository is null)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.NoCommitTime,
                $"'{projectDirectory}' is not inside a git work tree, so there is no commit time for reproducible timestamps. Build from a git clone, or set SOURCE_DATE_EPOCH (seconds since 1970-01-01) in the environment or as an MSBuild property.",
                projectDirectory);
            return new Result(null, null, "none");
        }

        string? head;
        try
        {
            head = repository.HeadCommit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            head = null;
        }

        try
        {
            return new Result(repository.HeadCommitTime(), head, "git");
        }
        catch (GitException ex)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.NoCommitTime,
                $"Cannot read the last commit's time in '{repository.WorkTree}': {ex.Message} Commit at least once, or set SOURCE_DATE_EPOCH (seconds since 1970-01-01).",
                repository.WorkTree);
            return new Result(null, head, "none");
        }
    }

    /// <summary>Parses an epoch value (integer seconds, non-negative).</summary>
    public static bool TryParse(string value, out long epoch)
        => long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out epoch);

    /// <summary>Formats an epoch as RFC 3339 UTC ("2024-05-01T10:00:00Z").</summary>
    public static string ToRfc3339(long epoch)
        => DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
