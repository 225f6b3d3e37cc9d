using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Where the signing key comes from. Only names travel through MSBuild and the command line: the
/// signer command, the key file's path, and the names of the environment variables that hold a
/// PEM key and a passphrase. Key material and passphrases are read here, from the file or the
/// environment, and never appear in a message.
/// </summary>
public sealed class SigningKeyOptions
{
    /// <summary>External signer command (BuildGuardSignCommand): bytes on stdin, signature on stdout.</summary>
    public string? SignCommand { get; init; }

    /// <summary>The signer's public key (PEM), required with <see cref="SignCommand"/>, checked against the key otherwise.</summary>
    public string? PublicKeyFile { get; init; }

    /// <summary>A PKCS#8 / SEC1 / encrypted PKCS#8 PEM file (BuildGuardSigningKeyFile).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Name of the environment variable that may hold a PEM private key.</summary>
    public string KeyVariable { get; init; } = SigningKeys.DefaultKeyVariable;

    /// <summary>Name of the environment variable that holds the passphrase of an encrypted key.</summary>
    public string PassphraseVariable { get; init; } = SigningKeys.DefaultPassphraseVariable;

    /// <summary>RFC 6979 deterministic signatures (default) or the platform's randomized ECDSA.</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>The project (or current) folder: a key file inside its git work tree is refused.</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>How environment variables are read (tests replace it).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>How long the signer command may take per signature.</summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>
    /// Keys already read in this process (the MSBuild task keeps them for the build), so an
    /// encrypted key is decrypted once per build node, not once per project. Null: no cache.
    /// </summary>
    public IPrivateKeyCache? Cache { get; init; }
}

/// <summary>Decrypted keys kept in memory for the duration of a build, by an id derived from the PEM and passphrase.</summary>
public interface IPrivateKeyCache
{
    /// <summary>The cached key with this id, or null. The caller gets its own copy.</summary>
    EcPrivateKey? Get(string id);

    /// <summary>Keeps a copy of the key under this id.</summary>
    void Add(string id, EcPrivateKey key);
}

/// <summary>Resolves the signer from <see cref="SigningKeyOptions"/>, in the documented order, with the key-handling checks.</summary>
public static class SigningKeys
{
    /// <summary>The default name of the environment variable holding a PEM private key.</summary>
    public const string DefaultKeyVariable = "BUILDGUARD_SIGNING_KEY";

    /// <summary>The default name of the environment variable holding the key's passphrase.</summary>
    public const string DefaultPassphraseVariable = "BUILDGUARD_SIGNING_PASSPHRASE";

