using System.CommandLine;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Verification;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard verify --key supplier.pub &lt;file|folder&gt;...</c>: the operator's offline check of a
/// release's Sigstore bundles. Exit 0 only when every bundle and artifact verifies, 1 on any
/// failure, 2 on usage errors (no key, unreadable key, missing path).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files or folders of the release. A folder: every *.sigstore.json under it. A file: the bundles beside it that cover it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var keys = new Option<string[]>("--key", "-k")
        {
            Description = "A trusted public key (PEM file). Repeat it during a key rotation; the report says which key signed.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the report as JSON instead of the human verdict.",
        };

        var command = new Command("verify", "Verify signed release evidence offline: signatures, key hints, artifact digests, statement and predicate types, and the SBOM the provenance references (exit 0 only when everything verifies).")
        {
            paths, keys, json,
        };
        command.SetAction(parse =>
        {
            var trusted = new List<TrustedKey>();
            foreach (var key in parse.GetValue(keys) ?? Array.Empty<string>())
            {
                if (SigningKeys.LooksLikeKeyMaterial(key))
                {
                    throw new UsageException($"error {BuildDiagnosticIds.KeyOnCommandLine}: --key takes the path of a public key file, not the key itself.");
                }

                try
                {
                    trusted.Add(TrustedKey.FromFile(key));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
                {
                    throw new UsageException($"error {BuildDiagnosticIds.TrustedKeyUnreadable}: cannot use the trusted key '{key}': {ex.Message}");
                }
            }

            var targets = parse.GetValue(paths) ?? Array.Empty<string>();
            foreach (var target in targets)
            {
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    throw new UsageException($"'{target}' does not exist. Give the release folder or the files to verify.");
                }
            }

            var report = ReleaseVerifier.Verify(targets, new VerifierOptions { Keys = trusted });
            var baseDirectory = Directory.GetCurrentDirectory();
            if (parse.GetValue(json))
            {
                output.Write(System.Text.Encoding.UTF8.GetString(ReleaseVerifier.ToJson(report, baseDirectory)));
            }
            else
            {
                output.Write(ReleaseVerifier.Render(report, baseDirectory));
            }

            return report.Verified ? CliApplication.Success : CliApplication.Failure;
        });
        return command;
    }
}
