using System.IO.Compression;
using System.Xml.Linq;
using NuGet.Versioning;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>An assembly of a release, with the label it is compared under (<c>lib/net8.0/Foo.dll</c>).</summary>
public sealed record ReleaseAssembly(string Label, Func<Stream> Open);

/// <summary>
/// A release the change record compares: a nupkg (its <c>lib/&lt;tfm&gt;/</c> assemblies, nuspec,
/// embedded or adjacent SBOM) or an evidence folder (assemblies, <c>*.cdx.json</c>, <c>*.trace.json</c>).
/// </summary>
public sealed class Release
{
    /// <summary>Name (package id).</summary>
    public required string Name { get; init; }

    /// <summary>Version.</summary>
    public required string Version { get; init; }

    /// <summary>Where it was read from.</summary>
    public required string Location { get; init; }

    /// <summary>The source commit the release was built from, when recorded (nuspec <c>repository/@commit</c>).</summary>
    public string? Commit { get; init; }

    /// <summary>The release's artifacts and their digests.</summary>
    public List<(string Name, string Sha256)> Artifacts { get; } = new();

    /// <summary>The shipped assemblies.</summary>
    public List<ReleaseAssembly> Assemblies { get; } = new();

    /// <summary>The SBOM, when there is one.</summary>
    public SbomDocument? Sbom { get; set; }

    /// <summary>Where the SBOM was read from.</summary>
    public string? SbomLocation { get; set; }

    /// <summary>Trace matrices that belong to the release.</summary>
    public List<string> TraceMatrices { get; } = new();

    /// <summary>Reads a nupkg. Throws <see cref="InvalidDataException"/>, <see cref="IOException"/> or <see cref="FormatException"/>.</summary>
    public static Release FromPackage(string nupkg)
    {
        var full = Path.GetFullPath(nupkg);
        string? id = null, version = null, commit = null;
        var release = default(Release);
        using (var zip = ZipFile.OpenRead(full))
        {
            var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains("/") && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException("the package has no .nuspec");
            using (var stream = nuspec.Open())
            {
                var document = XDocument.Load(stream);
                var metadata = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata") ?? throw new FormatException("the nuspec has no metadata");
                id = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value.Trim();
                version = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value.Trim();
                commit = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository")?.Attribute("commit")?.Value;
            }

            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version))
            {
                throw new FormatException("the nuspec has no id or version");
            }

            release = new Release { Name = id!, Version = NormalizeVersion(version!), Location = full, Commit = commit };
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)
                && (e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)))
                .OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var bytes = ReadAll(entry);
                release.Assemblies.Add(new ReleaseAssembly(entry.FullName, () => new MemoryStream(bytes, writable: false)));
            }

            var embedded = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".cdx.json", StringComparison.OrdinalIgnoreCase));
            if (embedded is not null)
            {
                release.Sbom = CycloneDxReader.Read(ReadAll(embedded));
                release.SbomLocation = full + "!/" + embedded.FullName;
            }
        }

        release.Artifacts.Add((Path.GetFileName(full), FileDigest.Sha256OfFile(full)));
        var symbols = Path.ChangeExtension(full, ".snupkg");
        if (File.Exists(symbols))
        {
            release.Artifacts.Add((Path.GetFileName(symbols), FileDigest.Sha256OfFile(symbols)));
        }

        var directory = Path.GetDirectoryName(full)!;
        var stem = Path.GetFileNameWithoutExtension(full);
        var beside = Path.Combine(directory, stem + ".cdx.json");
        if (release.Sbom is null && File.Exists(beside))
        {
            release.Sbom = CycloneDxReader.Read(File.ReadAllBytes(beside));
            release.SbomLocation = beside;
        }

        release.TraceMatrices.AddRange(Directory.EnumerateFiles(directory, stem + "*.trace.json").OrderBy(f => f, StringComparer.Ordinal));
        return release;
    }

    /// <summary>Reads an evidence folder: assemblies (<c>lib/&lt;tfm&gt;/</c> or flat), SBOM and trace matrices.</summary>
    public static Release FromFolder(string folder, string name, string version)
    {
        var full = Path.GetFullPath(folder);
        var release = new Release { Name = name, Version = version, Location = full };
        var lib = Path.Combine(full, "lib");
        var root = Directory.Exists(lib) ? lib : full;
        foreach (var file in Directory.EnumerateFiles(root, "*.dll", Directory.Exists(lib) ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal))
        {
            var label = Directory.Exists(lib) ? "lib/" + Relative(lib, file) : Path.GetFileName(file);
            release.Assemblies.Add(new ReleaseAssembly(label, () => File.OpenRead(file)));
            release.Artifacts.Add((Path.GetFileName(file), FileDigest.Sha256OfFile(file)));
        }

        var sbom = Directory.EnumerateFiles(full, "*.cdx.json", SearchOption.AllDirectories).OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault();
        if (sbom is not null)
        {
            release.Sbom = CycloneDxReader.Read(File.ReadAllBytes(sbom));
            release.SbomLocation = sbom;
        }

        release.TraceMatrices.AddRange(Directory.EnumerateFiles(full, "*.trace.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
        return release;
    }

    /// <summary>The highest <c>&lt;id&gt;.&lt;version&gt;.nupkg</c> in the folders below <paramref name="below"/> (stable versions only when <paramref name="below"/> is stable), or null.</summary>
    public static string? FindPrevious(IEnumerable<string> folders, string id, string below)
    {
        if (!NuGetVersion.TryParse(below, out var limit))
        {
            return null;
        }

        string? best = null;
        NuGetVersion? bestVersion = null;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, id + ".*.nupkg"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name.EndsWith(".symbols", StringComparison.OrdinalIgnoreCase) || name.Length <= id.Length + 1
                    || !NuGetVersion.TryParse(name.Substring(id.Length + 1), out var version))
                {
                    continue;
                }

                if (version < limit && (limit.IsPrerelease || !version.IsPrerelease) && (bestVersion is null || version > bestVersion))
                {
                    best = file;
                    bestVersion = version;
                }
            }
        }

        return best;
    }

    /// <summary>The nupkg of an exact version in the folders, or null.</summary>
    public static string? FindVersion(IEnumerable<string> folders, string id, string version)
    {
        if (!NuGetVersion.TryParse(version, out var wanted))
        {
            return null;
        }

        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, id + ".*.nupkg"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name.Length > id.Length + 1 && NuGetVersion.TryParse(name.Substring(id.Length + 1), out var v) && v == wanted)
                {
                    return file;
                }
            }
        }

        return null;
    }

    private static string NormalizeVersion(string version) => NuGetVersion.TryParse(version, out var v) ? v.ToNormalizedString() : version;

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Relative(string root, string file)
    {
        var rootUri = new Uri(root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar);
        return Uri.UnescapeDataString(rootUri.MakeRelativeUri(new Uri(file)).ToString());
    }
}
