using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Tests.Signing;
using QuantLayer.BuildGuard.Evidence.Verification;

namespace QuantLayer.BuildGuard.Evidence.Tests.Verification;

public sealed class BundleVerifierTests
{
    [Fact]
    public void A_signed_release_verifies_and_reports_which_key_signed_each_artifact()
    {
        using var release = new SignedRelease();
        var report = ReleaseVerifier.Verify(new[] { release.Folder }, Options(release.Key.PublicKey));

        Assert.True(report.Verified, ReleaseVerifier.Render(report, release.Folder));
        Assert.Equal(new[] { "App", "App.cdx.json", "App.dll" }, report.Artifacts.Select(a => Path.GetFileName(a.Path)));
        var dll = report.Artifacts.Single(a => a.Path == release.Assembly);
        Assert.Equal(new[] { "provenance", "sbom" }, dll.Evidence.Select(e => e.Kind).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "supplier.pub" }, dll.SignedBy);
        var rendered = ReleaseVerifier.Render(report, release.Folder);
        Assert.True(rendered.Contains("VERIFIED  App.dll       (provenance, sbom; signed by supplier.pub)", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void The_provenance_carries_the_subjects_the_sbom_byproduct_and_its_packages()
    {
        using var release = new SignedRelease();
        var bundle = SigstoreBundle.Parse(File.ReadAllBytes(release.ProvenanceBundle));
        var statement = InTotoStatement.Parse(bundle.Envelope!.Payload);
        Assert.Equal(SlsaProvenance.PredicateType, statement.PredicateType);
        Assert.Equal(new[] { "App.dll", "App" }, statement.Subjects.Select(s => s.Name));
        using var predicate = JsonDocument.Parse(statement.PredicateJson!);
        var root = predicate.RootElement;
        Assert.Equal(SlsaProvenance.DotNetBuildType, root.GetProperty("buildDefinition").GetProperty("buildType").GetString());
        Assert.Equal("Release", root.GetProperty("buildDefinition").GetProperty("externalParameters").GetProperty("configuration").GetString());
        var dependencies = root.GetProperty("buildDefinition").GetProperty("resolvedDependencies").EnumerateArray().ToList();
        Assert.Equal(new string('1', 40), dependencies[0].GetProperty("digest").GetProperty("gitCommit").GetString());
        Assert.Equal("pkg:nuget/Newtonsoft.Json@13.0.3", dependencies[1].GetProperty("uri").GetString());
        Assert.Equal(new string('a', 128), dependencies[1].GetProperty("digest").GetProperty("sha512").GetString());
        Assert.Equal(2, dependencies.Count);
        Assert.Equal("2024-05-01T10:00:00Z", root.GetProperty("runDetails").GetProperty("metadata").GetProperty("finishedOn").GetString());
        var sbom = Assert.Single(root.GetProperty("runDetails").GetProperty("byproducts").EnumerateArray());
        Assert.Equal("App.cdx.json", sbom.GetProperty("name").GetString());
        Assert.Equal("application/vnd.cyclonedx+json", sbom.GetProperty("mediaType").GetString());
    }

    [Fact]
    public void Flipping_any_byte_of_an_artifact_fails_naming_the_artifact()
    {
        using var release = new SignedRelease();
        var names = new[] { "App.dll", "App" };
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((which, position, mask) =>
        {
            var folder = release.CopyTo("flip-artifact");
            var file = Path.Combine(folder, names[which]);
            var bytes = File.ReadAllBytes(file);
            bytes[position % bytes.Length] ^= mask;
            File.WriteAllBytes(file, bytes);

            var report = ReleaseVerifier.Verify(new[] { folder }, Options(release.Key.PublicKey));

            Assert.False(report.Verified);
            var verdict = report.Artifacts.Single(a => a.Path == file);
            Assert.False(verdict.Verified);
            Assert.Contains(verdict.Failures, f => f.Id == BuildDiagnosticIds.SubjectDigestMismatch && f.Message.Contains("'" + names[which] + "' was changed after it was signed", StringComparison.Ordinal));
            Assert.True(report.Artifacts.Single(a => a.Path.EndsWith("App.cdx.json", StringComparison.Ordinal)).Verified);
        }, iter: 60);
    }

    [Fact]
    public void Flipping_any_byte_of_the_signed_payload_fails_the_signature()
    {
        using var release = new SignedRelease();
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((which, position, mask) =>
        {
            var folder = release.CopyTo("flip-payload");
            var bundlePath = Path.Combine(folder, Path.GetFileName(release.Bundles[which].Path));
            var bundle = SigstoreBundle.Parse(File.ReadAllBytes(bundlePath));
            var payload = (byte[])bundle.Envelope!.Payload.Clone();
            payload[position % payload.Length] ^= mask;
            File.WriteAllBytes(bundlePath, SigstoreBundle.ForEnvelope(new DsseEnvelope(bundle.Envelope.PayloadType, payload, bundle.Envelope.Signatures), bundle.KeyHint).ToJson());

            var result = BundleVerifier.Verify(bundlePath, Options(release.Key.PublicKey));

            Assert.False(result.Verified);
            var failure = result.Failures[0];
            Assert.Equal(BuildDiagnosticIds.SignatureInvalid, failure.Id);
            Assert.Contains("payload", failure.Message, StringComparison.Ordinal);
        }, iter: 60);
    }

    [Fact]
    public void Flipping_any_byte_of_the_signature_fails_the_signature()
    {
        using var release = new SignedRelease();
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((which, position, mask) =>
        {
            var folder = release.CopyTo("flip-signature");
            var bundlePath = Path.Combine(folder, Path.GetFileName(release.Bundles[which].Path));
            var bundle = SigstoreBundle.Parse(File.ReadAllBytes(bundlePath));
            var signature = (byte[])bundle.Envelope!.Signatures[0].Signature.Clone();
            signature[position % signature.Length] ^= mask;
            var envelope = new DsseEnvelope(bundle.Envelope.PayloadType, bundle.Envelope.Payload, new[] { new DsseSignature(bundle.Envelope.Signatures[0].KeyId, signature) });
            File.WriteAllBytes(bundlePath, SigstoreBundle.ForEnvelope(envelope, bundle.KeyHint).ToJson());

            var result = BundleVerifier.Verify(bundlePath, Options(release.Key.PublicKey));

            Assert.False(result.Verified);
            Assert.Equal(BuildDiagnosticIds.SignatureInvalid, result.Failures[0].Id);
            Assert.Contains("signature was changed", result.Failures[0].Message, StringComparison.Ordinal);
        }, iter: 60);
    }

    [Fact]
    public void Verifying_with_another_key_fails_naming_the_untrusted_key_hint()
    {
        using var release = new SignedRelease();
        Gen.Int[0, 1000].Sample(_ =>
        {
            using var other = EcPrivateKey.Generate();
            var report = ReleaseVerifier.Verify(new[] { release.Folder }, Options(other.PublicKey));
            Assert.False(report.Verified);
            Assert.All(report.Bundles, b =>
            {
                Assert.Null(b.SignedBy);
                Assert.Equal(BuildDiagnosticIds.KeyHintMismatch, b.Failures[0].Id);
                Assert.Contains("not trusted (key hint " + release.Key.PublicKey.Hint + ")", b.Failures[0].Message, StringComparison.Ordinal);
            });
        }, iter: 10);
    }

    [Fact]
    public void A_bundle_re_signed_with_an_attackers_key_fails_even_when_its_hint_names_the_trusted_key()
    {
        using var release = new SignedRelease();
        using var attacker = new EcdsaP256Signer(EcPrivateKey.Generate(), "attacker");
        var bundle = SigstoreBundle.Parse(File.ReadAllBytes(release.ProvenanceBundle));
        var forged = Dsse.Sign(bundle.Envelope!.PayloadType, bundle.Envelope.Payload, attacker);
        var envelope = new DsseEnvelope(forged.PayloadType, forged.Payload, new[] { new DsseSignature(release.Key.PublicKey.Hint, forged.Signatures[0].Signature) });
        File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.ForEnvelope(envelope, release.Key.PublicKey.Hint).ToJson());

        var result = BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey));

