using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>
/// The tags one project contributes (<c>buildguard/&lt;name&gt;.trace-tags.json</c>), read from its
/// compiled assembly after Build. <c>buildguard trace</c> combines these files from a folder of
/// evidence without needing the assemblies.
/// </summary>
public static class TraceTagFile
{
    /// <summary>The format identifier.</summary>
    public const string Type = "https://quantlayer.io/buildguard/trace-tags/v1";

    /// <summary>Serializes tags deterministically (sorted).</summary>
    public static byte[] Write(string assembly, IEnumerable<TraceTag> tags) => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("traceTagsType", Type);
        writer.WriteString("assembly", assembly);
        writer.WriteStartArray("tags");
        foreach (var tag in Sort(tags))
        {
            writer.WriteStartObject();
            writer.WriteString("relation", tag.Relation == TraceRelation.Implements ? "implements" : "verifies");
            writer.WriteString("id", tag.RequirementId);
            if (tag.Revision != 0)
            {
                writer.WriteNumber("revision", tag.Revision);
            }

            writer.WriteString("symbol", tag.Symbol);
            writer.WriteString("assembly", tag.Assembly);
            writer.WriteOptionalString("test", tag.TestName);
            writer.WriteString("source", tag.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>Reads a tag file. Throws <see cref="JsonException"/> or <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<TraceTag> Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json, DeterministicJson.ReadOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("traceTagsType", out var type) || type.GetString() != Type)
        {
            throw new FormatException($"not a BuildGuard trace tags file (traceTagsType must be '{Type}')");
        }

        var tags = new List<TraceTag>();
        foreach (var item in root.GetProperty("tags").EnumerateArray())
        {
            tags.Add(new TraceTag(
                item.GetProperty("relation").GetString() == "implements" ? TraceRelation.Implements : TraceRelation.Verifies,
                item.GetProperty("id").GetString()!,
                item.TryGetProperty("revision", out var r) ? r.GetInt32() : 0,
                item.GetProperty("symbol").GetString()!,
                item.GetProperty("assembly").GetString()!,
                item.TryGetProperty("test", out var t) ? t.GetString() : null,
                item.GetProperty("source").GetString()!));
        }

        return tags;
    }

    /// <summary>Tags in a stable order.</summary>
    public static IEnumerable<TraceTag> Sort(IEnumerable<TraceTag> tags)
        => tags.Distinct()
            .OrderBy(t => t.RequirementId, StringComparer.Ordinal)
            .ThenBy(t => t.Relation)
            .ThenBy(t => t.Assembly, StringComparer.Ordinal)
            .ThenBy(t => t.Symbol, StringComparer.Ordinal)
            .ThenBy(t => t.Revision)
            .ThenBy(t => t.Source, StringComparer.Ordinal);
}
