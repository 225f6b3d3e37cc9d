using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class WriteEvidenceManifestTests
{
    [Fact]
    public void Writes_every_artifact_with_its_digests_relative_to_the_output_folder()
    {
        using var temp = new TempDirectory();
        var dll = temp.Write("bin/App.dll", "assembly bytes");
        var pdb = temp.Write("bin/App.pdb", "symbol bytes");
        var engine = new MockEngine();
        var task = new WriteEvidenceManifest
        {
            BuildEngine = engine,
            ManifestPath = temp.Combine("bin", "buildguard", "App.manifest.json"),
            BaseDirectory = temp.Combine("bin"),
            Name = "App",
            Version = "1.2.3",
            SourceDateEpoch = "1714557600",
            Artifacts = new[] { Item(dll, "assembly"), Item(pdb, "symbols") },
        };

        Assert.True(task.Execute(), engine.Log);

        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(task.ManifestPath));
        Assert.Equal(new[] { "App.dll", "App.pdb" }, manifest.Artifacts.Select(a => a.Path));
        Assert.Equal("assembly", manifest.Artifacts[0].Kind);
        // sha256("assembly bytes")
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("assembly bytes"u8)).ToLowerInvariant(), manifest.Artifacts[0].Digest.Sha256);
        Assert.Equal(1714557600, manifest.SourceDateEpoch);
    }

    [Fact]
    public void A_missing_artifact_is_a_QLB3007_error_naming_the_file_and_no_manifest_is_written()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var missing = temp.Combine("bin", "Gone.dll");
        var task = new WriteEvidenceManifest
        {
            BuildEngine = engine,
            ManifestPath = temp.Combine("bin", "buildguard", "App.manifest.json"),
            BaseDirectory = temp.Combine("bin"),
            Name = "App",
            Artifacts = new[] { Item(missing, "assembly") },
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB3007", error.Code);
        Assert.Equal(missing, error.File);
        Assert.Contains("Gone.dll", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/QLB3007.md", error.HelpLink, StringComparison.Ordinal);
        Assert.False(File.Exists(task.ManifestPath));
    }

    [Fact]
    public void An_unwritable_evidence_folder_is_a_QLB3006_error_not_an_exception()
    {
        using var temp = new TempDirectory();
        var dll = temp.Write("bin/App.dll", "x");
        // A file where the evidence folder should be: creating the folder fails even as root.
        temp.Write("bin/buildguard", "not a folder");
        var engine = new MockEngine();
        var task = new WriteEvidenceManifest
        {
            BuildEngine = engine,
            ManifestPath = temp.Combine("bin", "buildguard", "App.manifest.json"),
            BaseDirectory = temp.Combine("bin"),
            Name = "App",
            Artifacts = new[] { Item(dll, "assembly") },
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB3006", error.Code);
        Assert.Contains("buildguard", error.File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Strict", "QLB3002", true)]
    [InlineData("Recommended", "QLB3002", false)]
    [InlineData("Audit", "QLB3002", false)]
    public void The_profile_decides_whether_a_policy_finding_fails_the_build(string profile, string id, bool fails)
    {
        using var temp = new TempDirectory();
        var project = temp.Write("src/App.csproj", "<Project />");
        var engine = new MockEngine();
        var task = new CheckBuildSettings
        {
            BuildEngine = engine,
            ProjectFile = project,
            Configuration = "Release",
            ContinuousIntegrationBuild = "true",
            RestorePackagesWithLockFile = "true",
            Profile = profile,
        };

        Assert.Equal(!fails, task.Execute());
        if (fails)
        {
            Assert.Contains(engine.Errors, e => e.Code == id);
        }
        else
        {
            Assert.Contains(engine.Warnings, w => w.Code == id);
        }
    }

    private static TaskItem Item(string path, string kind)
    {
        var item = new TaskItem(path);
        item.SetMetadata("Kind", kind);
        return item;
    }
}
