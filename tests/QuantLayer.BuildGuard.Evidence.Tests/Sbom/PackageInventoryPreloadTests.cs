using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class PackageInventoryPreloadTests
{
    private static SbomFixture Varied() => InventoryTestProject.Varied("bg-sbom-preload");

    private static ProjectSbomRequest Request(string assets, string? cache, PackageInventoryPreload? preload) => InventoryTestProject.Request(assets, cache, preload);

    private static (byte[] Sbom, IReadOnlyList<EvidenceDiagnostic> Diagnostics) Sbom(ProjectSbomRequest request) => InventoryTestProject.Sbom(request);

    private static PackageInventoryPreload Finished(PackageInventoryPreload preload)
    {
        SpinWait.SpinUntil(() => preload.IsCompleted, TimeSpan.FromMinutes(1));
        Assert.True(preload.IsCompleted);
        return preload;
    }

    /// <summary>Changes a package's nuspec after the preload read it: only a fresh reading sees it.</summary>
    private static void ChangeDescription(SbomFixture fixture, string id, string version)
    {
        var nuspec = Path.Combine(fixture.PackagesFolder, id.ToLowerInvariant(), version, id.ToLowerInvariant() + ".nuspec");
        var text = File.ReadAllText(nuspec);
        Assert.Contains("<description>", text, StringComparison.Ordinal);
        File.WriteAllText(nuspec, text.Replace("<description>", "<description>Changed after the preload. ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_preloaded_inventory_gives_the_same_SBOM_and_diagnostics_as_reading_it_when_the_SBOM_is_written(bool withCache)
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var direct = Sbom(Request(assets, cache: null, preload: null));

        var preload = Finished(PackageInventoryPreload.Start(assets, "net8.0", null));
        var cache = withCache ? fixture.Temp.Combine("obj", "App.sbom.cache") : null;
        var preloaded = Sbom(Request(assets, cache, preload));

        Assert.Equal(direct.Sbom, preloaded.Sbom);
        Assert.Equal(new[] { "QLB3016", "QLB3017" }, direct.Diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(direct.Diagnostics, preloaded.Diagnostics);
        if (withCache)
        {
            // The inventory taken from the preload is cached like one read in place.
            Assert.True(PackageInventoryCache.Load(cache!, assets, "net8.0", null, new DiagnosticBag()).FromCache);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_SBOM_is_made_from_the_preloaded_reading_not_from_a_second_one(bool withCache)
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var preload = Finished(PackageInventoryPreload.Start(assets, "net8.0", null));
        ChangeDescription(fixture, "Serilog", "3.1.1");

        var cache = withCache ? fixture.Temp.Combine("obj", "App.sbom.cache") : null;
        var preloaded = Encoding(Sbom(Request(assets, cache, preload)).Sbom);
        var fresh = Encoding(Sbom(Request(assets, cache: null, preload: null)).Sbom);

        Assert.DoesNotContain("Changed after the preload.", preloaded, StringComparison.Ordinal);
        Assert.Contains("Changed after the preload.", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assets_file_changed_after_the_preload_started_is_read_again()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var preload = Finished(PackageInventoryPreload.Start(assets, "net8.0", null));
        ChangeDescription(fixture, "Serilog", "3.1.1");
        File.SetLastWriteTimeUtc(assets, File.GetLastWriteTimeUtc(assets).AddSeconds(5));

        var diagnostics = new DiagnosticBag();
        Assert.Null(preload.Take(assets, "net8.0", null, diagnostics));
        Assert.Empty(diagnostics.Items);
        var sbom = Encoding(Sbom(Request(assets, cache: null, preload)).Sbom);
        Assert.Contains("Changed after the preload.", sbom, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preload_of_another_target_or_assets_file_is_not_taken()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var preload = Finished(PackageInventoryPreload.Start(assets, "net8.0", null));
        var diagnostics = new DiagnosticBag();

        Assert.Null(preload.Take(assets, "net9.0", null, diagnostics));
        Assert.Null(preload.Take(assets, "net8.0", "linux-x64", diagnostics));
        Assert.Null(preload.Take(fixture.Temp.Write("other/project.assets.json", File.ReadAllText(assets)), "net8.0", null, diagnostics));
        Assert.Empty(diagnostics.Items);
        var inventory = preload.Take(assets, "net8.0", null, diagnostics);
        Assert.NotNull(inventory);
        Assert.Equal(PackageInventorySource.Preload, inventory!.Source);
        Assert.Equal(InventoryTestProject.PackageNames, inventory.Packages.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_assets_file_preloads_nothing_and_is_reported_when_the_SBOM_is_written()
    {
        using var fixture = Varied();
        var assets = fixture.Temp.Combine("src", "App", "obj", "project.assets.json");
        var preload = Finished(PackageInventoryPreload.Start(assets, "net8.0", null));
        var diagnostics = new DiagnosticBag();

        Assert.Null(preload.Take(assets, "net8.0", null, diagnostics));
        var direct = Sbom(Request(assets, cache: null, preload: null));
        var withPreload = Sbom(Request(assets, cache: null, preload));
        Assert.Equal(direct.Sbom, withPreload.Sbom);
        Assert.Equal(direct.Diagnostics, withPreload.Diagnostics);
        Assert.NotEmpty(direct.Diagnostics);
    }

    private static string Encoding(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
