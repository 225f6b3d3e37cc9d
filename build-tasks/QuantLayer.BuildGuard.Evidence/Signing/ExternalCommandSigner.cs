using System.Diagnostics;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Signs through an external command, the way an HSM, a cloud KMS or a signing service plugs in:
/// the bytes to sign go to the command's standard input, the command writes the ECDSA P-256 /
/// SHA-256 signature of those bytes to standard output (DER, or IEEE P1363 r||s, either raw or
/// base64) and exits with 0. Example: <c>openssl dgst -sha256 -sign /secure/key.pem</c>.
/// BuildGuard never sees the private key; it verifies every returned signature with the
/// configured public key.
/// </summary>
public sealed class ExternalCommandSigner : ISigner
{
    private readonly string _fileName;
    private readonly string _arguments;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the signer. Throws <see cref="SigningException"/> for an empty command.</summary>
    public ExternalCommandSigner(string command, EcPublicKey publicKey, TimeSpan? timeout = null)
    {
        (_fileName, _arguments) = SplitCommand(command);
        PublicKey = publicKey;
        _timeout = timeout ?? TimeSpan.FromMinutes(2);
        Description = "the signer command '" + _fileName + "'";
    }

    /// <inheritdoc />
    public EcPublicKey PublicKey { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public byte[] Sign(byte[] message)
    {
        var start = new ProcessStartInfo(_fileName, _arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SigningException(BuildDiagnosticIds.SignerCommandFailed, $"The signer command '{_fileName}' could not be started.");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new SigningException(BuildDiagnosticIds.SignerCommandFailed, $"The signer command '{_fileName}' could not be started: {ex.Message} Check BuildGuardSignCommand: the first word must be an executable on PATH or a full path.");
        }

        using (process)
        {
            var output = new MemoryStream();
            var copyOutput = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.BaseStream.Write(message, 0, message.Length);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command exited without reading its input; its exit code says why.
            }

            if (!process.WaitForExit((int)_timeout.TotalMilliseconds))
            {
                TryKill(process);
                throw new SigningException(BuildDiagnosticIds.SignerCommandFailed, $"The signer command '{_fileName}' did not finish within {_timeout.TotalSeconds:0} seconds; it was stopped. Check that it does not wait for interactive input (a PIN or a touch) that nobody can give.");
            }

            process.WaitForExit();
            copyOutput.Wait();
            var stderr = Trim(error.Result);
            if (process.ExitCode != 0)
            {
                throw new SigningException(BuildDiagnosticIds.SignerCommandFailed, $"The signer command '{_fileName}' failed with exit code {process.ExitCode}{(stderr.Length > 0 ? ": " + stderr : ".")}");
            }

            var signature = Decode(output.ToArray());
            if (signature is null)
            {
                throw new SigningException(BuildDiagnosticIds.SignerCommandFailed, $"The signer command '{_fileName}' printed no ECDSA signature (expected DER or 64-byte r||s, raw or base64, on standard output).");
            }

            if (!PublicKey.Verify(message, signature))
            {
                throw new SigningException(BuildDiagnosticIds.SignerKeyMismatch, $"The signature from the signer command '{_fileName}' does not verify with the configured public key (hint {PublicKey.Hint}). BuildGuardSigningPublicKeyFile must be the public key of the key the command signs with, and the command must sign the SHA-256 of its standard input with ECDSA P-256.");
            }

            return signature;
        }
    }

    /// <summary>Splits "program rest of arguments" (the program may be quoted).</summary>
    internal static (string FileName, string Arguments) SplitCommand(string command)
    {
        var text = command.Trim();
        if (text.Length == 0)
        {
            throw new SigningException(BuildDiagnosticIds.SigningConfiguration, "BuildGuardSignCommand is empty.");
        }

        if (text[0] == '"')
        {
            var close = text.IndexOf('"', 1);
            if (close < 0)
            {
                throw new SigningException(BuildDiagnosticIds.SigningConfiguration, "BuildGuardSignCommand has an unterminated quote.");
            }

            return (text.Substring(1, close - 1), text.Substring(close + 1).Trim());
        }

        var space = text.IndexOfAny(new[] { ' ', '\t' });
        return space < 0 ? (text, string.Empty) : (text.Substring(0, space), text.Substring(space + 1).Trim());
    }

    /// <summary>Turns the command's output into a DER signature: raw DER, raw r||s, or base64 of either.</summary>
    internal static byte[]? Decode(byte[] output)
    {
        var candidate = Normalize(output);
        if (candidate is not null)
        {
            return candidate;
        }

        var text = Encoding.ASCII.GetString(output).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return Normalize(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Normalize(byte[] bytes)
    {
        if (bytes.Length == 64)
        {
            return EcdsaSignatureEncoding.ToDer(bytes);
        }

        if (bytes.Length > 8 && bytes[0] == 0x30)
        {
            try
            {
                return EcdsaSignatureEncoding.ToDer(EcdsaSignatureEncoding.FromDer(bytes));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static string Trim(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 1000 ? trimmed.Substring(0, 1000) + "…" : trimmed;
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
