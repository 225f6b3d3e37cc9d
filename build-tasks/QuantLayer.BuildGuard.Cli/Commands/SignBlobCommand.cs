using System.CommandLine;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard sign-blob &lt;file&gt;</c>: signs one file into a Sigstore message-signature bundle
/// (<c>&lt;file&gt;.sigstore.json</c>), for files the build does not sign (installers, archives,
/// firmware images). Verify it with <c>buildguard verify</c> or <c>cosign verify-blob</c>.
/// </summary>
internal static class SignBlobCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The file to sign." };
        var bundle = new Option<string?>("--bundle")
        {
            Description = "Where to write the bundle (default: <file>.sigstore.json beside the file).",
        };
        var keys = new KeyOptions();
        var command = new Command("sign-blob", "Sign a file into a Sigstore bundle v0.3 with a message signature (ECDSA P-256, SHA-256).")
        {
            file, bundle,
        };
        keys.AddTo(command);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"'{parse.GetValue(file)}' does not exist.");
            }

            var signer = keys.Resolve(parse, Path.GetDirectoryName(path)!, error);
            try
            {
                var target = parse.GetValue(bundle) ?? path + SigstoreBundle.FileSuffix;
                var signed = SigstoreBundle.SignMessage(File.ReadAllBytes(path), signer);
                var diagnostics = new DiagnosticBag();
                if (!AtomicFile.TryWriteAllBytes(target, signed.ToJson(), diagnostics))
                {
                    error.WriteLine(diagnostics.Items[0].ToString());
                    return CliApplication.Failure;
                }

                output.WriteLine($"Signed {Path.GetFileName(path)} with {signer.Description} (key hint {signer.PublicKey.Hint}): {target}");
                return CliApplication.Success;
            }
            catch (SigningException ex)
            {
                error.WriteLine(new EvidenceDiagnostic(ex.Id, EvidenceSeverity.Error, ex.Message).ToString());
                return CliApplication.Failure;
            }
            finally
            {
                (signer as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
