using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>How the BuildGuard profile changes the severity of build diagnostics.</summary>
public static class ProfilePolicy
{
    /// <summary>
    /// Strict: a warning becomes an error (every finding must be fixed or explicitly configured).
    /// Audit: an error about policy becomes a warning (report, never fail); errors about the
    /// build itself (QLB3000 internal error, QLB3006 evidence not written, QLB3007 unreadable
    /// input) stay errors in every profile: evidence must never be silently missing.
    /// </summary>
    public static EvidenceSeverity Apply(EvidenceDiagnostic diagnostic, string? profile)
    {
        var p = profile?.Trim();
        if (string.Equals(p, "Strict", StringComparison.OrdinalIgnoreCase) && diagnostic.Severity == EvidenceSeverity.Warning)
        {
            return EvidenceSeverity.Error;
        }

        if (string.Equals(p, "Audit", StringComparison.OrdinalIgnoreCase) && diagnostic.Severity == EvidenceSeverity.Error
            && diagnostic.Id is not (BuildDiagnosticIds.InternalError or BuildDiagnosticIds.CannotWriteEvidence or BuildDiagnosticIds.InputUnreadable))
        {
            return EvidenceSeverity.Warning;
        }

        return diagnostic.Severity;
    }
}
