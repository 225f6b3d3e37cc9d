using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Manifest;

/// <summary>One file listed in a manifest, by path relative to the manifest's base folder.</summary>
public sealed record ManifestEntry(string Path, string Kind, FileDigest Digest);

/// <summary>
/// The per-build evidence manifest (<c>buildguard/&lt;name&gt;.manifest.json</c>): which artifacts a
/// build produced and which evidence describes them, each with its size, SHA-256 and SHA-512.
/// Paths are relative and use '/', entries are sorted, so the file is byte-identical for identical
/// builds made in different folders.
/// </summary>
public sealed class EvidenceManifest
{
    /// <summary>The format identifier written as <c>manifestType</c>.</summary>
    public const string ManifestType = "https://quantlayer.io/buildguard/manifest/v1";

    /// <summary>Project (or package) name.</summary>
    public required string Name { get; init; }

    /// <summary>Version of the project or package.</summary>
    public string? Version { get; init; }

    /// <summary>Build configuration.</summary>
    public string? Configuration { get; init; }

    /// <summary>Target framework, or null for a package manifest.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>Source commit the build was made from.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>Build time: SOURCE_DATE_EPOCH or the commit time.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Version of BuildGuard that wrote the manifest.</summary>
    public string? BuildGuardVersion { get; init; }

    /// <summary>The built artifacts.</summary>
    public IReadOnlyList<ManifestEntry> Artifacts { get; init; } = Array.Empty<ManifestEntry>();

    /// <summary>The evidence files.</summary>
    public IReadOnlyList<ManifestEntry> Evidence { get; init; } = Array.Empty<ManifestEntry>();

    /// <summary>Serializes the manifest deterministically.</summary>
    public byte[] ToJson() => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("manifestType", ManifestType);
        writer.WriteString("name", Name);
        writer.WriteOptionalString("version", Version);
        writer.WriteOptionalString("configuration", Configuration);
        writer.WriteOptionalString("targetFramework", TargetFramework);
        writer.WriteOptionalString("sourceCommit", SourceCommit);
        if (SourceDateEpoch is { } epoch)
        {
            writer.WriteNumber("sourceDateEpoch", epoch);
            writer.WriteString("sourceDate", SourceControl.SourceDateEpoch.ToRfc3339(epoch));
        }

        writer.WriteOptionalString("buildGuardVersion", BuildGuardVersion);
        WriteEntries(writer, "artifacts", Artifacts);
        WriteEntries(writer, "evidence", Evidence);
        writer.WriteEndObject();
    });

    /// <summary>Reads a manifest. Throws <see cref="JsonException"/> or <see cref="FormatException"/> with what is wrong.</summary>
    public static EvidenceManifest Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json, DeterministicJson.ReadOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("manifestType", out var type) || type.GetString() != ManifestType)
        {
            throw new FormatException($"not a BuildGuard manifest (manifestType must be '{ManifestType}')");
        }

        return new EvidenceManifest
        {
            Name = root.GetProperty("name").GetString() ?? throw new FormatException("'name' is missing"),
            Version = OptionalString(root, "version"),
            Configuration = OptionalString(root, "configuration"),
            TargetFramework = OptionalString(root, "targetFramework"),
            SourceCommit = OptionalString(root, "sourceCommit"),
            SourceDateEpoch = root.TryGetProperty("sourceDateEpoch", out var e) ? e.GetInt64() : null,
            BuildGuardVersion = OptionalString(root, "buildGuardVersion"),
            Artifacts = ReadEntries(root, "artifacts"),
            Evidence = ReadEntries(root, "evidence"),
        };
    }

    /// <summary>Makes a manifest entry for a file under <paramref name="baseDirectory"/>.</summary>
    public static ManifestEntry Entry(string baseDirectory, string file, string kind)
        => new(RelativePath(baseDirectory, file), kind, FileDigest.Compute(file));

    /// <summary>A path relative to a folder, with '/' separators.</summary>
    public static string RelativePath(string baseDirectory, string path)
    {
        var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        if (string.Equals(Path.GetFullPath(baseDirectory).TrimEnd(separators), Path.GetFullPath(path).TrimEnd(separators), StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var from = Path.GetFullPath(baseDirectory);
        if (!from.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal))
        {
            from += Path.DirectorySeparatorChar;
        }

        var relative = Uri.UnescapeDataString(new Uri(from).MakeRelativeUri(new Uri(Path.GetFullPath(path))).ToString());
        return relative.Replace('\\', '/');
    }

    private static void WriteEntries(Utf8JsonWriter writer, string name, IReadOnlyList<ManifestEntry> entries)
    {
        writer.WriteStartArray(name);
        foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("path", entry.Path);
            writer.WriteString("kind", entry.Kind);
            writer.WriteNumber("size", entry.Digest.Size);
            writer.WriteStartObject("digest");
            writer.WriteString("sha256", entry.Digest.Sha256);
            writer.WriteString("sha512", entry.Digest.Sha512);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static IReadOnlyList<ManifestEntry> ReadEntries(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            return Array.Empty<ManifestEntry>();
        }

        return array.EnumerateArray().Select(item =>
        {
            var digest = item.GetProperty("digest");
            return new ManifestEntry(
                item.GetProperty("path").GetString()!,
                item.GetProperty("kind").GetString()!,
                new FileDigest(item.GetProperty("size").GetInt64(), digest.GetProperty("sha256").GetString()!, digest.GetProperty("sha512").GetString()!));
        }).ToList();
    }

    private static string? OptionalString(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
