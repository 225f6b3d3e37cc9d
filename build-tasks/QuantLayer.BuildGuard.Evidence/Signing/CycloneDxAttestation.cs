using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// The CycloneDX SBOM as an in-toto predicate (<c>https://cyclonedx.org/bom</c>): the subjects are
/// the artifacts the SBOM describes, the predicate is the SBOM document itself. Also reads an
/// SBOM's packages for SLSA <c>resolvedDependencies</c>.
/// </summary>
public static class CycloneDxAttestation
{
    /// <summary>The predicate type.</summary>
    public const string PredicateType = "https://cyclonedx.org/bom";

    /// <summary>The media type of a CycloneDX JSON document.</summary>
    public const string MediaType = "application/vnd.cyclonedx+json";

    /// <summary>The file name suffix of a CycloneDX SBOM beside its artifact.</summary>
    public const string FileSuffix = ".cdx.json";

    /// <summary>The statement: these subjects, this SBOM. Throws <see cref="FormatException"/> when the SBOM is not CycloneDX JSON.</summary>
    public static InTotoStatement ToStatement(IReadOnlyList<ResourceDescriptor> subjects, byte[] sbomJson)
    {
        CheckIsCycloneDx(sbomJson);
        return new InTotoStatement(subjects, PredicateType, sbomJson);
    }

    /// <summary>
    /// The packages an SBOM lists (nested components too), as ResourceDescriptors with the purl as
    /// URI and the recorded hashes as digests, sorted by URI. Components without a purl are skipped.
    /// Throws <see cref="FormatException"/>.
    /// </summary>
    public static IReadOnlyList<ResourceDescriptor> Packages(byte[] sbomJson)
    {
        using var document = Parse(sbomJson);
        var result = new SortedDictionary<string, ResourceDescriptor>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("components", out var components))
        {
            Utf8(() => Collect(components, result));
        }

        return result.Values.ToList();
    }

    /// <summary>The SHA-256 the SBOM records for the artifact it describes (<c>metadata.component.hashes</c>), lower-case hex, or null.</summary>
    public static string? DescribedSha256(byte[] sbomJson)
    {
        using var document = Parse(sbomJson);
        if (document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("component", out var component) && component.ValueKind == JsonValueKind.Object)
        {
            string? sha256 = null;
            Utf8(() => Hashes(component).TryGetValue("sha256", out sha256));
            return sha256;
        }

        return null;
    }

    /// <summary>Throws <see cref="FormatException"/> unless the document is a CycloneDX JSON BOM.</summary>
    public static void CheckIsCycloneDx(byte[] sbomJson)
    {
        using var document = Parse(sbomJson);
    }

    private static void Utf8(Action read)
    {
        try
        {
            read();
        }
        catch (InvalidOperationException)
        {
            throw new FormatException("the SBOM contains text that is not valid UTF-8");
        }
    }

    private static JsonDocument Parse(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, CompactJson.ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the SBOM is not valid JSON: " + ex.Message, ex);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bomFormat", out var format) || format.ValueKind != JsonValueKind.String || !format.ValueEquals("CycloneDX"))
        {
            document.Dispose();
            throw new FormatException("the SBOM is not a CycloneDX JSON document (bomFormat must be \"CycloneDX\")");
        }

        return document;
    }

    private static void Collect(JsonElement components, SortedDictionary<string, ResourceDescriptor> result)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (component.TryGetProperty("purl", out var purl) && purl.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(purl.GetString()))
            {
                var uri = purl.GetString()!;
                var name = component.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                result[uri] = new ResourceDescriptor(name: name, uri: uri, digest: Hashes(component));
            }

            if (component.TryGetProperty("components", out var nested))
            {
                Collect(nested, result);
            }
        }
    }

    private static Dictionary<string, string> Hashes(JsonElement component)
    {
        var digest = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!component.TryGetProperty("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Array)
        {
            return digest;
        }

        foreach (var hash in hashes.EnumerateArray())
        {
            if (hash.ValueKind != JsonValueKind.Object
                || !hash.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !hash.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            // CycloneDX "SHA-256" → in-toto "sha256"; "SHA3-256" → "sha3_256" (in-toto's names).
            var name = alg.GetString()!.ToLowerInvariant() switch
            {
                "sha-1" => "sha1",
                "sha-256" => "sha256",
                "sha-384" => "sha384",
                "sha-512" => "sha512",
                "sha3-256" => "sha3_256",
                "sha3-384" => "sha3_384",
                "sha3-512" => "sha3_512",
                _ => null,
            };
            if (name is not null)
            {
                digest[name] = content.GetString()!.ToLowerInvariant();
            }
        }

        return digest;
    }
}
