using System.CommandLine;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// The key-source options shared by the signing verbs. They take paths and variable names only:
/// key material and passphrases never go on a command line.
/// </summary>
internal sealed class KeyOptions
{
    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "PEM private key file (PKCS#8, SEC1 or encrypted PKCS#8), outside any git work tree.",
    };

    public Option<string> KeyVariable { get; } = new("--key-variable")
    {
        Description = "Name of the environment variable that may hold a PEM private key (CI secret).",
        DefaultValueFactory = _ => SigningKeys.DefaultKeyVariable,
    };

    public Option<string> PassphraseVariable { get; } = new("--passphrase-variable")
    {
        Description = "Name of the environment variable holding the passphrase of an encrypted key.",
        DefaultValueFactory = _ => SigningKeys.DefaultPassphraseVariable,
    };

    public Option<string?> SignCommand { get; } = new("--sign-command")
    {
        Description = "External signer (HSM, KMS): gets the bytes on stdin, prints the ECDSA P-256 signature. Needs --public-key.",
    };

    public Option<string?> PublicKey { get; } = new("--public-key")
    {
        Description = "The signer's PEM public key (required with --sign-command; checked against the private key otherwise).",
    };

    public Option<bool> RandomNonce { get; } = new("--random-nonce")
    {
        Description = "Sign with the platform's randomized ECDSA instead of deterministic RFC 6979 nonces.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(KeyFile);
        command.Options.Add(KeyVariable);
        command.Options.Add(PassphraseVariable);
        command.Options.Add(SignCommand);
        command.Options.Add(PublicKey);
        command.Options.Add(RandomNonce);
    }

    /// <summary>Resolves the signer; usage problems become <see cref="UsageException"/>s (exit 2) that never echo key material.</summary>
    public ISigner Resolve(ParseResult parse, string projectDirectory, TextWriter error)
    {
        var diagnostics = new DiagnosticBag();
        var signer = SigningKeys.Resolve(
            new SigningKeyOptions
            {
                KeyFile = parse.GetValue(KeyFile),
                KeyVariable = parse.GetValue(KeyVariable)!,
                PassphraseVariable = parse.GetValue(PassphraseVariable)!,
                SignCommand = parse.GetValue(SignCommand),
                PublicKeyFile = parse.GetValue(PublicKey),
                Deterministic = !parse.GetValue(RandomNonce),
                ProjectDirectory = projectDirectory,
            },
            diagnostics,
            out var configured);
        foreach (var warning in diagnostics.Items.Where(d => d.Severity != EvidenceSeverity.Error))
        {
            error.WriteLine(warning.ToString());
        }

        if (!configured)
        {
            throw new UsageException($"error {BuildDiagnosticIds.Unsigned}: no signing key: give --key-file, put a PEM key in the environment variable {parse.GetValue(KeyVariable)}, or give --sign-command with --public-key.");
        }

        if (signer is null)
        {
            throw new UsageException(string.Join(Environment.NewLine, diagnostics.Items.Where(d => d.Severity == EvidenceSeverity.Error).Select(d => d.ToString())));
        }

        return signer;
    }
}
