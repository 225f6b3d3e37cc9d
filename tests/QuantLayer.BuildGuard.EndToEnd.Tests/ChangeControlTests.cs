using System.Text.Json;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>
/// Change records and the ledger with the packed package: one repository with two packable
/// projects and two tagged releases, packed in parallel (-m) into one feed and one ledger.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChangeControlTests
{
    private readonly PackageFixture _fixture;

    public ChangeControlTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Two_releases_get_signed_change_records_and_a_verifiable_ledger()
    {
        var directory = _fixture.CreateWorkspace("change");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <Authors>Contoso</Authors>
                <Description>Change-control fixture</Description>
                <RepositoryUrl>https://github.com/contoso/change-fixture.git</RepositoryUrl>
                <BuildGuardLedger>$(MSBuildThisFileDirectory)release-ledger/</BuildGuardLedger>
                <PackageOutputPath>$(MSBuildThisFileDirectory)feed/</PackageOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QuantLayer.BuildGuard" Version="{_fixture.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Write(directory, "src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write(directory, "src/Api/Controller.cs", "namespace Contoso; public class Controller { public void Start() {} public void Stop(int code) {} }");
        Write(directory, "src/Tools/Tools.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write(directory, "src/Tools/Tool.cs", "namespace Contoso.Tools; public static class Tool { public static int Run() => 0; }");
        Write(directory, "CHANGELOG.md", "# Changelog\n\n## [1.0.0] - 2024-05-01\n\n- First release.\n");
        Assert.Equal(0, _fixture.DotNet(directory, "new", "sln", "-n", "Fixture", "--format", "sln").ExitCode);
        Assert.Equal(0, _fixture.DotNet(directory, "sln", "Fixture.sln", "add", Path.Combine("src", "Api", "Api.csproj"), Path.Combine("src", "Tools", "Tools.csproj")).ExitCode);
        PackageFixture.InitRepository(directory);
        ProcessRunner.Git(directory, "tag", "v1.0.0");
        Pack(directory, "1.0.0");

        Write(directory, "src/Api/Controller.cs", "namespace Contoso; public class Controller { public void Start() {} public void Stop(int code, bool force = false) {} public void Pause() {} }");
        Write(directory, "src/Tools/Tool.cs", "namespace Contoso.Tools; public static class Tool { public static int Run() => 0; public static int Check() => 0; }");
        Write(directory, "CHANGELOG.md", "# Changelog\n\n## [1.1.0] - 2024-06-01\n\n- Stop can force.\n\n## [1.0.0] - 2024-05-01\n\n- First release.\n");
        ProcessRunner.Git(directory, "add", "-A");
        ProcessRunner.Git(directory, "commit", "-q", "-m", "Stop can force (#42)");
        ProcessRunner.Git(directory, "tag", "v1.1.0");
        var second = Pack(directory, "1.1.0");

        // The SemVer gate: the Api break in a minor release is QLB4000 (a warning in Recommended),
        // Tools only added API: no warning for it.
        Assert.Contains("warning QLB4000", second.Output, StringComparison.Ordinal);
        Assert.Contains("Api 1.1.0 has 1 breaking change(s) since 1.0.0", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Tools 1.1.0 has", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("QLB4002", second.Output, StringComparison.Ordinal);

        var feed = Path.Combine(directory, "feed");
        using (var record = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(feed, "Api.1.1.0.change.json"))))
        {
            var root = record.RootElement;
            Assert.Equal("1.0.0", root.GetProperty("baseline").GetProperty("version").GetString());
            Assert.Equal("minor", root.GetProperty("semver").GetProperty("actualBump").GetString());
            Assert.Equal("major", root.GetProperty("semver").GetProperty("requiredBump").GetString());
            var changes = root.GetProperty("api").GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString() + " " + c.GetProperty("breaking").GetBoolean() + " " + c.GetProperty("element").GetString()).ToList();
            Assert.Equal(new[] { "changed True void Contoso.Controller.Stop(int code, bool force = …)", "added False void Contoso.Controller.Pause()" }, changes);
            Assert.Equal(new[] { "#42" }, root.GetProperty("source").GetProperty("issues").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("- Stop can force.", root.GetProperty("changelog").GetProperty("text").GetString());
            Assert.Equal("Api.1.0.0.nupkg", root.GetProperty("rollback").GetProperty("artifacts")[0].GetProperty("name").GetString());
        }

        Assert.Contains("# Change record: Api 1.1.0", File.ReadAllText(Path.Combine(feed, "Api.1.1.0.change.md")), StringComparison.Ordinal);
        var manifest = File.ReadAllText(Path.Combine(feed, "buildguard", "Api.1.1.0.manifest.json"));
        Assert.Contains("\"Api.1.1.0.change.json\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"Api.1.1.0.nupkg.change.sigstore.json\"", manifest, StringComparison.Ordinal);

        var schema = NodeInterop.Run(
            "validate-json-schema.mjs",
            RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "schemas", "change-record.schema.json"),
            Path.Combine(feed, "Api.1.0.0.change.json"),
            Path.Combine(feed, "Api.1.1.0.change.json"),
            Path.Combine(feed, "Tools.1.1.0.change.json"));
        Assert.True(schema.ExitCode == 0, schema.All);

        // Every bundle, the change-record attestations included, verifies with the supplier key.
        var verify = _fixture.BuildGuard(directory, "verify", "--key", _fixture.PublicKeyPath, "feed");
        Assert.True(verify.ExitCode == 0, verify.All);
        var interop = NodeInterop.Run("verify-sigstore.mjs", new[] { _fixture.PublicKeyPath }.Concat(Directory.GetFiles(feed, "*.change.sigstore.json")).ToArray());
        Assert.True(interop.ExitCode == 0, interop.All);

        // The ledger: four entries (two projects appended in parallel, twice), consistent signed checkpoints.
        var ledger = Path.Combine(directory, "release-ledger");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(ledger, "entries.jsonl")).Length);
        var ledgerVerify = _fixture.BuildGuard(directory, "ledger", "verify", "--ledger", "release-ledger", "--key", _fixture.PublicKeyPath,
            Path.Combine("feed", "Api.1.0.0.nupkg"), Path.Combine("feed", "Api.1.1.0.nupkg"), Path.Combine("feed", "Tools.1.1.0.nupkg"));
        Assert.True(ledgerVerify.ExitCode == 0, ledgerVerify.All);
        Assert.Contains("OK: 4 entries, 4 checkpoints", ledgerVerify.Output, StringComparison.Ordinal);
        Assert.Matches("^github\\.com/contoso/[a-z-]+/buildguard-ledger\n4\n", File.ReadAllText(Path.Combine(ledger, "checkpoint")));

        var prove = _fixture.BuildGuard(directory, "ledger", "prove", "--ledger", "release-ledger", "--key", _fixture.PublicKeyPath, "--json", Path.Combine("feed", "Api.1.1.0.nupkg"));
        Assert.True(prove.ExitCode == 0, prove.All);
        var proofFile = Path.Combine(directory, "proof.json");
        File.WriteAllText(proofFile, prove.Output);
        var independent = NodeInterop.Run("verify-ledger-proof.mjs", _fixture.PublicKeyPath, proofFile);
        Assert.True(independent.ExitCode == 0, independent.All);

        // Packing the same release again appends nothing; a changed entry is detected.
        Pack(directory, "1.1.0");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(ledger, "entries.jsonl")).Length);
        var entries = Path.Combine(ledger, "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("\"version\":\"1.0.0\"", "\"version\":\"1.0.1\""));
        var tampered = _fixture.BuildGuard(directory, "ledger", "verify", "--ledger", "release-ledger", "--key", _fixture.PublicKeyPath);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("QLB4021", tampered.All, StringComparison.Ordinal);
    }

    private ProcessResult Pack(string directory, string version)
    {
        var pack = _fixture.DotNet(directory, "pack", "Fixture.sln", "-c", "Release", "-m", "-p:Version=" + version, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.All);
        return pack;
    }

    private static void Write(string directory, string relative, string content)
    {
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
