using System.Text.Json;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

/// <summary><c>buildguard keygen</c>, <c>sign-blob</c> and <c>verify</c>, run in-process.</summary>
public sealed class SigningCommandTests
{
    private const string Passphrase = "operator test passphrase";

    [Fact]
    public void Keygen_writes_an_encrypted_owner_only_key_and_its_public_key()
    {
        using var keys = new TempDirectory();
        var variable = SetPassphrase();

        var (exitCode, output, error) = CliRunner.Run("keygen", keys.Combine("signing.key"), "--passphrase-variable", variable);

        Assert.True(exitCode == 0, error);
        var pem = File.ReadAllText(keys.Combine("signing.key"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", pem, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.Combine("signing.key")));
        }
        else
        {
            var rules = new FileInfo(keys.Combine("signing.key")).GetAccessControl().GetAccessRules(true, true, typeof(System.Security.Principal.SecurityIdentifier));
            Assert.Single(rules);
        }
        using var key = EcPrivateKey.FromPem(pem, () => Passphrase);
        Assert.Equal(key.PublicKey.Hint, EcPublicKey.FromFile(keys.Combine("signing.pub")).Hint);
        Assert.Contains("Key hint: " + key.PublicKey.Hint, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, output + error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(keys.Path, "*.tmp"));
    }

    [Fact]
    public void Keygen_refuses_a_git_work_tree_an_existing_key_and_a_missing_passphrase()
    {
        using var repo = new TempDirectory();
        repo.Write("README.md", "x");
        ProcessRunner.InitRepository(repo.Path);
        var variable = SetPassphrase();

        var inRepo = CliRunner.Run("keygen", repo.Combine("keys", "signing.key"), "--passphrase-variable", variable);
        Assert.Equal(2, inRepo.ExitCode);
        Assert.Contains("QLB3032", inRepo.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("keys", "signing.key")));

        using var keys = new TempDirectory();
        keys.Write("signing.key", "old");
        var existing = CliRunner.Run("keygen", keys.Combine("signing.key"), "--passphrase-variable", variable);
        Assert.Equal(2, existing.ExitCode);
        Assert.Contains("never overwrites", existing.Error, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(keys.Combine("signing.key")));

        var noPassphrase = CliRunner.Run("keygen", keys.Combine("other.key"), "--passphrase-variable", "BG_TEST_UNSET_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(2, noPassphrase.ExitCode);
        Assert.Contains("QLB3035", noPassphrase.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keygen_key_signs_a_blob_that_verify_accepts_and_a_changed_blob_fails()
    {
        using var keys = new TempDirectory();
        using var release = new TempDirectory();
        var variable = SetPassphrase();
        Assert.Equal(0, CliRunner.Run("keygen", keys.Combine("signing.key"), "--passphrase-variable", variable).ExitCode);
        var blob = release.Write("firmware.bin", "firmware image v1");

        var signed = CliRunner.Run("sign-blob", blob, "--key-file", keys.Combine("signing.key"), "--passphrase-variable", variable);
        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.True(File.Exists(blob + ".sigstore.json"));

        var verified = CliRunner.Run("verify", "--key", keys.Combine("signing.pub"), blob);
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("VERIFIED  ", verified.Output, StringComparison.Ordinal);
        Assert.Contains("(signature; signed by signing.pub)", verified.Output, StringComparison.Ordinal);

        File.AppendAllText(blob, "!");
        var tampered = CliRunner.Run("verify", "--key", keys.Combine("signing.pub"), release.Path);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("FAILED    ", tampered.Output, StringComparison.Ordinal);
        Assert.Contains("QLB3042", tampered.Output, StringComparison.Ordinal);
        Assert.Contains("'firmware.bin' does not match the signed digest", tampered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_reports_json_and_the_key_that_signed_among_several()
    {
        using var release = SignedRelease(out var key);
        using var keys = new TempDirectory();
        using var other = EcPrivateKey.Generate();
        keys.Write("old.pub", other.PublicKey.ToPem());
        keys.Write("new.pub", key.PublicKey.ToPem());

        var (exitCode, output, error) = CliRunner.Run("verify", "--key", keys.Combine("old.pub"), "--key", keys.Combine("new.pub"), "--json", release.Path);

        Assert.True(exitCode == 0, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.All(json.RootElement.GetProperty("artifacts").EnumerateArray(), a => Assert.Equal("new.pub", a.GetProperty("signedBy")[0].GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("trustedKeys").GetArrayLength());
    }

    [Fact]
    public void Verify_fails_for_any_flipped_byte_of_an_artifact_payload_or_signature_and_for_another_key()
    {
        using var release = SignedRelease(out var key);
        using var keys = new TempDirectory();
        var trusted = keys.Write("supplier.pub", key.PublicKey.ToPem());
        var bundlePath = Path.Combine(release.Path, "Plc.dll.sigstore.json");
        var original = SigstoreBundle.Parse(File.ReadAllBytes(bundlePath));
        var originalDll = File.ReadAllBytes(Path.Combine(release.Path, "Plc.dll"));

        Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((part, position, mask) =>
        {
            var dll = (byte[])originalDll.Clone();
            var payload = (byte[])original.Envelope!.Payload.Clone();
            var signature = (byte[])original.Envelope.Signatures[0].Signature.Clone();
            var target = part switch { 0 => dll, 1 => payload, _ => signature };
            target[position % target.Length] ^= mask;
            using var copy = new TempDirectory();
            foreach (var file in Directory.GetFiles(release.Path))
            {
                File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
            }

            File.WriteAllBytes(Path.Combine(copy.Path, "Plc.dll"), dll);
            var envelope = new DsseEnvelope(original.Envelope.PayloadType, payload, new[] { new DsseSignature(original.Envelope.Signatures[0].KeyId, signature) });
            File.WriteAllBytes(Path.Combine(copy.Path, "Plc.dll.sigstore.json"), SigstoreBundle.ForEnvelope(envelope, original.KeyHint).ToJson());

            var (exitCode, output, _) = CliRunner.Run("verify", "--key", trusted, copy.Path);

            Assert.Equal(1, exitCode);
            Assert.Contains(part == 0 ? "QLB3042: 'Plc.dll' was changed after it was signed" : "QLB3040: The signature does not verify with supplier.pub", output, StringComparison.Ordinal);
        }, iter: 30, threads: 1);

        using var otherKey = EcPrivateKey.Generate();
        var other = keys.Write("other.pub", otherKey.PublicKey.ToPem());
        var wrongKey = CliRunner.Run("verify", "--key", other, release.Path);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("QLB3041: The bundle is signed with a key that is not trusted (key hint " + key.PublicKey.Hint + ")", wrongKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_usage_errors_exit_with_2_without_echoing_key_material()
    {
        using var temp = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var pem = key.ToPem();

        var noKey = CliRunner.Run("verify", temp.Path);
        Assert.Equal(2, noKey.ExitCode);

        var material = CliRunner.Run("verify", "--key", pem, temp.Path);
        Assert.Equal(2, material.ExitCode);
        Assert.Contains("QLB3031", material.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], material.Error, StringComparison.Ordinal);

        var privateKeyFile = temp.Write("k.pem", pem);
        var privateKey = CliRunner.Run("verify", "--key", privateKeyFile, temp.Path);
        Assert.Equal(2, privateKey.ExitCode);
        Assert.Contains("QLB3046", privateKey.Error, StringComparison.Ordinal);
        Assert.Contains("give the public key", privateKey.Error, StringComparison.Ordinal);

        var missing = CliRunner.Run("verify", "--key", temp.Write("k.pub", key.PublicKey.ToPem()), temp.Combine("nothing-here"));
        Assert.Equal(2, missing.ExitCode);

        var empty = CliRunner.Run("verify", "--key", temp.Combine("k.pub"), temp.Path);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("QLB3045", empty.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_blob_refuses_key_material_and_a_key_inside_the_repository()
    {
        using var repo = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var blob = repo.Write("setup.msi", "installer");
        var keyFile = repo.Write("signing.pem", key.ToPem());
        ProcessRunner.InitRepository(repo.Path);

        var material = CliRunner.Run("sign-blob", blob, "--key-file", key.ToPem());
        Assert.Equal(2, material.ExitCode);
        Assert.Contains("QLB3031", material.Error, StringComparison.Ordinal);

        var tracked = CliRunner.Run("sign-blob", blob, "--key-file", keyFile);
        Assert.Equal(2, tracked.ExitCode);
        Assert.Contains("QLB3033", tracked.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(blob + ".sigstore.json"));

        var none = CliRunner.Run("sign-blob", blob, "--key-variable", "BG_TEST_UNSET_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("QLB3030", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_blob_with_an_external_signer_command()
    {
        using var keys = new TempDirectory();
        using var release = new TempDirectory();
        Assert.Equal(0, ProcessRunner.Run("openssl", new[] { "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keys.Combine("hsm.pem") }, keys.Path).ExitCode);
        Assert.Equal(0, ProcessRunner.Run("openssl", new[] { "ec", "-in", keys.Combine("hsm.pem"), "-pubout", "-out", keys.Combine("hsm.pub") }, keys.Path).ExitCode);
        var blob = release.Write("plc-image.bin", "image");

        var signed = CliRunner.Run("sign-blob", blob, "--sign-command", "openssl dgst -sha256 -sign " + keys.Combine("hsm.pem"), "--public-key", keys.Combine("hsm.pub"));

        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.Contains("the signer command 'openssl'", signed.Output, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("verify", "--key", keys.Combine("hsm.pub"), blob).ExitCode);
    }

    [Fact]
    public void Help_lists_the_signing_verbs()
    {
        var (_, output, _) = CliRunner.Run("--help");
        foreach (var verb in new[] { "verify", "sign-blob", "keygen" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    private static string SetPassphrase()
    {
        var name = "BG_TEST_PASSPHRASE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, Passphrase);
        return name;
    }

    private static TempDirectory SignedRelease(out EcPrivateKey key)
    {
        var release = new TempDirectory();
        key = EcPrivateKey.Generate();
        var dll = release.Write("Plc.dll", "MZ plc controller assembly");
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "test key");
        var diagnostics = new DiagnosticBag();
        ArtifactSigner.Sign(new ArtifactSet { Primary = dll }, new SlsaProvenance(), signer, diagnostics);
        Assert.Empty(diagnostics.Items);
        return release;
    }
}
