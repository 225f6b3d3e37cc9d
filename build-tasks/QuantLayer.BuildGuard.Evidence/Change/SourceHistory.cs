using System.Globalization;
using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>A commit in the release's range.</summary>
/// <param name="Id">The full hash.</param>
/// <param name="Author">Author name.</param>
/// <param name="Email">Author e-mail.</param>
/// <param name="Time">Committer time (Unix seconds).</param>
/// <param name="Subject">First line of the message.</param>
/// <param name="Issues">Issue / ticket ids the message references.</param>
/// <param name="BreakingChange">The declared behavioural break (<c>BREAKING CHANGE:</c> footer or <c>type!:</c> subject), or null.</param>
/// <param name="FormatChange">A declared data or configuration format change (<c>Format-Change:</c> trailer), or null.</param>
public sealed record CommitInfo(string Id, string Author, string Email, long Time, string Subject, IReadOnlyList<string> Issues, string? BreakingChange, string? FormatChange);

/// <summary>A file changed in the range: git's status letter (A, M, D, R, C, T) and path(s).</summary>
public sealed record ChangedFile(string Status, string Path, string? OldPath);

/// <summary>The source side of a change record: the commit range and what it contains.</summary>
public sealed class SourceRange
{
    /// <summary>The baseline commit (exclusive).</summary>
    public required string From { get; init; }

    /// <summary>The release commit (inclusive).</summary>
    public required string To { get; init; }

    /// <summary>Commits, newest first.</summary>
    public List<CommitInfo> Commits { get; } = new();

    /// <summary>Changed files, sorted by path.</summary>
    public List<ChangedFile> Files { get; } = new();

    /// <summary>Tags on the release commit, the baseline commit or any commit between.</summary>
    public List<string> Tags { get; } = new();

    /// <summary>Every issue id referenced, sorted.</summary>
    public IEnumerable<string> Issues => Commits.SelectMany(c => c.Issues).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal);
}

/// <summary>Reads a commit range from git (log, diff, tags) for a change record.</summary>
public static class SourceHistory
{
    /// <summary>The default issue pattern: GitHub/GitLab <c>#123</c> and Jira-style <c>ABC-123</c>.</summary>
    public const string DefaultIssuePattern = @"(?<![\w&])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b";

    private static readonly Regex ConventionalBreak = new(@"^[a-zA-Z]+(\([^)]*\))?!:\s*(?<what>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex BreakingFooter = new(@"^BREAKING[ -]CHANGE:\s*(?<what>.+)$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex FormatTrailer = new(@"^Format-Change:\s*(?<what>.+)$", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.IgnoreCase);

    /// <summary>The commit a tag or revision names, or null.</summary>
    public static string? Resolve(GitRepository repository, string revision)
    {
        var (exit, output, _) = repository.RunRaw("rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return exit == 0 ? output.Trim() : null;
    }

    /// <summary>The baseline commit of a version: the given commit when git knows it, else the tag <c>v{version}</c> or <c>{version}</c>.</summary>
    public static string? BaselineCommit(GitRepository repository, string? recordedCommit, string version)
    {
        if (recordedCommit is { Length: > 0 } && Resolve(repository, recordedCommit) is { } known)
        {
            return known;
        }

        return Resolve(repository, "refs/tags/v" + version) ?? Resolve(repository, "refs/tags/" + version);
    }

    /// <summary>Reads the range <paramref name="from"/>..<paramref name="to"/>. Throws <see cref="GitException"/>.</summary>
    public static SourceRange Read(GitRepository repository, string from, string to, Regex issuePattern)
    {
        var range = new SourceRange { From = from, To = to };
        var log = repository.Run("log", "--format=%H%x1f%an%x1f%ae%x1f%ct%x1f%s%x1f%b%x1e", from + ".." + to);
        foreach (var record in log.Split('\x1e'))
        {
            var fields = record.TrimStart('\n').Split('\x1f');
            if (fields.Length < 6)
            {
                continue;
            }

            var subject = fields[4];
            var body = fields[5];
            var message = subject + "\n" + body;
            string? breaking = null;
            var footer = BreakingFooter.Match(body);
            if (footer.Success)
            {
                breaking = footer.Groups["what"].Value.Trim();
            }
            else if (ConventionalBreak.Match(subject) is { Success: true } bang)
            {
                breaking = bang.Groups["what"].Value.Trim();
            }

            var format = FormatTrailer.Match(body);
            var issues = issuePattern.Matches(message).Cast<Match>().Select(m => m.Value).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal).ToList();
            range.Commits.Add(new CommitInfo(
                fields[0],
                fields[1],
                fields[2],
                long.Parse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture),
                subject,
                issues,
                breaking,
                format.Success ? format.Groups["what"].Value.Trim() : null));
        }

        var diff = repository.Run("diff", "--name-status", "-M", "--no-color", from, to);
        foreach (var line in diff.Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length < 2 || parts[0].Length == 0)
            {
                continue;
            }

            var status = parts[0].Substring(0, 1);
            range.Files.Add(parts.Length >= 3 ? new ChangedFile(status, parts[2], parts[1]) : new ChangedFile(status, parts[1], null));
        }

        range.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        var inRange = new HashSet<string>(range.Commits.Select(c => c.Id), StringComparer.Ordinal) { from, to };
        var refs = repository.Run("for-each-ref", "--format=%(refname:strip=2)%1f%(objectname)%1f%(*objectname)", "refs/tags");
        foreach (var line in refs.Split('\n'))
        {
            var parts = line.Split('\x1f');
            if (parts.Length == 3 && (inRange.Contains(parts[2]) || (parts[2].Length == 0 && inRange.Contains(parts[1]))))
            {
                range.Tags.Add(parts[0]);
            }
        }

        range.Tags.Sort(StringComparer.Ordinal);
        return range;
    }
}
