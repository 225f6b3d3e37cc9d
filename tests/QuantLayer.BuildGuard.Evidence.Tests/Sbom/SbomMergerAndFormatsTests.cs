using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class SbomMergerAndFormatsTests
{
    private static SbomDocument Project(string name, string tfm, string assemblyHash, params (string Id, string Version, string Sha512)[] packages)
    {
        var purl = PackageUrl.NuGet(name, "1.0.0");
        var subject = new SbomComponent { Name = name, Version = "1.0.0", BomRef = purl, Purl = purl };
        subject.Properties.Add(new SbomProperty(SbomComponent.FirstPartyProperty, "true"));
        subject.Hashes.Add(new SbomHash(SbomHash.Sha256, assemblyHash));
        var document = new SbomDocument { Subject = subject, Timestamp = 1714557600 };
        document.Properties.Add(new SbomProperty(SbomBuilder.TargetFrameworkProperty, tfm));
        document.DependsOn(purl);
        foreach (var (id, version, sha) in packages)
        {
            var p = PackageUrl.NuGet(id, version);
            document.Components.Add(new SbomComponent { Name = id, Version = version, BomRef = p, Purl = p, Scope = SbomScope.Required, Hashes = { new SbomHash(SbomHash.Sha512, sha) }, License = SbomLicense.FromExpression(SpdxExpression.Parse("MIT")) });
            document.AddDependency(purl, p);
        }

        return document;
    }

    [Fact]
    public void Merging_projects_lists_each_package_once_and_does_not_depend_on_input_order()
    {
        var app = Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "11"), ("Newtonsoft.Json", "13.0.3", "22"));
        var lib = Project("Lib", "net8.0", "bb", ("Serilog", "3.1.1", "11"));
        var subject = new SbomComponent { Name = "Product", Version = "2.0.0", BomRef = "pkg:nuget/Product@2.0.0", Purl = "pkg:nuget/Product@2.0.0" };

        var one = SbomMerger.Merge(new[] { app, lib }, subject, 1714557600, new DiagnosticBag());
        var two = SbomMerger.Merge(new[] { lib, app }, subject, 1714557600, new DiagnosticBag());

        Assert.Equal(CycloneDxWriter.Write(one), CycloneDxWriter.Write(two));
        Assert.Equal(new[] { "pkg:nuget/App@1.0.0", "pkg:nuget/Lib@1.0.0", "pkg:nuget/Newtonsoft.Json@13.0.3", "pkg:nuget/Serilog@3.1.1" }, CycloneDxWriter.Sorted(one.Components).Select(c => c.BomRef));
        Assert.Equal(new[] { "pkg:nuget/App@1.0.0", "pkg:nuget/Lib@1.0.0" }, one.Dependencies["pkg:nuget/Product@2.0.0"]);
        Assert.Equal(new[] { "pkg:nuget/Newtonsoft.Json@13.0.3", "pkg:nuget/Serilog@3.1.1" }, one.Dependencies["pkg:nuget/App@1.0.0"]);
    }

    [Fact]
    public void The_same_package_with_two_hashes_is_QLB3019()
    {
        var diagnostics = new DiagnosticBag();
        SbomMerger.Merge(
            new[] { Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "11")), Project("Lib", "net8.0", "bb", ("Serilog", "3.1.1", "99")) },
            new SbomComponent { Name = "Product", BomRef = "pkg:nuget/Product" },
            null,
            diagnostics);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3019", error.Id);
        Assert.Contains("Serilog 3.1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_frameworks_of_one_project_merge_into_nested_assembly_files()
    {
        var net8 = Project("Lib", "net8.0", "aa", ("Serilog", "3.1.1", "11"));
        var netstandard = Project("Lib", "netstandard2.0", "bb", ("Serilog", "3.1.1", "11"), ("System.Memory", "4.5.5", "33"));
        var diagnostics = new DiagnosticBag();
        var merged = SbomMerger.Merge(new[] { net8, netstandard }, new SbomComponent { Name = "Lib", Version = "1.0.0", BomRef = "pkg:nuget/Lib@1.0.0", Purl = "pkg:nuget/Lib@1.0.0" }, 1714557600, diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(new[] { "pkg:nuget/Serilog@3.1.1", "pkg:nuget/System.Memory@4.5.5" }, CycloneDxWriter.Sorted(merged.Components).Select(c => c.BomRef));
        Assert.Equal(new[] { "pkg:nuget/Lib@1.0.0#net8.0", "pkg:nuget/Lib@1.0.0#netstandard2.0" }, CycloneDxWriter.Sorted(merged.Subject.Components).Select(c => c.BomRef));
        Assert.Empty(merged.Subject.Hashes);
    }

    [Fact]
    public void CycloneDX_reads_back_what_it_wrote()
    {
        var document = Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "11"));
        document.Components[0].License = SbomLicense.FromExpression(SpdxExpression.Parse("MIT OR Apache-2.0"), concluded: true);
        document.Components[0].ExternalReferences.Add(new SbomExternalReference("vcs", "https://example.com/x.git", "commit abc"));
        var bytes = CycloneDxWriter.Write(document);
        var again = CycloneDxWriter.Write(CycloneDxReader.Read(bytes));
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(again));
    }

    [Fact]
    public void The_serial_number_is_derived_from_the_content()
    {
        var a = CycloneDxWriter.Write(Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "11")));
        var b = CycloneDxWriter.Write(Project("App", "net8.0", "aa", ("Serilog", "3.1.2", "11")));
        string Serial(byte[] json) => JsonDocument.Parse(json).RootElement.GetProperty("serialNumber").GetString()!;
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", Serial(a));
        Assert.NotEqual(Serial(a), Serial(b));
        Assert.Equal(Serial(a), Serial(CycloneDxWriter.Write(Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "11")))));
    }

    [Fact]
    public void The_inventory_gives_components_with_in_toto_digest_names()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("a.cdx.json", Encoding.UTF8.GetString(CycloneDxWriter.Write(Project("App", "net8.0", "aa", ("Serilog", "3.1.1", "AB")))));
        var items = SbomInventory.Read(path, new DiagnosticBag())!;
        var item = Assert.Single(items);
        Assert.Equal(("Serilog", "pkg:nuget/Serilog@3.1.1", "ab"), (item.Name, item.Purl, item.Digests["sha512"]));
    }

    [Fact]
    public void SPDX_2_3_has_every_package_with_purl_and_checksum_and_relationships_that_resolve()
    {
        var document = Project("App", "net8.0", "aa", ("Serilog", "3.1.1", new string('1', 128)));
        document.Components.Add(new SbomComponent { Name = "Filed", Version = "1.0.0", BomRef = "pkg:nuget/Filed@1.0.0", Purl = "pkg:nuget/Filed@1.0.0", Scope = SbomScope.Excluded, License = SbomLicense.Named("License file 'LICENSE.txt' in the package") });
        document.AddDependency("pkg:nuget/App@1.0.0", "pkg:nuget/Filed@1.0.0");
        var spdx = SpdxWriter.Write(document);
        Assert.Equal(spdx, SpdxWriter.Write(document));
        using var json = JsonDocument.Parse(spdx);
        var root = json.RootElement;
        Assert.Equal("SPDX-2.3", root.GetProperty("spdxVersion").GetString());
        Assert.Equal("2024-05-01T10:00:00Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        var ids = root.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("SPDXID").GetString()!).ToHashSet();
        Assert.Equal(3, ids.Count);
        foreach (var relationship in root.GetProperty("relationships").EnumerateArray())
        {
            var from = relationship.GetProperty("spdxElementId").GetString()!;
            Assert.True(from == "SPDXRef-DOCUMENT" || ids.Contains(from), from);
            Assert.Contains(relationship.GetProperty("relatedSpdxElement").GetString()!, ids);
        }

        var serilog = root.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Serilog");
        Assert.Equal("pkg:nuget/Serilog@3.1.1", serilog.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString());
        Assert.Equal("SHA512", serilog.GetProperty("checksums")[0].GetProperty("algorithm").GetString());
        Assert.Equal("MIT", serilog.GetProperty("licenseDeclared").GetString());
        var filed = root.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Filed");
        var licenseRef = filed.GetProperty("licenseDeclared").GetString()!;
        Assert.StartsWith("LicenseRef-", licenseRef, StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("hasExtractedLicensingInfos").EnumerateArray(), e => e.GetProperty("licenseId").GetString() == licenseRef);
        Assert.Contains(root.GetProperty("relationships").EnumerateArray(), r => r.GetProperty("relationshipType").GetString() == "DEV_DEPENDENCY_OF");
    }

    [Fact]
    public void Merged_SBOMs_are_valid_for_the_independent_validator()
    {
        using var temp = new TempDirectory();
        var merged = SbomMerger.Merge(
            new[] { Project("Lib", "net8.0", new string('a', 64), ("Serilog", "3.1.1", new string('1', 128))), Project("Lib", "net472", new string('b', 64), ("Serilog", "3.1.1", new string('1', 128))), Project("App", "net8.0", new string('c', 64), ("Serilog", "3.1.1", new string('1', 128))) },
            new SbomComponent { Name = "Product", Version = "1.0.0", BomRef = "pkg:nuget/Product@1.0.0", Purl = "pkg:nuget/Product@1.0.0" },
            1714557600,
            new DiagnosticBag());
        var path = temp.Write("merged.cdx.json", Encoding.UTF8.GetString(CycloneDxWriter.Write(merged)));
        var result = NodeInterop.Run("validate-cyclonedx.mjs", path);
        Assert.True(result.ExitCode == 0, result.All);
    }
}
