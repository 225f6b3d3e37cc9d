using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class PackageInventoryCacheTests
{
    private static SbomFixture Varied() => InventoryTestProject.Varied("bg-sbom-cache");

    private static ProjectSbomRequest Request(string assets, string? cache) => InventoryTestProject.Request(assets, cache);

    private static (byte[] Sbom, IReadOnlyList<EvidenceDiagnostic> Diagnostics) Sbom(ProjectSbomRequest request) => InventoryTestProject.Sbom(request);

    [Fact]
    public void A_cache_hit_gives_the_same_SBOM_and_the_same_diagnostics_as_reading_the_assets_file()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");

        var uncached = Sbom(Request(assets, cache: null));
        var first = Sbom(Request(assets, cache));
        Assert.True(File.Exists(cache));
        var diagnostics = new DiagnosticBag();
        var inventory = PackageInventoryCache.Load(cache, assets, "net8.0", null, diagnostics);
        Assert.True(inventory.FromCache);
        var second = Sbom(Request(assets, cache));

        Assert.Equal(uncached.Sbom, first.Sbom);
        Assert.Equal(uncached.Sbom, second.Sbom);
        Assert.Equal(new[] { "QLB3016", "QLB3017" }, uncached.Diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(uncached.Diagnostics, first.Diagnostics);
        Assert.Equal(uncached.Diagnostics, second.Diagnostics);
    }

    [Fact]
    public void IsCurrent_tells_whether_the_cache_was_written_for_the_assets_file_as_it_is_now()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");

        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
        Sbom(Request(assets, cache));
        Assert.True(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net9.0", null));
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", "linux-x64"));

        File.SetLastWriteTimeUtc(assets, File.GetLastWriteTimeUtc(assets).AddSeconds(5));
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
        Assert.False(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);
        Assert.True(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));

        File.WriteAllBytes(cache, new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2 });
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
        File.WriteAllBytes(cache, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 });
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
        File.WriteAllBytes(cache, Array.Empty<byte>());
        Assert.False(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));
    }

    [Fact]
    public void Licence_conclusions_and_project_properties_apply_to_a_cached_inventory_as_to_a_fresh_one()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        Sbom(Request(assets, cache));

        ProjectSbomRequest Concluded(string? cacheFile) => new()
        {
            AssetsFile = assets,
            TargetFramework = "net8.0",
            Name = "Service",
            Version = "2.0.0",
            IsApplication = true,
            Description = "A service.",
            InventoryCacheFile = cacheFile,
            LicenseOverrides = new[] { new LicenseOverride("Odd", null, Licensing.SpdxExpression.Parse("BSD-3-Clause")) },
        };
        var fresh = Sbom(Concluded(null));
        var cached = Sbom(Concluded(cache));

        Assert.True(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);
        Assert.Equal(fresh.Sbom, cached.Sbom);
        Assert.Equal(new[] { "QLB3016" }, cached.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_changed_assets_file_or_another_framework_is_a_miss_and_the_new_restore_result_is_used()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        Sbom(Request(assets, cache));

        Assert.False(PackageInventoryCache.Load(cache, assets, "net6.0", null, new DiagnosticBag()).FromCache);
        Assert.False(PackageInventoryCache.Load(cache, assets, "net8.0", "linux-x64", new DiagnosticBag()).FromCache);

        // Those loads rewrote or removed the cache: make it current for net8.0 again, so that only
        // the changed assets file below can make the next load a miss.
        Sbom(Request(assets, cache));
        Assert.True(PackageInventoryCache.IsCurrent(cache, assets, "net8.0", null));

        // Restore again with one more package (its packages folder lists the new one).
        using var restoredAgain = Varied().Package("Added", "4.0.0").Direct("Added");
        File.Copy(restoredAgain.Write(), assets, overwrite: true);
        File.SetLastWriteTimeUtc(assets, DateTime.UtcNow.AddMinutes(1));

        var inventory = PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag());
        Assert.False(inventory.FromCache);
        Assert.Contains("Added", inventory.Packages.Keys);
        Assert.True(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"key\": 42}")]
    [InlineData("\u0000\u0001binary")]
    [InlineData("\u0026quantlayer-buildguard-sbom-inventory/1\u00ff\u00ff\u00ff\u00ff\u0007")]
    public void A_damaged_cache_is_a_miss_without_a_diagnostic_and_is_rewritten(string content)
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        var expected = Sbom(Request(assets, cache: null));
        fixture.Temp.Write("obj/App.sbom.cache", content);

        var result = Sbom(Request(assets, cache));

        Assert.Equal(expected.Sbom, result.Sbom);
        Assert.Equal(expected.Diagnostics, result.Diagnostics);
        Assert.True(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);
    }

    [Fact]
    public void Every_truncation_and_every_flipped_bit_tried_of_a_current_cache_is_a_miss_that_gives_the_same_SBOM()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        var expected = Sbom(Request(assets, cache));
        var good = File.ReadAllBytes(cache);
        Assert.True(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);

        for (var length = 0; length < good.Length; length++)
        {
            File.WriteAllBytes(cache, good.AsSpan(0, length).ToArray());
            Assert.False(PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag()).FromCache);
        }

        // A flipped bit anywhere, in a length, a flag or inside a text field, is a miss (the file's
        // SHA-256 no longer matches): never a hit with wrong data, and the SBOM is read afresh.
        var random = new Random(62443);
        for (var i = 0; i < 200; i++)
        {
            var damaged = (byte[])good.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(cache, damaged);
            var inventory = PackageInventoryCache.Load(cache, assets, "net8.0", null, new DiagnosticBag());
            Assert.False(inventory.FromCache);
            Assert.Equal(expected.Sbom, CycloneDxWriter.Write(SbomBuilder.Build(Request(assets, cache: null), inventory, new DiagnosticBag())));
        }
    }

    [Fact]
    public void An_incomplete_package_folder_is_never_cached_so_that_repairing_it_is_seen_on_the_next_build()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        var hashFile = Path.Combine(fixture.PackagesFolder, "serilog", "3.1.1", "serilog.3.1.1.nupkg.sha512");
        var hash = File.ReadAllText(hashFile);
        File.Delete(hashFile);

        var broken = Sbom(Request(assets, cache));
        Assert.Contains(broken.Diagnostics, d => d.Id == "QLB3013");
        Assert.False(File.Exists(cache));

        File.WriteAllText(hashFile, hash);
        var repaired = Sbom(Request(assets, cache));
        Assert.DoesNotContain(repaired.Diagnostics, d => d.Id == "QLB3013");
        Assert.True(File.Exists(cache));
    }

    [Fact]
    public void An_unreadable_assets_file_is_not_cached_and_a_stale_cache_is_removed()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var cache = fixture.Temp.Combine("obj", "App.sbom.cache");
        Sbom(Request(assets, cache));
        Assert.True(File.Exists(cache));

        File.WriteAllText(assets, "{ not json");
        var result = Sbom(Request(assets, cache));

        Assert.Equal("QLB3010", Assert.Single(result.Diagnostics).Id);
        Assert.False(File.Exists(cache));
    }

    [Fact]
    public void A_cache_that_cannot_be_written_does_not_fail_the_SBOM()
    {
        using var fixture = Varied();
        var assets = fixture.Write();
        var blocked = fixture.Temp.Write("obj-is-a-file", "not a folder");
        var expected = Sbom(Request(assets, cache: null));

        var result = Sbom(Request(assets, Path.Combine(blocked, "App.sbom.cache")));

        Assert.Equal(expected.Sbom, result.Sbom);
        Assert.Equal(expected.Diagnostics, result.Diagnostics);
    }
}
