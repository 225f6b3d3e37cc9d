using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Ledger;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

public sealed class LedgerCommandTests : IDisposable
{
    private const string Origin = "example.com/acme/gateway/buildguard-ledger";
    private readonly TempDirectory _temp = new("bg-ledger-cli");
    private readonly EcPrivateKey _key = EcPrivateKey.Generate();
    private readonly List<string> _artifacts = new();

    public LedgerCommandTests()
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(_key.ToPkcs8()), "test key");
        for (var i = 1; i <= 6; i++)
        {
            var artifact = _temp.Write($"release/Gateway.{i}.0.0.nupkg", "package " + i);
            _artifacts.Add(artifact);
            var diagnostics = new DiagnosticBag();
            LedgerAppender.Append(
                Ledger,
                new LedgerEntry { Name = "Gateway", Version = i + ".0.0", Artifacts = new[] { new LedgerFile(Path.GetFileName(artifact), FileDigest.Compute(artifact).Sha256) } },
                new EcdsaNoteSigner(Origin, signer),
                diagnostics);
            Assert.Empty(diagnostics.Items);
        }

        PublicKey = _temp.Write("supplier.pub", _key.PublicKey.ToPem());
    }

    private string Ledger => _temp.Combine("ledger");

    private string PublicKey { get; }

    [Fact]
    public void Verify_passes_with_the_supplier_key_and_names_the_artifacts()
    {
        var (exit, output, error) = CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", PublicKey, _artifacts[2], _artifacts[5]);
        Assert.True(exit == 0, output + error);
        Assert.Contains("OK: 6 entries, 6 checkpoints signed by a trusted key and consistent", output);
        Assert.Contains("Gateway.3.0.0.nupkg (sha256 ", output);
        Assert.Contains("is entry 3: Gateway 3.0.0", output);
    }

    [Fact]
    public void Verify_fails_with_exit_1_on_tampering_another_key_or_an_unknown_artifact()
    {
        var other = _temp.Write("other.pub", EcPrivateKey.Generate().PublicKey.ToPem());
        var wrongKey = CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", other);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("QLB4022", wrongKey.Error);

        var unknown = CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", PublicKey, _temp.Write("evil.nupkg", "evil"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("QLB4024", unknown.Error);

        var entries = Path.Combine(Ledger, "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("4.0.0", "4.0.1"));
        var tampered = CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", PublicKey, "--json");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("\"verified\": false", tampered.Output);
        Assert.Contains("\"id\": \"QLB4021\"", tampered.Output);
    }

    [Fact]
    public void A_checkpoint_that_is_not_UTF8_is_QLB4020_not_a_crash()
    {
        var checkpoint = Path.Combine(Ledger, "checkpoint");
        var good = File.ReadAllBytes(checkpoint);
        try
        {
            File.WriteAllBytes(checkpoint, new byte[] { 0xff, 0xfe, 0xc3, 0x28 }.Concat(good).ToArray());
            var (exit, _, error) = CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", PublicKey);
            Assert.Equal(1, exit);
            Assert.Contains("QLB4020", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllBytes(checkpoint, good);
        }
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("ledger", "verify", "--ledger", Ledger).ExitCode);
        Assert.Equal(2, CliRunner.Run("ledger", "verify", "--ledger", Ledger, "--key", _temp.Combine("missing.pub")).ExitCode);
        Assert.Equal(2, CliRunner.Run("ledger", "prove", "--ledger", Ledger, "--key", PublicKey, _temp.Combine("missing.nupkg")).ExitCode);
    }

    [Fact]
    public void Prove_prints_a_proof_that_an_independent_implementation_accepts()
    {
        var text = CliRunner.Run("ledger", "prove", "--ledger", Ledger, "--key", PublicKey, _artifacts[4]);
        Assert.True(text.ExitCode == 0, text.Output + text.Error);
        Assert.Contains("entry:      5 of 6 (leaf index 4)", text.Output);
        Assert.Contains("audit path (RFC 9162 2.1.3, leaf to root):", text.Output);
        Assert.Contains("\u2014 " + Origin + " ", text.Output);

        var json = CliRunner.Run("ledger", "prove", "--ledger", Ledger, "--key", PublicKey, "--json", _artifacts[4]);
        Assert.Equal(0, json.ExitCode);
        var proofFile = _temp.Write("proof.json", json.Output);
        var node = NodeInterop.Run("verify-ledger-proof.mjs", PublicKey, proofFile);
        Assert.True(node.ExitCode == 0, node.All);
        Assert.Equal("OK", node.Output.Trim());

        // The same proof for another leaf index, or with one audit-path hash changed, must fail there too.
        File.WriteAllText(proofFile, json.Output.Replace("\"leafIndex\": 4", "\"leafIndex\": 5"));
        Assert.Equal(1, NodeInterop.Run("verify-ledger-proof.mjs", PublicKey, proofFile).ExitCode);
        var proof = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!;
        var path = proof["inclusionProof"]!.AsArray();
        Assert.NotEmpty(path);
        var first = Convert.FromBase64String(path[0]!.GetValue<string>());
        first[0] ^= 1;
        path[0] = Convert.ToBase64String(first);
        File.WriteAllText(proofFile, proof.ToJsonString());
        Assert.Equal(1, NodeInterop.Run("verify-ledger-proof.mjs", PublicKey, proofFile).ExitCode);
    }

    public void Dispose()
    {
        _key.Dispose();
        _temp.Dispose();
    }
}
