using System.Security.Cryptography;
using System.Text;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

/// <summary>
/// A restored project on disk, made by hand: project.assets.json (the shape NuGet writes) and a
/// package folder per package with nuspec, .nupkg.sha512 and .nupkg.metadata.
/// </summary>
internal sealed class SbomFixture : IDisposable
{
    private readonly List<(string Id, string Version, string[] Deps, bool Runtime, string Nuspec)> _packages = new();
    private readonly List<(string Id, string Include, bool Private)> _direct = new();

    public SbomFixture(string prefix = "bg-sbom")
    {
        Temp = new TempDirectory(prefix);
    }

    public TempDirectory Temp { get; }

    public string PackagesFolder => Temp.Combine("packages");

    public string AssetsFile => Temp.Combine("src", "App", "obj", "project.assets.json");

    public SbomFixture Package(string id, string version, string license = "<license type=\"expression\">MIT</license>", bool runtime = true, bool devDependency = false, params string[] deps)
    {
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>Alice, Bob</authors>
                {(devDependency ? "<developmentDependency>true</developmentDependency>" : string.Empty)}
                {license}
                <projectUrl>https://example.com/{id}</projectUrl>
                <description>The {id} package.</description>
                <repository type="git" url="https://example.com/{id}.git" commit="0123456789abcdef0123456789abcdef01234567" />
              </metadata>
            </package>
            """;
        _packages.Add((id, version, deps, runtime, nuspec));
        return this;
    }

    public SbomFixture Direct(string id, string include = "All", bool privateAssets = false)
    {
        _direct.Add((id, include, privateAssets));
        return this;
    }

    public static string Sha512Base64(string content) => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(content)));

    public string Write()
    {
        var targets = new StringBuilder();
        var libraries = new StringBuilder();
        foreach (var (id, version, deps, runtime, nuspec) in _packages)
        {
            var folder = Path.Combine(PackagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"), nuspec);
            File.WriteAllText(Path.Combine(folder, $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512"), Sha512Base64("nupkg " + id + " " + version));
            File.WriteAllText(Path.Combine(folder, ".nupkg.metadata"), "{\"version\": 2, \"contentHash\": \"" + Sha512Base64("content " + id + " " + version) + "\", \"source\": \"https://api.nuget.org/v3/index.json\"}");
            if (targets.Length > 0)
            {
                targets.Append(",\n");
                libraries.Append(",\n");
            }

            var dependencies = string.Join(", ", deps.Select(d => $"\"{d.Split('/')[0]}\": \"{d.Split('/')[1]}\""));
            var asset = runtime ? $"\"runtime\": {{ \"lib/net8.0/{id}.dll\": {{}} }}" : "\"runtime\": { \"lib/net8.0/_._\": {} }";
            targets.Append($"      \"{id}/{version}\": {{ \"type\": \"package\", \"dependencies\": {{ {dependencies} }}, \"compile\": {{ \"lib/net8.0/{id}.dll\": {{}} }}, {asset} }}");
            libraries.Append($"    \"{id}/{version}\": {{ \"sha512\": \"{Sha512Base64("content " + id + " " + version)}\", \"type\": \"package\", \"path\": \"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}\", \"files\": [] }}");
        }

        var direct = string.Join(",\n", _direct.Select(d =>
            $"          \"{d.Id}\": {{ \"target\": \"Package\", \"version\": \"[{_packages.First(p => p.Id == d.Id).Version}, )\"{(d.Include == "All" ? string.Empty : $", \"include\": \"{d.Include}\"")}{(d.Private ? ", \"suppressParent\": \"All\"" : string.Empty)} }}"));
        var projectPath = Temp.Combine("src", "App", "App.csproj").Replace("\\", "/");
        var assets = $$"""
            {
              "version": 3,
              "targets": {
                "net8.0": {
            {{targets}}
                }
              },
              "libraries": {
            {{libraries}}
              },
              "projectFileDependencyGroups": { "net8.0": [] },
              "packageFolders": { "{{PackagesFolder.Replace("\\", "/")}}/": {} },
              "project": {
                "version": "1.2.3",
                "restore": {
                  "projectUniqueName": "{{projectPath}}",
                  "projectName": "App",
                  "projectPath": "{{projectPath}}",
                  "packagesPath": "{{PackagesFolder.Replace("\\", "/")}}/",
                  "outputPath": "{{Temp.Combine("src", "App", "obj").Replace("\\", "/")}}/",
                  "projectStyle": "PackageReference",
                  "originalTargetFrameworks": [ "net8.0" ],
                  "sources": {},
                  "frameworks": { "net8.0": { "targetAlias": "net8.0", "projectReferences": {} } }
                },
                "frameworks": {
                  "net8.0": {
                    "targetAlias": "net8.0",
                    "dependencies": {
            {{direct}}
                    }
                  }
                }
              }
            }
            """;
        Directory.CreateDirectory(Path.GetDirectoryName(AssetsFile)!);
        File.WriteAllText(AssetsFile, assets);
        return AssetsFile;
    }

    public void Dispose() => Temp.Dispose();
}
