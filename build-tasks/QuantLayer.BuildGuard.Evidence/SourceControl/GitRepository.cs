using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.SourceControl;

/// <summary>
/// A git work tree, found by walking up from a folder. Reads refs from the repository files
/// (cheap, no process); asks the <c>git</c> executable for what needs the object store
/// (commit time, log, status), with a clear error when git is missing.
/// </summary>
public sealed class GitRepository
{
    private GitRepository(string workTree, string gitDir, string commonDir)
    {
        WorkTree = workTree;
        GitDir = gitDir;
        CommonDir = commonDir;
    }

    /// <summary>The work tree's root folder.</summary>
    public string WorkTree { get; }

    /// <summary>The repository folder of this work tree (<c>.git</c>, or <c>.git/worktrees/x</c> for a linked work tree).</summary>
    public string GitDir { get; }

    /// <summary>The folder that holds refs and objects shared by all work trees.</summary>
    public string CommonDir { get; }

    /// <summary>Finds the work tree that contains <paramref name="directory"/>, or null when there is none.</summary>
    public static GitRepository? Discover(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit) && File.Exists(Path.Combine(dotGit, "HEAD")))
            {
                return new GitRepository(dir.FullName, dotGit, dotGit);
            }

            if (File.Exists(dotGit))
            {
                // A linked work tree or submodule: ".git" is a file "gitdir: <path>".
                var line = File.ReadAllText(dotGit).Trim();
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return null;
                }

                var gitDir = Path.GetFullPath(Path.Combine(dir.FullName, line.Substring("gitdir:".Length).Trim()));
                var commonDir = gitDir;
                var commonFile = Path.Combine(gitDir, "commondir");
                if (File.Exists(commonFile))
                {
                    commonDir = Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim()));
                }

                return new GitRepository(dir.FullName, gitDir, commonDir);
            }
        }

        return null;
    }

    /// <summary>
    /// The files whose change means HEAD may point to another commit: HEAD, the ref it names and
    /// packed-refs. A build target lists them as Inputs so it reruns only after a commit or checkout.
    /// </summary>
    public IReadOnlyList<string> StateFiles()
    {
        var files = new List<string> { Path.Combine(GitDir, "HEAD") };
        var head = ReadHeadRef();
        if (head is not null)
        {
            var loose = Path.Combine(CommonDir, head.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose))
            {
                files.Add(loose);
            }
        }

        var packed = Path.Combine(CommonDir, "packed-refs");
        if (File.Exists(packed))
        {
            files.Add(packed);
        }

        return files;
    }

    /// <summary>The commit HEAD points to, read from the repository files; null for an unborn branch.</summary>
    public string? HeadCommit()
    {
        var head = File.ReadAllText(Path.Combine(GitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsSha(head) ? head : null;
        }

        var name = head.Substring(4).Trim();
        var loose = Path.Combine(CommonDir, name.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(loose))
        {
            var sha = File.ReadAllText(loose).Trim();
            return IsSha(sha) ? sha : null;
        }

        var packed = Path.Combine(CommonDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                if (line.Length > 41 && line[40] == ' ' && line.Substring(41) == name && IsSha(line.Substring(0, 40)))
                {
                    return line.Substring(0, 40);
                }
            }
        }

        return null;
    }

    /// <summary>The committer time of HEAD in seconds since the Unix epoch. Throws <see cref="GitException"/>.</summary>
    public long HeadCommitTime()
    {
        var output = Run("log", "-1", "--format=%ct", "HEAD").Trim();
        if (!long.TryParse(output, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new GitException($"git printed '{output}' instead of a commit time.");
        }

        return seconds;
    }

    /// <summary>The URL of the <c>origin</c> remote (or the first remote), or null.</summary>
    public string? RemoteUrl()
    {
        try
        {
            var remotes = Run("remote").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).ToList();
            if (remotes.Count == 0)
            {
                return null;
            }

            var remote = remotes.Contains("origin") ? "origin" : remotes[0];
            var url = Run("remote", "get-url", remote).Trim();
            return url.Length == 0 ? null : url;
        }
        catch (GitException)
        {
            return null;
        }
    }

    /// <summary>True when the work tree has uncommitted changes to tracked files.</summary>
    public bool IsDirty() => Run("status", "--porcelain", "--untracked-files=no").Trim().Length > 0;

    /// <summary>True when git tracks <paramref name="path"/> (it is in the index).</summary>
    public bool IsTracked(string path)
    {
        var (exitCode, _, _) = RunRaw("ls-files", "--error-unmatch", "--", Path.GetFullPath(path));
        return exitCode == 0;
    }

    /// <summary>True when <paramref name="path"/> lies inside this work tree.</summary>
    public bool Contains(string path)
    {
        var full = Path.GetFullPath(path);
        var root = WorkTree.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? WorkTree : WorkTree + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.StartsWith(root, comparison);
    }

    /// <summary>Runs git in the work tree and returns its standard output. Throws <see cref="GitException"/> on failure.</summary>
    public string Run(params string[] arguments)
    {
        var (exitCode, output, error) = RunRaw(arguments);
        if (exitCode != 0)
        {
            throw new GitException($"'git {string.Join(" ", arguments)}' failed in '{WorkTree}' (exit code {exitCode}): {error.Trim()}");
        }

        return output;
    }

    /// <summary>Runs git and returns exit code, standard output and standard error.</summary>
    public (int ExitCode, string Output, string Error) RunRaw(params string[] arguments)
        => RunGit(WorkTree, arguments);

    /// <summary>Runs git in <paramref name="directory"/>. Throws <see cref="GitException"/> when git cannot be started.</summary>
    public static (int ExitCode, string Output, string Error) RunGit(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Arguments = string.Join(" ", arguments.Select(QuoteArgument));
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("git could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitException($"git could not be started ({ex.Message}). Install git and make sure it is on PATH.");
        }

        using (process)
        {
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }

    private static string QuoteArgument(string argument)
    {
        if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\\'))
        {
            return argument;
        }

        var builder = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                builder.Append('\\', (backslashes * 2) + 1).Append('"');
            }
            else
            {
                builder.Append('\\', backslashes).Append(c);
            }

            backslashes = 0;
        }

        return builder.Append('\\', backslashes * 2).Append('"').ToString();
    }

    private string? ReadHeadRef()
    {
        var head = File.ReadAllText(Path.Combine(GitDir, "HEAD")).Trim();
        return head.StartsWith("ref:", StringComparison.Ordinal) ? head.Substring(4).Trim() : null;
    }

    private static bool IsSha(string value)
        => (value.Length == 40 || value.Length == 64) && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>A git command failed or git is not available.</summary>
public sealed class GitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitException(string message)
        : base(message)
    {
    }
}
