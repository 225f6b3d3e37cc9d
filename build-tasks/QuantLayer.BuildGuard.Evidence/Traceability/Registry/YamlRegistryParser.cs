namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads a YAML registry (docs/traceability.md): a mapping with a <c>requirements</c>, <c>threats</c>
/// or <c>mitigations</c> sequence (or <c>items</c>), or a bare sequence, of items with
/// <c>id</c>, <c>revision</c>, <c>title</c>, <c>kind</c>, <c>needs</c>, <c>covers</c>,
/// <c>derives-from</c>. Other keys (description, owner, ...) are allowed and ignored.
/// </summary>
public static class YamlRegistryParser
{
    /// <summary>Parses one file's text. Never throws: problems carry file, line and column.</summary>
    public static RegistryFileResult Parse(string file, string text)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        YamlNode? root;
        try
        {
            root = YamlSubsetReader.Parse(text);
        }
        catch (YamlSubsetException ex)
        {
            problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, new RegistryLocation(file, ex.Line, ex.Column), ex.Message));
            return new RegistryFileResult(file, items, problems);
        }

        switch (root)
        {
            case null:
                break;
            case YamlSequence sequence:
                ReadItems(file, sequence, null, items, problems);
                break;
            case YamlMapping mapping:
                var found = false;
                foreach (var entry in mapping.Entries)
                {
                    if (!TopLevelKind(entry.Key.Value, out var defaultKind))
                    {
                        continue;
                    }

                    found = true;
                    switch (entry.Value)
                    {
                        case null:
                            break;
                        case YamlSequence list:
                            ReadItems(file, list, defaultKind, items, problems);
                            break;
                        default:
                            problems.Add(Problem(file, entry.Value, "'" + entry.Key.Value + "' must be a sequence of items ('- id: ...')."));
                            break;
                    }
                }

                if (!found)
                {
                    problems.Add(Problem(file, mapping, "No 'requirements', 'threats', 'mitigations' or 'items' sequence found at the top level of this YAML registry."));
                }

                break;
            default:
                problems.Add(Problem(file, root, "A YAML registry is a mapping with a 'requirements' sequence (or a sequence of items), not a single value."));
                break;
        }

        return new RegistryFileResult(file, items, problems);
    }

    private static void ReadItems(string file, YamlSequence sequence, RequirementKind? defaultKind, List<RequirementItem> items, List<RegistryProblem> problems)
    {
        foreach (var node in sequence.Items)
        {
            if (node is not YamlMapping mapping)
            {
                if (node is not null)
                {
                    problems.Add(Problem(file, node, "Each item must be a mapping ('- id: SR-1' followed by its other keys)."));
                }

                continue;
            }

            var fields = new Dictionary<string, RawField>(StringComparer.Ordinal);
            foreach (var entry in mapping.Entries)
            {
                var name = ItemFields.Canonical(entry.Key.Value ?? string.Empty);
                if (name is null)
                {
                    continue;
                }

                var location = entry.Value is null ? Location(file, entry.Key) : Location(file, entry.Value);
                switch (entry.Value)
                {
                    case null:
                        fields[name] = new RawField(null, null, location);
                        break;
                    case YamlScalar scalar:
                        fields[name] = new RawField(scalar.Value, null, location);
                        break;
                    case YamlSequence list:
                        var values = new List<string>();
                        foreach (var item in list.Items)
                        {
                            if (item is YamlScalar { Value: { } v })
                            {
                                values.Add(v);
                            }
                            else if (item is not null && item is not YamlScalar)
                            {
                                problems.Add(Problem(file, item, "'" + entry.Key.Value + "' must be a list of plain values."));
                            }
                        }

                        fields[name] = new RawField(null, values, location);
                        break;
                    default:
                        problems.Add(Problem(file, entry.Value, "'" + entry.Key.Value + "' must be a value or a list, not a mapping."));
                        break;
                }
            }

            if (defaultKind is { } kind && !fields.ContainsKey(ItemFields.Kind))
            {
                fields[ItemFields.Kind] = new RawField(RequirementItem.KindName(kind), null, Location(file, mapping));
            }

            if (ItemFields.Build(fields, Location(file, mapping), problems) is { } built)
            {
                items.Add(built);
            }
        }
    }

    private static bool TopLevelKind(string? key, out RequirementKind? kind)
    {
        kind = null;
        switch (ItemFields.Normalize(key ?? string.Empty))
        {
            case "requirements":
            case "items":
                return true;
            case "threats":
                kind = RequirementKind.Threat;
                return true;
            case "mitigations":
                kind = RequirementKind.Mitigation;
                return true;
            default:
                return false;
        }
    }

    private static RegistryLocation Location(string file, YamlNode node) => new(file, node.Line, node.Column);

    private static RegistryProblem Problem(string file, YamlNode node, string message)
        => new(RegistryProblemKind.Unparsable, Location(file, node), message);
}
