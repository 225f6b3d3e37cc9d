using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Reads CycloneDX JSON (1.4–1.7, BuildGuard's or another tool's) into an <see cref="SbomDocument"/>:
/// the subject, components (with nested ones), hashes, licences, purls, external references,
/// properties and the dependency graph. Fields BuildGuard does not model are not kept.
/// </summary>
public static class CycloneDxReader
{
    /// <summary>Reads a file; problems become a QLB3018 error naming the file, and the result is null.</summary>
    public static SbomDocument? ReadFile(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            diagnostics.Error(BuildDiagnosticIds.SbomUnreadable, $"Cannot read the SBOM '{path}': {ex.Message} Check the path, or build the project that writes it first.", path);
            return null;
        }

        try
        {
            return Read(bytes);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            diagnostics.Error(BuildDiagnosticIds.SbomUnreadable, $"'{path}' is not a CycloneDX JSON SBOM: {ex.Message} Give a .cdx.json file written by BuildGuard or another CycloneDX tool.", path);
            return null;
        }
    }

    /// <summary>Reads CycloneDX JSON. Throws <see cref="JsonException"/> or <see cref="FormatException"/> saying what is wrong.</summary>
    public static SbomDocument Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json, DeterministicJson.ReadOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || String(root, "bomFormat") != "CycloneDX")
        {
            throw new FormatException("'bomFormat' is not \"CycloneDX\"");
        }

        var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        SbomComponent subject;
        if (metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("component", out var subjectElement))
        {
            subject = ReadComponent(subjectElement);
        }
        else
        {
            throw new FormatException("'metadata.component' is missing: the SBOM does not say what it describes");
        }

        var result = new SbomDocument { Subject = subject };
        if (metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(timestamp.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            {
                result.Timestamp = time.ToUnixTimeSeconds();
            }

            if (metadata.TryGetProperty("tools", out var tools))
            {
                var toolComponents = tools.ValueKind == JsonValueKind.Array ? tools
                    : tools.ValueKind == JsonValueKind.Object && tools.TryGetProperty("components", out var c) ? c : default;
                if (toolComponents.ValueKind == JsonValueKind.Array)
                {
                    foreach (var tool in toolComponents.EnumerateArray())
                    {
                        var name = String(tool, "name");
                        if (name is not null)
                        {
                            result.Tools.Add(new SbomTool(name, String(tool, "version"), String(tool, "purl"), FirstAuthor(tool)));
                        }
                    }
                }
            }

            result.Properties.AddRange(ReadProperties(metadata));
        }

        if (root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            foreach (var component in components.EnumerateArray())
            {
                result.Components.Add(ReadComponent(component));
            }
        }

        if (root.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Array)
        {
            foreach (var dependency in dependencies.EnumerateArray())
            {
                var from = String(dependency, "ref") ?? throw new FormatException("a dependency has no 'ref'");
                var set = result.DependsOn(from);
                if (dependency.TryGetProperty("dependsOn", out var dependsOn) && dependsOn.ValueKind == JsonValueKind.Array)
                {
                    foreach (var target in dependsOn.EnumerateArray())
                    {
                        if (target.ValueKind == JsonValueKind.String)
                        {
                            set.Add(target.GetString()!);
                        }
                    }
                }
            }
        }

        if (root.TryGetProperty("compositions", out var compositions) && compositions.ValueKind == JsonValueKind.Array)
        {
            result.Complete = compositions.EnumerateArray().All(c => String(c, "aggregate") == "complete");
        }

        return result;
    }

    private static SbomComponent ReadComponent(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a component is not a JSON object");
        }

        var component = new SbomComponent
        {
            Name = String(element, "name") ?? throw new FormatException("a component has no 'name'"),
            Type = String(element, "type") switch
            {
                "application" => SbomComponentType.Application,
                "framework" => SbomComponentType.Framework,
                "file" => SbomComponentType.File,
                _ => SbomComponentType.Library,
            },
            BomRef = String(element, "bom-ref"),
            Version = String(element, "version"),
            Description = String(element, "description"),
            Copyright = String(element, "copyright"),
            Purl = String(element, "purl"),
            Scope = String(element, "scope") switch
            {
                "required" => SbomScope.Required,
                "excluded" => SbomScope.Excluded,
                "optional" => SbomScope.Optional,
                _ => null,
            },
        };

        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            component.Authors.AddRange(authors.EnumerateArray().Select(a => String(a, "name")).Where(n => n is not null)!);
        }
        else if (String(element, "author") is { } author)
        {
            component.Authors.AddRange(SplitAuthors(author));
        }

        if (element.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Array)
        {
            foreach (var hash in hashes.EnumerateArray())
            {
                var alg = String(hash, "alg");
                var content = String(hash, "content");
                if (alg is not null && content is not null)
                {
                    component.Hashes.Add(new SbomHash(alg, content.ToLowerInvariant()));
                }
            }
        }

        if (element.TryGetProperty("licenses", out var licenses) && licenses.ValueKind == JsonValueKind.Array)
        {
            component.License = ReadLicense(licenses);
        }

        if (element.TryGetProperty("externalReferences", out var references) && references.ValueKind == JsonValueKind.Array)
        {
            foreach (var reference in references.EnumerateArray())
            {
                var type = String(reference, "type");
                var url = String(reference, "url");
                if (type is not null && url is not null)
                {
                    component.ExternalReferences.Add(new SbomExternalReference(type, url, String(reference, "comment")));
                }
            }
        }

        component.Properties.AddRange(ReadProperties(element));
        if (element.TryGetProperty("components", out var nested) && nested.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in nested.EnumerateArray())
            {
                component.Components.Add(ReadComponent(child));
            }
        }

        return component;
    }

    /// <summary>Splits a nuspec-style author list ("A, B").</summary>
    public static IEnumerable<string> SplitAuthors(string authors)
        => authors.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0);

    private static SbomLicense? ReadLicense(JsonElement licenses)
    {
        var choices = licenses.EnumerateArray().ToList();
        if (choices.Count == 0)
        {
            return null;
        }

        // Several licences in a list mean all of them apply (CycloneDX): join them with AND when
        // they are all SPDX; otherwise keep the first named one.
        var expressions = new List<SpdxExpression>();
        SbomLicense? named = null;
        var concluded = false;
        foreach (var choice in choices)
        {
            var acknowledgement = String(choice, "acknowledgement");
            if (String(choice, "expression") is { } expression)
            {
                concluded |= String(choice, "acknowledgement") == "concluded";
                if (SpdxExpression.TryParse(expression, out var parsed, out _))
                {
                    expressions.Add(parsed!);
                }
                else
                {
                    named ??= SbomLicense.Named(expression);
                }

                continue;
            }

            if (!choice.TryGetProperty("license", out var license))
            {
                continue;
            }

            acknowledgement = String(license, "acknowledgement") ?? acknowledgement;
            concluded |= acknowledgement == "concluded";
            var url = String(license, "url");
            if (String(license, "id") is { } id && SpdxExpression.TryParse(id, out var term, out _))
            {
                expressions.Add(term!);
            }
            else if (String(license, "name") is { } name)
            {
                named ??= name == SbomLicense.UnknownName ? SbomLicense.Unknown(url) : SbomLicense.Named(name, url, acknowledgement == "concluded");
            }
        }

        if (expressions.Count > 0 && named is null)
        {
            var text = string.Join(" AND ", expressions.Select(e => e is SpdxBinary { IsOr: true } ? "(" + e + ")" : e.ToString()));
            return SbomLicense.FromExpression(SpdxExpression.Parse(text), concluded);
        }

        return named;
    }

    private static IEnumerable<SbomProperty> ReadProperties(JsonElement element)
    {
        if (!element.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var property in properties.EnumerateArray())
        {
            var name = String(property, "name");
            if (name is not null)
            {
                yield return new SbomProperty(name, String(property, "value") ?? string.Empty);
            }
        }
    }

    private static string? FirstAuthor(JsonElement tool)
        => tool.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            ? authors.EnumerateArray().Select(a => String(a, "name")).FirstOrDefault(n => n is not null)
            : String(tool, "vendor");

    private static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
