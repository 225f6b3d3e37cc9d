using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

/// <summary>
/// Keeps a <see cref="PackageInventory"/> between builds, as the .NET SDK keeps its reading of
/// project.assets.json in <c>obj/*.assets.cache</c>: a build that changed code but not the restore
/// result writes its SBOM without loading NuGet's reader or opening a package folder.
/// </summary>
/// <remarks>
/// <para>
/// The cache is valid for one assets file (full path, length and last write time), one target
/// framework and runtime identifier, and one build of this assembly (its module version id). Package
/// folders are not part of the key: NuGet never changes a package folder once extracted, and the
/// SDK's own cache relies on the same. An inventory with a missing, incomplete or replaced folder
/// (QLB3012–QLB3014) or an unreadable assets file is never cached, so a repaired folder is seen on
/// the next build.
/// </para>
/// <para>
/// The file is binary (<see cref="BinaryWriter"/> strings, counts and flags, an end mark, then
/// the SHA-256 of all of that): the point of the cache is the first build in a fresh MSBuild process, where every API
/// used costs its start-up, and a binary reader costs far less of it than a JSON parser.
/// </para>
/// <para>
/// Anything wrong with the cache file (missing, stale, truncated, changed, from another version) is a miss:
/// the inventory is read again and the cache rewritten. A cache that cannot be written is skipped
/// silently; it never fails a build.
/// </para>
/// </remarks>
public static class PackageInventoryCache
{
    /// <summary>The format of the cache file; a file of another format is a miss.</summary>
    public const string Format = "quantlayer-buildguard-sbom-inventory/2";

    /// <summary>The last string of a complete cache file (a truncated one is a miss).</summary>
    private const string EndMark = "end";

    /// <summary>
    /// The inventory of <paramref name="assetsFile"/>'s target: from <paramref name="cacheFile"/> when
    /// it is current, otherwise from <paramref name="preload"/> when it is current, otherwise read
    /// with <see cref="PackageInventory.Read"/>; and then cached.
    /// </summary>
    public static PackageInventory Load(string cacheFile, string assetsFile, string targetFramework, string? runtimeIdentifier, DiagnosticBag diagnostics, PackageInventoryPreload? preload = null)
    {
        var key = Key(assetsFile, targetFramework, runtimeIdentifier);
        if (key is not null && TryRead(cacheFile, key) is { } cached)
        {
            return cached;
        }

        var before = diagnostics.Items.Count;
        var inventory = PackageInventoryPreload.TakeOrRead(preload, assetsFile, targetFramework, runtimeIdentifier, diagnostics);
        var cacheable = key is not null
            && diagnostics.Items.Count == before
            && inventory.Graph.Complete
            && inventory.Packages.Values.All(p => p.FolderDiagnostics.Count == 0)
            && key == Key(assetsFile, targetFramework, runtimeIdentifier);
        if (cacheable)
        {
            TryWrite(cacheFile, key!, inventory);
        }
        else
        {
            AtomicFile.TryDelete(cacheFile);
        }

        return inventory;
    }

