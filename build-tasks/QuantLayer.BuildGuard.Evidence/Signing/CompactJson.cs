using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// Compact JSON for signed payloads (in-toto Statements): no whitespace, properties in the order
/// written, only the escaping JSON requires. The same input always gives the same bytes.
/// </summary>
internal static class CompactJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> on a compact writer and returns the UTF-8 bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a JSON document (given as bytes) into a writer, normalized to compact form.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, byte[] json)
    {
        using var document = JsonDocument.Parse(json, ReadOptions);
        document.RootElement.WriteTo(writer);
    }

    /// <summary>Options for reading signed payloads and predicates.</summary>
    public static JsonDocumentOptions ReadOptions { get; } = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 128,
    };
}
