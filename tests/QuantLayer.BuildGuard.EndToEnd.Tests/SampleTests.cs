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

        // The IEC 62443-4-1 evidence report after Build, after Pack and after dotnet test.
        using (var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(protocolOut, "net8.0", "buildguard", "Contoso.Gateway.Protocol.iec62443.json"))))
        {
            var requirements = Requirements(report);
            Assert.Equal("found", requirements["SM-9"].GetProperty("status").GetString());
            Assert.Equal("found", requirements["SM-6"].GetProperty("status").GetString()); // manifest + signed bundles, nothing changed
            Assert.Equal("found", requirements["SM-8"].GetProperty("status").GetString());
            Assert.Equal("not-provable", requirements["SM-7"].GetProperty("status").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("summary").GetProperty("problems").GetInt32());
        }

        Assert.True(File.Exists(Path.Combine(protocolOut, "net8.0", "buildguard", "Contoso.Gateway.Protocol.iec62443.html")));
        using (var packageReport = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(protocolOut, "buildguard", "Contoso.Gateway.Protocol.2.4.0.iec62443.json"))))
        {
            var requirements = Requirements(packageReport);
            Assert.True(requirements["SUM-4"].GetProperty("figures").GetProperty("packageSignatureBundles").GetInt32() > 0);
            Assert.Equal("found", requirements["SM-9"].GetProperty("status").GetString());
        }

        var testsEvidence = Path.Combine(directory, "tests", "Contoso.Gateway.Protocol.Tests", "bin", "Release", "net8.0", "buildguard");
        using (var testReport = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(testsEvidence, "Contoso.Gateway.Protocol.Tests.iec62443.json"))))
        {
            var svv1 = Requirements(testReport)["SVV-1"].GetProperty("figures");
            Assert.Equal(1, svv1.GetProperty("matricesWithTestResults").GetInt32());
            Assert.True(svv1.GetProperty("covered").GetInt32() > 0);
        }
    }

    private static Dictionary<string, System.Text.Json.JsonElement> Requirements(System.Text.Json.JsonDocument report)
        => report.RootElement.GetProperty("practices").EnumerateArray()
            .SelectMany(p => p.GetProperty("requirements").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!);
}
