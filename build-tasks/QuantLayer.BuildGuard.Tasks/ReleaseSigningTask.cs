using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Base of the release tasks that sign with the build's signing key (the change record, the ledger
/// checkpoints): the same key settings as <see cref="SignArtifacts"/> (<see cref="SigningKeyTask"/>),
/// sharing its per-build key cache. Key problems are reported once, by SignArtifacts, which runs
/// in the same pack; these tasks only log them at low importance and go on unsigned.
/// </summary>
public abstract class ReleaseSigningTask : SigningKeyTask
{
    /// <summary>The signer, or null when no key is configured or it cannot be used (<paramref name="configured"/> says which).</summary>
    protected ISigner? ResolveSigner(out bool configured)
    {
        var keyDiagnostics = new DiagnosticBag();
        var signer = SigningKeys.Resolve(KeyOptions(), keyDiagnostics, out configured);
        foreach (var diagnostic in keyDiagnostics.Items)
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: {0} (reported by the signing step)", diagnostic.Id);
        }

        return signer;
    }
}
