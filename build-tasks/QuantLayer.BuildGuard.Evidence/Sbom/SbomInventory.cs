using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>One component of an SBOM with its digests, keyed by in-toto digest names (<c>sha256</c>, <c>sha512</c>).</summary>
/// <param name="Name">Package id.</param>
/// <param name="Version">Version, if any.</param>
/// <param name="Purl">The package URL, if any.</param>
/// <param name="Scope">Scope (null when the SBOM does not say).</param>
/// <param name="Digests">Lower-case hex digests by in-toto algorithm name.</param>
public sealed record SbomInventoryItem(string Name, string? Version, string? Purl, SbomScope? Scope, IReadOnlyDictionary<string, string> Digests);

/// <summary>
/// A small reading API for other evidence (provenance's resolvedDependencies, vulnerability scans):
/// the components of a CycloneDX SBOM with their digests, sorted by purl.
/// </summary>
public static class SbomInventory
{
    /// <summary>Reads the components of an SBOM file; null (with a QLB3018 error) when it cannot be read.</summary>
    public static IReadOnlyList<SbomInventoryItem>? Read(string path, DiagnosticBag diagnostics)
    {
        var document = CycloneDxReader.ReadFile(path, diagnostics);
        return document is null ? null : Items(document);
    }

    /// <summary>The components of a document (the subject excluded), sorted by purl then name.</summary>
    public static IReadOnlyList<SbomInventoryItem> Items(SbomDocument document)
        => CycloneDxWriter.Sorted(document.Components)
            .Select(c => new SbomInventoryItem(
                c.Name,
                c.Version,
                c.Purl,
                c.Scope,
                c.Hashes
                    .Where(h => InTotoName(h.Algorithm) is not null)
                    .GroupBy(h => InTotoName(h.Algorithm)!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Value.ToLowerInvariant(), StringComparer.Ordinal)))
            .ToList();

    /// <summary>The in-toto / SLSA digest name of a CycloneDX hash algorithm (<c>SHA-512</c> → <c>sha512</c>), or null.</summary>
    public static string? InTotoName(string cycloneDxAlgorithm) => cycloneDxAlgorithm switch
    {
        "SHA-256" => "sha256",
        "SHA-384" => "sha384",
        "SHA-512" => "sha512",
        "SHA-1" => "sha1",
        "SHA3-256" => "sha3-256",
        "SHA3-512" => "sha3-512",
        _ => null,
    };
}
