using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class SbomBuilderTests
{
    private static ProjectSbomRequest Request(string assets) => new()
    {
        AssetsFile = assets,
        TargetFramework = "net8.0",
        Name = "App",
        Version = "1.2.3",
        IsApplication = true,
        Timestamp = 1714557600,
        Tools = new[] { new SbomTool("QuantLayer.BuildGuard", "1.0.0", "pkg:nuget/QuantLayer.BuildGuard@1.0.0", "QuantLayer") },
    };

    private static SbomFixture Typical() => new SbomFixture()
        .Package("Serilog", "3.1.1")
        .Package("Lib.A", "2.0.0", deps: new[] { "Lib.B/1.0.0" })
        .Package("Lib.B", "1.0.0", license: "<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>")
        .Package("Some.Analyzers", "1.0.0", runtime: false, deps: new[] { "Analyzer.Helper/1.0.0" })
        .Package("Analyzer.Helper", "1.0.0", runtime: false)
        .Package("Tool.Pkg", "9.0.0", runtime: false, devDependency: true)
        .Direct("Serilog").Direct("Lib.A").Direct("Some.Analyzers", privateAssets: true).Direct("Tool.Pkg");

    // A malformed expression, a licence file, an expression with an exception, an unknown licence URL.
    private static SbomFixture EveryLicenceKind() => Typical()
        .Package("Broken", "1.0.0", license: "<license type=\"expression\">MIT OR (Apache-2.0</license>")
        .Package("Filed", "1.0.0", license: "<license type=\"file\">LICENSE.txt</license>")
        .Package("Either", "1.0.0", license: "<license type=\"expression\">MIT OR Apache-2.0 WITH LLVM-exception</license>")
        .Package("Odd", "1.0.0", license: "<licenseUrl>https://example.com/my-license.html</licenseUrl>")
        .Direct("Broken").Direct("Filed").Direct("Either").Direct("Odd");

    [Fact]
    public void Components_and_edges_are_exactly_those_of_the_assets_file()
    {
        using var fixture = Typical();
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(fixture.Write()), diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(
            new[] { "pkg:nuget/Analyzer.Helper@1.0.0", "pkg:nuget/Lib.A@2.0.0", "pkg:nuget/Lib.B@1.0.0", "pkg:nuget/Serilog@3.1.1", "pkg:nuget/Some.Analyzers@1.0.0", "pkg:nuget/Tool.Pkg@9.0.0" },
            document.Components.Select(c => c.BomRef).OrderBy(r => r, StringComparer.Ordinal));
        var edges = document.Dependencies.SelectMany(e => e.Value.Select(t => e.Key + " -> " + t)).ToList();
        Assert.Equal(
            new[]
            {
                "pkg:nuget/App@1.2.3 -> pkg:nuget/Lib.A@2.0.0",
                "pkg:nuget/App@1.2.3 -> pkg:nuget/Serilog@3.1.1",
                "pkg:nuget/App@1.2.3 -> pkg:nuget/Some.Analyzers@1.0.0",
                "pkg:nuget/App@1.2.3 -> pkg:nuget/Tool.Pkg@9.0.0",
                "pkg:nuget/Lib.A@2.0.0 -> pkg:nuget/Lib.B@1.0.0",
                "pkg:nuget/Some.Analyzers@1.0.0 -> pkg:nuget/Analyzer.Helper@1.0.0",
            },
            edges);
        Assert.True(document.Complete);
    }

    [Fact]
    public void Development_only_dependencies_are_excluded_and_what_ships_is_required()
    {
        using var fixture = Typical();
        var document = SbomBuilder.Build(Request(fixture.Write()), new DiagnosticBag());
        var scope = document.Components.ToDictionary(c => c.Name, c => c.Scope);

        Assert.Equal(SbomScope.Required, scope["Serilog"]);
        Assert.Equal(SbomScope.Required, scope["Lib.A"]);
        Assert.Equal(SbomScope.Required, scope["Lib.B"]);
        Assert.Equal(SbomScope.Excluded, scope["Some.Analyzers"]);
        Assert.Equal(SbomScope.Excluded, scope["Analyzer.Helper"]);
        // Declares itself a development dependency and ships no run-time files (like BuildGuard).
        Assert.Equal(SbomScope.Excluded, scope["Tool.Pkg"]);
    }

    [Fact]
    public void In_a_test_project_nothing_ships()
    {
        using var fixture = Typical();
        var request = Request(fixture.Write());
        var document = SbomBuilder.Build(new ProjectSbomRequest { AssetsFile = request.AssetsFile, TargetFramework = "net8.0", Name = "App.Tests", IsTestProject = true }, new DiagnosticBag());
        Assert.All(document.Components, c => Assert.Equal(SbomScope.Excluded, c.Scope));
    }

    [Fact]
    public void Hashes_come_from_the_nupkg_sha512_and_licences_from_the_nuspec()
    {
        using var fixture = Typical();
        var document = SbomBuilder.Build(Request(fixture.Write()), new DiagnosticBag());
        var serilog = document.Components.Single(c => c.Name == "Serilog");
        var expected = Convert.ToHexString(Convert.FromBase64String(SbomFixture.Sha512Base64("nupkg Serilog 3.1.1"))).ToLowerInvariant();
        Assert.Equal(expected, serilog.Hash(SbomHash.Sha512));
        Assert.Equal("MIT", serilog.License!.SingleId);
        Assert.Equal(new[] { "Alice", "Bob" }, serilog.Authors);
        Assert.Contains(serilog.ExternalReferences, r => r.Type == "vcs" && r.Url == "https://example.com/Serilog.git" && r.Comment == "commit 0123456789abcdef0123456789abcdef01234567");
        // A well-known licence URL maps to its SPDX id.
        Assert.Equal("Apache-2.0", document.Components.Single(c => c.Name == "Lib.B").License!.SingleId);
    }

    [Fact]
    public void Two_builds_from_two_folders_give_byte_identical_SBOMs()
    {
        using var one = Typical();
        using var two = Typical();
        var first = CycloneDxWriter.Write(SbomBuilder.Build(Request(one.Write()), new DiagnosticBag()));
        var second = CycloneDxWriter.Write(SbomBuilder.Build(Request(two.Write()), new DiagnosticBag()));
        Assert.Equal(first, second);
        Assert.DoesNotContain(one.Temp.Path, System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_assets_file_is_QLB3010_and_the_SBOM_lists_the_project_marked_incomplete()
    {
        using var temp = new TempDirectory();
        var diagnostics = new DiagnosticBag();
        var missing = temp.Combine("obj", "project.assets.json");
        var document = SbomBuilder.Build(Request(missing), diagnostics);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3010", error.Id);
        Assert.Equal(missing, error.File);
        Assert.Empty(document.Components);
        Assert.False(document.Complete);
        Assert.Contains("\"aggregate\": \"incomplete\"", System.Text.Encoding.UTF8.GetString(CycloneDxWriter.Write(document)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 3, \"targets\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void A_corrupt_assets_file_is_QLB3010_not_an_exception(string content)
    {
        using var temp = new TempDirectory();
        var assets = temp.Write("obj/project.assets.json", content);
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(assets), diagnostics);
        Assert.Contains(diagnostics.Items, d => d.Id == "QLB3010" && d.File == assets);
        Assert.False(document.Complete);
    }

    [Fact]
    public void A_target_framework_restore_did_not_see_is_QLB3011()
    {
        using var fixture = Typical();
        var assets = fixture.Write();
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(new ProjectSbomRequest { AssetsFile = assets, TargetFramework = "net8.0", RuntimeIdentifier = "linux-x64", Name = "App" }, diagnostics);
        // A RID-less target is used when the RID-specific one is missing.
        Assert.NotEmpty(document.Components);

        var tfmFile = fixture.Temp.Write("other/project.assets.json", File.ReadAllText(assets).Replace("\"net8.0\": {\n", "\"net9.0\": {\n", StringComparison.Ordinal).Replace("\"targetAlias\": \"net8.0\"", "\"targetAlias\": \"net9.0\"", StringComparison.Ordinal));
        diagnostics = new DiagnosticBag();
        document = SbomBuilder.Build(new ProjectSbomRequest { AssetsFile = tfmFile, TargetFramework = "net6.0", Name = "App" }, diagnostics);
        Assert.Contains(diagnostics.Items, d => d.Id == "QLB3011");
        Assert.False(document.Complete);
    }

    [Fact]
    public void A_package_folder_without_its_nupkg_sha512_is_QLB3013_and_the_package_is_still_listed()
    {
        using var fixture = Typical();
        var assets = fixture.Write();
        var hashFile = Path.Combine(fixture.PackagesFolder, "serilog", "3.1.1", "serilog.3.1.1.nupkg.sha512");
        File.Delete(hashFile);
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(assets), diagnostics);

        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3013", warning.Id);
        Assert.Equal(hashFile, warning.File);
        var serilog = document.Components.Single(c => c.Name == "Serilog");
        Assert.Empty(serilog.Hashes);
        Assert.Equal("MIT", serilog.License!.SingleId);
    }

    [Fact]
    public void A_replaced_package_folder_is_QLB3014()
    {
        using var fixture = Typical();
        var assets = fixture.Write();
        var metadata = Path.Combine(fixture.PackagesFolder, "lib.a", "2.0.0", ".nupkg.metadata");
        File.WriteAllText(metadata, "{\"version\": 2, \"contentHash\": \"" + SbomFixture.Sha512Base64("something else") + "\"}");
        var diagnostics = new DiagnosticBag();
        SbomBuilder.Build(Request(assets), diagnostics);
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3014", warning.Id);
        Assert.Equal(metadata, warning.File);
    }

    [Fact]
    public void A_malformed_licence_expression_is_QLB3016_with_the_nuspec_and_line_and_the_licence_is_unknown()
    {
        using var fixture = Typical().Package("Broken", "1.0.0", license: "<license type=\"expression\">MIT OR (Apache-2.0</license>").Direct("Broken");
        var assets = fixture.Write();
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(assets), diagnostics);

        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3016", warning.Id);
        Assert.Equal(Path.Combine(fixture.PackagesFolder, "broken", "1.0.0", "broken.nuspec"), warning.File);
        Assert.Equal(8, warning.Line);
        Assert.Equal(SbomLicenseKind.Unknown, document.Components.Single(c => c.Name == "Broken").License!.Kind);
        Assert.Contains("BuildGuardPackageLicense Include=\"Broken\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_licence_url_is_QLB3017_and_a_user_conclusion_replaces_it_silently()
    {
        using var fixture = Typical().Package("Odd", "1.0.0", license: "<licenseUrl>https://example.com/my-license.html</licenseUrl>").Direct("Odd");
        var assets = fixture.Write();
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(assets), diagnostics);
        Assert.Equal("QLB3017", Assert.Single(diagnostics.Items).Id);
        var odd = document.Components.Single(c => c.Name == "Odd").License!;
        Assert.Equal(SbomLicenseKind.Unknown, odd.Kind);
        Assert.Equal("https://example.com/my-license.html", odd.Url);

        diagnostics = new DiagnosticBag();
        var request = Request(assets);
        document = SbomBuilder.Build(
            new ProjectSbomRequest { AssetsFile = assets, TargetFramework = "net8.0", Name = "App", LicenseOverrides = new[] { new LicenseOverride("odd", null, Licensing.SpdxExpression.Parse("BSD-3-Clause")) } },
            diagnostics);
        Assert.Empty(diagnostics.Items);
        var concluded = document.Components.Single(c => c.Name == "Odd").License!;
        Assert.True(concluded.Concluded);
        Assert.Equal("BSD-3-Clause", concluded.SingleId);
    }

    [Fact]
    public void A_malformed_nuspec_is_QLB3015_and_the_package_keeps_its_hash()
    {
        using var fixture = Typical();
        var assets = fixture.Write();
        var nuspec = Path.Combine(fixture.PackagesFolder, "serilog", "3.1.1", "serilog.nuspec");
        File.WriteAllText(nuspec, "<package><metadata><id>Serilog</broken></package>");
        var diagnostics = new DiagnosticBag();
        var document = SbomBuilder.Build(Request(assets), diagnostics);
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3015", warning.Id);
        Assert.Equal(nuspec, warning.File);
        Assert.NotNull(document.Components.Single(c => c.Name == "Serilog").Hash(SbomHash.Sha512));
    }

    [Fact]
    public void Every_SBOM_of_these_cases_is_valid_CycloneDX_1_6_for_the_independent_validator()
    {
        using var fixture = EveryLicenceKind();
        var assets = fixture.Write();
        var files = new List<string>
        {
            fixture.Temp.Write("out/full.cdx.json", System.Text.Encoding.UTF8.GetString(CycloneDxWriter.Write(SbomBuilder.Build(Request(assets), new DiagnosticBag())))),
            fixture.Temp.Write("out/empty.cdx.json", System.Text.Encoding.UTF8.GetString(CycloneDxWriter.Write(SbomBuilder.Build(Request(fixture.Temp.Combine("none.json")), new DiagnosticBag())))),
        };
        var result = NodeInterop.Run("validate-cyclonedx.mjs", files.ToArray());
        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void Every_SPDX_document_of_these_cases_meets_the_SPDX_2_3_checks_and_damaged_ones_do_not()
    {
        using var fixture = EveryLicenceKind();
        var assets = fixture.Write();
        var concluded = new ProjectSbomRequest
        {
            AssetsFile = assets,
            TargetFramework = "net8.0",
            Name = "App",
            Version = "1.2.3",
            IsApplication = true,
            AssemblyPath = fixture.Temp.Write("bin/App.dll", "not really an assembly"),
            LicenseExpression = "Apache-2.0",
            Timestamp = 1714557600,
            LicenseOverrides = new[] { new LicenseOverride("Odd", null, Licensing.SpdxExpression.Parse("BSD-3-Clause")) },
        };
        var spdx = System.Text.Encoding.UTF8.GetString(SpdxWriter.Write(SbomBuilder.Build(concluded, new DiagnosticBag())));
        var files = new[]
        {
            fixture.Temp.Write("out/full.spdx.json", spdx),
            fixture.Temp.Write("out/plain.spdx.json", System.Text.Encoding.UTF8.GetString(SpdxWriter.Write(SbomBuilder.Build(Request(assets), new DiagnosticBag())))),
            fixture.Temp.Write("out/empty.spdx.json", System.Text.Encoding.UTF8.GetString(SpdxWriter.Write(SbomBuilder.Build(Request(fixture.Temp.Combine("none.json")), new DiagnosticBag())))),
        };
        var result = NodeInterop.Run("validate-spdx.mjs", files);
        Assert.True(result.ExitCode == 0, result.All);

        // The checks can fail: an unknown checksum algorithm, an undefined LicenseRef and a
        // relationship to nothing are each reported.
        var damaged = new[]
        {
            fixture.Temp.Write("bad/algorithm.spdx.json", spdx.Replace("\"SHA512\"", "\"SHA-512\"", StringComparison.Ordinal)),
            fixture.Temp.Write("bad/reference.spdx.json", spdx.Replace("\"hasExtractedLicensingInfos\"", "\"hasExtractedLicensingInfosGone\"", StringComparison.Ordinal)),
            fixture.Temp.Write("bad/relationship.spdx.json", spdx.Replace("\"relatedSpdxElement\": \"SPDXRef-", "\"relatedSpdxElement\": \"SPDXRef-Nothing-", StringComparison.Ordinal)),
        };
        foreach (var file in damaged)
        {
            var bad = NodeInterop.Run("validate-spdx.mjs", file);
            Assert.True(bad.ExitCode == 1, file + ": " + bad.All);
        }
    }
}