    /// <summary>What a cache must have been written for; null when the assets file cannot be examined.</summary>
    internal static string? Key(string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        try
        {
            var info = new FileInfo(assetsFile);
            if (!info.Exists)
            {
                return null;
            }

            return string.Join(
                "|",
                Format,
                typeof(PackageInventoryCache).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
                info.FullName,
                info.Length.ToString(CultureInfo.InvariantCulture),
                info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture),
                targetFramework,
                runtimeIdentifier ?? string.Empty);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="cacheFile"/> was written for this assets file, target and build of
    /// BuildGuard. Only its header is read: a file damaged after the header is still a miss for
    /// <see cref="Load"/>, which then reads the assets file.
    /// </summary>
    public static bool IsCurrent(string cacheFile, string assetsFile, string targetFramework, string? runtimeIdentifier)
    {
        var key = Key(assetsFile, targetFramework, runtimeIdentifier);
        if (key is null)
        {
            return false;
        }

        try
        {
            if (!File.Exists(cacheFile))
            {
                return false;
            }

            using var reader = new CacheReader(new FileStream(cacheFile, FileMode.Open, FileAccess.Read, FileShare.Read, 4096));
            return HeaderMatches(reader, key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private const int DigestLength = 32;

    /// <summary>True when the file ends with the SHA-256 of the rest of it.</summary>
    private static bool ChecksumMatches(byte[] bytes)
    {
        if (bytes.Length <= DigestLength)
        {
            return false;
        }

        using var sha256 = SHA256.Create();
        var digest = sha256.ComputeHash(bytes, 0, bytes.Length - DigestLength);
        for (var i = 0; i < DigestLength; i++)
        {
            if (digest[i] != bytes[bytes.Length - DigestLength + i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The file's format and key, read first: a cache of another format or key is a miss.</summary>
    private static bool HeaderMatches(CacheReader reader, string key) => reader.ReadString() == Format && reader.ReadString() == key;

    private static PackageInventory? TryRead(string cacheFile, string key)
    {
        try
        {
            if (!File.Exists(cacheFile))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(cacheFile);
            if (!ChecksumMatches(bytes))
            {
                return null;
            }

            using var reader = new CacheReader(new MemoryStream(bytes, 0, bytes.Length - DigestLength, writable: false));
            if (!HeaderMatches(reader, key))
            {
                return null;
            }

            var projectName = OptionalString(reader);
            var projectVersion = OptionalString(reader);
            var projectDirectory = OptionalString(reader);
            var packageFolders = Strings(reader);
            var libraries = new Dictionary<string, RestoredLibrary>(StringComparer.OrdinalIgnoreCase);
            for (var count = Count(reader); count > 0; count--)
            {
                var library = new RestoredLibrary
                {
                    Name = reader.ReadString(),
                    Version = reader.ReadString(),
                    IsProject = reader.ReadBoolean(),
                    Sha512 = OptionalString(reader),
                    Path = OptionalString(reader),
                    Dependencies = Strings(reader),
                    HasRuntimeAssets = reader.ReadBoolean(),
                };
                libraries[library.Name] = library;
            }

            var direct = new List<DirectDependency>();
            for (var count = Count(reader); count > 0; count--)
            {
                direct.Add(new DirectDependency
                {
                    Name = reader.ReadString(),
                    IsProject = reader.ReadBoolean(),
                    PrivateAssetsAll = reader.ReadBoolean(),
                    IncludesRuntime = reader.ReadBoolean(),
                });
            }

            var packages = new Dictionary<string, PackageFacts>(StringComparer.OrdinalIgnoreCase);
            for (var count = Count(reader); count > 0; count--)
            {
                var name = reader.ReadString();
                var sha512 = OptionalString(reader);
                var nuspec = reader.ReadBoolean() ? ReadNuspec(reader) : null;
                var diagnostics = new List<EvidenceDiagnostic>();
                for (var n = Count(reader); n > 0; n--)
                {
                    diagnostics.Add(new EvidenceDiagnostic(reader.ReadString(), Enumerated<EvidenceSeverity>(reader), reader.ReadString(), OptionalString(reader), reader.ReadInt32(), reader.ReadInt32()));
                }

                packages[name] = new PackageFacts { Name = name, Sha512 = sha512, Nuspec = nuspec, NuspecDiagnostics = diagnostics };
            }

            if (reader.ReadString() != EndMark)
            {
                return null;
            }

            return new PackageInventory
            {
                Graph = new RestoreGraph
                {
                    ProjectName = projectName,
                    ProjectVersion = projectVersion,
                    ProjectDirectory = projectDirectory,
                    PackageFolders = packageFolders,
                    Libraries = libraries,
                    DirectDependencies = direct,
                },
                Packages = packages,
                Source = PackageInventorySource.Cache,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static NuspecMetadata ReadNuspec(CacheReader reader) => new()
    {
        Id = OptionalString(reader),
        Version = OptionalString(reader),
        Authors = Strings(reader),
        Description = OptionalString(reader),
        Copyright = OptionalString(reader),
        ProjectUrl = OptionalString(reader),
        RepositoryUrl = OptionalString(reader),
        RepositoryCommit = OptionalString(reader),
        DevelopmentDependency = reader.ReadBoolean(),
        License = reader.ReadBoolean() ? ReadLicense(reader) : null,
    };

    private static SbomLicense ReadLicense(CacheReader reader)
    {
        var kind = Enumerated<SbomLicenseKind>(reader);
        var text = reader.ReadString();
        var url = OptionalString(reader);
        switch (kind)
        {
            case SbomLicenseKind.Expression:
                if (!SpdxExpression.TryParse(text, out var expression, out _))
                {
                    throw new InvalidDataException("the cached licence expression does not parse");
                }

                return SbomLicense.FromExpression(expression!, url: url);
            case SbomLicenseKind.Named:
                return SbomLicense.Named(text, url);
            default:
                return SbomLicense.Unknown(url);
        }
    }

    private static int Count(CacheReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= 1_000_000 ? count : throw new InvalidDataException("bad count in the cache");
    }

    private static T Enumerated<T>(CacheReader reader)
        where T : struct, Enum
    {
        var value = reader.ReadByte();
        return Enum.IsDefined(typeof(T), (int)value) ? (T)Enum.ToObject(typeof(T), value) : throw new InvalidDataException("bad value in the cache");
    }

    private static string? OptionalString(CacheReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static List<string> Strings(CacheReader reader)
    {
        var values = new List<string>();
        for (var count = Count(reader); count > 0; count--)
        {
            values.Add(reader.ReadString());
        }

        return values;
    }

    private static void TryWrite(string cacheFile, string key, PackageInventory inventory)
    {
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                Write(writer, key, inventory);
            }

            // The SHA-256 of everything before it ends the file: a changed byte anywhere is a miss,
            // never a silent hit with wrong data.
            using (var sha256 = SHA256.Create())
            {
                var digest = sha256.ComputeHash(buffer.GetBuffer(), 0, (int)buffer.Length);
                buffer.Write(digest, 0, digest.Length);
            }

            AtomicFile.WriteAllBytes(cacheFile, buffer.ToArray(), durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            AtomicFile.TryDelete(cacheFile);
        }
    }

    private static void Write(BinaryWriter writer, string key, PackageInventory inventory)
    {
        var graph = inventory.Graph;
        writer.Write(Format);
        writer.Write(key);
        WriteOptional(writer, graph.ProjectName);
        WriteOptional(writer, graph.ProjectVersion);
        WriteOptional(writer, graph.ProjectDirectory);
        WriteStrings(writer, graph.PackageFolders);
        writer.Write(graph.Libraries.Count);
        foreach (var library in graph.Libraries.Values)
        {
            writer.Write(library.Name);
            writer.Write(library.Version);
            writer.Write(library.IsProject);
            WriteOptional(writer, library.Sha512);
            WriteOptional(writer, library.Path);
            WriteStrings(writer, library.Dependencies);
            writer.Write(library.HasRuntimeAssets);
        }

        writer.Write(graph.DirectDependencies.Count);
        foreach (var direct in graph.DirectDependencies)
        {
            writer.Write(direct.Name);
            writer.Write(direct.IsProject);
            writer.Write(direct.PrivateAssetsAll);
            writer.Write(direct.IncludesRuntime);
        }

        writer.Write(inventory.Packages.Count);
        foreach (var package in inventory.Packages.Values)
        {
            writer.Write(package.Name);
            WriteOptional(writer, package.Sha512);
            writer.Write(package.Nuspec is not null);
            if (package.Nuspec is { } nuspec)
            {
                WriteOptional(writer, nuspec.Id);
                WriteOptional(writer, nuspec.Version);
                WriteStrings(writer, nuspec.Authors);
                WriteOptional(writer, nuspec.Description);
                WriteOptional(writer, nuspec.Copyright);
                WriteOptional(writer, nuspec.ProjectUrl);
                WriteOptional(writer, nuspec.RepositoryUrl);
                WriteOptional(writer, nuspec.RepositoryCommit);
                writer.Write(nuspec.DevelopmentDependency);
                writer.Write(nuspec.License is not null);
                if (nuspec.License is { } license)
                {
                    writer.Write((byte)license.Kind);
                    writer.Write(license.Text);
                    WriteOptional(writer, license.Url);
                }
            }

            writer.Write(package.NuspecDiagnostics.Count);
            foreach (var diagnostic in package.NuspecDiagnostics)
            {
                writer.Write(diagnostic.Id);
                writer.Write((byte)diagnostic.Severity);
                writer.Write(diagnostic.Message);
                WriteOptional(writer, diagnostic.File);
                writer.Write(diagnostic.Line);
                writer.Write(diagnostic.Column);
            }
        }

        writer.Write(EndMark);
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    /// <summary>
    /// Reads what <see cref="BinaryWriter"/> wrote, refusing a string longer than what is left of the
    /// file (a damaged length would otherwise ask .NET Framework's reader for gigabytes).
    /// </summary>
    private sealed class CacheReader : BinaryReader
    {
        public CacheReader(Stream input)
            : base(input, Encoding.UTF8)
        {
        }

        public override string ReadString()
        {
            var length = Read7BitEncodedInt();
            if (length < 0 || length > BaseStream.Length - BaseStream.Position)
            {
                throw new InvalidDataException("bad string length in the cache");
            }

            return Encoding.UTF8.GetString(ReadBytes(length));
        }
    }
}
