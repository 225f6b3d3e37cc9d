using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as SPDX 2.3 JSON, deterministically: packages sorted by
/// SPDXID, relationships sorted, the document namespace derived from the content like the
/// CycloneDX serial number. SPDX requires a creation time: SOURCE_DATE_EPOCH, or the current time
/// when there is none (then the file is not reproducible; QLB3005 already says why).
/// </summary>
public static class SpdxWriter
{
    /// <summary>Serializes the document.</summary>
    public static byte[] Write(SbomDocument document, Func<DateTimeOffset>? clock = null)
    {
        var created = document.Timestamp is { } epoch
            ? SourceControl.SourceDateEpoch.ToRfc3339(epoch)
            : (clock ?? (() => DateTimeOffset.UtcNow))().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var withoutNamespace = DeterministicJson.Write(w => WriteDocument(w, document, created, "urn:pending"));
        var uuid = NameBasedUuid.Create(NameBasedUuid.SbomNamespace, withoutNamespace).ToString("D");
        var name = Sanitize(document.Subject.Name + "-" + (document.Subject.Version ?? "0"));
        return DeterministicJson.Write(w => WriteDocument(w, document, created, "https://quantlayer.io/buildguard/spdx/" + name + "-" + uuid));
    }

    private static void WriteDocument(Utf8JsonWriter writer, SbomDocument document, string created, string documentNamespace)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal) { "SPDXRef-DOCUMENT" };
        string IdOf(SbomComponent component)
        {
            var key = component.BomRef ?? component.Name + "@" + component.Version;
            if (!ids.TryGetValue(key, out var id))
            {
                var baseId = "SPDXRef-Package-" + Sanitize(component.Name + "-" + (component.Version ?? string.Empty)).TrimEnd('-');
                id = baseId;
                for (var i = 2; !used.Add(id); i++)
                {
                    id = baseId + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                ids[key] = id;
            }

            return id;
        }

        var subjectId = IdOf(document.Subject);
        var all = new[] { document.Subject }.Concat(CycloneDxWriter.Sorted(document.Components)).ToList();
        foreach (var component in all)
        {
            IdOf(component);
        }

        var extracted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        writer.WriteString("spdxVersion", "SPDX-2.3");
        writer.WriteString("dataLicense", "CC0-1.0");
        writer.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        writer.WriteString("name", document.Subject.Name + (document.Subject.Version is null ? string.Empty : " " + document.Subject.Version));
        writer.WriteString("documentNamespace", documentNamespace);
        writer.WriteStartObject("creationInfo");
        writer.WriteString("created", created);
        writer.WriteStartArray("creators");
        foreach (var tool in document.Tools.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            writer.WriteStringValue("Tool: " + tool.Name + (tool.Version is null ? string.Empty : "-" + tool.Version));
        }

        if (document.Tools.Count == 0)
        {
            writer.WriteStringValue("Tool: QuantLayer.BuildGuard");
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("documentDescribes");
        writer.WriteStringValue(subjectId);
        writer.WriteEndArray();

        writer.WriteStartArray("packages");
        foreach (var component in all.OrderBy(c => IdOf(c), StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("SPDXID", IdOf(component));
            writer.WriteString("name", component.Name);
            writer.WriteOptionalString("versionInfo", component.Version);
            writer.WriteString("supplier", component.Authors.Count > 0 ? "Organization: " + string.Join(", ", component.Authors) : "NOASSERTION");
            writer.WriteString("downloadLocation", "NOASSERTION");
            writer.WriteBoolean("filesAnalyzed", false);
            var checksums = component.Hashes.Where(h => h.Algorithm is SbomHash.Sha256 or SbomHash.Sha512).OrderBy(h => h.Algorithm, StringComparer.Ordinal).ToList();
            if (checksums.Count > 0)
            {
                writer.WriteStartArray("checksums");
                foreach (var hash in checksums)
                {
                    writer.WriteStartObject();
                    writer.WriteString("algorithm", hash.Algorithm.Replace("-", string.Empty));
                    writer.WriteString("checksumValue", hash.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            var homepage = component.ExternalReferences.FirstOrDefault(r => r.Type == "website")?.Url;
            writer.WriteOptionalString("homepage", homepage);
            writer.WriteString("licenseConcluded", component.License is { Concluded: true } concluded ? LicenseText(concluded, extracted) : "NOASSERTION");
            writer.WriteString("licenseDeclared", component.License is { Concluded: false } declared ? LicenseText(declared, extracted) : "NOASSERTION");
            writer.WriteString("copyrightText", component.Copyright ?? "NOASSERTION");
            writer.WriteOptionalString("description", component.Description);
            if (component.Purl is not null)
            {
                writer.WriteStartArray("externalRefs");
                writer.WriteStartObject();
                writer.WriteString("referenceCategory", "PACKAGE-MANAGER");
                writer.WriteString("referenceType", "purl");
                writer.WriteString("referenceLocator", component.Purl);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteString("primaryPackagePurpose", component.Type switch
            {
                SbomComponentType.Application => "APPLICATION",
                SbomComponentType.Framework => "FRAMEWORK",
                SbomComponentType.File => "FILE",
                _ => "LIBRARY",
            });
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (extracted.Count > 0)
        {
            writer.WriteStartArray("hasExtractedLicensingInfos");
            foreach (var pair in extracted)
            {
                writer.WriteStartObject();
                writer.WriteString("licenseId", pair.Key);
                writer.WriteString("extractedText", pair.Value);
                writer.WriteString("name", pair.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var relationships = new SortedSet<(string From, string Type, string To)>
        {
            ("SPDXRef-DOCUMENT", "DESCRIBES", subjectId),
        };
        foreach (var entry in document.Dependencies)
        {
            var from = document.Find(entry.Key);
            if (from is null)
            {
                continue;
            }

            foreach (var target in entry.Value)
            {
                var to = document.Find(target);
                if (to is null)
                {
                    continue;
                }

                // A development-only dependency of the subject is a DEV_DEPENDENCY_OF it.
                if (ReferenceEquals(from, document.Subject) && to.Scope == SbomScope.Excluded)
                {
                    relationships.Add((IdOf(to), "DEV_DEPENDENCY_OF", IdOf(from)));
                }
                else
                {
                    relationships.Add((IdOf(from), "DEPENDS_ON", IdOf(to)));
                }
            }
        }

        writer.WriteStartArray("relationships");
        foreach (var (from, type, to) in relationships)
        {
            writer.WriteStartObject();
            writer.WriteString("spdxElementId", from);
            writer.WriteString("relationshipType", type);
            writer.WriteString("relatedSpdxElement", to);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string LicenseText(SbomLicense license, SortedDictionary<string, string> extracted)
    {
        if (license.Kind == SbomLicenseKind.Expression)
        {
            // LicenseRef- ids used in expressions must be declared in the document.
            foreach (var term in license.Expression!.Terms().Where(t => t.IsLicenseRef && !t.Id.StartsWith("DocumentRef-", StringComparison.Ordinal)))
            {
                if (!extracted.ContainsKey(term.Id))
                {
                    extracted[term.Id] = term.Id.Substring("LicenseRef-".Length);
                }
            }

            return license.Text;
        }

        if (license.Kind == SbomLicenseKind.Unknown)
        {
            return "NOASSERTION";
        }

        var id = "LicenseRef-" + Sanitize(license.Text);
        extracted[id] = license.Text + (license.Url is null ? string.Empty : " (" + license.Url + ")");
        return id;
    }

    private static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' ? c : '-');
        }

        return builder.ToString();
    }
}
