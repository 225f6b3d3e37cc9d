using System.IO.Compression;
using System.Text;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Change;

/// <summary>
/// A git repository with releases: each release commits its source, is tagged v&lt;version&gt;, and
/// is packed by hand into a nupkg (nuspec with the repository commit, lib/net8.0/Lib.dll compiled
/// from the source, the CycloneDX SBOM at _manifest/cyclonedx/bom.cdx.json) in the feed folder.
/// </summary>
internal sealed class ReleaseFixture : IDisposable
{
    public ReleaseFixture()
    {
        Directory.CreateDirectory(Repo);
        Directory.CreateDirectory(Feed);
        File.WriteAllText(Path.Combine(Repo, "README.md"), "lib\n");
        ProcessRunner.InitRepository(Repo);
    }

    public TempDirectory Temp { get; } = new("bg-change");

    public string Repo => Temp.Combine("repo");

    public string Feed => Temp.Combine("feed");

    /// <summary>Commits a file change with a message.</summary>
    public void Commit(string file, string content, string message)
    {
        var path = Path.Combine(Repo, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        ProcessRunner.Git(Repo, "add", "-A");
        ProcessRunner.Git(Repo, "commit", "-q", "--allow-empty", "-m", message);
    }

    /// <summary>Commits the release's source, tags it and packs it. Returns the nupkg path.</summary>
    public string Release(string version, string source, params (string Id, string Version, string License)[] packages)
    {
        Commit("src/Lib.cs", source, "Release " + version);
        ProcessRunner.Git(Repo, "tag", "v" + version);
        var commit = ProcessRunner.Git(Repo, "rev-parse", "HEAD").Output.Trim();
        var nupkg = Path.Combine(Feed, $"Lib.{version}.nupkg");
        using (var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create))
        {
            Add(zip, "Lib.nuspec", Encoding.UTF8.GetBytes($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>Lib</id>
                    <version>{version}</version>
                    <authors>Supplier</authors>
                    <description>Lib</description>
                    <repository type="git" url="https://example.com/lib.git" commit="{commit}" />
                  </metadata>
                </package>
                """));
            Add(zip, "lib/net8.0/Lib.dll", LibraryCompiler.Compile(source));
            Add(zip, "_manifest/cyclonedx/bom.cdx.json", Encoding.UTF8.GetBytes(Sbom(version, packages)));
        }

        return nupkg;
    }

    public static string Sbom(string version, IEnumerable<(string Id, string Version, string License)> packages)
    {
        var components = string.Join(",\n", packages.Select(p =>
            $$$"""{"type":"library","bom-ref":"pkg:nuget/{{{p.Id}}}@{{{p.Version}}}","name":"{{{p.Id}}}","version":"{{{p.Version}}}","scope":"required","licenses":[{"license":{"id":"{{{p.License}}}"}}],"purl":"pkg:nuget/{{{p.Id}}}@{{{p.Version}}}"}"""));
        return $$$"""
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
             "metadata":{"component":{"type":"library","bom-ref":"pkg:nuget/Lib@{{{version}}}","name":"Lib","version":"{{{version}}}","purl":"pkg:nuget/Lib@{{{version}}}"}},
             "components":[{{{components}}}]}
            """;
    }

    public void Dispose() => Temp.Dispose();

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content, 0, content.Length);
    }
}
