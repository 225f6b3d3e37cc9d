using System.IO.Compression;
using System.Xml.Linq;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    /// <summary>
    /// The exact entries of the package (besides NuGet's own _rels, [Content_Types].xml, package/
    /// and the nuspec). Update this list on purpose when the package's content changes.
    /// </summary>
    private static readonly string[] ExpectedEntries =
    {
        "README.md",
        "analyzers/dotnet/cs/QuantLayer.BuildGuard.Analyzers.dll",
        "analyzers/dotnet/cs/QuantLayer.BuildGuard.CodeFixes.dll",
        "build/QuantLayer.BuildGuard.Analysis.targets",
        "build/QuantLayer.BuildGuard.Change.targets",
        "build/QuantLayer.BuildGuard.Report.targets",
        "build/QuantLayer.BuildGuard.Rules.props",
        "build/QuantLayer.BuildGuard.Sbom.targets",
        "build/QuantLayer.BuildGuard.Secrets.targets",
        "build/QuantLayer.BuildGuard.Signing.targets",
        "build/QuantLayer.BuildGuard.Trace.targets",
        "build/QuantLayer.BuildGuard.TraceAttributes.cs",
        "build/QuantLayer.BuildGuard.props",
        "build/QuantLayer.BuildGuard.targets",
        "build/profiles/Audit.globalconfig",
        "build/profiles/Recommended.globalconfig",
        "build/profiles/Strict.globalconfig",
        "buildMultiTargeting/QuantLayer.BuildGuard.props",
        "buildMultiTargeting/QuantLayer.BuildGuard.targets",
        "buildTransitive/QuantLayer.BuildGuard.props",
        "buildTransitive/QuantLayer.BuildGuard.targets",
        "schemas/change-record.schema.json",
        "schemas/iec62443-report.v1.schema.json",
        // BouncyCastle: P-256 arithmetic and RFC 6979 ECDSA for signing, PBKDF2 on .NET Framework.
        "tasks/net472/BouncyCastle.Cryptography.dll",
        "tasks/net472/Microsoft.Bcl.AsyncInterfaces.dll",
        "tasks/net472/Newtonsoft.Json.dll",
        "tasks/net472/NuGet.Common.dll",
        "tasks/net472/NuGet.Configuration.dll",
        "tasks/net472/NuGet.DependencyResolver.Core.dll",
        "tasks/net472/NuGet.Frameworks.dll",
        "tasks/net472/NuGet.LibraryModel.dll",
        "tasks/net472/NuGet.Packaging.dll",
        "tasks/net472/NuGet.ProjectModel.dll",
        "tasks/net472/NuGet.Protocol.dll",
        "tasks/net472/NuGet.Versioning.dll",
        "tasks/net472/QuantLayer.BuildGuard.Evidence.dll",
        "tasks/net472/QuantLayer.BuildGuard.Tasks.deps.json",
        "tasks/net472/QuantLayer.BuildGuard.Tasks.dll",
        "tasks/net472/System.Buffers.dll",
        "tasks/net472/System.Collections.Immutable.dll",
        "tasks/net472/System.Formats.Asn1.dll",
        "tasks/net472/System.Memory.dll",
        "tasks/net472/System.Numerics.Vectors.dll",
        "tasks/net472/System.Reflection.Metadata.dll",
        "tasks/net472/System.Runtime.CompilerServices.Unsafe.dll",
        "tasks/net472/System.Text.Encodings.Web.dll",
        "tasks/net472/System.Text.Json.dll",
        "tasks/net472/System.Threading.Tasks.Extensions.dll",
        "tasks/net472/System.ValueTuple.dll",
        // NuGet.ProjectModel (the SBOM reads project.assets.json with NuGet's own reader) and
        // what it depends on; BouncyCastle for signing.
        "tasks/net8.0/BouncyCastle.Cryptography.dll",
        "tasks/net8.0/Microsoft.Bcl.Cryptography.dll",
        "tasks/net8.0/Newtonsoft.Json.dll",
        "tasks/net8.0/NuGet.Common.dll",
        "tasks/net8.0/NuGet.Configuration.dll",
        "tasks/net8.0/NuGet.DependencyResolver.Core.dll",
        "tasks/net8.0/NuGet.Frameworks.dll",
        "tasks/net8.0/NuGet.LibraryModel.dll",
        "tasks/net8.0/NuGet.Packaging.dll",
        "tasks/net8.0/NuGet.ProjectModel.dll",
        "tasks/net8.0/NuGet.Protocol.dll",
        "tasks/net8.0/NuGet.Versioning.dll",
        "tasks/net8.0/QuantLayer.BuildGuard.Evidence.dll",
        "tasks/net8.0/QuantLayer.BuildGuard.Tasks.deps.json",
        "tasks/net8.0/QuantLayer.BuildGuard.Tasks.dll",
        "tasks/net8.0/System.Formats.Asn1.dll",
        "tasks/net8.0/System.Security.Cryptography.Pkcs.dll",
        "tasks/net8.0/System.Security.Cryptography.ProtectedData.dll",
        "tasks/net8.0/runtimes/win/lib/net8.0/System.Security.Cryptography.Pkcs.dll",
    };

    private readonly PackageFixture _fixture;

    public PackageLayoutTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_package_has_exactly_the_expected_layout_and_no_lib()
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        var entries = zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal)
                && !n.StartsWith("package/", StringComparison.Ordinal)
                && n != "[Content_Types].xml"
                && n != "QuantLayer.BuildGuard.nuspec")
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ExpectedEntries.OrderBy(n => n, StringComparer.Ordinal), entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_package_is_a_development_dependency_without_dependencies()
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        using var stream = zip.GetEntry("QuantLayer.BuildGuard.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Equal(_fixture.Version, metadata.Element(ns + "version")?.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency"));
    }

    [Fact]
    public void The_analyzer_list_for_the_Audit_profile_names_every_analyzer_rule()
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        using var reader = new StreamReader(zip.GetEntry("build/QuantLayer.BuildGuard.Rules.props")!.Open());
        var ids = XDocument.Parse(reader.ReadToEnd()).Descendants("_BuildGuardAnalyzerRuleIds").Single().Value.Split(';');

        var released = File.ReadAllLines(TestUtilities.RepoPaths.Combine("analyzers", "QuantLayer.BuildGuard.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(TestUtilities.RepoPaths.Combine("analyzers", "QuantLayer.BuildGuard.Analyzers", "AnalyzerReleases.Shipped.md")))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "^(QLB[0-9]{4}) ").Groups[1].Value)
            .Where(id => id.Length > 0)
            .Distinct();
        Assert.Equal(released.OrderBy(i => i, StringComparer.Ordinal), ids.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void A_consumer_package_does_not_depend_on_BuildGuard()
    {
        var directory = _fixture.CreateWorkspace("consumer-pack");
        File.WriteAllText(Path.Combine(directory, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="QuantLayer.BuildGuard" Version="{_fixture.Version}" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "C.cs"), "public static class C { }");

        var result = _fixture.DotNet(directory, "pack", "-c", "Release", "-o", "out");

        Assert.True(result.ExitCode == 0, result.All);
        using var zip = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(directory, "out"), "*.nupkg").Single());
        using var stream = zip.GetEntry("Lib.nuspec")!.Open();
        Assert.DoesNotContain("QuantLayer.BuildGuard", new StreamReader(stream).ReadToEnd(), StringComparison.Ordinal);
        var assets = File.ReadAllText(Path.Combine(directory, "obj", "project.assets.json"));
        Assert.Contains("\"suppressParent\": \"All\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("QLB3080", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_without_PrivateAssets_is_QLB3080()
    {
        var directory = _fixture.CreateWorkspace("consumer-public");
        File.WriteAllText(Path.Combine(directory, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="QuantLayer.BuildGuard" Version="{_fixture.Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "C.cs"), "public static class C { }");

        var result = _fixture.DotNet(directory, "build");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("warning QLB3080", result.Output, StringComparison.Ordinal);
        Assert.Contains("PrivateAssets", result.Output, StringComparison.Ordinal);
    }
}
