using System.Diagnostics;
using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Reproducibility;

/// <summary>What <see cref="RebuildCheck"/> found.</summary>
public sealed class RebuildReport
{
    /// <summary>The format identifier written as <c>reportType</c>.</summary>
    public const string ReportType = "https://quantlayer.io/buildguard/rebuild-check/v1";

    /// <summary>The commit that was rebuilt.</summary>
    public string? Commit { get; init; }

    /// <summary>The folder of the reference build (the user's work tree).</summary>
    public required string ReferenceRoot { get; init; }

    /// <summary>The folder of the clean rebuild.</summary>
    public required string RebuildRoot { get; init; }

    /// <summary>Every compared file.</summary>
    public IReadOnlyList<FileComparison> Files { get; init; } = Array.Empty<FileComparison>();

    /// <summary>True when at least one file was compared and all are identical.</summary>
    public bool Reproducible => Files.Count > 0 && Files.All(f => f.Identical);

    /// <summary>The report as deterministic JSON (for the evidence folder and <c>--json</c>).</summary>
    public byte[] ToJson() => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("reportType", ReportType);
        writer.WriteOptionalString("commit", Commit);
        writer.WriteBoolean("reproducible", Reproducible);
        writer.WriteNumber("filesCompared", Files.Count);
        writer.WriteNumber("filesDifferent", Files.Count(f => !f.Identical));
        writer.WriteStartArray("files");
        foreach (var file in Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.RelativePath);
            writer.WriteBoolean("identical", file.Identical);
            if (!file.Identical)
            {
                writer.WriteStartArray("differences");
                foreach (var d in file.Differences)
                {
                    writer.WriteStringValue(d);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}

/// <summary>Options of a rebuild check.</summary>
public sealed class RebuildOptions
{
    /// <summary>Folder inside the git work tree to check (the reference build).</summary>
    public required string Directory { get; init; }

    /// <summary>Project or solution to build, relative to <see cref="Directory"/> (null: what dotnet finds there).</summary>
    public string? Project { get; init; }

    /// <summary>Configuration to build.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Skip building the reference (compare with the outputs already there).</summary>
    public bool NoBuild { get; init; }

    /// <summary>Keep the rebuild folder for inspection.</summary>
    public bool Keep { get; init; }

    /// <summary>Extra MSBuild properties ("Name=Value") for both builds.</summary>
    public IReadOnlyList<string> Properties { get; init; } = Array.Empty<string>();

    /// <summary>Where progress lines go (build output is summarized, not streamed).</summary>
    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>
/// Rebuilds the current commit in a second, clean folder (a detached <c>git worktree</c>) and
/// compares every output and evidence file under <c>bin/&lt;Configuration&gt;</c> (and
/// <c>artifacts/</c>) byte for byte with the reference build in the user's work tree. IEC 62443-4-1
/// SM-6/SM-7 evidence that the released bits come from the source.
/// </summary>
public static class RebuildCheck
{
    /// <summary>Runs the check. Problems that stop it are QLB3009 errors in <paramref name="diagnostics"/>.</summary>
    public static RebuildReport? Run(RebuildOptions options, DiagnosticBag diagnostics)
    {
        var directory = Path.GetFullPath(options.Directory);
        var repository = GitRepository.Discover(directory);
        if (repository is null)
        {
            diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, $"'{directory}' is not inside a git work tree: the rebuild check rebuilds a commit. Run it from a git clone.", directory);
            return null;
        }

        string commit;
        try
        {
            commit = repository.Run("rev-parse", "HEAD").Trim();
            if (repository.IsDirty())
            {
                diagnostics.Warning(
                    BuildDiagnosticIds.NotReproducible,
                    $"The work tree '{repository.WorkTree}' has uncommitted changes; the rebuild uses commit {Short(commit)} only, so changed files will differ. Commit or stash first for a meaningful check.",
                    repository.WorkTree);
            }
        }
        catch (GitException ex)
        {
            diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, ex.Message + " The rebuild check needs at least one commit.", repository.WorkTree);
            return null;
        }

        var relative = Manifest.EvidenceManifest.RelativePath(repository.WorkTree, directory);
        var rebuildTree = Path.Combine(Path.GetTempPath(), "buildguard-rebuild-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        try
        {
            options.Log($"Creating a clean work tree of {Short(commit)} in {rebuildTree}");
            repository.Run("worktree", "add", "--detach", "--force", rebuildTree, commit);
            var rebuildDirectory = relative.Length == 0 ? rebuildTree : Path.Combine(rebuildTree, relative);

            if (!options.NoBuild)
            {
                options.Log($"Building the reference in {directory}");
                if (!Build(directory, options, diagnostics))
                {
                    return null;
                }
            }

            options.Log($"Rebuilding in {rebuildDirectory}");
            if (!Build(rebuildDirectory, options, diagnostics))
            {
                return null;
            }

            var files = OutputFiles(rebuildTree, options.Configuration)
                .Select(path => FileComparer.Compare(path, Path.Combine(repository.WorkTree, path), Path.Combine(rebuildTree, path)))
                .ToList();
            var report = new RebuildReport { Commit = commit, ReferenceRoot = repository.WorkTree, RebuildRoot = rebuildTree, Files = files };
            if (files.Count == 0)
            {
                diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, $"The rebuild produced no files under bin/{options.Configuration}/ or artifacts/: nothing to compare. Check the project path and configuration.", directory);
            }

            foreach (var file in files.Where(f => !f.Identical))
            {
                diagnostics.Error(BuildDiagnosticIds.NotReproducible, $"{file.RelativePath} differs between two builds of {Short(commit)}: {string.Join("; ", file.Differences)}", Path.Combine(repository.WorkTree, file.RelativePath));
            }

            return report;
        }
        catch (GitException ex)
        {
            diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, ex.Message, repository.WorkTree);
            return null;
        }
        finally
        {
            if (!options.Keep)
            {
                repository.RunRaw("worktree", "remove", "--force", rebuildTree);
                TryDeleteDirectory(rebuildTree);
                repository.RunRaw("worktree", "prune");
            }
            else
            {
                options.Log($"Kept the rebuild in {rebuildTree} (remove it with 'git worktree remove --force {rebuildTree}')");
            }
        }
    }

