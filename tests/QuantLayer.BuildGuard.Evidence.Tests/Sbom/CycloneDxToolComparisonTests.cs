using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

/// <summary>
/// A real solution (an application with analyzers and SourceLink, a multi-targeted library it
/// references, a test project), restored by the real NuGet, then judged twice: every component and
/// edge of our SBOM must be exactly what project.assets.json says, and exactly what the CycloneDX
/// .NET tool 6.3.1 (installed here with dotnet tool install) reports for the same restored project
/// and target framework.
/// </summary>
public sealed class CycloneDxToolComparisonTests : IClassFixture<CycloneDxToolComparisonTests.RestoredSolution>
{
    private readonly RestoredSolution _solution;

    public CycloneDxToolComparisonTests(RestoredSolution solution) => _solution = solution;

    public static TheoryData<string, string> Targets() => new()
    {
        { "App", "net8.0" },
        { "Lib", "net8.0" },
        { "Lib", "netstandard2.0" },
        { "App.Tests", "net8.0" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Components_and_edges_equal_the_assets_file(string project, string framework)
    {
        var assets = _solution.Temp.Combine(project, "obj", "project.assets.json");
        var diagnostics = new DiagnosticBag();
        var ours = SbomBuilder.Build(
            new ProjectSbomRequest { AssetsFile = assets, TargetFramework = framework, Name = project, Version = "1.0.0", IsTestProject = project.EndsWith(".Tests", StringComparison.Ordinal) },
            diagnostics);
        Assert.DoesNotContain(diagnostics.Items, d => d.Severity == EvidenceSeverity.Error);

        // 1. The truth: the assets file, read here as plain JSON (not with NuGet's reader).
        using (var json = JsonDocument.Parse(File.ReadAllBytes(assets)))
        {
            var target = json.RootElement.GetProperty("targets").GetProperty(FrameworkKey(json.RootElement, framework));
            var names = target.EnumerateObject().ToDictionary(p => p.Name.Split('/')[0], p => p.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);
            var expectedComponents = names.Select(n => PackageUrl.NuGet(n.Key, n.Value)).OrderBy(p => p, StringComparer.Ordinal).ToList();
            Assert.Equal(expectedComponents, ours.Components.Select(c => c.Purl!).OrderBy(p => p, StringComparer.Ordinal));

            var expectedEdges = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var library in target.EnumerateObject())
            {
                var from = PackageUrl.NuGet(library.Name.Split('/')[0], library.Name.Split('/')[1]);
                if (library.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject().Where(d => names.ContainsKey(d.Name)))
                    {
                        var key = names.Keys.First(k => string.Equals(k, dependency.Name, StringComparison.OrdinalIgnoreCase));
                        expectedEdges.Add(from + " -> " + PackageUrl.NuGet(key, names[key]));
                    }
                }
            }

            var ourPackageEdges = Edges(ours).Where(e => !e.StartsWith(ours.Subject.BomRef + " ", StringComparison.Ordinal));
            Assert.Equal(expectedEdges, ourPackageEdges);
        }

    }

    [Theory]
    [InlineData("App", "net8.0")]
    [InlineData("Lib", "net8.0;netstandard2.0")]
    [InlineData("App.Tests", "net8.0")]
    public void Components_edges_and_hashes_equal_what_the_CycloneDX_tool_reports(string project, string frameworks)
    {
        // The tool (6.3.1) aggregates every target framework of a project even when given -tfm, so
        // it is compared with the merge of our per-framework SBOMs (what the outer build writes).
        var perFramework = frameworks.Split(';').Select(framework => SbomBuilder.Build(
            new ProjectSbomRequest { AssetsFile = _solution.Temp.Combine(project, "obj", "project.assets.json"), TargetFramework = framework, Name = project, Version = "1.0.0" },
            new DiagnosticBag())).ToList();
        var diagnostics = new DiagnosticBag();
        var ours = SbomMerger.Merge(perFramework, perFramework[0].Subject, null, diagnostics);
        Assert.Empty(diagnostics.Items);

        var tool = _solution.RunTool(project);
        Assert.Equal(
            tool.Components.Select(c => c.Purl).OrderBy(p => p, StringComparer.Ordinal),
            ours.Components.Select(c => c.Purl).OrderBy(p => p, StringComparer.Ordinal));
        var toolEdges = Edges(tool).Select(e => e.Replace(tool.Subject.BomRef + " ", ours.Subject.BomRef + " ", StringComparison.Ordinal));
        Assert.Equal(new SortedSet<string>(toolEdges, StringComparer.Ordinal), Edges(ours));

        // Same SHA-512 per package (the tool reads the .nupkg.sha512 too; it writes upper case).
        var hashed = tool.Components.Where(c => c.Hash(SbomHash.Sha512) is not null).ToList();
        Assert.NotEmpty(hashed);
        foreach (var component in hashed)
        {
            Assert.Equal(component.Hash(SbomHash.Sha512)!.ToLowerInvariant(), ours.Find(component.BomRef!)!.Hash(SbomHash.Sha512));
        }
    }

