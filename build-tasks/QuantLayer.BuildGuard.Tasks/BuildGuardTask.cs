using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Base of every BuildGuard task: runs the work, logs the core's diagnostics with their QLB code,
/// file, line and help link, applies the profile (Strict turns policy warnings into errors, Audit
/// never fails on policy), and turns an unexpected exception into one QLB3000 error instead of a
/// stack trace.
/// </summary>
public abstract class BuildGuardTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The BuildGuard profile: Strict, Recommended (default) or Audit.</summary>
    public string? Profile { get; set; }

    /// <summary>Diagnostics the task collected.</summary>
    protected DiagnosticBag Diagnostics { get; } = new();

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Diagnostics.Error(
                BuildDiagnosticIds.InternalError,
                $"{GetType().Name} failed unexpectedly: {ex.GetType().Name}: {ex.Message} Evidence from this step was not written. Please report this with the build log (without secrets).");
        }

        foreach (var diagnostic in Diagnostics.Items)
        {
            Report(diagnostic);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Does the task's work, adding problems to <see cref="Diagnostics"/>.</summary>
    protected abstract void ExecuteCore();

    /// <summary>Logs one diagnostic with the profile applied.</summary>
    protected void Report(EvidenceDiagnostic diagnostic)
    {
        var severity = ProfilePolicy.Apply(diagnostic, Profile);
        var file = diagnostic.File ?? BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;
        switch (severity)
        {
            case EvidenceSeverity.Error:
                Log.LogError(null, diagnostic.Id, null, diagnostic.HelpLink, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            case EvidenceSeverity.Warning:
                Log.LogWarning(null, diagnostic.Id, null, diagnostic.HelpLink, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            default:
                Log.LogMessage(null, diagnostic.Id, null, file, diagnostic.Line, diagnostic.Column, 0, 0, MessageImportance.Normal, diagnostic.Message);
                break;
        }
    }

    /// <summary>True when an MSBuild boolean property value is "true" (case-insensitive).</summary>
    protected static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
