using QuantLayer.BuildGuard.Evidence.Reproducibility;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>Release builds of one commit from two folders are byte-identical, and rebuild-check proves it.</summary>
[Collection(PackageCollection.Name)]
public sealed class ReproducibilityTests
{
    private readonly PackageFixture _fixture;

    public ReproducibilityTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Two_Release_builds_from_two_folders_are_byte_identical_and_rebuild_check_says_so()
    {
        var first = _fixture.CreateSampleRepository("repro-a");
        var second = first + "-clone";
        ProcessRunner.Git(Path.GetDirectoryName(first)!, "clone", "-q", first, second);
        ProcessRunner.Git(second, "remote", "set-url", "origin", "https://github.com/contoso/controller-gateway.git");

        foreach (var directory in new[] { first, second })
        {
            var pack = _fixture.DotNet(directory, "pack", "-c", "Release");
            Assert.True(pack.ExitCode == 0, pack.All);
        }

        var files = RebuildCheck.OutputFiles(first, "Release");
        Assert.Equal(files, RebuildCheck.OutputFiles(second, "Release"));
        foreach (var extension in new[] { ".dll", ".pdb", ".nupkg", ".snupkg", ".manifest.json", ".cdx.json" })
        {
            Assert.Contains(files, f => f.EndsWith(extension, StringComparison.Ordinal));
        }

        var different = files
            .Select(f => FileComparer.Compare(f, Path.Combine(first, f), Path.Combine(second, f)))
            .Where(c => !c.Identical)
            .Select(c => c.RelativePath + ": " + string.Join("; ", c.Differences))
            .ToList();
        Assert.Empty(different);

        var check = _fixture.BuildGuard(first, "rebuild-check", "--no-build", "--json", Path.Combine(first, "rebuild-check.json"));
        Assert.True(check.ExitCode == 0, check.All);
        Assert.Contains("Reproducible:", check.Output, StringComparison.Ordinal);
        Assert.Contains("\"reproducible\": true", File.ReadAllText(Path.Combine(first, "rebuild-check.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_timestamp_is_reported_by_file_and_part()
    {
        var directory = _fixture.CreateWorkspace("nondeterministic");
        TestProjects.WriteLibrary(directory, _fixture.Version, TestProjects.StrongHash);
        // A classic mistake: stamping the build time into the assembly.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), """
            <Project>
              <Target Name="StampBuildTime" BeforeTargets="GetAssemblyAttributes">
                <ItemGroup>
                  <AssemblyAttribute Include="System.Reflection.AssemblyMetadataAttribute">
                    <_Parameter1>BuildTime</_Parameter1>
                    <_Parameter2>$([System.DateTime]::UtcNow.Ticks)</_Parameter2>
                  </AssemblyAttribute>
                </ItemGroup>
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, ".gitignore"), "bin/\nobj/\n");
        PackageFixture.InitRepository(directory);

        var check = _fixture.BuildGuard(directory, "rebuild-check");

        Assert.True(check.ExitCode == 1, check.All);
        Assert.True(check.Output.Contains("DIFFERS    bin/Release/net8.0/Lib.dll", StringComparison.Ordinal), check.All);
        Assert.Contains("metadata", check.Output, StringComparison.Ordinal);
        Assert.Contains("Not reproducible", check.Output, StringComparison.Ordinal);

        // The same check from MSBuild: one QLB3008 error per differing file.
        var target = _fixture.DotNet(directory, "build", "-t:BuildGuardRebuildCheck", "-c", "Release");
        Assert.NotEqual(0, target.ExitCode);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"Lib\.dll.*error QLB3008: bin/Release/net8\.0/Lib\.dll differs .*metadata"), target.Output);
    }
}
