using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>What a supplier sees when they add the package: profiles, the switch, incrementality, bad input.</summary>
[Collection(PackageCollection.Name)]
public sealed class BuildBehaviourTests
{
    private readonly PackageFixture _fixture;

    public BuildBehaviourTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void A_violation_is_an_error_in_Strict_and_a_warning_in_Recommended_and_Audit()
    {
        var directory = _fixture.CreateWorkspace("profiles");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.WeakHash);
        PackageFixture.InitRepository(directory);

        // Profile names are accepted in any case.
        var strict = _fixture.DotNet(directory, "build", "-c", "Release", "-p:BuildGuardProfile=strict");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Matches(new Regex(@"Code\.cs\(4,\d+\): error QLB1100"), strict.Output);

        var recommended = _fixture.DotNet(directory, "build", "-c", "Release", "--no-incremental");
        Assert.True(recommended.ExitCode == 0, recommended.All);
        Assert.Matches(new Regex(@"Code\.cs\(4,\d+\): warning QLB1100"), recommended.Output);

        var audit = _fixture.DotNet(directory, "build", "-c", "Release", "--no-incremental", "-p:BuildGuardProfile=Audit", "-p:TreatWarningsAsErrors=true");
        Assert.True(audit.ExitCode == 0, audit.All);
        Assert.Matches(new Regex(@"Code\.cs\(4,\d+\): warning QLB1100"), audit.Output);

