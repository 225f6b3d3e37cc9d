using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class SbomTaskTests
{
    /// <summary>A minimal restored project: one package with its folder.</summary>
    private static string Restored(TempDirectory temp, string license = "<license type=\"expression\">GPL-3.0-only</license>")
    {
        var packages = temp.Combine("packages");
        var folder = Path.Combine(packages, "leaf", "1.0.0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "leaf.nuspec"), $"<package><metadata><id>Leaf</id><version>1.0.0</version><authors>A</authors>{license}<description>d</description></metadata></package>");
        File.WriteAllText(Path.Combine(folder, "leaf.1.0.0.nupkg.sha512"), Convert.ToBase64String(new byte[64]));
        var project = temp.Combine("App.csproj").Replace("\\", "/");
        return temp.Write("obj/project.assets.json", $$"""
            {
              "version": 3,
              "targets": { "net8.0": { "Leaf/1.0.0": { "type": "package", "runtime": { "lib/net8.0/Leaf.dll": {} } } } },
              "libraries": { "Leaf/1.0.0": { "type": "package", "path": "leaf/1.0.0", "files": [] } },
              "projectFileDependencyGroups": { "net8.0": [ "Leaf >= 1.0.0" ] },
              "packageFolders": { "{{packages.Replace("\\", "/")}}/": {} },
              "project": {
                "version": "1.0.0",
                "restore": { "projectUniqueName": "{{project}}", "projectName": "App", "projectPath": "{{project}}", "outputPath": "obj/", "projectStyle": "PackageReference", "frameworks": { "net8.0": { "targetAlias": "net8.0", "projectReferences": {} } } },
                "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": { "Leaf": { "target": "Package", "version": "[1.0.0, )" } } } }
              }
            }
            """);
    }

    private static WriteSbom Task(IBuildEngine engine, TempDirectory temp, string assets) => new()
    {
        BuildEngine = engine,
        AssetsFile = assets,
        TargetFramework = "net8.0",
        Name = "App",
        Version = "1.0.0",
        OutputType = "Exe",
        OutputPath = temp.Combine("bin", "App.cdx.json"),
        SourceDateEpoch = "1714557600",
        SdkVersion = "10.0.401",
    };

    [Fact]
    public void WriteSbom_takes_the_inventory_PreloadSbomInventory_read_earlier_in_the_build_and_releases_it()
    {
        using var temp = new TempDirectory();
        var assets = Restored(temp);
        var engine = new RegisteringEngine();
        var preload = new PreloadSbomInventory { BuildEngine = engine, AssetsFile = assets, TargetFramework = "net8.0" };

        Assert.True(preload.Execute(), engine.Log);
        Assert.Equal(1, engine.Registered<PackageInventoryPreload>());
        Assert.True(preload.Execute(), engine.Log);
        Assert.Equal(1, engine.Registered<PackageInventoryPreload>());

        // Let the preload finish, then change the package's nuspec: an SBOM made from the preloaded
        // reading still has the description it read, a second reading would have the new one.
        var started = (PackageInventoryPreload)engine.GetRegisteredTaskObject(PreloadSbomInventory.RegistrationKey(assets, "net8.0", null)!, RegisteredTaskObjectLifetime.Build)!;
        SpinWait.SpinUntil(() => started.IsCompleted, TimeSpan.FromMinutes(1));
        var nuspec = temp.Combine("packages", "leaf", "1.0.0", "leaf.nuspec");
        File.WriteAllText(nuspec, File.ReadAllText(nuspec).Replace("<description>d</description>", "<description>changed</description>", StringComparison.Ordinal));

        var task = Task(engine, temp, assets);
        Assert.True(task.Execute(), engine.Log);

        var document = CycloneDxReader.Read(File.ReadAllBytes(task.OutputPath));
        Assert.Equal("d", Assert.Single(document.Components).Description);
        Assert.Equal(0, engine.Registered<PackageInventoryPreload>());
        Assert.Contains("packages read while the project compiled", engine.Log, StringComparison.Ordinal);

        // Without a preload (the next build), WriteSbom reads the folder itself.
        File.Delete(task.OutputPath);
        var again = Task(engine, temp, assets);
        Assert.True(again.Execute(), engine.Log);
        Assert.Equal("changed", Assert.Single(CycloneDxReader.Read(File.ReadAllBytes(again.OutputPath)).Components).Description);
        Assert.Contains("packages read now", engine.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void PreloadSbomInventory_reads_nothing_while_the_inventory_cache_is_current()
    {
        using var temp = new TempDirectory();
        var assets = Restored(temp);
        var cache = temp.Combine("obj", "App.sbom.cache");
        var engine = new RegisteringEngine();
        var write = Task(engine, temp, assets);
        write.InventoryCacheFile = cache;
        Assert.True(write.Execute(), engine.Log);
        Assert.True(File.Exists(cache));

        var preload = new PreloadSbomInventory { BuildEngine = engine, AssetsFile = assets, TargetFramework = "net8.0", InventoryCacheFile = cache };
        Assert.True(preload.Execute(), engine.Log);
        Assert.Equal(0, engine.Registered<PackageInventoryPreload>());

        // After a restore rewrote the assets file, the cache is stale: the reading starts.
        File.SetLastWriteTimeUtc(assets, File.GetLastWriteTimeUtc(assets).AddSeconds(5));
        Assert.True(preload.Execute(), engine.Log);
        var key = PreloadSbomInventory.RegistrationKey(assets, "net8.0", null)!;
        var first = Assert.IsType<PackageInventoryPreload>(engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build));
        Assert.True(first.IsFor(assets, "net8.0", null));

        // A reading registered for an older assets file is replaced, not kept.
        File.SetLastWriteTimeUtc(assets, File.GetLastWriteTimeUtc(assets).AddSeconds(5));
        Assert.False(first.IsFor(assets, "net8.0", null));
        Assert.True(preload.Execute(), engine.Log);
        var second = Assert.IsType<PackageInventoryPreload>(engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build));
        Assert.NotSame(first, second);
        Assert.True(second.IsFor(assets, "net8.0", null));
        Assert.Equal(1, engine.Registered<PackageInventoryPreload>());

        // A relative assets path is not read ahead (the current directory may change meanwhile).
        var relative = new PreloadSbomInventory { BuildEngine = new RegisteringEngine(), AssetsFile = Path.GetRelativePath(Environment.CurrentDirectory, assets), TargetFramework = "net8.0" };
        Assert.True(relative.Execute());
        Assert.Equal(0, ((RegisteringEngine)relative.BuildEngine).Registered<PackageInventoryPreload>());

        SpinWait.SpinUntil(() => first.IsCompleted && second.IsCompleted, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Writes_the_SBOM_and_returns_it_as_sbom_evidence()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var task = Task(engine, temp, Restored(temp));
        task.Format = "both";

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(new[] { "sbom", "sbom-spdx" }, task.SbomFiles.Select(f => f.GetMetadata("Kind")));
        var document = CycloneDxReader.Read(File.ReadAllBytes(task.OutputPath));
        Assert.Equal("pkg:nuget/App@1.0.0", document.Subject.BomRef);
        Assert.Equal(SbomComponentType.Application, document.Subject.Type);
        Assert.Equal("pkg:nuget/Leaf@1.0.0", Assert.Single(document.Components).Purl);
        Assert.Contains(document.Tools, t => t.Name == ".NET SDK" && t.Version == "10.0.401");
        Assert.True(File.Exists(temp.Combine("bin", "App.spdx.json")));
    }

    [Fact]
    public void A_denied_licence_fails_the_build_with_QLB5000_naming_package_and_path()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var task = Task(engine, temp, Restored(temp));
        task.DeniedLicenses = "GPL-3.0-only";

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB5000", error.Code);
        Assert.Contains("App 1.0.0 -> Leaf 1.0.0", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/QLB5000.md", error.HelpLink, StringComparison.Ordinal);
        // The evidence is still written: the policy judges it, it does not suppress it.
        Assert.True(File.Exists(task.OutputPath));
    }

    [Fact]
    public void The_audit_profile_reports_a_denied_licence_without_failing()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var task = Task(engine, temp, Restored(temp));
        task.DeniedLicenses = "GPL-3.0-only";
        task.Profile = "Audit";
        Assert.True(task.Execute(), engine.Log);
        Assert.Equal("QLB5000", Assert.Single(engine.Warnings).Code);
    }

    [Fact]
    public void A_concluded_licence_item_replaces_an_unknown_one()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var task = Task(engine, temp, Restored(temp, "<licenseUrl>https://example.com/eula</licenseUrl>"));
        var item = new TaskItem("Leaf");
        item.SetMetadata("License", "MIT");
        task.LicenseOverrides = new[] { item };
        task.AllowedLicenses = "MIT";

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Warnings);
        var leaf = Assert.Single(CycloneDxReader.Read(File.ReadAllBytes(task.OutputPath)).Components);
        Assert.True(leaf.License!.Concluded);
    }

    [Fact]
    public void A_missing_assets_file_is_an_error_and_an_incomplete_SBOM_is_still_written()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var missing = temp.Combine("obj", "project.assets.json");
        var task = Task(engine, temp, missing);

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB3010", error.Code);
        Assert.Equal(missing, error.File);
        Assert.False(CycloneDxReader.Read(File.ReadAllBytes(task.OutputPath)).Complete);
    }

    [Fact]
    public void An_unknown_format_is_QLB3007()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var task = Task(engine, temp, Restored(temp));
        task.Format = "xml";
        Assert.False(task.Execute());
        Assert.Equal("QLB3007", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void MergeSbom_merges_and_hashes_the_package()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var first = Task(engine, temp, Restored(temp));
        Assert.True(first.Execute(), engine.Log);
        var nupkg = temp.Write("pkg/App.1.0.0.nupkg", "zip bytes");
        var merge = new MergeSbom
        {
            BuildEngine = engine,
            Sboms = new[] { new TaskItem(first.OutputPath) },
            OutputPath = temp.Combine("pkg", "App.1.0.0.cdx.json"),
            Name = "App",
            Version = "1.0.0",
            SubjectFile = nupkg,
        };

        Assert.True(merge.Execute(), engine.Log);
        var document = CycloneDxReader.Read(File.ReadAllBytes(merge.OutputPath));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(nupkg))).ToLowerInvariant(), document.Subject.Hash(SbomHash.Sha256));
        Assert.Single(document.Components);
    }

    [Fact]
    public void MergeSbom_of_a_file_that_is_not_an_SBOM_is_QLB3018()
    {
        using var temp = new TempDirectory();
        var engine = new MockEngine();
        var bad = temp.Write("x.cdx.json", "{\"hello\": 1}");
        var merge = new MergeSbom { BuildEngine = engine, Sboms = new[] { new TaskItem(bad) }, OutputPath = temp.Combine("out.cdx.json"), Name = "X" };
        Assert.False(merge.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("QLB3018", error.Code);
        Assert.Equal(bad, error.File);
        Assert.False(File.Exists(merge.OutputPath));
    }
}
