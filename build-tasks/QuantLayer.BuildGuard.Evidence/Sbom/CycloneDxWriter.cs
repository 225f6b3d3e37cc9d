using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as CycloneDX 1.6 JSON, byte-for-byte deterministic: every
/// array sorted (components by bom-ref, hashes by algorithm, references by type and URL, the graph
/// by ref), no absolute paths, the timestamp from SOURCE_DATE_EPOCH (omitted when there is none),
/// and a serial number that is the name-based UUID (v5) of the document's own content without it.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>The CycloneDX version written.</summary>
    public const string SpecVersion = "1.6";

    /// <summary>Serializes the document.</summary>
    public static byte[] Write(SbomDocument document)
    {
        var withoutSerial = DeterministicJson.Write(writer => WriteBom(writer, document, serial: null));

        // The serial number goes right after "specVersion" (as WriteBom would put it): splice it
        // into the bytes instead of serializing the document a second time.
        var anchor = System.Text.Encoding.UTF8.GetBytes("  \"specVersion\": \"" + SpecVersion + "\",\n");
        var at = IndexOf(withoutSerial, anchor);
        var line = System.Text.Encoding.UTF8.GetBytes("  \"serialNumber\": \"" + SerialNumber(withoutSerial) + "\",\n");
        var result = new byte[withoutSerial.Length + line.Length];
        Buffer.BlockCopy(withoutSerial, 0, result, 0, at + anchor.Length);
        Buffer.BlockCopy(line, 0, result, at + anchor.Length, line.Length);
        Buffer.BlockCopy(withoutSerial, at + anchor.Length, result, at + anchor.Length + line.Length, withoutSerial.Length - at - anchor.Length);
        return result;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        throw new InvalidOperationException("specVersion not found in the serialized SBOM");
    }

    /// <summary>The serial number of a document serialized without one: <c>urn:uuid:</c> + UUIDv5 of the bytes.</summary>
    public static string SerialNumber(byte[] contentWithoutSerial)
        => "urn:uuid:" + NameBasedUuid.Create(NameBasedUuid.SbomNamespace, contentWithoutSerial).ToString("D");

    private static void WriteBom(Utf8JsonWriter writer, SbomDocument document, string? serial)
    {
        writer.WriteStartObject();
        writer.WriteString("bomFormat", "CycloneDX");
        writer.WriteString("specVersion", SpecVersion);
        writer.WriteOptionalString("serialNumber", serial);
        writer.WriteNumber("version", 1);

        writer.WriteStartObject("metadata");
        if (document.Timestamp is { } epoch)
        {
            writer.WriteString("timestamp", SourceControl.SourceDateEpoch.ToRfc3339(epoch));
        }

        writer.WriteStartArray("lifecycles");
        writer.WriteStartObject();
        writer.WriteString("phase", "build");
        writer.WriteEndObject();
        writer.WriteEndArray();

        if (document.Tools.Count > 0)
        {
            writer.WriteStartObject("tools");
            writer.WriteStartArray("components");
            foreach (var tool in document.Tools.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Version, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "application");
                if (tool.Author is not null)
                {
                    writer.WriteStartArray("authors");
                    writer.WriteStartObject();
                    writer.WriteString("name", tool.Author);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }

                writer.WriteString("name", tool.Name);
                writer.WriteOptionalString("version", tool.Version);
                writer.WriteOptionalString("purl", tool.Purl);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("component");
        WriteComponent(writer, document.Subject);
        WriteProperties(writer, document.Properties);
        writer.WriteEndObject();

        writer.WriteStartArray("components");
        foreach (var component in Sorted(document.Components))
        {
            WriteComponent(writer, component);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("dependencies");
        foreach (var entry in document.Dependencies)
        {
            writer.WriteStartObject();
            writer.WriteString("ref", entry.Key);
            writer.WriteStartArray("dependsOn");
            foreach (var target in entry.Value)
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (document.Subject.BomRef is { } subjectRef)
        {
            writer.WriteStartArray("compositions");
            writer.WriteStartObject();
            writer.WriteString("aggregate", document.Complete ? "complete" : "incomplete");
            writer.WriteStartArray("dependencies");
            writer.WriteStringValue(subjectRef);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Components in the order they are written: by bom-ref, then name and version.</summary>
    public static IEnumerable<SbomComponent> Sorted(IEnumerable<SbomComponent> components)
        => components
            .OrderBy(c => c.BomRef ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Version ?? string.Empty, StringComparer.Ordinal);

    private static void WriteComponent(Utf8JsonWriter writer, SbomComponent component)
    {
        writer.WriteStartObject();
        writer.WriteString("type", component.Type switch
        {
            SbomComponentType.Application => "application",
            SbomComponentType.Framework => "framework",
            SbomComponentType.File => "file",
            _ => "library",
        });
        writer.WriteOptionalString("bom-ref", component.BomRef);
        var authors = component.Authors.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToList();
        if (authors.Count > 0)
        {
            // Kept in the nuspec's order: the first author is usually the main one.
            writer.WriteStartArray("authors");
            foreach (var author in authors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", author);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteString("name", component.Name);
        writer.WriteOptionalString("version", component.Version);
        writer.WriteOptionalString("description", component.Description);
        if (component.Scope is { } scope)
        {
            writer.WriteString("scope", scope switch
            {
                SbomScope.Excluded => "excluded",
                SbomScope.Optional => "optional",
                _ => "required",
            });
        }

        if (component.Hashes.Count > 0)
        {
            writer.WriteStartArray("hashes");
            foreach (var hash in component.Hashes.OrderBy(h => h.Algorithm, StringComparer.Ordinal).ThenBy(h => h.Value, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("alg", hash.Algorithm);
                writer.WriteString("content", hash.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (component.License is { } license)
        {
            WriteLicense(writer, license);
        }

        writer.WriteOptionalString("copyright", component.Copyright);
        writer.WriteOptionalString("purl", component.Purl);
        if (component.ExternalReferences.Count > 0)
        {
            writer.WriteStartArray("externalReferences");
            foreach (var reference in component.ExternalReferences
                .Distinct()
                .OrderBy(r => r.Type, StringComparer.Ordinal)
                .ThenBy(r => r.Url, StringComparer.Ordinal)
                .ThenBy(r => r.Comment ?? string.Empty, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("url", reference.Url);
                writer.WriteOptionalString("comment", reference.Comment);
                writer.WriteString("type", reference.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (component.Components.Count > 0)
        {
            writer.WriteStartArray("components");
            foreach (var nested in Sorted(component.Components))
            {
                WriteComponent(writer, nested);
            }

            writer.WriteEndArray();
        }

        WriteProperties(writer, component.Properties);
        writer.WriteEndObject();
    }

    private static void WriteLicense(Utf8JsonWriter writer, SbomLicense license)
    {
        writer.WriteStartArray("licenses");
        writer.WriteStartObject();
        var acknowledgement = license.Concluded ? "concluded" : "declared";
        if (license.Kind == SbomLicenseKind.Expression && license.SingleId is null)
        {
            writer.WriteString("expression", license.Text);
            writer.WriteString("acknowledgement", acknowledgement);
        }
        else
        {
            writer.WriteStartObject("license");
            if (license.SingleId is { } id)
            {
                writer.WriteString("id", id);
            }
            else
            {
                writer.WriteString("name", license.Text);
            }

            if (license.Kind != SbomLicenseKind.Unknown)
            {
                writer.WriteString("acknowledgement", acknowledgement);
            }

            writer.WriteOptionalString("url", license.Url);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyCollection<SbomProperty> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("properties");
        foreach (var property in properties.Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("name", property.Name);
            writer.WriteString("value", property.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
