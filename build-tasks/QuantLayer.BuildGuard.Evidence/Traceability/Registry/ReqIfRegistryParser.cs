using System.Xml.Linq;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads ReqIF 1.0/1.2 (OMG, namespace http://www.omg.org/spec/ReqIF/20110401/reqif.xsd), the
/// exchange format DOORS, Polarion, Jama and codebeamer export. Follows the schema: datatypes
/// (enumerations resolved to their LONG-NAMEs), spec object types with their attribute
/// definitions, spec objects with STRING / INTEGER / REAL / BOOLEAN / DATE / XHTML / ENUMERATION
/// values, and spec relations. Attributes are mapped by their definition's LONG-NAME: the ReqIF
/// Implementation Guide's <c>ReqIF.ForeignID</c> (with <c>ReqIF.Prefix</c> when the id is a bare
/// number), <c>ReqIF.Name</c>/<c>ReqIF.ChapterName</c>, and the registry's own names (Id, Revision,
/// Kind, Needs, Covers, Derives from). Relations whose type's LONG-NAME speaks of mitigation or
/// coverage become <c>covers</c>, those about derivation or refinement <c>derives-from</c>.
/// Headings (objects with a chapter name and no text, or of kind heading/information) are skipped.
/// DTDs are refused (no external entities).
/// </summary>
public static class ReqIfRegistryParser
{
    /// <summary>The ReqIF namespace.</summary>
    public const string Namespace = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";

    /// <summary>Parses one file's text. Never throws.</summary>
    public static RegistryFileResult Parse(string file, string text)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        var document = RegistryXml.Load(file, text, "ReqIF file", problems);
        if (document is null)
        {
            return new RegistryFileResult(file, items, problems);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "REQ-IF")
        {
            problems.Add(Problem(file, root, "This is not a ReqIF file: the root element is '" + root.Name.LocalName + "', expected 'REQ-IF' in namespace " + Namespace + "."));
            return new RegistryFileResult(file, items, problems);
        }

        if (root.Name.NamespaceName != Namespace)
        {
            problems.Add(Problem(file, root, "The REQ-IF element is in namespace '" + root.Name.NamespaceName + "'; ReqIF files use " + Namespace + "."));
            return new RegistryFileResult(file, items, problems);
        }

        var content = Descendant(root, "CORE-CONTENT") is { } core ? Child(core, "REQ-IF-CONTENT") : null;
        if (content is null)
        {
            problems.Add(Problem(file, root, "This ReqIF file has no THE-CORE-CONTENT/REQ-IF-CONTENT element, so it holds no requirements."));
            return new RegistryFileResult(file, items, problems);
        }

        // DATATYPES: enumeration value identifier -> LONG-NAME.
        var enumValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in Descendants(Child(content, "DATATYPES"), "ENUM-VALUE"))
        {
            if (Attr(value, "IDENTIFIER") is { } id)
            {
                enumValues[id] = Attr(value, "LONG-NAME") ?? id;
            }
        }

        // SPEC-TYPES: attribute definition identifier -> LONG-NAME; relation type identifier -> LONG-NAME.
        var attributeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var relationTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        var specTypes = Child(content, "SPEC-TYPES");
        foreach (var element in Descendants(specTypes, null))
        {
            var local = element.Name.LocalName;
            if (local.StartsWith("ATTRIBUTE-DEFINITION-", StringComparison.Ordinal) && Attr(element, "IDENTIFIER") is { } defId)
            {
                attributeNames[defId] = Attr(element, "LONG-NAME") ?? defId;
            }
            else if (local == "SPEC-RELATION-TYPE" && Attr(element, "IDENTIFIER") is { } relId)
            {
                relationTypes[relId] = Attr(element, "LONG-NAME") ?? relId;
            }
        }

        // SPEC-OBJECTS.
        var objects = new List<(XElement Element, Dictionary<string, (string Value, XElement At)> Values)>();
        foreach (var specObject in Elements(Child(content, "SPEC-OBJECTS"), "SPEC-OBJECT"))
        {
            var values = new Dictionary<string, (string, XElement)>(StringComparer.Ordinal);
            foreach (var attributeValue in Elements(Child(specObject, "VALUES"), null))
            {
                var definitionRef = Descendants(Child(attributeValue, "DEFINITION"), null).FirstOrDefault()?.Value.Trim();
                if (definitionRef is null)
                {
                    problems.Add(Problem(file, attributeValue, "This attribute value has no DEFINITION reference."));
                    continue;
                }

                if (!attributeNames.TryGetValue(definitionRef, out var name))
                {
                    problems.Add(Problem(file, attributeValue, "This attribute value refers to attribute definition '" + definitionRef + "', which no SPEC-OBJECT-TYPE defines."));
                    continue;
                }

                values[ItemFields.Normalize(name)] = (ValueText(attributeValue, enumValues), attributeValue);
            }

            objects.Add((specObject, values));
        }

        // SPEC-RELATIONS: source -> (relation, target).
        var covers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var derives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var relations = new List<(string Source, string Target, string Type)>();
        foreach (var relation in Elements(Child(content, "SPEC-RELATIONS"), "SPEC-RELATION"))
        {
            var source = Descendants(Child(relation, "SOURCE"), null).FirstOrDefault()?.Value.Trim();
            var target = Descendants(Child(relation, "TARGET"), null).FirstOrDefault()?.Value.Trim();
            var typeRef = Descendants(Child(relation, "TYPE"), null).FirstOrDefault()?.Value.Trim();
            if (source is null || target is null)
            {
                problems.Add(Problem(file, relation, "This SPEC-RELATION lacks a SOURCE or TARGET reference."));
                continue;
            }

            var typeName = typeRef is not null && relationTypes.TryGetValue(typeRef, out var n) ? n : typeRef ?? string.Empty;
            relations.Add((source, target, typeName));
        }

        // Resolve object identifiers to requirement ids.
        var idByObject = new Dictionary<string, string>(StringComparer.Ordinal);
        var built = new List<(XElement Element, Dictionary<string, RawField> Fields)>();
        foreach (var (element, values) in objects)
        {
            if (IsHeading(values))
            {
                continue;
            }

            var fields = new Dictionary<string, RawField>(StringComparer.Ordinal);
            foreach (var pair in values)
            {
                var canonical = pair.Key is "reqifchaptername" or "reqifprefix" or "reqiftext" or "reqifdescription"
                    ? null
                    : ItemFields.Canonical(pair.Key);
                if (canonical is not null)
                {
                    fields[canonical] = new RawField(pair.Value.Value, null, RegistryXml.Location(file, pair.Value.At));
                }
            }

            if (!fields.ContainsKey(ItemFields.Title) && values.TryGetValue("reqifchaptername", out var chapter) && chapter.Value.Trim().Length > 0)
            {
                fields[ItemFields.Title] = new RawField(chapter.Value, null, RegistryXml.Location(file, chapter.At));
            }

            if (fields.TryGetValue(ItemFields.Id, out var idField) && idField.Value is { } rawId && IsNumber(rawId.Trim())
                && values.TryGetValue("reqifprefix", out var prefix) && prefix.Value.Trim().Length > 0)
            {
                fields[ItemFields.Id] = new RawField(prefix.Value.Trim() + rawId.Trim(), null, idField.Location);
            }

            if (!fields.ContainsKey(ItemFields.Title))
            {
                var title = Attr(element, "LONG-NAME")
                    ?? (values.TryGetValue("reqiftext", out var textValue) ? FirstLine(textValue.Value) : null);
                if (title is not null)
                {
                    fields[ItemFields.Title] = new RawField(title, null, RegistryXml.Location(file, element));
                }
            }

            if (Attr(element, "IDENTIFIER") is { } identifier && fields.TryGetValue(ItemFields.Id, out var resolved) && resolved.Value is not null)
            {
                idByObject[identifier] = resolved.Value.Trim();
            }

            built.Add((element, fields));
        }

        foreach (var (source, target, type) in relations)
        {
            if (!idByObject.TryGetValue(source, out var sourceId) || !idByObject.TryGetValue(target, out var targetId))
            {
                continue;
            }

            var kind = ItemFields.Normalize(type);
            if (kind.Contains("mitigat") || kind.Contains("cover") || kind.Contains("addresses") || kind.Contains("counter"))
            {
                Add(covers, sourceId, targetId);
            }
            else if (kind.Contains("deriv") || kind.Contains("refine") || kind.Contains("parent") || kind.Contains("satisf") || kind.Contains("decompos"))
            {
                Add(derives, sourceId, targetId);
            }
        }

        foreach (var (element, fields) in built)
        {
            if (fields.TryGetValue(ItemFields.Id, out var idField) && idField.Value is { } id)
            {
                Merge(fields, ItemFields.Covers, covers, id.Trim(), RegistryXml.Location(file, element));
                Merge(fields, ItemFields.DerivesFrom, derives, id.Trim(), RegistryXml.Location(file, element));
            }

            if (ItemFields.Build(fields, RegistryXml.Location(file, element), problems) is { } item)
            {
                items.Add(item);
            }
        }

        return new RegistryFileResult(file, items, problems);
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<string>();
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static void Merge(Dictionary<string, RawField> fields, string name, Dictionary<string, List<string>> links, string id, RegistryLocation location)
    {
        if (!links.TryGetValue(id, out var targets))
        {
            return;
        }

        var all = new List<string>();
        if (fields.TryGetValue(name, out var existing))
        {
            all.AddRange(existing.AsList());
            location = existing.Location;
        }

        foreach (var target in targets)
        {
            if (!all.Contains(target))
            {
                all.Add(target);
            }
        }

        fields[name] = new RawField(null, all, location);
    }

    private static bool IsHeading(Dictionary<string, (string Value, XElement At)> values)
    {
        foreach (var key in new[] { "kind", "type", "requirementtype" })
        {
            if (values.TryGetValue(key, out var kind))
            {
                var k = ItemFields.Normalize(kind.Value);
                if (k is "heading" or "information" or "info" or "chapter" or "title" or "text")
                {
                    return true;
                }
            }
        }

        return values.ContainsKey("reqifchaptername") && !values.ContainsKey("reqiftext")
            && !values.ContainsKey("id") && !values.ContainsKey("reqifforeignid");
    }

    private static string ValueText(XElement attributeValue, Dictionary<string, string> enumValues)
    {
        var local = attributeValue.Name.LocalName;
        if (local == "ATTRIBUTE-VALUE-ENUMERATION")
        {
            var names = Descendants(Child(attributeValue, "VALUES"), null)
                .Select(e => e.Value.Trim())
                .Where(v => v.Length > 0)
                .Select(v => enumValues.TryGetValue(v, out var name) ? name : v);
            return string.Join(", ", names);
        }

        if (local == "ATTRIBUTE-VALUE-XHTML")
        {
            var theValue = Child(attributeValue, "THE-VALUE");
            return theValue is null ? string.Empty : XhtmlText(theValue).Trim();
        }

        return Attr(attributeValue, "THE-VALUE") ?? string.Empty;
    }

    private static string XhtmlText(XElement element)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var node in element.Nodes())
        {
            if (node is XText text)
            {
                builder.Append(text.Value);
            }
            else if (node is XElement child)
            {
                var block = child.Name.LocalName is "p" or "div" or "br" or "li" or "h1" or "h2" or "h3" or "tr";
                if (block && builder.Length > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(XhtmlText(child));
            }
        }

        return builder.ToString();
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf('\n');
        return end < 0 ? trimmed : trimmed.Substring(0, end).Trim();
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(c => c is >= '0' and <= '9');

    private static XElement? Child(XElement? parent, string localName)
        => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static XElement? Descendant(XElement parent, string localSuffix)
        => parent.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith(localSuffix, StringComparison.Ordinal));

    private static IEnumerable<XElement> Elements(XElement? parent, string? localName)
        => parent is null ? Enumerable.Empty<XElement>() : parent.Elements().Where(e => localName is null || e.Name.LocalName == localName);

    private static IEnumerable<XElement> Descendants(XElement? parent, string? localName)
        => parent is null ? Enumerable.Empty<XElement>() : parent.Descendants().Where(e => localName is null || e.Name.LocalName == localName);

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    private static RegistryProblem Problem(string file, XObject node, string message)
        => new(RegistryProblemKind.Unparsable, RegistryXml.Location(file, node), message);
}
