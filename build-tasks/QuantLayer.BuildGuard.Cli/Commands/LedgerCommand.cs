using System.CommandLine;
using System.Globalization;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.Ledger;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Cli.Commands;

/// <summary>
/// <c>buildguard ledger verify</c> and <c>buildguard ledger prove</c>: check an evidence ledger the
/// way a transparency-log client does (tree heads, checkpoint signatures, consistency between
/// checkpoints, inclusion of artifacts) and print an artifact's inclusion proof for an auditor.
/// Exit 0 when everything verifies, 1 when a check fails, 2 on usage errors.
/// </summary>
internal static class LedgerCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("ledger", "Verify the evidence ledger (RFC 6962 Merkle tree, signed C2SP checkpoints) and prove that an artifact is in it.");
        command.Subcommands.Add(CreateVerify(output, error));
        command.Subcommands.Add(CreateProve(output, error));
        return command;
    }

    private static Option<string> LedgerOption() => new("--ledger", "-l")
    {
        Description = "The ledger folder (BuildGuardLedger; default: ./ledger).",
        DefaultValueFactory = _ => "ledger",
    };

    private static Option<string[]> KeyOption() => new("--key", "-k")
    {
        Description = "A trusted public key (PEM) that signs the ledger's checkpoints. Repeat it during a key rotation.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string?> OriginOption() => new("--origin")
    {
        Description = "The log origin to expect (default: the one in the ledger's checkpoint).",
    };

    private static Command CreateVerify(TextWriter output, TextWriter error)
    {
        var ledger = LedgerOption();
        var keys = KeyOption();
        var origin = OriginOption();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var artifacts = new Argument<string[]>("artifact")
        {
            Description = "Released files that must be in the ledger (their SHA-256 is looked up and proved included in the latest checkpoint).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verify = new Command("verify", "Recompute the Merkle tree over the entries, check every checkpoint's signature and tree head, prove each checkpoint consistent with the previous one, and prove the given artifacts included. Exit 0 only when everything verifies.")
        {
            ledger, keys, origin, json, artifacts,
        };
        verify.SetAction(parse =>
        {
            var folder = parse.GetValue(ledger)!;
            var files = ParseArtifacts(parse.GetValue(artifacts));
            var diagnostics = new DiagnosticBag();
            var verifiers = Verifiers(parse.GetValue(keys), parse.GetValue(origin), folder);
            var report = LedgerVerifier.Verify(folder, verifiers, files, diagnostics);
            DisposeAll(verifiers);
            if (parse.GetValue(json))
            {
                output.Write(Encoding.UTF8.GetString(VerifyJson(folder, report, diagnostics)));
            }
            else
            {
                foreach (var diagnostic in diagnostics.Items)
                {
                    (diagnostic.Severity == EvidenceSeverity.Error ? error : output).WriteLine(diagnostic.ToString());
                }

                var latest = report.Latest;
                output.WriteLine(diagnostics.HasErrors
                    ? $"FAILED: the ledger '{Path.GetFullPath(folder)}' does not verify."
                    : $"OK: {report.Entries.Count} entries, {report.Checkpoints.Count} checkpoints signed by a trusted key and consistent; latest tree head {(latest is null ? "none" : Convert.ToBase64String(latest.RootHash))} (size {latest?.Size ?? 0}, origin {latest?.Origin ?? "-"}).");
                foreach (var inclusion in report.Inclusions)
                {
                    output.WriteLine($"OK: {inclusion.Artifact} (sha256 {inclusion.Sha256}) is entry {inclusion.Index + 1}: {inclusion.Entry.Name} {inclusion.Entry.Version}, included in the tree of size {inclusion.Checkpoint.Size}.");
                }
            }

            return diagnostics.HasErrors ? CliApplication.Failure : CliApplication.Success;
        });
        return verify;
    }

    private static Command CreateProve(TextWriter output, TextWriter error)
    {
        var ledger = LedgerOption();
        var keys = KeyOption();
        var origin = OriginOption();
        var json = new Option<bool>("--json") { Description = "Print the proof as JSON." };
        var artifact = new Argument<string>("artifact") { Description = "The released file to prove included (its SHA-256 is looked up)." };
        var prove = new Command("prove", "Print the inclusion proof of an artifact for an auditor: its ledger entry, the leaf hash, the audit path (RFC 9162 2.1.3) and the signed checkpoint it leads to. The whole ledger is verified first.")
        {
            ledger, keys, origin, json, artifact,
        };
        prove.SetAction(parse =>
        {
            var folder = parse.GetValue(ledger)!;
            var file = ParseArtifacts(new[] { parse.GetValue(artifact)! });
            var diagnostics = new DiagnosticBag();
            var verifiers = Verifiers(parse.GetValue(keys), parse.GetValue(origin), folder);
            var report = LedgerVerifier.Verify(folder, verifiers, file, diagnostics);
            DisposeAll(verifiers);
            foreach (var diagnostic in diagnostics.Items)
            {
                error.WriteLine(diagnostic.ToString());
            }

            if (diagnostics.HasErrors || report.Inclusions.Count == 0)
            {
                error.WriteLine("No proof: the ledger or the artifact does not verify.");
                return CliApplication.Failure;
            }

            var inclusion = report.Inclusions[0];
            if (parse.GetValue(json))
            {
                output.Write(Encoding.UTF8.GetString(ProofJson(inclusion)));
                return CliApplication.Success;
            }

            output.WriteLine($"artifact:   {inclusion.Artifact}");
            output.WriteLine($"sha256:     {inclusion.Sha256}");
            output.WriteLine($"entry:      {inclusion.Index + 1} of {inclusion.Checkpoint.Size} (leaf index {inclusion.Index})");
            output.WriteLine($"entry data: {Encoding.UTF8.GetString(inclusion.EntryLine)}");
            output.WriteLine($"leaf hash:  {Hex.Lower(inclusion.LeafHash)}  (SHA-256(0x00 || entry data))");
            output.WriteLine($"tree size:  {inclusion.Checkpoint.Size}");
            output.WriteLine($"root hash:  {Hex.Lower(inclusion.Checkpoint.RootHash)}");
            output.WriteLine("audit path (RFC 9162 2.1.3, leaf to root):");
            for (var i = 0; i < inclusion.Proof.Count; i++)
            {
                output.WriteLine($"  {i.ToString(CultureInfo.InvariantCulture),2}: {Hex.Lower(inclusion.Proof[i])}");
            }

            output.WriteLine("checkpoint (c2sp.org/tlog-checkpoint, signed note):");
            output.Write(inclusion.CheckpointNote);
            return CliApplication.Success;
        });
        return prove;
    }

    private static List<string> ParseArtifacts(IEnumerable<string>? values)
    {
        var files = new List<string>();
        foreach (var value in values ?? Array.Empty<string>())
        {
            if (!File.Exists(value))
            {
                throw new UsageException($"'{value}' does not exist. Give the released file(s) to look up in the ledger.");
            }

            files.Add(Path.GetFullPath(value));
        }

        return files;
    }

    private static List<NoteVerifier> Verifiers(string[]? keyFiles, string? origin, string folder)
    {
        var name = origin;
        if (string.IsNullOrWhiteSpace(name))
        {
            try
            {
                name = new LedgerFiles(folder).ReadLatestCheckpoint()?.Origin;
            }
            catch (FormatException)
            {
                // Reported by the verifier.
            }
        }

        var verifiers = new List<NoteVerifier>();
        foreach (var key in keyFiles ?? Array.Empty<string>())
        {
            if (SigningKeys.LooksLikeKeyMaterial(key))
            {
                throw new UsageException($"error {BuildDiagnosticIds.KeyOnCommandLine}: --key takes the path of a public key file, not the key itself.");
            }

            try
            {
                verifiers.Add(new EcdsaNoteVerifier(name ?? string.Empty, EcPublicKey.FromFile(key)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new UsageException($"error {BuildDiagnosticIds.TrustedKeyUnreadable}: cannot use the trusted key '{key}': {ex.Message}");
            }
        }

        return verifiers;
    }

    private static void DisposeAll(IEnumerable<NoteVerifier> verifiers)
    {
        foreach (var verifier in verifiers.OfType<IDisposable>())
        {
            verifier.Dispose();
        }
    }

    private static byte[] VerifyJson(string folder, LedgerReport report, DiagnosticBag diagnostics) => DeterministicJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("verified", !diagnostics.HasErrors);
        w.WriteString("ledger", Path.GetFullPath(folder));
        w.WriteNumber("entries", report.Entries.Count);
        w.WriteNumber("checkpoints", report.Checkpoints.Count);
        if (report.Latest is { } latest)
        {
            w.WriteStartObject("latest");
            w.WriteString("origin", latest.Origin);
            w.WriteNumber("size", latest.Size);
            w.WriteString("rootHash", Convert.ToBase64String(latest.RootHash));
            w.WriteEndObject();
        }

        w.WriteStartArray("inclusions");
        foreach (var inclusion in report.Inclusions)
        {
            w.WriteStartObject();
            w.WriteString("artifact", inclusion.Artifact);
            w.WriteString("sha256", inclusion.Sha256);
            w.WriteNumber("index", inclusion.Index);
            w.WriteString("name", inclusion.Entry.Name);
            w.WriteString("version", inclusion.Entry.Version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("problems");
        foreach (var d in diagnostics.Items)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
            w.WriteString("message", d.Message);
            w.WriteOptionalString("file", d.File);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] ProofJson(LedgerInclusion inclusion) => DeterministicJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("artifact", inclusion.Artifact);
        w.WriteString("sha256", inclusion.Sha256);
        w.WriteNumber("leafIndex", inclusion.Index);
        w.WriteString("entry", Encoding.UTF8.GetString(inclusion.EntryLine));
        w.WriteString("leafHash", Convert.ToBase64String(inclusion.LeafHash));
        w.WriteNumber("treeSize", inclusion.Checkpoint.Size);
        w.WriteString("rootHash", Convert.ToBase64String(inclusion.Checkpoint.RootHash));
        w.WriteStartArray("inclusionProof");
        foreach (var hash in inclusion.Proof)
        {
            w.WriteStringValue(Convert.ToBase64String(hash));
        }

        w.WriteEndArray();
        w.WriteString("checkpoint", inclusion.CheckpointNote);
        w.WriteEndObject();
    });
}
