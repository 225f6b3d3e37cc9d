using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Tests.Change;

public sealed class SbomDiffTests
{
    private static SbomDocument Sbom(params string[] purls)
    {
        var document = new SbomDocument { Subject = new SbomComponent { Name = "App", Version = "1.0.0", BomRef = "pkg:nuget/App@1.0.0", Purl = "pkg:nuget/App@1.0.0" } };
        foreach (var purl in purls)
        {
            var parsed = PackageUrl.Parse(purl);
            document.Components.Add(new SbomComponent { Name = parsed.Name, Version = parsed.Version, BomRef = purl, Purl = purl });
        }

        return document;
    }

    [Fact]
    public void Packages_are_matched_by_their_purl_without_the_version_even_with_an_at_sign_in_the_namespace()
    {
        // Two scoped npm packages (a raw '@' before the name) must not collapse into one key.
        var diff = SbomDiff.Compare(
            Sbom("pkg:npm/@angular/core@16.0.0", "pkg:npm/@angular/common@16.0.0", "pkg:nuget/Serilog@3.1.1"),
            Sbom("pkg:npm/@angular/core@17.0.0", "pkg:npm/@angular/common@16.0.0", "pkg:nuget/Serilog@3.0.0", "pkg:nuget/Polly@8.0.0"));

        Assert.Equal(new[] { "17.0.0" }, diff.Upgraded.Select(c => c.ToVersion));
        Assert.Contains("core", Assert.Single(diff.Upgraded).Name, StringComparison.Ordinal);
        Assert.Equal(new[] { "3.0.0" }, diff.Downgraded.Select(c => c.ToVersion));
        Assert.Equal(new[] { "pkg:nuget/polly" }, diff.Added.Select(c => c.Name));
        Assert.Empty(diff.Removed);
    }
}
