using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Base of every task that signs with the build's signing key (<see cref="SignArtifacts"/>, and
/// through <see cref="ReleaseSigningTask"/> the change record and the ledger): the key settings
/// the targets pass, turned into <see cref="SigningKeyOptions"/> one way, with the per-build key
/// cache. Only names and paths reach these tasks; the key itself is read by
/// <see cref="SigningKeys.Resolve"/>, never passed through MSBuild.
/// </summary>
public abstract class SigningKeyTask : BuildGuardTask
{
    /// <summary>The project file.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>BuildGuardSignCommand.</summary>
    public string? SignCommand { get; set; }

    /// <summary>BuildGuardSigningKeyFile (a path).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>BuildGuardSigningPublicKeyFile (a path).</summary>
    public string? SigningPublicKeyFile { get; set; }

    /// <summary>BuildGuardSigningKeyVariable: the NAME of the environment variable that may hold a PEM key.</summary>
    public string? SigningKeyVariable { get; set; }

    /// <summary>BuildGuardSigningPassphraseVariable: the NAME of the environment variable holding the passphrase.</summary>
    public string? SigningPassphraseVariable { get; set; }

    /// <summary>BuildGuardDeterministicSignatures: "false" for randomized ECDSA signatures (default true).</summary>
    public string? DeterministicSignatures { get; set; }

    /// <summary>Environment lookup (tests replace it).</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The project folder.</summary>
    protected string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;

    /// <summary>The key settings of this task, for <see cref="SigningKeys.Resolve"/>.</summary>
    protected SigningKeyOptions KeyOptions() => new()
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
    };
}
