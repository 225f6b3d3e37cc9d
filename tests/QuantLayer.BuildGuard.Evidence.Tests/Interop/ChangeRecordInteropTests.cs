using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Tests.Change;
using QuantLayer.BuildGuard.Evidence.Verification;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Interop;

/// <summary>
/// Independent judges of the change record: Ajv validates records against the schema the package
/// ships, sigstore-js verifies the signed record, and BuildGuard's own verifier checks subjects.
/// </summary>
public sealed class ChangeRecordInteropTests : IDisposable
{
    private static readonly string Schema = RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "schemas", "change-record.schema.json");
    private readonly ReleaseFixture _fixture = new();

    [Fact]
    public void Records_of_a_first_release_and_a_full_release_validate_against_the_shipped_schema()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n\n## [2.0.0]\n\n- Second.\n");
        var first = _fixture.Release("1.0.0", "public class A { public void M() {} }", ("Serilog", "3.1.0", "Apache-2.0"));
        var firstRecord = Write(first);
        _fixture.Commit("x.txt", "x", "fix: thing (#4)\n\nBREAKING CHANGE: renamed\nFormat-Change: config v2");
        var second = _fixture.Release("2.0.0", "public class A { public void M(int x) {} }", ("Serilog", "4.0.0", "MIT"), ("New", "1.0.0", "MIT"));
        var secondRecord = Write(second);

        var result = NodeInterop.Run("validate-json-schema.mjs", Schema, firstRecord, secondRecord);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(2, result.Output.Split('\n').Count(l => l.StartsWith("OK ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_schema_rejects_a_record_with_a_missing_section_or_a_bad_digest()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n");
        var record = Write(_fixture.Release("1.0.0", "public class A { }"));
        var text = File.ReadAllText(record);
        var noApi = _fixture.Temp.Write("no-api.json", System.Text.RegularExpressions.Regex.Replace(text, "\"api\": \\{[^}]*\\},", string.Empty));
        var badDigest = _fixture.Temp.Write("bad-digest.json", System.Text.RegularExpressions.Regex.Replace(text, "\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"XYZ\""));
        var result = NodeInterop.Run("validate-json-schema.mjs", Schema, noApi, badDigest);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("INVALID " + noApi + ": / must have required property 'api'", result.Output, StringComparison.Ordinal);
        Assert.Contains("INVALID " + badDigest + ": /subject/artifacts/0/sha256 must match pattern", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_record_verifies_with_sigstore_js_and_buildguard_and_tampering_is_caught()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n");
        var nupkg = _fixture.Release("1.0.0", "public class A { }");
        var record = Write(nupkg);
        using var key = EcPrivateKey.Generate();
        using var signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "test key");
        var diagnostics = new DiagnosticBag();
        var bundle = ChangeRecordSigner.Sign(record, new[] { nupkg }, signer, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(nupkg + ".change.sigstore.json", bundle);
        var publicKey = _fixture.Temp.Write("supplier.pub", key.PublicKey.ToPem());

        var js = NodeInterop.Run("verify-sigstore.mjs", publicKey, bundle!);
        Assert.True(js.ExitCode == 0, js.All);

        var statement = InTotoStatement.Parse(SigstoreBundle.Parse(File.ReadAllBytes(bundle!)).Envelope!.Payload);
        Assert.Equal(ChangeRecord.RecordType, statement.PredicateType);
        Assert.Equal(new[] { "Lib.1.0.0.change.json", "Lib.1.0.0.nupkg" }, statement.Subjects.Select(s => s.Name));

        var ours = ReleaseVerifier.Verify(new[] { bundle! }, new VerifierOptions { Keys = new[] { new TrustedKey("supplier.pub", key.PublicKey) } });
        Assert.True(ours.Verified, ReleaseVerifier.Render(ours, _fixture.Temp.Path));

        File.AppendAllText(record, " ");
        var tampered = NodeInterop.Run("verify-sigstore.mjs", publicKey, bundle!);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("subject Lib.1.0.0.change.json does not match", tampered.Output, StringComparison.Ordinal);
        Assert.False(ReleaseVerifier.Verify(new[] { bundle! }, new VerifierOptions { Keys = new[] { new TrustedKey("supplier.pub", key.PublicKey) } }).Verified);
    }

    public void Dispose() => _fixture.Dispose();

    private string Write(string nupkg)
    {
        var record = ChangeRecordBuilder.Build(
            new ChangeRequest { Current = Release.FromPackage(nupkg), BaselineFeeds = new[] { _fixture.Feed }, ProjectDirectory = _fixture.Repo, SourceDateEpoch = 1_714_557_600, SdkVersion = "10.0.401", BuildGuardVersion = "1.0.0" },
            new DiagnosticBag());
        var path = Path.ChangeExtension(nupkg, null) + ".change.json";
        File.WriteAllBytes(path, ChangeRecordWriter.ToJson(record));
        return path;
    }
}
