using System.Globalization;
using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Finds the timestamp for deterministic outputs: the user's SOURCE_DATE_EPOCH, else the last
/// commit's time (cached per commit in <see cref="CacheFile"/>). Warns with QLB3005 when there is
/// neither.
/// </summary>
public sealed class ResolveSourceDateEpoch : BuildGuardTask
{
    /// <summary>The project folder.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>SOURCE_DATE_EPOCH as the user set it (property or environment), if any.</summary>
    public string? UserValue { get; set; }

    /// <summary>
    /// An MSBuild file in obj/ that records the result (<c>_BuildGuardCachedSourceDateEpoch</c>,
    /// <c>_BuildGuardCachedSourceCommit</c>); the package's targets import it, so a build after which
    /// HEAD did not move needs no git call and no task.
    /// </summary>
    public string? CacheFile { get; set; }

    /// <summary>Seconds since 1970-01-01, or empty.</summary>
    [Output]
    public string SourceDateEpoch { get; private set; } = string.Empty;

    /// <summary>The commit HEAD points to, or empty.</summary>
    [Output]
    public string SourceCommit { get; private set; } = string.Empty;

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var result = Evidence.SourceControl.SourceDateEpoch.Resolve(ProjectDirectory, UserValue, Diagnostics);
        SourceDateEpoch = result.Epoch?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        SourceCommit = result.Commit ?? string.Empty;
        if (result.Epoch is { } epoch)
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: SOURCE_DATE_EPOCH={0} ({1}) from {2}", epoch, Evidence.SourceControl.SourceDateEpoch.ToRfc3339(epoch), result.Origin);
        }

        if (!string.IsNullOrWhiteSpace(CacheFile))
        {
            var props = "<Project>\n  <PropertyGroup>\n"
                + "    <_BuildGuardCachedSourceDateEpoch>" + SourceDateEpoch + "</_BuildGuardCachedSourceDateEpoch>\n"
                + "    <_BuildGuardCachedSourceCommit>" + SourceCommit + "</_BuildGuardCachedSourceCommit>\n"
                + "  </PropertyGroup>\n</Project>\n";
            try
            {
                AtomicFile.WriteAllText(CacheFile!, props);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The cache only saves a git call in the next build.
                Log.LogMessage(MessageImportance.Low, "BuildGuard: cannot write {0}: {1}", CacheFile!, ex.Message);
            }
        }
    }
}
