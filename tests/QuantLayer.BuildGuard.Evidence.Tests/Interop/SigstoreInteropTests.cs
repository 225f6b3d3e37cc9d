using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Tests.Signing;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Interop;

/// <summary>sigstore-js (@sigstore/bundle, @sigstore/verify) judges the bundles BuildGuard writes (tests/interop/verify-sigstore.mjs).</summary>
public sealed class SigstoreInteropTests
{
    [Fact]
    public void Every_bundle_of_a_signed_release_verifies_with_sigstore_js()
    {
        using var release = new SignedRelease();
        var publicKey = release.Temp.Write("supplier.pub", release.Key.PublicKey.ToPem());
        var blob = release.Temp.Write("out/installer.msi", "installer bytes");
        File.WriteAllBytes(blob + ".sigstore.json", SigstoreBundle.SignMessage(File.ReadAllBytes(blob), release.Signer).ToJson());
        var bundles = Directory.GetFiles(release.Folder, "*.sigstore.json");
        Assert.Equal(4, bundles.Length);

        var result = NodeInterop.Run("verify-sigstore.mjs", new[] { publicKey }.Concat(bundles).ToArray());

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(4, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"ok\":true", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sigstore_js_rejects_a_changed_payload_a_changed_artifact_and_another_key()
    {
        using var release = new SignedRelease();
        var publicKey = release.Temp.Write("supplier.pub", release.Key.PublicKey.ToPem());
        using var other = EcPrivateKey.Generate();
        var otherKey = release.Temp.Write("other.pub", other.PublicKey.ToPem());

        var wrongKey = NodeInterop.Run("verify-sigstore.mjs", otherKey, release.ProvenanceBundle);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("names key hint", wrongKey.Output, StringComparison.Ordinal);

        var bundle = SigstoreBundle.Parse(File.ReadAllBytes(release.ProvenanceBundle));
        var payload = (byte[])bundle.Envelope!.Payload.Clone();
        payload[payload.Length / 2] ^= 0x01;
        File.WriteAllBytes(release.ProvenanceBundle, SigstoreBundle.ForEnvelope(new DsseEnvelope(bundle.Envelope.PayloadType, payload, bundle.Envelope.Signatures), bundle.KeyHint).ToJson());
        var changedPayload = NodeInterop.Run("verify-sigstore.mjs", publicKey, release.ProvenanceBundle);
        Assert.Equal(1, changedPayload.ExitCode);
        Assert.Contains("signature verification failed", changedPayload.Output, StringComparison.Ordinal);

        File.WriteAllBytes(release.ProvenanceBundle, bundle.ToJson());
        File.AppendAllText(release.Assembly, "x");
        var changedArtifact = NodeInterop.Run("verify-sigstore.mjs", publicKey, release.ProvenanceBundle);
        Assert.Equal(1, changedArtifact.ExitCode);
        Assert.Contains("subject App.dll does not match", changedArtifact.Output, StringComparison.Ordinal);
    }
}
