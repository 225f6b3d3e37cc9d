using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.Manifest;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>The sample supplier solution, built as the demo builds it.</summary>
[Collection(PackageCollection.Name)]
public sealed class SampleTests
{
    private readonly PackageFixture _fixture;

    public SampleTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_sample_builds_and_packs_with_zero_warnings_and_writes_its_evidence()
    {
        var directory = _fixture.CreateSampleRepository("sample");

        var build = _fixture.DotNet(directory, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Matches(new Regex(@"^\s*0 Warning\(s\)", RegexOptions.Multiline), build.Output);

        var pack = _fixture.DotNet(directory, "pack", "-c", "Release", "--no-build");
        Assert.True(pack.ExitCode == 0, pack.All);

        var protocolOut = Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release");
        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(protocolOut, "net8.0", "buildguard", "Contoso.Gateway.Protocol.manifest.json")));
        Assert.Equal("2.4.0", manifest.Version);
        Assert.Equal("Release", manifest.Configuration);
        Assert.Equal(1714557600, manifest.SourceDateEpoch);
        Assert.Contains(manifest.Artifacts, a => a.Path == "Contoso.Gateway.Protocol.dll" && a.Kind == "assembly");
        Assert.Contains(manifest.Artifacts, a => a.Path == "Contoso.Gateway.Protocol.pdb" && a.Kind == "symbols");
        Assert.Contains(manifest.Artifacts, a => a.Path == "Contoso.Gateway.Protocol.xml" && a.Kind == "documentation");

        var packageManifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(protocolOut, "buildguard", "Contoso.Gateway.Protocol.2.4.0.manifest.json")));
        Assert.Contains(packageManifest.Artifacts, a => a.Path == "Contoso.Gateway.Protocol.2.4.0.nupkg" && a.Kind == "package");
        Assert.Contains(packageManifest.Artifacts, a => a.Path == "Contoso.Gateway.Protocol.2.4.0.snupkg" && a.Kind == "symbols-package");

        var serviceManifest = Path.Combine(directory, "src", "Contoso.Gateway.Service", "bin", "Release", "net8.0", "buildguard", "Contoso.Gateway.Service.manifest.json");
        Assert.Contains(EvidenceManifest.Parse(File.ReadAllBytes(serviceManifest)).Artifacts, a => a.Kind == "runtimeconfig");

        var test = _fixture.DotNet(directory, "test", "-c", "Release", "--no-build");
        Assert.True(test.ExitCode == 0, test.All);
    }
}
