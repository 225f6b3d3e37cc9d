using System.Diagnostics;
using System.Text;

namespace QuantLayer.BuildGuard.TestUtilities;

/// <summary>The outcome of a process run.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output and error together, for assertion messages.</summary>
    public string All => Output + Error;
}

/// <summary>Runs external programs (dotnet, git, node) for tests.</summary>
public static class ProcessRunner
{
    /// <summary>Runs a program and waits for it (default timeout 10 minutes).</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A test must not inherit the MSBuild state of the test host's own build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    start.Environment.Remove(key);
                }
                else
                {
                    start.Environment[key] = value;
                }
            }
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(10)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(" ", arguments)} did not finish in time.\n{output}\n{error}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs git with a fixed identity and no user configuration.</summary>
    public static ProcessResult Git(string workingDirectory, params string[] arguments)
    {
        var result = Run("git", arguments, workingDirectory, GitEnvironment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(" ", arguments)} failed: {result.All}");
        }

        return result;
    }

    /// <summary>Environment for deterministic git commits in tests.</summary>
    public static IDictionary<string, string?> GitEnvironment { get; } = new Dictionary<string, string?>
    {
        ["GIT_AUTHOR_NAME"] = "BuildGuard Test",
        ["GIT_AUTHOR_EMAIL"] = "test@example.com",
        ["GIT_COMMITTER_NAME"] = "BuildGuard Test",
        ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        ["GIT_AUTHOR_DATE"] = "2024-05-01T10:00:00Z",
        ["GIT_COMMITTER_DATE"] = "2024-05-01T10:00:00Z",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };

    /// <summary>Creates a git repository with one commit of everything in the folder.</summary>
    public static void InitRepository(string directory)
    {
        Git(directory, "init", "-q", "-b", "main");
        Git(directory, "add", "-A");
        Git(directory, "commit", "-q", "-m", "Initial commit");
    }
}
