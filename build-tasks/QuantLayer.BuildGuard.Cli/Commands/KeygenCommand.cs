using System.CommandLine;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard keygen &lt;private-key&gt;</c>: creates an ECDSA P-256 key pair: the private key
/// as encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA-256, AES-256-CBC) readable by its owner only, the
/// public key beside it (<c>.pub</c>). The passphrase comes from an environment variable or an
/// echo-free prompt, never from the command line. Refuses to write into a git work tree or over
/// an existing key.
/// </summary>
internal static class KeygenCommand
{
    private const int MinimumPassphraseLength = 8;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var privateKey = new Argument<string>("private-key")
        {
            Description = "Where to write the encrypted private key (outside any git work tree), e.g. ~/.buildguard/signing.key.",
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Where to write the public key (default: the private key's path with .pub).",
        };
        var passphraseVariable = new Option<string>("--passphrase-variable")
        {
            Description = "Name of the environment variable holding the passphrase; without it set, keygen prompts (no echo).",
            DefaultValueFactory = _ => SigningKeys.DefaultPassphraseVariable,
        };
        var command = new Command("keygen", "Create an ECDSA P-256 signing key pair: an encrypted private key (owner-only file permissions) and its public key.")
        {
            privateKey, publicKey, passphraseVariable,
        };
        command.SetAction(parse =>
        {
            var keyArgument = parse.GetValue(privateKey)!;
            if (SigningKeys.LooksLikeKeyMaterial(keyArgument))
            {
                throw new UsageException($"error {BuildDiagnosticIds.KeyOnCommandLine}: keygen takes the path to write the private key to.");
            }

            var keyPath = Path.GetFullPath(keyArgument);
            var publicPath = Path.GetFullPath(parse.GetValue(publicKey) ?? Path.ChangeExtension(keyPath, ".pub"));
            if (string.Equals(keyPath, publicPath, StringComparison.Ordinal))
            {
                throw new UsageException("the public key must go to another file than the private key (--public-key).");
            }

            foreach (var path in new[] { keyPath, publicPath })
            {
                if (File.Exists(path))
                {
                    throw new UsageException($"'{path}' already exists; keygen never overwrites a key. Choose another path or move the old key away first.");
                }
            }

            var directory = Path.GetDirectoryName(keyPath)!;
            Directory.CreateDirectory(directory);
            var repository = GitRepository.Discover(directory);
            if (repository is not null)
            {
                throw new UsageException($"error {BuildDiagnosticIds.KeyInsideRepository}: '{keyPath}' is inside the git work tree '{repository.WorkTree}'. Write the private key outside any repository (for example ~/.buildguard/signing.key); only the public key belongs with your code.");
            }

            var variable = parse.GetValue(passphraseVariable)!;
            var passphrase = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(passphrase))
            {
                if (Console.IsInputRedirected)
                {
                    throw new UsageException($"error {BuildDiagnosticIds.KeyPassphrase}: set the passphrase in the environment variable {variable} (standard input is not a terminal, so keygen cannot prompt).");
                }

                passphrase = ReadSecret(error, "Passphrase for the new key: ");
                if (ReadSecret(error, "Repeat the passphrase: ") != passphrase)
                {
                    throw new UsageException("the passphrases differ; nothing was written.");
                }
            }

            if (passphrase.Length < MinimumPassphraseLength)
            {
                throw new UsageException($"the passphrase must have at least {MinimumPassphraseLength} characters.");
            }

            using var key = EcPrivateKey.Generate();
            WriteOwnerOnly(keyPath, Encoding.ASCII.GetBytes(key.ToEncryptedPem(passphrase)));
            AtomicFile.WriteAllText(publicPath, key.PublicKey.ToPem());
            output.WriteLine($"Wrote the encrypted private key {keyPath} (readable by you only) and the public key {publicPath}.");
            output.WriteLine($"Key hint: {key.PublicKey.Hint}");
            output.WriteLine("Keep the private key and its passphrase out of every repository and log; give the .pub file to the people who verify your releases.");
            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes a file that only its owner can read: on Unix created with mode 600 before any byte is
    /// written; on Windows with an access-control list granting the current user alone. Atomic
    /// (temporary file, then rename) and never overwriting.
    /// </summary>
    internal static void WriteOwnerOnly(string path, byte[] content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                if (OperatingSystem.IsWindows())
                {
                    RestrictToCurrentUser(stream);
                }

                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void RestrictToCurrentUser(FileStream stream)
    {
        var user = WindowsIdentity.GetCurrent().User!;
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(user);
        security.AddAccessRule(new FileSystemAccessRule(user, FileSystemRights.FullControl, AccessControlType.Allow));
        stream.SetAccessControl(security);
    }

    private static string ReadSecret(TextWriter prompt, string text)
    {
        prompt.Write(text);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