    /// <summary>
    /// The build outputs of a tree: files under any <c>bin/&lt;Configuration&gt;/</c> folder and under
    /// <c>artifacts/</c>, relative to the tree root with '/' separators, sorted.
    /// </summary>
    public static IReadOnlyList<string> OutputFiles(string root, string configuration)
    {
        var result = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Manifest.EvidenceManifest.RelativePath(root, file);
            var segments = relative.Split('/');
            if (segments.Contains(".git") || segments.Contains("obj") || segments.Contains("node_modules"))
            {
                continue;
            }

            var inBin = false;
            for (var i = 0; i + 1 < segments.Length - 1; i++)
            {
                if (segments[i] == "bin" && string.Equals(segments[i + 1], configuration, StringComparison.OrdinalIgnoreCase))
                {
                    inBin = true;
                    break;
                }
            }

            if (inBin || segments[0] == "artifacts")
            {
                result.Add(relative);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static bool Build(string directory, RebuildOptions options, DiagnosticBag diagnostics)
    {
        var arguments = new List<string> { "pack" };
        if (options.Project is not null)
        {
            arguments.Add(options.Project);
        }

        arguments.Add("-c");
        arguments.Add(options.Configuration);
        arguments.Add("-nologo");
        arguments.Add("-v:q");
        foreach (var property in options.Properties)
        {
            arguments.Add("-p:" + property);
        }

        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, $"The folder '{directory}' does not exist in the rebuild: is it committed?", directory);
            return false;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
#if NET
            start.ArgumentList.Add(argument);
#else
            start.Arguments += (start.Arguments.Length > 0 ? " " : string.Empty) + (argument.Contains(' ') ? "\"" + argument + "\"" : argument);
#endif
        }

        // The rebuild must not see the outer build's MSBuild node settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        try
        {
            using var process = Process.Start(start)!;
            var errorTask = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var tail = string.Join("\n", (output + errorTask.Result).Split('\n').Where(l => l.Contains("error")).Take(10));
                diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, $"'dotnet {string.Join(" ", arguments)}' failed in '{directory}' (exit code {process.ExitCode}). {tail}", directory);
                return false;
            }

            return true;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            diagnostics.Error(BuildDiagnosticIds.RebuildCheckFailed, $"Cannot start 'dotnet' ({ex.Message}): put the .NET SDK on PATH.", directory);
            return false;
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Short(string commit) => commit.Length > 12 ? commit.Substring(0, 12) : commit;

    /// <summary>Renders a report for people.</summary>
    public static string Render(RebuildReport report)
    {
        var builder = new StringBuilder();
        foreach (var file in report.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            builder.Append(file.Identical ? "  identical  " : "  DIFFERS    ").AppendLine(file.RelativePath);
            foreach (var d in file.Differences)
            {
                builder.Append("               ").AppendLine(d);
            }
        }

        var different = report.Files.Count(f => !f.Identical);
        builder.AppendLine(report.Reproducible
            ? $"Reproducible: {report.Files.Count} files of commit {report.Commit} are byte-identical in two builds."
            : $"Not reproducible: {different} of {report.Files.Count} files differ.");
        return builder.ToString();
    }
}
