using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// An in-toto attestation Statement v1: the subjects (artifacts with digests), the predicate type
/// and the predicate. Any predicate can be signed (SLSA provenance, a CycloneDX SBOM, a change
/// record): the predicate is carried as a JSON document.
/// </summary>
public sealed class InTotoStatement
{
    /// <summary>The Statement's <c>_type</c>.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>Creates a statement. <paramref name="predicateJson"/> is any JSON value (UTF-8), normalized to compact form when written.</summary>
    public InTotoStatement(IReadOnlyList<ResourceDescriptor> subjects, string predicateType, byte[]? predicateJson)
    {
        if (subjects.Count == 0)
        {
            throw new ArgumentException("a Statement needs at least one subject", nameof(subjects));
        }

        Subjects = subjects;
        PredicateType = predicateType;
        PredicateJson = predicateJson;
    }

    /// <summary>The artifacts the statement is about.</summary>
    public IReadOnlyList<ResourceDescriptor> Subjects { get; }

    /// <summary>The predicate's type URI.</summary>
    public string PredicateType { get; }

    /// <summary>The predicate as JSON (UTF-8), or null when the type says everything.</summary>
    public byte[]? PredicateJson { get; }

    /// <summary>The Statement as compact JSON: the DSSE payload.</summary>
    public byte[] ToJson() => CompactJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_type", StatementType);
        writer.WriteStartArray("subject");
        foreach (var subject in Subjects)
        {
            subject.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteString("predicateType", PredicateType);
        if (PredicateJson is not null)
        {
            writer.WritePropertyName("predicate");
            CompactJson.WriteDocument(writer, PredicateJson);
        }

        writer.WriteEndObject();
    });

    /// <summary>Signs the statement into a DSSE envelope (payload type <c>application/vnd.in-toto+json</c>).</summary>
    public DsseEnvelope Sign(ISigner signer) => Dsse.Sign(Dsse.InTotoPayloadType, ToJson(), signer);

    /// <summary>Reads a Statement v1. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static InTotoStatement Parse(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, CompactJson.ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the payload is not JSON: " + ex.Message, ex);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString on invalid UTF-8.
                throw new FormatException("the payload contains text that is not valid UTF-8");
            }
        }
    }

    private static InTotoStatement Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the payload is not a JSON object");
        }

        var type = root.TryGetProperty("_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != StatementType)
        {
            throw new FormatException($"the payload's _type is '{type ?? "(missing)"}', expected '{StatementType}'");
        }

        if (!root.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array || subjects.GetArrayLength() == 0)
        {
            throw new FormatException("the statement has no 'subject' array");
        }

        var predicateType = root.TryGetProperty("predicateType", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new FormatException("the statement has no 'predicateType'");
        byte[]? predicate = null;
        if (root.TryGetProperty("predicate", out var predicateElement) && predicateElement.ValueKind != JsonValueKind.Null)
        {
            predicate = System.Text.Encoding.UTF8.GetBytes(predicateElement.GetRawText());
        }

        return new InTotoStatement(subjects.EnumerateArray().Select(ResourceDescriptor.Read).ToList(), predicateType, predicate);
    }
}
