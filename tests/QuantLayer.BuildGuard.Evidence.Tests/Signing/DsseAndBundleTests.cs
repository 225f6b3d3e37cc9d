using System.Numerics;
using System.Text;
using System.Text.Json;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

public sealed class DsseAndBundleTests
{
    [Fact]
    public void Pre_auth_encoding_equals_the_DSSE_spec_vector()
    {
        var pae = Dsse.PreAuthEncoding("http://example.com/HelloWorld", Encoding.ASCII.GetBytes("hello world"));
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.ASCII.GetString(pae));
    }

    [Fact]
    public void Pre_auth_encoding_counts_bytes_not_characters()
    {
        var pae = Dsse.PreAuthEncoding("t/ü", Encoding.UTF8.GetBytes("ä"));
        Assert.Equal(Encoding.UTF8.GetBytes("DSSEv1 4 t/ü 2 ä"), pae);
    }

    [Fact]
    public void Deterministic_signing_reproduces_the_DSSE_spec_signature()
    {
        // protocol.md "Test Vectors": ECDSA P-256 / SHA-256 with RFC 6979 nonces, signature as r||s.
        var d = BigInteger.Parse("97358161215184420915383655311931858321456579547487070936769975997791359926199", System.Globalization.CultureInfo.InvariantCulture);
        using var key = EcPrivateKey.FromScalar(d.ToByteArray(isUnsigned: true, isBigEndian: true));
        Assert.Equal(BigInteger.Parse("46950820868899156662930047687818585632848591499744589407958293238635476079160", System.Globalization.CultureInfo.InvariantCulture), new BigInteger(key.PublicKey.X, isUnsigned: true, isBigEndian: true));
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromScalar(d.ToByteArray(isUnsigned: true, isBigEndian: true)), "test key");

        var envelope = Dsse.Sign("http://example.com/HelloWorld", Encoding.ASCII.GetBytes("hello world"), signer);

        var p1363 = EcdsaSignatureEncoding.FromDer(envelope.Signatures[0].Signature);
        Assert.Equal("A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==", Convert.ToBase64String(p1363));
        Assert.Equal(signer.PublicKey.Hint, envelope.Signatures[0].KeyId);
    }

    [Fact]
    public void The_key_hint_is_base64_of_the_sha256_of_the_DER_public_key()
    {
        using var key = EcPrivateKey.Generate();
        using var platform = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = key.PublicKey.X, Y = key.PublicKey.Y },
        });
        var der = platform.ExportSubjectPublicKeyInfo();
        Assert.Equal(der, key.PublicKey.SubjectPublicKeyInfo);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(der)), key.PublicKey.Hint);
        Assert.Equal(key.PublicKey.Hint, EcPublicKey.FromPem(platform.ExportSubjectPublicKeyInfoPem()).Hint);
    }

    [Fact]
    public void A_dsse_bundle_is_written_in_the_protobuf_JSON_mapping()
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.Generate(), "test key");
        var statement = new InTotoStatement(
            new[] { new ResourceDescriptor(name: "App.dll", digest: new Dictionary<string, string> { ["sha256"] = new string('a', 64) }) },
            "https://example.com/predicate/v1",
            Encoding.UTF8.GetBytes("{ \"b\": 1,\n \"a\": [true] }"));

        var json = SigstoreBundle.SignStatement(statement, signer).ToJson();

        var text = Encoding.UTF8.GetString(json);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(new[] { "mediaType", "verificationMaterial", "dsseEnvelope" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", root.GetProperty("mediaType").GetString());
        Assert.Equal(signer.PublicKey.Hint, root.GetProperty("verificationMaterial").GetProperty("publicKey").GetProperty("hint").GetString());
        var envelope = root.GetProperty("dsseEnvelope");
        Assert.Equal(new[] { "payload", "payloadType", "signatures" }, envelope.EnumerateObject().Select(p => p.Name));
        Assert.Equal("application/vnd.in-toto+json", envelope.GetProperty("payloadType").GetString());
        var signature = Assert.Single(envelope.GetProperty("signatures").EnumerateArray());
        Assert.Equal(new[] { "sig", "keyid" }, signature.EnumerateObject().Select(p => p.Name));
        Assert.Equal(signer.PublicKey.Hint, signature.GetProperty("keyid").GetString());

        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(envelope.GetProperty("payload").GetString()!));
        Assert.Equal(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"App.dll\",\"digest\":{\"sha256\":\"" + new string('a', 64) + "\"}}],\"predicateType\":\"https://example.com/predicate/v1\",\"predicate\":{\"b\":1,\"a\":[true]}}",
            payload);
    }

    [Fact]
    public void Signing_the_same_statement_twice_gives_byte_identical_bundles()
    {
        using var key = EcPrivateKey.Generate();
        using var first = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "a");
        using var second = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "b");
        var statement = new InTotoStatement(new[] { new ResourceDescriptor(name: "x", digest: new Dictionary<string, string> { ["sha256"] = "00" }) }, SlsaProvenance.PredicateType, new SlsaProvenance().ToPredicateJson());
        Assert.Equal(SigstoreBundle.SignStatement(statement, first).ToJson(), SigstoreBundle.SignStatement(statement, second).ToJson());
    }

    [Fact]
    public void Randomized_signing_is_available_and_verifies()
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.Generate(), "random", deterministic: false);
        var message = Encoding.UTF8.GetBytes("message");
        var a = signer.Sign(message);
        var b = signer.Sign(message);
        Assert.NotEqual(a, b);
        Assert.True(signer.PublicKey.Verify(message, a));
        Assert.True(signer.PublicKey.Verify(message, b));
    }

    [Fact]
    public void Bundles_round_trip_for_random_payloads()
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.Generate(), "test key");
        Gen.Select(Gen.Byte.Array[1, 400], Gen.String[1, 40]).Sample((payload, type) =>
        {
            var bundle = SigstoreBundle.ForEnvelope(Dsse.Sign(type, payload, signer), signer.PublicKey.Hint);
            var parsed = SigstoreBundle.Parse(bundle.ToJson());
            Assert.Equal(payload, parsed.Envelope!.Payload);
            Assert.Equal(type, parsed.Envelope.PayloadType);
            Assert.Equal(bundle.Envelope!.Signatures[0].Signature, parsed.Envelope.Signatures[0].Signature);
            Assert.Equal(bundle.ToJson(), parsed.ToJson());
        }, iter: 100);
    }

    [Fact]
    public void A_message_signature_bundle_round_trips()
    {
        using var signer = new EcdsaP256Signer(EcPrivateKey.Generate(), "test key");
        var content = Encoding.UTF8.GetBytes("release.zip contents");
        var json = SigstoreBundle.SignMessage(content, signer).ToJson();
        using var document = JsonDocument.Parse(json);
        var message = document.RootElement.GetProperty("messageSignature");
        Assert.Equal("SHA2_256", message.GetProperty("messageDigest").GetProperty("algorithm").GetString());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(content), Convert.FromBase64String(message.GetProperty("messageDigest").GetProperty("digest").GetString()!));
        var parsed = SigstoreBundle.Parse(json);
        Assert.True(signer.PublicKey.Verify(content, parsed.Message!.Signature));
    }

    [Fact]
    public void The_reader_accepts_snake_case_names_and_url_safe_unpadded_base64()
    {
        var json = """
            {"media_type":"application/vnd.dev.sigstore.bundle+json;version=0.3",
             "verification_material":{"public_key":{"hint":"h"}},
             "dsse_envelope":{"payload":"-_8","payload_type":"t","signatures":[{"sig":"AQ","keyid":"h"}]}}
            """;
        var bundle = SigstoreBundle.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(new byte[] { 0xfb, 0xff }, bundle.Envelope!.Payload);
        Assert.Equal(new byte[] { 1 }, bundle.Envelope.Signatures[0].Signature);
    }

    [Theory]
    [InlineData("""{"mediaType":"application/json","verificationMaterial":{"publicKey":{}},"dsseEnvelope":{"payload":"AA==","payloadType":"t","signatures":[{"sig":"AA=="}]}}""", "mediaType")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"certificate":{"rawBytes":"AA=="}},"dsseEnvelope":{"payload":"AA==","payloadType":"t","signatures":[{"sig":"AA=="}]}}""", "keyless")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"dsseEnvelope":{"payload":"AA==","payloadType":"t","signatures":[{"sig":"AA=="},{"sig":"AA=="}]}}""", "exactly one")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}}}""", "exactly one of")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"dsseEnvelope":{"payload":"%%%","payloadType":"t","signatures":[{"sig":"AA=="}]}}""", "base64")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{", "not valid JSON")]
    public void Malformed_bundles_are_rejected_with_what_is_wrong(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SigstoreBundle.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