    /// <summary>
    /// Returns the signer of the first configured source: the signer command, then a PEM key in
    /// the environment variable, then the key file (encrypted keys take the passphrase from its
    /// variable). Returns null with <paramref name="configured"/> false when no source is
    /// configured (the caller decides how loudly to say so), or null with errors in
    /// <paramref name="diagnostics"/> when the configured source cannot be used.
    /// </summary>
    public static ISigner? Resolve(SigningKeyOptions options, DiagnosticBag diagnostics, out bool configured)
    {
        configured = false;
        if (!CheckNoKeyMaterialInNames(options, diagnostics))
        {
            configured = true;
            return null;
        }

        var baseDirectory = options.ProjectDirectory ?? Directory.GetCurrentDirectory();
        EcPublicKey? publicKey = null;
        if (!string.IsNullOrWhiteSpace(options.PublicKeyFile))
        {
            var publicKeyPath = Path.GetFullPath(Path.Combine(baseDirectory, options.PublicKeyFile!.Trim()));
            try
            {
                publicKey = EcPublicKey.FromFile(publicKeyPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                configured = true;
                diagnostics.Error(
                    BuildDiagnosticIds.KeyUnreadable,
                    $"Cannot read the signing public key '{publicKeyPath}': {ex.Message} BuildGuardSigningPublicKeyFile must be a PEM 'PUBLIC KEY' (ECDSA P-256), e.g. the .pub file 'buildguard keygen' wrote.",
                    publicKeyPath);
                return null;
            }
        }

        if (!string.IsNullOrWhiteSpace(options.SignCommand))
        {
            configured = true;
            if (publicKey is null)
            {
                diagnostics.Error(
                    BuildDiagnosticIds.SigningConfiguration,
                    "BuildGuardSignCommand is set but BuildGuardSigningPublicKeyFile is not. Set it to the PEM public key of the key the command signs with: BuildGuard verifies every signature the command returns and names the key in each bundle.");
                return null;
            }

            try
            {
                return new ExternalCommandSigner(options.SignCommand!, publicKey, options.CommandTimeout);
            }
            catch (SigningException ex)
            {
                diagnostics.Error(ex.Id, ex.Message);
                return null;
            }
        }

        var fromEnvironment = options.Environment(options.KeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            configured = true;
            if (!Pem.LooksLikePem(fromEnvironment))
            {
                diagnostics.Error(
                    BuildDiagnosticIds.KeyUnreadable,
                    $"The environment variable {options.KeyVariable} is set but does not hold a PEM private key (no '-----BEGIN' line). Put the whole PEM text in it (CI secret), or unset it and use BuildGuardSigningKeyFile for a key file.");
                return null;
            }

            return Load(fromEnvironment!, "the environment variable " + options.KeyVariable, null, options, publicKey, diagnostics);
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            configured = true;
            var keyPath = Path.GetFullPath(Path.Combine(baseDirectory, options.KeyFile!.Trim()));
            if (!File.Exists(keyPath))
            {
                diagnostics.Error(
                    BuildDiagnosticIds.KeyUnreadable,
                    $"The signing key file '{keyPath}' does not exist. Set BuildGuardSigningKeyFile to the path of your PEM private key (outside the repository), or create one with 'buildguard keygen <path>'.",
                    keyPath);
                return null;
            }

            if (!CheckKeyFileLocation(keyPath, options.ProjectDirectory, diagnostics))
            {
                return null;
            }

            CheckKeyFilePermissions(keyPath, diagnostics);
            string pem;
            try
            {
                pem = File.ReadAllText(keyPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(BuildDiagnosticIds.KeyUnreadable, $"Cannot read the signing key file '{keyPath}': {ex.Message}", keyPath);
                return null;
            }

            return Load(pem, "the key file '" + keyPath + "'", keyPath, options, publicKey, diagnostics);
        }

        return null;
    }

    /// <summary>
    /// Refuses a private key file inside the project's git work tree (QLB3032) or tracked by any
    /// git repository (QLB3033). Symbolic links are followed. Returns true when the location is acceptable.
    /// </summary>
    public static bool CheckKeyFileLocation(string keyPath, string? projectDirectory, DiagnosticBag diagnostics)
    {
        var candidates = new List<string> { Path.GetFullPath(keyPath) };
#if NET
        try
        {
            var target = new FileInfo(keyPath).ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                candidates.Add(target.FullName);
            }
        }
        catch (IOException)
        {
        }
#endif
        foreach (var path in candidates)
        {
            GitRepository? own;
            try
            {
                own = GitRepository.Discover(Path.GetDirectoryName(path)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                own = null;
            }

            if (own is not null)
            {
                bool tracked;
                try
                {
                    tracked = own.IsTracked(path);
                }
                catch (GitException)
                {
                    tracked = false;
                }

                if (tracked)
                {
                    diagnostics.Error(
                        BuildDiagnosticIds.KeyTrackedByGit,
                        $"The private key file '{path}' is tracked by the git repository '{own.WorkTree}': everyone with a clone has the key. Remove it from the repository and its history (git rm --cached, then rewrite history or treat the key as compromised), create a new key outside the repository ('buildguard keygen'), and distribute the new public key.",
                        path);
                    return false;
                }
            }

            if (projectDirectory is not null)
            {
                GitRepository? project;
                try
                {
                    project = GitRepository.Discover(projectDirectory);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    project = null;
                }

                if (project is not null && project.Contains(path))
                {
                    diagnostics.Error(
                        BuildDiagnosticIds.KeyInsideRepository,
                        $"The private key file '{path}' is inside the repository work tree '{project.WorkTree}'. A key there ends up in a commit, an archive or a backup sooner or later, even when it is ignored. Move it outside the repository (for example to ~/.buildguard/ or a secrets mount) and point BuildGuardSigningKeyFile at it.",
                        path);
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Warns (QLB3038) when a key file can be read or written by group or others (Unix; .NET 8 and later).</summary>
    public static void CheckKeyFilePermissions(string keyPath, DiagnosticBag diagnostics)
    {
#if NET
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(keyPath);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.KeyFilePermissions,
                $"The private key file '{keyPath}' can be read or written by other users (mode {Convert.ToString((int)mode, 8)}). Restrict it to its owner: chmod 600 '{keyPath}'.",
                keyPath);
        }
#else
        _ = keyPath;
        _ = diagnostics;
#endif
    }

    /// <summary>True when a value that should be a path or a name carries key material instead.</summary>
    public static bool LooksLikeKeyMaterial(string? value)
        => value is not null && (Pem.LooksLikePem(value) || value.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0);

    private static bool CheckNoKeyMaterialInNames(SigningKeyOptions options, DiagnosticBag diagnostics)
    {
        var named = new[]
        {
            ("BuildGuardSigningKeyFile", options.KeyFile),
            ("BuildGuardSignCommand", options.SignCommand),
            ("BuildGuardSigningPublicKeyFile", LooksLikePrivateKey(options.PublicKeyFile) ? options.PublicKeyFile : null),
            ("BuildGuardSigningKeyVariable", options.KeyVariable),
            ("BuildGuardSigningPassphraseVariable", options.PassphraseVariable),
        };
        foreach (var (name, value) in named)
        {
            if (LooksLikeKeyMaterial(value))
            {
                diagnostics.Error(
                    BuildDiagnosticIds.KeyOnCommandLine,
                    $"{name} contains key material instead of a path or a name. It is now in this build's log and command history: treat the key as compromised and replace it. Pass only a file path (BuildGuardSigningKeyFile) or put the PEM in the environment variable named by BuildGuardSigningKeyVariable.");
                return false;
            }
        }

        foreach (var (name, value) in new[] { ("BuildGuardSigningKeyVariable", options.KeyVariable), ("BuildGuardSigningPassphraseVariable", options.PassphraseVariable) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(c => !(char.IsLetterOrDigit(c) || c == '_')))
            {
                diagnostics.Error(
                    BuildDiagnosticIds.SigningConfiguration,
                    $"{name} must be the name of an environment variable (letters, digits and '_'), not its value.");
                return false;
            }
        }

        return true;
    }

    /// <summary>A cache id that names the key and passphrase without revealing either: SHA-256 over both.</summary>
    private static string CacheId(string pem, string? passphrase)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var bytes = System.Text.Encoding.UTF8.GetBytes("QuantLayer.BuildGuard.SigningKey/v1\0" + pem + "\0" + (passphrase ?? string.Empty));
        try
        {
            return "QuantLayer.BuildGuard.SigningKey:" + Convert.ToBase64String(sha.ComputeHash(bytes));
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
        }
    }

    private static bool LooksLikePrivateKey(string? value) => value is not null && value.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0;

    private static ISigner? Load(string pem, string source, string? file, SigningKeyOptions options, EcPublicKey? expected, DiagnosticBag diagnostics)
    {
        EcPrivateKey key;
        try
        {
            var passphrase = options.Environment(options.PassphraseVariable);
            var cacheId = options.Cache is null ? null : CacheId(pem, passphrase);
            var cached = cacheId is null ? null : options.Cache!.Get(cacheId);
            if (cached is not null)
            {
                key = cached;
            }
            else
            {
                key = EcPrivateKey.FromPem(pem, () => passphrase);
                if (cacheId is not null)
                {
                    options.Cache!.Add(cacheId, key.Clone());
                }
            }
        }
        catch (KeyPassphraseException ex)
        {
            diagnostics.Error(
                BuildDiagnosticIds.KeyPassphrase,
                $"Cannot decrypt the private key from {source}: {ex.Message}. Put the passphrase in the environment variable {options.PassphraseVariable} (a CI secret, or 'read -s' in a shell); BuildGuard never takes it from the command line or an MSBuild property.",
                file);
            return null;
        }
        catch (KeyFormatException ex)
        {
            diagnostics.Error(BuildDiagnosticIds.KeyUnreadable, $"Cannot use the private key from {source}: {ex.Message}.", file);
            return null;
        }

        if (expected is not null && !expected.SameKey(key.PublicKey))
        {
            key.Dispose();
            diagnostics.Error(
                BuildDiagnosticIds.SignerKeyMismatch,
                $"The private key from {source} (key hint {key.PublicKey.Hint}) does not belong to BuildGuardSigningPublicKeyFile (key hint {expected.Hint}). Point both at the same key pair, or remove BuildGuardSigningPublicKeyFile.",
                file);
            return null;
        }

        return new EcdsaP256Signer(key, source, options.Deterministic);
    }
}
