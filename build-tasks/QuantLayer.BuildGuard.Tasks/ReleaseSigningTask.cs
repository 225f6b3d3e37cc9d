using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Base of the release tasks that sign with the build's signing key (the change record, the ledger
/// checkpoints): the same key settings as <see cref="SignArtifacts"/>, resolved the same way and
/// sharing its per-build key cache. Key problems are reported once, by SignArtifacts, which runs
/// in the same pack; these tasks only log them at low importance and go on unsigned.
/// </summary>
public abstract class ReleaseSigningTask : BuildGuardTask
{
    /// <summary>The project file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>BuildGuardSignCommand.</summary>
    public string? SignCommand { get; set; }

    /// <summary>The private key file (full path).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The public key file (full path).</summary>
    public string? SigningPublicKeyFile { get; set; }

    /// <summary>The NAME of the environment variable with a PEM key.</summary>
    public string? SigningKeyVariable { get; set; }

    /// <summary>The NAME of the environment variable with the key's passphrase.</summary>
    public string? SigningPassphraseVariable { get; set; }

    /// <summary>"false" for randomized ECDSA signatures.</summary>
    public string? DeterministicSignatures { get; set; }

    /// <summary>Environment lookup (tests replace it).</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The project folder.</summary>
    protected string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;

    /// <summary>The signer, or null when no key is configured or it cannot be used (<paramref name="configured"/> says which).</summary>
    protected ISigner? ResolveSigner(out bool configured)
    {
        var keyDiagnostics = new DiagnosticBag();
        var signer = SigningKeys.Resolve(
            new SigningKeyOptions
            {
                SignCommand = SignCommand,
                KeyFile = SigningKeyFile,
                PublicKeyFile = SigningPublicKeyFile,
                KeyVariable = string.IsNullOrWhiteSpace(SigningKeyVariable) ? SigningKeys.DefaultKeyVariable : SigningKeyVariable!.Trim(),
                PassphraseVariable = string.IsNullOrWhiteSpace(SigningPassphraseVariable) ? SigningKeys.DefaultPassphraseVariable : SigningPassphraseVariable!.Trim(),
                Deterministic = !string.Equals(DeterministicSignatures?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
                ProjectDirectory = ProjectDirectory,
                Environment = Environment,
                Cache = BuildEngine is IBuildEngine4 engine ? new SignArtifacts.BuildKeyCache(engine) : null,
            },
            keyDiagnostics,
            out configured);
        foreach (var diagnostic in keyDiagnostics.Items)
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: {0} (reported by the signing step)", diagnostic.Id);
        }

        return signer;
    }
}