    [Fact]
    public void Analyzers_SourceLink_and_test_packages_are_excluded_and_what_ships_is_required()
    {
        SbomDocument Build(string project) => SbomBuilder.Build(
            new ProjectSbomRequest { AssetsFile = _solution.Temp.Combine(project, "obj", "project.assets.json"), TargetFramework = "net8.0", Name = project, IsTestProject = project == "App.Tests" },
            new DiagnosticBag());
        var app = Build("App").Components.ToDictionary(c => c.Name, c => c.Scope);
        Assert.Equal(SbomScope.Excluded, app["StyleCop.Analyzers"]);
        Assert.Equal(SbomScope.Excluded, app["Microsoft.SourceLink.GitHub"]);
        Assert.Equal(SbomScope.Excluded, app["Microsoft.Build.Tasks.Git"]);
        Assert.Equal(SbomScope.Required, app["Newtonsoft.Json"]);
        Assert.Equal(SbomScope.Required, app["Microsoft.Extensions.Logging.Abstractions"]);
        Assert.Equal(SbomScope.Required, app["Lib"]);
        Assert.All(Build("App.Tests").Components, c => Assert.Equal(SbomScope.Excluded, c.Scope));
    }

    [Fact]
    public void The_SBOMs_of_the_real_solution_are_valid_CycloneDX()
    {
        var files = Targets().Select(row =>
        {
            var project = (string)row[0];
            var framework = (string)row[1];
            var document = SbomBuilder.Build(new ProjectSbomRequest { AssetsFile = _solution.Temp.Combine(project, "obj", "project.assets.json"), TargetFramework = framework, Name = project, Version = "1.0.0" }, new DiagnosticBag());
            return _solution.Temp.Write("sboms/" + project + "." + framework + ".cdx.json", System.Text.Encoding.UTF8.GetString(CycloneDxWriter.Write(document)));
        }).ToArray();
        var result = NodeInterop.Run("validate-cyclonedx.mjs", files);
        Assert.True(result.ExitCode == 0, result.All);
    }

    private static string FrameworkKey(JsonElement root, string alias)
    {
        var framework = root.GetProperty("project").GetProperty("frameworks").GetProperty(alias);
        var name = framework.TryGetProperty("framework", out var f) ? f.GetString()! : alias;
        return root.GetProperty("targets").EnumerateObject().Select(t => t.Name).First(n => n == alias || n == name || n.Equals(NuGetFrameworkName(alias), StringComparison.OrdinalIgnoreCase));
    }

    private static string NuGetFrameworkName(string alias) => alias switch
    {
        "netstandard2.0" => ".NETStandard,Version=v2.0",
        "net8.0" => "net8.0",
        _ => alias,
    };

    private static SortedSet<string> Edges(SbomDocument document)
        => new(document.Dependencies.SelectMany(e => e.Value.Select(t => e.Key + " -> " + t)), StringComparer.Ordinal);

    /// <summary>The solution, restored once, and the CycloneDX tool, installed once.</summary>
    public sealed class RestoredSolution : IDisposable
    {
        private readonly string _toolPath;

        public RestoredSolution()
        {
            Temp = new TempDirectory("bg-sbom-truth");
            Temp.Write("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" />
                  </ItemGroup>
                </Project>
                """);
            Temp.Write("App/App.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
                    <PackageReference Include="Serilog" Version="3.1.1" />
                    <PackageReference Include="Microsoft.Extensions.Logging" Version="8.0.0" />
                    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0" PrivateAssets="all" />
                    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" IncludeAssets="runtime; build; native; contentfiles; analyzers" />
                  </ItemGroup>
                  <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
                </Project>
                """);
            Temp.Write("App.Tests/App.Tests.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net8.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                    <PackageReference Include="xunit" Version="2.9.3" />
                    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" PrivateAssets="all" />
                  </ItemGroup>
                  <ItemGroup><ProjectReference Include="../App/App.csproj" /></ItemGroup>
                </Project>
                """);
            var restore = ProcessRunner.Run("dotnet", new[] { "restore", "App.Tests/App.Tests.csproj" }, Temp.Path);
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet restore failed:\n" + restore.All);
            }

            _toolPath = Temp.Combine("tool");
            var install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "CycloneDX", "--version", "6.3.1", "--tool-path", _toolPath }, Temp.Path);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet tool install CycloneDX 6.3.1 failed:\n" + install.All);
            }
        }

        public TempDirectory Temp { get; }

        public SbomDocument RunTool(string project)
        {
            var output = Temp.Combine("cdx-tool", project);
            var tool = Path.Combine(_toolPath, OperatingSystem.IsWindows() ? "dotnet-CycloneDX.exe" : "dotnet-CycloneDX");
            var run = ProcessRunner.Run(tool, new[] { Temp.Combine(project, project + ".csproj"), "-F", "Json", "-spv", "1.6", "-dpr", "-ipr", "--set-nuget-purl", "-o", output }, Temp.Path);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException("the CycloneDX tool failed:\n" + run.All);
            }

            return CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(output, "bom.json")));
        }

        public void Dispose() => Temp.Dispose();
    }
}
