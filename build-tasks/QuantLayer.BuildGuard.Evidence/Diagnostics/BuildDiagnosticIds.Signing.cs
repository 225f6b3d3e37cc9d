namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>Signing, keys and verification of signed evidence (QLB3030–3059).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>No signing key is configured: the artifacts are unsigned.</summary>
    public const string Unsigned = "QLB3030";

    /// <summary>Key material (or a passphrase) was given on the command line or in an MSBuild property.</summary>
    public const string KeyOnCommandLine = "QLB3031";

    /// <summary>The private key file lies inside the repository's work tree.</summary>
    public const string KeyInsideRepository = "QLB3032";

    /// <summary>The private key file is tracked by git.</summary>
    public const string KeyTrackedByGit = "QLB3033";

    /// <summary>The signing key cannot be read: missing, unsupported format or curve.</summary>
    public const string KeyUnreadable = "QLB3034";

    /// <summary>The encrypted private key cannot be decrypted: no passphrase or the wrong one.</summary>
    public const string KeyPassphrase = "QLB3035";

    /// <summary>The external signer command failed or returned no usable signature.</summary>
    public const string SignerCommandFailed = "QLB3036";

    /// <summary>A signature does not verify with the configured public key (signer and public key do not belong together).</summary>
    public const string SignerKeyMismatch = "QLB3037";

    /// <summary>The private key file can be read by other users.</summary>
    public const string KeyFilePermissions = "QLB3038";

    /// <summary>The signing configuration is incomplete (a signer command without its public key).</summary>
    public const string SigningConfiguration = "QLB3039";

    /// <summary>Verification: a signature does not verify with any trusted key.</summary>
    public const string SignatureInvalid = "QLB3040";

    /// <summary>Verification: the bundle's key hint does not belong to the key that verified it, or names an untrusted key.</summary>
    public const string KeyHintMismatch = "QLB3041";

    /// <summary>Verification: an artifact does not match the digest that was signed, or is missing.</summary>
    public const string SubjectDigestMismatch = "QLB3042";

    /// <summary>Verification: the bundle is malformed or has an unexpected media, statement or predicate type.</summary>
    public const string BundleMalformed = "QLB3043";

    /// <summary>Verification: the SBOM referenced by the provenance is missing or differs from what was signed.</summary>
    public const string SbomDigestMismatch = "QLB3044";

    /// <summary>Verification: no signature bundle covers an artifact, or a folder holds no bundle.</summary>
    public const string NoBundle = "QLB3045";

    /// <summary>Verification: a trusted public key cannot be read.</summary>
    public const string TrustedKeyUnreadable = "QLB3046";
}
