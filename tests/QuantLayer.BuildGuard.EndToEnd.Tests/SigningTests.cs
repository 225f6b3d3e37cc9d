using System.IO.Compression;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>Signed provenance with the packed package: the sample's Release build, the operator's verify, key handling.</summary>
[Collection(PackageCollection.Name)]
public sealed class SigningTests
{
    private readonly PackageFixture _fixture;

    public SigningTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_samples_release_build_is_signed_and_buildguard_verify_of_the_output_folder_passes()
    {
        var directory = _fixture.CreateSampleRepository("signed-sample");
        var binlog = Path.Combine(directory, "build.binlog");

        var build = _fixture.DotNet(directory, "build", "-c", "Release", "-bl:" + binlog);
        Assert.True(build.ExitCode == 0, build.All);
        var pack = _fixture.DotNet(directory, "pack", "-c", "Release", "--no-build");
        Assert.True(pack.ExitCode == 0, pack.All);

        var protocol = Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release");
        var service = Path.Combine(directory, "src", "Contoso.Gateway.Service", "bin", "Release", "net8.0");
        Assert.True(File.Exists(Path.Combine(protocol, "net8.0", "Contoso.Gateway.Protocol.dll.sigstore.json")), build.All);
        Assert.True(File.Exists(Path.Combine(protocol, "Contoso.Gateway.Protocol.2.4.0.nupkg.sigstore.json")), pack.All);
        Assert.True(File.Exists(Path.Combine(service, "Contoso.Gateway.Service.dll.sigstore.json")), build.All);
        Assert.Empty(Directory.GetFiles(Path.Combine(directory, "tests"), "*.sigstore.json", SearchOption.AllDirectories));
        if (SbomCapabilityShipped())
        {
            // With the SBOM step in the package: the SBOM is signed and attested too.
            Assert.True(File.Exists(Path.Combine(protocol, "net8.0", "Contoso.Gateway.Protocol.cdx.json.sigstore.json")), build.All);
            Assert.True(File.Exists(Path.Combine(protocol, "net8.0", "Contoso.Gateway.Protocol.dll.sbom.sigstore.json")), build.All);
        }

        var verify = _fixture.BuildGuard(directory, "verify", "--key", _fixture.PublicKeyPath, Path.Combine("src", "Contoso.Gateway.Protocol", "bin", "Release"), Path.Combine("src", "Contoso.Gateway.Service", "bin", "Release"));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("VERIFIED  src/Contoso.Gateway.Protocol/bin/Release/net8.0/Contoso.Gateway.Protocol.dll", verify.Output, StringComparison.Ordinal);
        Assert.Contains("VERIFIED  src/Contoso.Gateway.Protocol/bin/Release/Contoso.Gateway.Protocol.2.4.0.nupkg", verify.Output, StringComparison.Ordinal);
        Assert.Contains("VERIFIED  src/Contoso.Gateway.Protocol/bin/Release/Contoso.Gateway.Protocol.2.4.0.snupkg", verify.Output, StringComparison.Ordinal);
        Assert.Contains("signed by supplier.pub", verify.Output, StringComparison.Ordinal);

        var bundles = Directory.GetFiles(directory, "*.sigstore.json", SearchOption.AllDirectories);
        var interop = NodeInterop.Run("verify-sigstore.mjs", new[] { _fixture.PublicKeyPath }.Concat(bundles).ToArray());
        Assert.True(interop.ExitCode == 0, interop.All);

        AssertKeyNotInBinlog(binlog);
    }

    [Fact]
    public void A_changed_artifact_or_another_key_fails_buildguard_verify_naming_what_failed()
    {
        var directory = _fixture.CreateSampleRepository("tampered-sample");
        var build = _fixture.DotNet(directory, "build", "-c", "Release", Path.Combine("src", "Contoso.Gateway.Protocol"));
        Assert.True(build.ExitCode == 0, build.All);
        var output = Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release", "net8.0");
        var dll = Path.Combine(output, "Contoso.Gateway.Protocol.dll");
        var bytes = File.ReadAllBytes(dll);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(dll, bytes);

        var tampered = _fixture.BuildGuard(directory, "verify", "--key", _fixture.PublicKeyPath, output, "--json");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("\"verified\": false", tampered.Output, StringComparison.Ordinal);
        Assert.Contains("'Contoso.Gateway.Protocol.dll' was changed after it was signed", tampered.Output, StringComparison.Ordinal);

        using var other = EcPrivateKey.Generate();
        var otherKey = Path.Combine(directory, "..", "other-" + Guid.NewGuid().ToString("N") + ".pub");
        File.WriteAllText(otherKey, other.PublicKey.ToPem());
        var wrongKey = _fixture.BuildGuard(directory, "verify", "--key", otherKey, output);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("QLB3041", wrongKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_Recommended_warns_once_and_Strict_Release_fails_with_QLB3030()
    {
        var directory = _fixture.CreateWorkspace("unsigned");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);
        File.WriteAllText(Path.Combine(directory, ".gitignore"), "bin/\nobj/\n");
        PackageFixture.InitRepository(directory);
        var environment = new Dictionary<string, string?>(_fixture.Environment) { ["BUILDGUARD_SIGNING_KEY"] = null };

        var recommended = ProcessRunner.Run("dotnet", new[] { "build", "-c", "Release", "-p:BuildGuardCheckBuildSettings=false" }, directory, environment);
        Assert.True(recommended.ExitCode == 0, recommended.All);
        Assert.Contains("warning QLB3030", recommended.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*.sigstore.json", SearchOption.AllDirectories));

        var strict = ProcessRunner.Run("dotnet", new[] { "build", "-c", "Release", "-p:BuildGuardProfile=Strict", "-p:BuildGuardCheckBuildSettings=false", "--no-incremental" }, directory, environment);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("error QLB3030", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_inside_the_repository_is_refused_with_QLB3032()
    {
        var directory = _fixture.CreateWorkspace("key-in-repo");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);
        File.WriteAllText(Path.Combine(directory, ".gitignore"), "bin/\nobj/\n*.pem\n");
        using var key = EcPrivateKey.Generate();
        File.WriteAllText(Path.Combine(directory, "signing.pem"), key.ToPem());
        PackageFixture.InitRepository(directory);
        var environment = new Dictionary<string, string?>(_fixture.Environment) { ["BUILDGUARD_SIGNING_KEY"] = null };

        var result = ProcessRunner.Run("dotnet", new[] { "build", "-c", "Release", "-p:BuildGuardSigningKeyFile=signing.pem" }, directory, environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error QLB3032", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ToPem().Split('\n')[1], result.All, StringComparison.Ordinal);
    }

    private bool SbomCapabilityShipped()
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        return zip.Entries.Any(e => e.FullName == "build/QuantLayer.BuildGuard.Sbom.targets");
    }

    private void AssertKeyNotInBinlog(string binlog)
    {
        using var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var records = buffer.ToArray();
        var secrets = _fixture.SigningKeyPem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
        {
            Assert.True(records.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, "the signing key is in the binlog");
            Assert.True(records.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, "the signing key (UTF-16) is in the binlog");
        }
    }
}
