using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// An in-toto ResourceDescriptor (attestation framework v1): a subject of a Statement, or a
/// dependency / byproduct in SLSA provenance. Digest keys are the in-toto algorithm names
/// (<c>sha256</c>, <c>sha512</c>, <c>gitCommit</c>) with lower-case hex values.
/// </summary>
public sealed class ResourceDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    public ResourceDescriptor(string? name = null, string? uri = null, IReadOnlyDictionary<string, string>? digest = null, string? mediaType = null, string? downloadLocation = null)
    {
        Name = name;
        Uri = uri;
        Digest = digest ?? new Dictionary<string, string>();
        MediaType = mediaType;
        DownloadLocation = downloadLocation;
    }

    /// <summary>Name (for subjects: the file name beside the bundle).</summary>
    public string? Name { get; }

    /// <summary>A URI (for packages: the purl).</summary>
    public string? Uri { get; }

    /// <summary>Digests by algorithm.</summary>
    public IReadOnlyDictionary<string, string> Digest { get; }

    /// <summary>Media type.</summary>
    public string? MediaType { get; }

    /// <summary>Where the resource can be downloaded.</summary>
    public string? DownloadLocation { get; }

    /// <summary>Writes the descriptor (fields in a fixed order, digest keys sorted).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Name is not null)
        {
            writer.WriteString("name", Name);
        }

        if (Uri is not null)
        {
            writer.WriteString("uri", Uri);
        }

        if (Digest.Count > 0)
        {
            writer.WriteStartObject("digest");
            foreach (var pair in Digest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        if (DownloadLocation is not null)
        {
            writer.WriteString("downloadLocation", DownloadLocation);
        }

        if (MediaType is not null)
        {
            writer.WriteString("mediaType", MediaType);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a descriptor. Throws <see cref="FormatException"/>.</summary>
    public static ResourceDescriptor Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a resource descriptor must be a JSON object");
        }

        var digest = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("digest", out var digestElement))
        {
            if (digestElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("'digest' must be an object");
            }

            foreach (var property in digestElement.EnumerateObject())
            {
                digest[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw new FormatException($"digest '{property.Name}' must be a string");
            }
        }

        return new ResourceDescriptor(
            OptionalString(element, "name"),
            OptionalString(element, "uri"),
            digest,
            OptionalString(element, "mediaType"),
            OptionalString(element, "downloadLocation"));
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"'{name}' must be a string");
    }
}
