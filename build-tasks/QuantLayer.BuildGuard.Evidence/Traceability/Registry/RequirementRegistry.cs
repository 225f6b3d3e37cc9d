namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// The requirement registry of a project: the items of every registry file, checked together
/// (duplicate ids across files, links to unknown ids), with a lookup by id.
/// </summary>
public sealed class RequirementRegistry
{
    private readonly Dictionary<string, RequirementItem> _byId;

    private RequirementRegistry(IReadOnlyList<RequirementItem> items, IReadOnlyList<RegistryProblem> problems, IReadOnlyList<string> files, bool hasUnparsableFile, Dictionary<string, RequirementItem> byId)
    {
        Items = items;
        Problems = problems;
        Files = files;
        HasUnparsableFile = hasUnparsableFile;
        _byId = byId;
    }

    /// <summary>An empty registry.</summary>
    public static RequirementRegistry Empty { get; } = Create(Array.Empty<RegistryFileResult>());

    /// <summary>The items (the first of each id), in file order.</summary>
    public IReadOnlyList<RequirementItem> Items { get; }

    /// <summary>Every problem of every file, then the cross-file problems.</summary>
    public IReadOnlyList<RegistryProblem> Problems { get; }

    /// <summary>The registry files.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>True when some file (or part of one) could not be read: unknown ids may be defined there.</summary>
    public bool HasUnparsableFile { get; }

    /// <summary>The ids, in ordinal order.</summary>
    public IEnumerable<string> Ids => _byId.Keys;

    /// <summary>The format a file is read as, from its extension; null when BuildGuard cannot read it.</summary>
    public static string? FormatOf(string path)
    {
        var name = path.Replace('\\', '/');
        var slash = name.LastIndexOf('/');
        name = (slash >= 0 ? name.Substring(slash + 1) : name).ToLowerInvariant();
        if (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
        {
            return "yaml";
        }

        if (name.EndsWith(".md", StringComparison.Ordinal) || name.EndsWith(".markdown", StringComparison.Ordinal))
        {
            return "markdown";
        }

        if (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".tsv", StringComparison.Ordinal))
        {
            return "csv";
        }

        if (name.EndsWith(".reqif", StringComparison.Ordinal))
        {
            return "reqif";
        }

        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            return "threatdragon";
        }

        if (name.EndsWith(".tm7", StringComparison.Ordinal))
        {
            return "tm7";
        }

        return null;
    }

    /// <summary>Parses one file by its extension. Never throws.</summary>
    public static RegistryFileResult ParseFile(string path, string text)
    {
        switch (FormatOf(path))
        {
            case "yaml":
                return YamlRegistryParser.Parse(path, text);
            case "markdown":
                return MarkdownRegistryParser.Parse(path, text);
            case "csv":
                return CsvRegistryParser.Parse(path, text);
            case "reqif":
                return ReqIfRegistryParser.Parse(path, text);
            case "threatdragon":
                return ThreatDragonParser.Parse(path, text);
            case "tm7":
                return Tm7Parser.Parse(path, text);
            default:
                return new RegistryFileResult(path, Array.Empty<RequirementItem>(), new[]
                {
                    new RegistryProblem(
                        RegistryProblemKind.Unparsable,
                        new RegistryLocation(path, 0, 0),
                        "BuildGuard cannot read this registry file: use .yaml/.yml, .md, .csv, .reqif, a Threat Dragon .json or a Threat Modeling Tool .tm7 file (a .reqifz archive must be unzipped first)."),
                });
        }
    }

    /// <summary>Combines parsed files: duplicates (QLB2003) and links to unknown ids (QLB2007) are added as problems.</summary>
    public static RequirementRegistry Create(IEnumerable<RegistryFileResult> files)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        var paths = new List<string>();
        var byId = new Dictionary<string, RequirementItem>(StringComparer.Ordinal);
        var byUpper = new Dictionary<string, RequirementItem>(StringComparer.OrdinalIgnoreCase);
        var unparsable = false;
        foreach (var file in files)
        {
            paths.Add(file.File);
            problems.AddRange(file.Problems);
            unparsable |= file.Problems.Any(p => p.Kind is RegistryProblemKind.Unparsable or RegistryProblemKind.MalformedId);
            foreach (var item in file.Items)
            {
                if (byUpper.TryGetValue(item.Id, out var first))
                {
                    problems.Add(new RegistryProblem(
                        RegistryProblemKind.DuplicateId,
                        item.Location,
                        "Duplicate id '" + item.Id + "': it is already defined at " + first.Location + (first.Id == item.Id ? string.Empty : " as '" + first.Id + "' (ids differ only in case)") + ". Give this item its own id, or remove one of the two."));
                    continue;
                }

                byUpper[item.Id] = item;
                byId[item.Id] = item;
                items.Add(item);
            }
        }

        foreach (var item in items)
        {
            foreach (var (links, name) in new[] { (item.Covers, "covers"), (item.DerivesFrom, "derives from") })
            {
                foreach (var link in links)
                {
                    if (byId.ContainsKey(link))
                    {
                        if (name == "covers" && byId[link].Kind != RequirementKind.Threat)
                        {
                            problems.Add(new RegistryProblem(RegistryProblemKind.UnknownLink, item.Location, item.Id + " covers " + link + ", which is a " + RequirementItem.KindName(byId[link].Kind) + " item, not a threat; 'covers' links a mitigation to the threats it mitigates."));
                        }

                        continue;
                    }

                    var closest = RequirementIds.Closest(link, byId.Keys);
                    problems.Add(new RegistryProblem(
                        RegistryProblemKind.UnknownLink,
                        item.Location,
                        item.Id + " " + name + " '" + link + "', which is not in the registry" + (closest is null ? "." : "; did you mean '" + closest + "'?")));
                }
            }
        }

        return new RequirementRegistry(items, problems, paths, unparsable, byId);
    }

    /// <summary>The item with this id, or null.</summary>
    public RequirementItem? Find(string id) => _byId.TryGetValue(id, out var item) ? item : null;

    /// <summary>The known id closest to an unknown one (for "did you mean"), or null.</summary>
    public string? Closest(string id) => RequirementIds.Closest(id, _byId.Keys);

    /// <summary>The mitigations that cover a threat, by id.</summary>
    public IReadOnlyList<RequirementItem> MitigationsOf(string threatId)
        => Items.Where(i => i.Kind == RequirementKind.Mitigation && i.Covers.Contains(threatId)).ToList();
}