        Assert.False(result.Verified);
        Assert.Equal(BuildDiagnosticIds.SignatureInvalid, result.Failures[0].Id);
    }

    [Fact]
    public void A_changed_key_hint_is_reported_even_when_the_signature_verifies()
    {
        using var release = new SignedRelease();
        var bundle = SigstoreBundle.Parse(File.ReadAllBytes(release.ProvenanceBundle));
        var fake = Convert.ToBase64String(new byte[32]);
        var envelope = new DsseEnvelope(bundle.Envelope!.PayloadType, bundle.Envelope.Payload, new[] { new DsseSignature(fake, bundle.Envelope.Signatures[0].Signature) });
        File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.ForEnvelope(envelope, fake).ToJson());

        var result = BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey));

        Assert.False(result.Verified);
        Assert.Equal(BuildDiagnosticIds.KeyHintMismatch, result.Failures[0].Id);
        Assert.Contains("the key hint was changed", result.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_sbom_fails_as_the_sbom_the_provenance_references()
    {
        using var release = new SignedRelease();
        File.AppendAllText(release.Sbom, " ");

        var report = ReleaseVerifier.Verify(new[] { release.Folder }, Options(release.Key.PublicKey));

        Assert.False(report.Verified);
        var dll = report.Artifacts.Single(a => a.Path == release.Assembly);
        Assert.Contains(dll.Failures, f => f.Id == BuildDiagnosticIds.SbomDigestMismatch && f.Message.Contains("'App.cdx.json' is not the SBOM the provenance references", StringComparison.Ordinal));
        Assert.Contains(report.Artifacts.Single(a => a.Path == release.Sbom).Failures, f => f.Id == BuildDiagnosticIds.SubjectDigestMismatch);
    }

    [Fact]
    public void A_missing_artifact_or_sbom_fails_naming_it()
    {
        using var release = new SignedRelease();
        File.Delete(release.AppHost);
        File.Delete(release.Sbom);

        var report = ReleaseVerifier.Verify(new[] { release.Folder }, Options(release.Key.PublicKey));

        var failures = report.Artifacts.SelectMany(a => a.Failures).Select(f => f.Id + " " + f.Message).ToList();
        Assert.Contains(failures, f => f.StartsWith("QLB3042 'App' is missing", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("QLB3044 'App.cdx.json' is missing: the provenance references it", StringComparison.Ordinal));
    }

    [Fact]
    public void Flipping_any_byte_of_a_bundle_file_never_crashes_and_never_verifies_changed_content()
    {
        using var release = new SignedRelease();
        var original = File.ReadAllBytes(release.ProvenanceBundle);
        var originalBundle = SigstoreBundle.Parse(original);
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte[1, 255]).Sample((position, mask) =>
        {
            var folder = release.CopyTo("flip-bundle");
            var path = Path.Combine(folder, Path.GetFileName(release.ProvenanceBundle));
            var bytes = (byte[])original.Clone();
            bytes[position] ^= mask;
            File.WriteAllBytes(path, bytes);

            var result = BundleVerifier.Verify(path, Options(release.Key.PublicKey));

            if (result.Verified)
            {
                // Only changes that leave the signed content as it was may verify (JSON whitespace, base64 padding bits).
                var parsed = SigstoreBundle.Parse(bytes);
                Assert.Equal(originalBundle.Envelope!.Payload, parsed.Envelope!.Payload);
                Assert.Equal(originalBundle.Envelope.PayloadType, parsed.Envelope.PayloadType);
                Assert.Equal(originalBundle.Envelope.Signatures[0].Signature, parsed.Envelope.Signatures[0].Signature);
            }
            else
            {
                Assert.NotEmpty(result.Failures);
                Assert.All(result.Failures, f => Assert.StartsWith("QLB30", f.Id, StringComparison.Ordinal));
            }
        }, iter: 300);
    }

    [Fact]
    public void Several_trusted_keys_verify_a_release_signed_with_either_and_name_the_signer()
    {
        using var oldRelease = new SignedRelease();
        using var newKey = EcPrivateKey.Generate();
        var options = new VerifierOptions
        {
            Keys = new[] { new TrustedKey("old.pub", oldRelease.Key.PublicKey), new TrustedKey("new.pub", newKey.PublicKey) },
        };

        var report = ReleaseVerifier.Verify(new[] { oldRelease.Folder }, options);

        Assert.True(report.Verified);
        Assert.All(report.Artifacts, a => Assert.Equal(new[] { "old.pub" }, a.SignedBy));
    }

    [Fact]
    public void Verifying_a_file_uses_the_bundles_beside_it_and_an_unsigned_file_fails()
    {
        using var release = new SignedRelease();
        var unsigned = release.Temp.Write("out/App.pdb", "symbols");

        var signed = ReleaseVerifier.Verify(new[] { release.Assembly }, Options(release.Key.PublicKey));
        Assert.True(signed.Verified, ReleaseVerifier.Render(signed, release.Folder));
        Assert.Equal(2, signed.Bundles.Count);

        var report = ReleaseVerifier.Verify(new[] { unsigned }, Options(release.Key.PublicKey));
        Assert.False(report.Verified);
        Assert.Equal(BuildDiagnosticIds.NoBundle, Assert.Single(report.Problems).Id);
    }

    [Fact]
    public void An_empty_folder_does_not_verify()
    {
        using var temp = new TestUtilities.TempDirectory();
        using var key = EcPrivateKey.Generate();
        var report = ReleaseVerifier.Verify(new[] { temp.Path }, Options(key.PublicKey));
        Assert.False(report.Verified);
        Assert.Equal(BuildDiagnosticIds.NoBundle, Assert.Single(report.Problems).Id);
    }

    [Fact]
    public void Subject_names_that_leave_the_bundle_folder_are_refused()
    {
        using var release = new SignedRelease();
        foreach (var name in new[] { "../secret", "/etc/passwd", "a/../../b", "C:\\x" })
        {
            var statement = new InTotoStatement(new[] { new ResourceDescriptor(name: name, digest: new Dictionary<string, string> { ["sha256"] = new string('0', 64) }) }, SlsaProvenance.PredicateType, new SlsaProvenance().ToPredicateJson());
            File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.SignStatement(statement, release.Signer).ToJson());
            var result = BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey));
            Assert.Contains(result.Failures, f => f.Id == BuildDiagnosticIds.BundleMalformed && f.Message.Contains("not a file name beside the bundle", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_subject_with_a_sha512_digest_is_checked_against_it_too()
    {
        using var release = new SignedRelease();
        var digest = Evidence.Io.FileDigest.Compute(release.Assembly);
        foreach (var (sha512, verifies) in new[] { (digest.Sha512, true), (new string('0', 128), false) })
        {
            var statement = new InTotoStatement(new[] { new ResourceDescriptor(name: "App.dll", digest: new Dictionary<string, string> { ["sha256"] = digest.Sha256, ["sha512"] = sha512 }) }, SlsaProvenance.PredicateType, new SlsaProvenance().ToPredicateJson());
            File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.SignStatement(statement, release.Signer).ToJson());
            var result = BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey));
            Assert.Equal(verifies, result.Verified);
            if (!verifies)
            {
                Assert.Contains("its sha512 differs from the signed one", Assert.Single(result.Failures).Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Unexpected_payload_and_predicate_types_are_reported()
    {
        using var release = new SignedRelease();
        File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.ForEnvelope(Dsse.Sign("text/plain", Encoding.UTF8.GetBytes("hi"), release.Signer), release.Signer.PublicKey.Hint).ToJson());
        Assert.Contains("payload type is 'text/plain'", BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey)).Failures[0].Message, StringComparison.Ordinal);

        var statement = new InTotoStatement(new[] { new ResourceDescriptor(name: "App.dll", digest: new Dictionary<string, string> { ["sha256"] = Evidence.Io.FileDigest.Compute(release.Assembly).Sha256 }) }, "https://example.com/other/v1", null);
        File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.SignStatement(statement, release.Signer).ToJson());
        Assert.Contains("predicate type 'https://example.com/other/v1' is not one this verifier checks", BundleVerifier.Verify(release.ProvenanceBundle, Options(release.Key.PublicKey)).Failures[0].Message, StringComparison.Ordinal);
        Assert.True(BundleVerifier.Verify(release.ProvenanceBundle, new VerifierOptions { Keys = Options(release.Key.PublicKey).Keys, PredicateTypes = new[] { "https://example.com/other/v1" } }).Verified);
    }

    [Fact]
    public void A_bundle_made_by_an_independent_signer_verifies()
    {
        // The statement and the PAE are put together by hand and signed by OpenSSL: nothing of
        // BuildGuard's signing code is involved.
        using var temp = new TestUtilities.TempDirectory();
        var artifact = temp.Write("tool.exe", "independent artifact");
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(artifact))).ToLowerInvariant();
        PrivateKeyTests.Openssl(temp.Path, null, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", temp.Combine("key.pem"));
        PrivateKeyTests.Openssl(temp.Path, null, "ec", "-in", temp.Combine("key.pem"), "-pubout", "-out", temp.Combine("key.pub"));
        var statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://slsa.dev/provenance/v1\",\"subject\":[{\"name\":\"tool.exe\",\"digest\":{\"sha256\":\"" + sha + "\"}}],"
            + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://example.com/make\",\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"https://example.com/ci\"}}}}";
        var payload = Encoding.UTF8.GetBytes(statement);
        var pae = Encoding.UTF8.GetBytes("DSSEv1 28 application/vnd.in-toto+json " + payload.Length + " ").Concat(payload).ToArray();
        File.WriteAllBytes(temp.Combine("pae.bin"), pae);
        PrivateKeyTests.Openssl(temp.Path, null, "dgst", "-sha256", "-sign", temp.Combine("key.pem"), "-out", temp.Combine("sig.der"), temp.Combine("pae.bin"));
        var bundle = new JsonObject
        {
            ["mediaType"] = "application/vnd.dev.sigstore.bundle.v0.3+json",
            ["verificationMaterial"] = new JsonObject { ["publicKey"] = new JsonObject() },
            ["dsseEnvelope"] = new JsonObject
            {
                ["payloadType"] = "application/vnd.in-toto+json",
                ["payload"] = Convert.ToBase64String(payload),
                ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(File.ReadAllBytes(temp.Combine("sig.der"))) }),
            },
        };
        File.WriteAllText(artifact + ".sigstore.json", bundle.ToJsonString());

        var report = ReleaseVerifier.Verify(new[] { temp.Path }, new VerifierOptions { Keys = new[] { TrustedKey.FromFile(temp.Combine("key.pub")) } });

        Assert.True(report.Verified, ReleaseVerifier.Render(report, temp.Path));
        Assert.Equal("key.pub", Assert.Single(report.Artifacts).SignedBy.Single());
    }

    [Fact]
    public void The_json_report_lists_artifacts_bundles_and_failures()
    {
        using var release = new SignedRelease();
        File.AppendAllText(release.AppHost, "x");
        var report = ReleaseVerifier.Verify(new[] { release.Folder }, Options(release.Key.PublicKey));
        using var json = JsonDocument.Parse(ReleaseVerifier.ToJson(report, release.Folder));
        var root = json.RootElement;
        Assert.False(root.GetProperty("verified").GetBoolean());
        Assert.Equal(release.Key.PublicKey.Hint, root.GetProperty("trustedKeys")[0].GetProperty("hint").GetString());
        var app = root.GetProperty("artifacts").EnumerateArray().Single(a => a.GetProperty("path").GetString() == "App");
        Assert.False(app.GetProperty("verified").GetBoolean());
        Assert.Equal("QLB3042", app.GetProperty("failures")[0].GetProperty("id").GetString());
        Assert.Equal(3, root.GetProperty("bundles").GetArrayLength());
    }

    private static VerifierOptions Options(EcPublicKey key) => new() { Keys = new[] { new TrustedKey("supplier.pub", key) } };
}
