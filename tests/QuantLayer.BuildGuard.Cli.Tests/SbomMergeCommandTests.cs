using System.Text;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Cli.Tests;

public sealed class SbomMergeCommandTests
{
    private static string Sbom(TempDirectory temp, string name, string package, string sha512)
    {
        var purl = PackageUrl.NuGet(name, "1.0.0");
        var document = new SbomDocument { Subject = new SbomComponent { Name = name, Version = "1.0.0", BomRef = purl, Purl = purl } };
        var p = PackageUrl.NuGet(package, "2.0.0");
        document.Components.Add(new SbomComponent { Name = package, Version = "2.0.0", BomRef = p, Purl = p, Scope = SbomScope.Required, Hashes = { new SbomHash(SbomHash.Sha512, sha512) } });
        document.AddDependency(purl, p);
        return temp.Write(Path.Combine(name, "bin", name + ".cdx.json"), Encoding.UTF8.GetString(CycloneDxWriter.Write(document)));
    }

    [Fact]
    public void Merges_files_and_folders_into_one_release_SBOM()
    {
        using var temp = new TempDirectory();
        var app = Sbom(temp, "App", "Shared", new string('1', 128));
        Sbom(temp, "Lib", "Shared", new string('1', 128));
        var output = temp.Combine("release.cdx.json");

        var (exitCode, stdout, error) = CliRunner.Run("sbom", "merge", "-o", output, "--name", "Product", "--version", "3.0.0", "--source-date-epoch", "1714557600", app, temp.Combine("Lib"));

        Assert.True(exitCode == 0, error);
        Assert.Contains("2 SBOMs, 3 components", stdout, StringComparison.Ordinal);
        var merged = CycloneDxReader.Read(File.ReadAllBytes(output));
        Assert.Equal("pkg:nuget/Product@3.0.0", merged.Subject.BomRef);
        Assert.Equal(new[] { "pkg:nuget/App@1.0.0", "pkg:nuget/Lib@1.0.0", "pkg:nuget/Shared@2.0.0" }, CycloneDxWriter.Sorted(merged.Components).Select(c => c.BomRef));
        var validation = NodeInterop.Run("validate-cyclonedx.mjs", output);
        Assert.True(validation.ExitCode == 0, validation.All);
    }

    [Fact]
    public void Conflicting_hashes_exit_1_with_QLB3019()
    {
        using var temp = new TempDirectory();
        var a = Sbom(temp, "App", "Shared", new string('1', 128));
        var b = Sbom(temp, "Lib", "Shared", new string('2', 128));
        var (exitCode, _, error) = CliRunner.Run("sbom", "merge", "-o", temp.Combine("r.cdx.json"), "--name", "P", a, b);
        Assert.Equal(1, exitCode);
        Assert.Contains("QLB3019", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var (exitCode, _, error) = CliRunner.Run("sbom", "merge", "-o", temp.Combine("r.cdx.json"), "--name", "P", temp.Combine("none.cdx.json"));
        Assert.Equal(2, exitCode);
        Assert.Contains("none.cdx.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_that_is_not_an_SBOM_exits_1_with_QLB3018()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.cdx.json", "[1,2,3]");
        var (exitCode, _, error) = CliRunner.Run("sbom", "merge", "-o", temp.Combine("r.cdx.json"), "--name", "P", bad);
        Assert.Equal(1, exitCode);
        Assert.Contains("QLB3018", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
