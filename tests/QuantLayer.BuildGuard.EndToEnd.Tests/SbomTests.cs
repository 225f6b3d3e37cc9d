using System.IO.Compression;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>The SBOM written by real builds and packs with the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class SbomTests
{
    private readonly PackageFixture _fixture;

    public SbomTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_sample_SBOMs_equal_the_assets_files_are_schema_valid_listed_in_the_manifests_and_packed()
    {
        var directory = _fixture.CreateSampleRepository("sbom-sample");
        var build = _fixture.DotNet(directory, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.All);
        var pack = _fixture.DotNet(directory, "pack", "-c", "Release", "--no-build");
        Assert.True(pack.ExitCode == 0, pack.All);

        var projects = new[]
        {
            ("src", "Contoso.Gateway.Protocol"),
            ("src", "Contoso.Gateway.Service"),
            ("tests", "Contoso.Gateway.Protocol.Tests"),
        };
        var files = new List<string>();
        foreach (var (folder, name) in projects)
        {
            var output = Path.Combine(directory, folder, name, "bin", "Release", "net8.0");
            var sbomFile = Path.Combine(output, name + ".cdx.json");
            files.Add(sbomFile);
            var sbom = CycloneDxReader.Read(File.ReadAllBytes(sbomFile));
            Assert.Equal(AssetsFilePurls(Path.Combine(directory, folder, name, "obj", "project.assets.json"), "net8.0"), sbom.Components.Select(c => c.Purl!).OrderBy(p => p, StringComparer.Ordinal));
            Assert.Equal(1714557600, sbom.Timestamp);

            // BuildGuard is there, as what it is: a development-only dependency.
            var buildGuard = Assert.Single(sbom.Components, c => c.Name == "QuantLayer.BuildGuard");
            Assert.Equal(SbomScope.Excluded, buildGuard.Scope);

            var manifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(output, "buildguard", name + ".manifest.json")));
            var entry = Assert.Single(manifest.Evidence, e => e.Path == name + ".cdx.json");
            Assert.Equal("sbom", entry.Kind);
            Assert.Equal(FileDigest.Compute(sbomFile).Sha256, entry.Digest.Sha256);
        }

        // The test project ships nothing; the service ships the protocol library, hashed.
        var tests = CycloneDxReader.Read(File.ReadAllBytes(files[2]));
        Assert.All(tests.Components, c => Assert.Equal(SbomScope.Excluded, c.Scope));
        Assert.Contains(tests.Components, c => c.Name == "xunit.core");
        var service = CycloneDxReader.Read(File.ReadAllBytes(files[1]));
        Assert.Equal(SbomComponentType.Application, service.Subject.Type);
        var protocol = Assert.Single(service.Components, c => c.Purl == "pkg:nuget/Contoso.Gateway.Protocol@2.4.0");
        Assert.Equal(SbomScope.Required, protocol.Scope);
        var protocolDll = Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release", "net8.0", "Contoso.Gateway.Protocol.dll");
        Assert.Equal(FileDigest.Compute(protocolDll).Sha256, protocol.Hash(SbomHash.Sha256));

        // The package: the SBOM inside it, and beside it with the nupkg's hashes (in the package manifest).
        var packages = Path.Combine(directory, "src", "Contoso.Gateway.Protocol", "bin", "Release");
        var nupkg = Path.Combine(packages, "Contoso.Gateway.Protocol.2.4.0.nupkg");
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            using var stream = zip.GetEntry("_manifest/cyclonedx/bom.cdx.json")!.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var inside = CycloneDxReader.Read(buffer.ToArray());
            Assert.Equal("pkg:nuget/Contoso.Gateway.Protocol@2.4.0", inside.Subject.Purl);
            Assert.Equal("MIT", inside.Subject.License?.SingleId);
            var assembly = Assert.Single(inside.Subject.Components);
            Assert.Equal(FileDigest.Compute(protocolDll).Sha256, assembly.Hash(SbomHash.Sha256));
            files.Add(Write(directory, "inside.cdx.json", buffer.ToArray()));
        }

        var beside = Path.Combine(packages, "Contoso.Gateway.Protocol.2.4.0.cdx.json");
        files.Add(beside);
        Assert.Equal(FileDigest.Compute(nupkg).Sha512, CycloneDxReader.Read(File.ReadAllBytes(beside)).Subject.Hash(SbomHash.Sha512));
        var packageManifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(packages, "buildguard", "Contoso.Gateway.Protocol.2.4.0.manifest.json")));
        Assert.Contains(packageManifest.Evidence, e => e.Path == "Contoso.Gateway.Protocol.2.4.0.cdx.json" && e.Kind == "sbom");

        var validation = NodeInterop.Run("validate-cyclonedx.mjs", files.ToArray());
        Assert.True(validation.ExitCode == 0, validation.All);
    }

    [Fact]
    public void Project_references_multi_targeting_a_test_project_the_release_SBOM_and_the_licence_policy()
    {
        var directory = _fixture.CreateWorkspace("sbom-solution");
        WriteSolution(directory);
        PackageFixture.InitRepository(directory);

        var build = _fixture.DotNet(directory, "build", "Solution.sln", "-v:n");
        Assert.True(build.ExitCode == 0, build.All);

        // The first build after the restore read the packages for the SBOM while it compiled.
        Assert.Matches(@"App\.cdx\.json \(\d+ components; packages read while the project compiled\)", build.Output);

        // Multi-targeting: one SBOM per framework, and a merged one in the outer output folder.
        var libOut = Path.Combine(directory, "Lib", "bin", "Debug");
        var net8 = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(libOut, "net8.0", "Lib.cdx.json")));
        var netstandard = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(libOut, "netstandard2.0", "Lib.cdx.json")));
        var merged = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(libOut, "Lib.cdx.json")));
        Assert.Equal(AssetsFilePurls(Path.Combine(directory, "Lib", "obj", "project.assets.json"), "net8.0"), net8.Components.Select(c => c.Purl!).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(AssetsFilePurls(Path.Combine(directory, "Lib", "obj", "project.assets.json"), "netstandard2.0"), netstandard.Components.Select(c => c.Purl!).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(net8.Components.Concat(netstandard.Components).Select(c => c.Purl).Distinct().OrderBy(p => p, StringComparer.Ordinal), merged.Components.Select(c => c.Purl).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(new[] { "pkg:nuget/Lib@1.0.0#net8.0", "pkg:nuget/Lib@1.0.0#netstandard2.0" }, merged.Subject.Components.Select(c => c.BomRef).OrderBy(r => r, StringComparer.Ordinal));

        // A project reference is a component with a purl and the hashes of the assembly it ships.
        var app = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(directory, "App", "bin", "Debug", "net8.0", "App.cdx.json")));
        Assert.Equal(AssetsFilePurls(Path.Combine(directory, "App", "obj", "project.assets.json"), "net8.0"), app.Components.Select(c => c.Purl!).OrderBy(p => p, StringComparer.Ordinal));
        var lib = Assert.Single(app.Components, c => c.Purl == "pkg:nuget/Lib@1.0.0");
        Assert.Equal(SbomScope.Required, lib.Scope);
        Assert.Equal(FileDigest.Compute(Path.Combine(libOut, "net8.0", "Lib.dll")).Sha512, lib.Hash(SbomHash.Sha512));
        Assert.Contains("pkg:nuget/Lib@1.0.0", app.Dependencies["pkg:nuget/App@1.0.0"]);

        // The test project's packages do not ship.
        var tests = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(directory, "Lib.Tests", "bin", "Debug", "net8.0", "Lib.Tests.cdx.json")));
        Assert.All(tests.Components, c => Assert.Equal(SbomScope.Excluded, c.Scope));

        // A no-op build writes no SBOM.
        var noop = _fixture.DotNet(directory, "build", "Solution.sln", "--no-restore", "-clp:PerformanceSummary");
        Assert.True(noop.ExitCode == 0, noop.All);
        Assert.DoesNotMatch(@"\d+ ms\s+(WriteSbom|MergeSbom|PreloadSbomInventory)\s", noop.Output);

        // A code change writes the SBOM again from the package inventory cached in obj/: the same
        // packages, graph and licences, the new assembly's hashes. Clean deletes the cache.
        var cache = Path.Combine(directory, "App", "obj", "Debug", "net8.0", "App.sbom.cache");
        Assert.True(File.Exists(cache));
        File.AppendAllText(Path.Combine(directory, "App", "Program.cs"), "\nSystem.Console.WriteLine(2);\n");
        var rebuilt = _fixture.DotNet(directory, "build", "App/App.csproj", "--no-restore", "--no-dependencies", "-v:n", "-clp:PerformanceSummary");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.All);
        Assert.Matches(@"App\.cdx\.json \(\d+ components; packages from the inventory cache\)", rebuilt.Output);
        Assert.DoesNotMatch(@"\d+ ms\s+PreloadSbomInventory\s", rebuilt.Output);
        var appAgain = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(directory, "App", "bin", "Debug", "net8.0", "App.cdx.json")));
        Assert.NotEqual(app.Subject.Hash(SbomHash.Sha512), appAgain.Subject.Hash(SbomHash.Sha512));
        Assert.Equal(FileDigest.Compute(Path.Combine(directory, "App", "bin", "Debug", "net8.0", "App.dll")).Sha512, appAgain.Subject.Hash(SbomHash.Sha512));
        Assert.Equal(
            app.Components.Select(c => $"{c.Purl} {c.Scope} {c.License?.Text} {string.Join(",", c.Hashes.Select(h => h.Value))}"),
            appAgain.Components.Select(c => $"{c.Purl} {c.Scope} {c.License?.Text} {string.Join(",", c.Hashes.Select(h => h.Value))}"));
        Assert.Equal(app.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + ":" + string.Join(",", d.Value)), appAgain.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + ":" + string.Join(",", d.Value)));
        var appOut = Path.Combine(directory, "App", "bin", "Debug", "net8.0");
        var evidence = new[] { cache, Path.Combine(appOut, "App.cdx.json"), Path.Combine(appOut, "buildguard", "App.manifest.json"), Path.Combine(appOut, "buildguard", "App.iec62443.json") };

        // A Debug build (the inner loop) does not pay for the compiler's SARIF log: no analysis evidence.
        Assert.False(File.Exists(Path.Combine(directory, "App", "obj", "Debug", "net8.0", "App.buildguard.sarif")));
        Assert.False(File.Exists(Path.Combine(appOut, "buildguard", "App.analysis.json")));
        Assert.All(evidence, file => Assert.True(File.Exists(file), file));
        var clean = _fixture.DotNet(directory, "clean", "App/App.csproj", "-p:BuildProjectReferences=false");
        Assert.True(clean.ExitCode == 0, clean.All);
        Assert.All(evidence, file => Assert.False(File.Exists(file), file));
        var restored = _fixture.DotNet(directory, "build", "App/App.csproj", "--no-restore", "--no-dependencies");
        Assert.True(restored.ExitCode == 0, restored.All);

        // The release SBOM: the application and what it references, each package once.
        var release = _fixture.DotNet(directory, "build", "App/App.csproj", "--no-restore", "-t:BuildGuardReleaseSbom", "-p:BuildGuardReleaseName=Product", "-p:BuildGuardReleaseVersion=3.1.0");
        Assert.True(release.ExitCode == 0, release.All);
        var releaseFile = Path.Combine(directory, "App", "bin", "Debug", "net8.0", "buildguard", "App.release.cdx.json");
        var product = CycloneDxReader.Read(File.ReadAllBytes(releaseFile));
        Assert.Equal("pkg:nuget/Product@3.1.0", product.Subject.BomRef);
        Assert.Equal(product.Components.Count, product.Components.Select(c => c.BomRef).Distinct().Count());
        Assert.Contains(product.Components, c => c.Purl == "pkg:nuget/App@1.0.0");
        Assert.Contains(product.Components, c => c.Purl == "pkg:nuget/Newtonsoft.Json@13.0.3" && c.Scope == SbomScope.Required);
        var validation = NodeInterop.Run("validate-cyclonedx.mjs", releaseFile, Path.Combine(libOut, "Lib.cdx.json"), Path.Combine(directory, "Lib.Tests", "bin", "Debug", "net8.0", "Lib.Tests.cdx.json"));
        Assert.True(validation.ExitCode == 0, validation.All);

        // The licence policy, in the build: a denied licence fails it and says who pulled the package in.
        var denied = _fixture.DotNet(directory, "build", "App/App.csproj", "--no-restore", "--no-dependencies", "-p:BuildGuardDeniedLicenses=MIT", "-p:BuildGuardSbomFile=" + Path.Combine(directory, "policy.cdx.json"));
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains(Path.Combine(directory, "App", "App.csproj") + " : error QLB5000: Newtonsoft.Json 13.0.3 ships under 'MIT'", denied.Output, StringComparison.Ordinal);
        Assert.Contains("Pulled in by: App 1.0.0 -> Newtonsoft.Json 13.0.3.", denied.Output, StringComparison.Ordinal);
    }

    private static void WriteSolution(string directory)
    {
        void Write(string relative, string content)
        {
            var path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup><NoWarn>$(NoWarn);QLB3002;QLB3003</NoWarn></PropertyGroup>
              <ItemGroup><PackageReference Include="QuantLayer.BuildGuard" Version="$(BuildGuardPackageVersion)" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" /></ItemGroup>
            </Project>
            """);
        // netstandard2.0 with its default C# 7.3: what BuildGuard adds to the compilation must compile there.
        Write("Lib/Greeter.cs", "namespace Lib { public static class Greeter { public static string Hello() => \"hello\"; } }");
        Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
              <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        Write("App/Program.cs", "System.Console.WriteLine(Lib.Greeter.Hello() + Newtonsoft.Json.JsonConvert.SerializeObject(1));");
        Write("Lib.Tests/Lib.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><IsTestProject>true</IsTestProject><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" PrivateAssets="all" />
              </ItemGroup>
              <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        Write("Lib.Tests/GreeterTests.cs", "public class GreeterTests { [Xunit.Fact] public void Hello() => Xunit.Assert.Equal(\"hello\", Lib.Greeter.Hello()); }");
        Write(".gitignore", "bin/\nobj/\n");
        var sln = ProcessRunner.Run("dotnet", new[] { "new", "sln", "-n", "Solution", "--format", "sln" }, directory);
        Assert.True(sln.ExitCode == 0, sln.All);
        var add = ProcessRunner.Run("dotnet", new[] { "sln", "Solution.sln", "add", "Lib/Lib.csproj", "App/App.csproj", "Lib.Tests/Lib.Tests.csproj" }, directory);
        Assert.True(add.ExitCode == 0, add.All);
    }

    /// <summary>The purls of a target of project.assets.json, read as plain JSON.</summary>
    private static List<string> AssetsFilePurls(string assetsFile, string targetFramework)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        var root = json.RootElement;
        var framework = root.GetProperty("project").GetProperty("frameworks").GetProperty(targetFramework).GetProperty("framework").GetString();
        var target = root.GetProperty("targets").EnumerateObject().First(t => t.Name == targetFramework || t.Name == framework || (framework == "netstandard2.0" && t.Name == ".NETStandard,Version=v2.0"));
        return target.Value.EnumerateObject()
            .Select(l => PackageUrl.NuGet(l.Name.Split('/')[0], l.Name.Split('/')[1]))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    private static string Write(string directory, string name, byte[] content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
