using System.Security.Cryptography;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

/// <summary>Key formats, checked against OpenSSL and .NET's own PKCS#8 implementation.</summary>
public sealed class PrivateKeyTests
{
    private const string Passphrase = "correct horse battery staple";

    [Fact]
    public void An_encrypted_key_round_trips_with_the_right_passphrase()
    {
        using var key = EcPrivateKey.Generate();
        var pem = key.ToEncryptedPem(Passphrase, iterations: 1000);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        using var read = EcPrivateKey.FromPem(pem, () => Passphrase);
        Assert.Equal(key.PublicKey.Hint, read.PublicKey.Hint);
    }

    [Fact]
    public void A_wrong_or_missing_passphrase_is_a_passphrase_error_that_reveals_nothing()
    {
        using var key = EcPrivateKey.Generate();
        var pem = key.ToEncryptedPem(Passphrase, iterations: 1000);
        for (var i = 0; i < 20; i++)
        {
            var ex = Assert.Throws<KeyPassphraseException>(() => EcPrivateKey.FromPem(pem, () => "wrong " + i));
            Assert.DoesNotContain("wrong " + i, ex.Message, StringComparison.Ordinal);
        }

        Assert.Throws<KeyPassphraseException>(() => EcPrivateKey.FromPem(pem, () => null));
    }

    [Fact]
    public void Our_encrypted_key_is_read_by_dotnet_and_by_openssl()
    {
        using var key = EcPrivateKey.Generate();
        var pem = key.ToEncryptedPem(Passphrase, iterations: 2048);

        using var platform = ECDsa.Create();
        platform.ImportFromEncryptedPem(pem, Passphrase);
        Assert.Equal(key.PublicKey.X, platform.ExportParameters(false).Q.X);

        using var temp = new TempDirectory();
        var file = temp.Write("key.pem", pem);
        var result = Openssl(temp.Path, new Dictionary<string, string?> { ["PASS"] = Passphrase }, "pkey", "-in", file, "-passin", "env:PASS", "-pubout");
        Assert.Equal(key.PublicKey.ToPem(), result.Output.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("-aes-256-cbc", "hmacWithSHA256")]
    [InlineData("-aes-128-cbc", "hmacWithSHA1")]
    [InlineData("-aes-192-cbc", "hmacWithSHA512")]
    public void Keys_encrypted_by_openssl_are_read(string cipher, string prf)
    {
        using var temp = new TempDirectory();
        var env = new Dictionary<string, string?> { ["PASS"] = Passphrase };
        Openssl(temp.Path, null, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", temp.Combine("sec1.pem"));
        Openssl(temp.Path, env, "pkcs8", "-topk8", "-v2", cipher.TrimStart('-'), "-v2prf", prf, "-in", temp.Combine("sec1.pem"), "-out", temp.Combine("enc.pem"), "-passout", "env:PASS");
        var expected = EcPublicKey.FromPem(Openssl(temp.Path, null, "pkey", "-in", temp.Combine("sec1.pem"), "-pubout").Output);

        using var fromSec1 = EcPrivateKey.FromPem(File.ReadAllText(temp.Combine("sec1.pem")), () => null);
        using var fromEncrypted = EcPrivateKey.FromPem(File.ReadAllText(temp.Combine("enc.pem")), () => Passphrase);
        Assert.Equal(expected.Hint, fromSec1.PublicKey.Hint);
        Assert.Equal(expected.Hint, fromEncrypted.PublicKey.Hint);
    }

    [Fact]
    public void An_unencrypted_pkcs8_key_from_openssl_is_read_and_our_signatures_verify_with_openssl()
    {
        using var temp = new TempDirectory();
        Openssl(temp.Path, null, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", temp.Combine("key.pem"));
        Openssl(temp.Path, null, "pkey", "-in", temp.Combine("key.pem"), "-pubout", "-out", temp.Combine("key.pub"));
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromPem(File.ReadAllText(temp.Combine("key.pem")), () => null), "openssl key");
        var message = System.Text.Encoding.UTF8.GetBytes("signed by BuildGuard, checked by OpenSSL");
        File.WriteAllBytes(temp.Combine("message.bin"), message);
        File.WriteAllBytes(temp.Combine("sig.der"), signer.Sign(message));

        var result = Openssl(temp.Path, null, "dgst", "-sha256", "-verify", temp.Combine("key.pub"), "-signature", temp.Combine("sig.der"), temp.Combine("message.bin"));
        Assert.Contains("Verified OK", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rsa", "RSA key")]
    [InlineData("secp384r1", "curve 1.3.132.0.34")]
    public void Keys_of_other_algorithms_and_curves_are_refused_with_what_to_do(string kind, string expected)
    {
        using var temp = new TempDirectory();
        if (kind == "rsa")
        {
            Openssl(temp.Path, null, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", temp.Combine("key.pem"));
        }
        else
        {
            Openssl(temp.Path, null, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + kind, "-out", temp.Combine("key.pem"));
        }

        var ex = Assert.Throws<KeyFormatException>(() => EcPrivateKey.FromPem(File.ReadAllText(temp.Combine("key.pem")), () => null));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_openssl_encryption_and_cosign_keys_are_refused_with_a_conversion_hint()
    {
        var legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        Assert.Contains("openssl pkcs8", Assert.Throws<KeyFormatException>(() => EcPrivateKey.FromPem(legacy, () => "x")).Message, StringComparison.Ordinal);
        var cosign = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
        Assert.Contains("cosign", Assert.Throws<KeyFormatException>(() => EcPrivateKey.FromPem(cosign, () => "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_key_error()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var pem = Pem.Write("PRIVATE KEY", bytes);
            try
            {
                using var key = EcPrivateKey.FromPem(pem, () => "x");
            }
            catch (KeyFormatException)
            {
            }
        }, iter: 500);
    }

    [Fact]
    public void The_BouncyCastle_pbkdf2_of_the_net472_task_equals_the_platforms_for_every_prf()
    {
        var prfs = new[] { HashAlgorithmName.SHA1, HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512 };
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Byte.Array[0, 24], Gen.Int[1, 50], Gen.Int[1, 100], Gen.Int[0, 3]).Sample((password, salt, iterations, length, prf) =>
        {
            Assert.Equal(
                Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prfs[prf], length),
                Pbkdf2.DeriveBouncyCastle(password, salt, iterations, prfs[prf], length));
        }, iter: 200);
    }

    internal static ProcessResult Openssl(string directory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var result = ProcessRunner.Run("openssl", arguments, directory, environment);
        Assert.True(result.ExitCode == 0, "openssl " + string.Join(" ", arguments) + " failed: " + result.All);
        return result;
    }
}