        // The finding is evidence too (SI-2), with a repository-relative path.
        var analysis = Evidence.Analysis.AnalysisSummary.Parse(File.ReadAllBytes(Path.Combine(directory, "bin", "Release", "net8.0", "buildguard", "Lib.analysis.json")));
        var finding = Assert.Single(analysis.Findings, f => f.RuleId == "QLB1100");
        Assert.Equal("Code.cs", finding.Path);
        Assert.Equal(4, finding.Line);
        Assert.Null(finding.Suppression);
    }

    [Fact]
    public void Suppressions_and_their_justifications_are_recorded_as_evidence()
    {
        var directory = _fixture.CreateWorkspace("suppressions");
        TestProjects.WriteLibrary(directory, _fixture.Version, """
            using System.Diagnostics.CodeAnalysis;
            using System.Security.Cryptography;
            public static class Checksums
            {
                [SuppressMessage("BuildGuardSecurity", "QLB1100", Justification = "Frame checksum mandated by device protocol v2; not a security control.")]
                public static byte[] Legacy(byte[] data) => MD5.HashData(data);
            }
            """);
        PackageFixture.InitRepository(directory);

        var result = _fixture.DotNet(directory, "build", "-c", "Release");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("warning QLB1100", result.Output, StringComparison.Ordinal);
        var manifest = Evidence.Manifest.EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(directory, "bin", "Release", "net8.0", "buildguard", "Lib.manifest.json")));
        Assert.Contains(manifest.Evidence, e => e.Kind == "analysis" && e.Path == "buildguard/Lib.analysis.json");
        var analysis = Evidence.Analysis.AnalysisSummary.Parse(File.ReadAllBytes(Path.Combine(directory, "bin", "Release", "net8.0", "buildguard", "Lib.analysis.json")));
        var suppressed = Assert.Single(analysis.Findings, f => f.RuleId == "QLB1100");
        Assert.Equal("Frame checksum mandated by device protocol v2; not a security control.", suppressed.Suppression!.Justification);
    }

    [Fact]
    public void BuildGuardEnabled_false_runs_no_analyzer_no_task_and_writes_no_evidence()
    {
        var directory = _fixture.CreateWorkspace("disabled");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.WeakHash);
        PackageFixture.InitRepository(directory);

        var result = _fixture.DotNet(directory, "build", "-c", "Release", "-p:BuildGuardEnabled=false", "-v:d");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("QLB", result.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"Using ""[A-Za-z]+"" task from assembly "".*QuantLayer\.BuildGuard\.Tasks\.dll"""), result.Output);
        Assert.DoesNotContain("QuantLayer.BuildGuard.Analyzers.dll", CscCommandLine(result.Output), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, "bin", "Release", "net8.0", "buildguard")));
    }

    [Fact]
    public void A_second_build_with_nothing_changed_runs_no_BuildGuard_task()
    {
        var directory = _fixture.CreateWorkspace("incremental");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);
        PackageFixture.InitRepository(directory);

        var first = _fixture.DotNet(directory, "build", "-c", "Release", "-v:d");
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Matches(new Regex(@"Using ""WriteEvidenceManifest"" task from assembly"), first.Output);
        var manifest = Path.Combine(directory, "bin", "Release", "net8.0", "buildguard", "Lib.manifest.json");
        Assert.True(File.Exists(manifest));

        var second = _fixture.DotNet(directory, "build", "-c", "Release", "-v:d");

        Assert.True(second.ExitCode == 0, second.All);
        Assert.DoesNotMatch(new Regex(@"Using ""[A-Za-z]+"" task from assembly "".*QuantLayer\.BuildGuard\.Tasks\.dll"""), second.Output);
        Assert.Contains("Skipping target \"_BuildGuardWriteManifest\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Contains("Skipping target \"_BuildGuardResolveSourceDateEpoch\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Contains("Skipping target \"_BuildGuardWriteReport\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);

        // A new commit moves HEAD: the source date is resolved again, once.
        File.AppendAllText(Path.Combine(directory, "Code.cs"), "\n// change\n");
        ProcessRunner.Git(directory, "commit", "-qam", "change");
        var third = _fixture.DotNet(directory, "build", "-c", "Release", "-v:d");
        Assert.True(third.ExitCode == 0, third.All);
        Assert.Matches(new Regex(@"Using ""ResolveSourceDateEpoch"" task from assembly"), third.Output);
    }

    [Fact]
    public void Outside_git_a_Release_build_warns_QLB3005_with_the_folder_and_what_to_do()
    {
        var directory = _fixture.CreateWorkspace("nogit");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);

        var result = _fixture.DotNet(directory, "build", "-c", "Release");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("warning QLB3005", result.Output, StringComparison.Ordinal);
        Assert.Contains(directory, result.Output, StringComparison.Ordinal);
        Assert.Contains("SOURCE_DATE_EPOCH", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_evidence_folder_is_QLB3006_with_the_path_and_no_stack_trace()
    {
        var directory = _fixture.CreateWorkspace("blocked");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash, "<BuildGuardEvidenceDir>$(MSBuildProjectDirectory)/blocked/evidence/</BuildGuardEvidenceDir>");
        File.WriteAllText(Path.Combine(directory, "blocked"), "a file where the evidence folder's parent should be");
        PackageFixture.InitRepository(directory);

        var result = _fixture.DotNet(directory, "build", "-c", "Release");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error QLB3006", result.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory, "blocked"), result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_misspelt_profile_is_QLB3007_naming_the_accepted_values()
    {
        var directory = _fixture.CreateWorkspace("badprofile");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);

        var result = _fixture.DotNet(directory, "build", "-p:BuildGuardProfile=Strictest");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error QLB3007", result.Output, StringComparison.Ordinal);
        Assert.Contains("Strict, Recommended or Audit", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproducibility_settings_are_checked_in_Release()
    {
        var directory = _fixture.CreateWorkspace("settings");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash, "<Deterministic>false</Deterministic><RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>");
        File.Delete(Path.Combine(directory, "global.json"));
        PackageFixture.InitRepository(directory);

        var result = _fixture.DotNet(directory, "build", "-c", "Release");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var id in new[] { "QLB3001", "QLB3002", "QLB3003" })
        {
            Assert.Contains("warning " + id, result.Output, StringComparison.Ordinal);
        }

        var debug = _fixture.DotNet(directory, "build", "-c", "Debug");
        Assert.DoesNotContain("QLB300", debug.Output, StringComparison.Ordinal);
    }

    private static string CscCommandLine(string log)
        => string.Join("\n", log.Split('\n').Where(l => l.Contains("/analyzer:", StringComparison.Ordinal) || l.Contains("csc.dll", StringComparison.Ordinal)));
}
