using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Json;

/// <summary>
/// Writes JSON evidence byte-for-byte the same on every machine: UTF-8 without BOM, two-space
/// indentation, LF line ends, a final newline, and only the escaping JSON requires (no
/// HTML-oriented escaping of '+', '&lt;' and non-ASCII letters). Callers write properties and
/// array items in a stable order.
/// </summary>
public static class DeterministicJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Options for reading evidence files.</summary>
    public static JsonDocumentOptions ReadOptions { get; } = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    /// <summary>Runs <paramref name="write"/> on a writer and returns the document's bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        // Utf8JsonWriter indents with Environment.NewLine; string values never contain a raw
        // line break (they are escaped), so turning CRLF into LF only touches indentation.
        var bytes = buffer.ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        if (text.IndexOf('\r') >= 0)
        {
            text = text.Replace("\r\n", "\n");
        }

        return Encoding.UTF8.GetBytes(text + "\n");
    }

    /// <summary>Writes a property whose value is skipped when null.</summary>
    public static void WriteOptionalString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
