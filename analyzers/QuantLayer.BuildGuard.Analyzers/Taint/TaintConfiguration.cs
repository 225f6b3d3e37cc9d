using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>A problem in buildguard.taint.json, with where it is.</summary>
internal sealed class ConfigurationError
{
    public ConfigurationError(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>
/// The user's additions to the taint model, read from <c>buildguard.taint.json</c> (an
/// <c>AdditionalFiles</c> item; docs/taint.md documents the format). Entries that cannot be read
/// are skipped and reported; the rest still apply.
/// </summary>
internal sealed class TaintConfiguration
{
    /// <summary>The file name the analyzer looks for among the additional files.</summary>
    public const string FileName = "buildguard.taint.json";

    private static readonly ImmutableDictionary<string, TaintCategory> RuleCategories = new Dictionary<string, TaintCategory>(StringComparer.OrdinalIgnoreCase)
    {
        ["QLB1000"] = TaintCategory.Sql,
        ["QLB1001"] = TaintCategory.Command,
        ["QLB1002"] = TaintCategory.Path,
        ["QLB1003"] = TaintCategory.Ldap,
        ["QLB1004"] = TaintCategory.XPath,
        ["QLB1005"] = TaintCategory.Xml,
        ["QLB1006"] = TaintCategory.Log,
        ["QLB1007"] = TaintCategory.Ssrf,
        ["QLB1008"] = TaintCategory.Redirect,
        ["QLB1009"] = TaintCategory.Regex,
        ["QLB1010"] = TaintCategory.ReDoS,
        ["QLB1011"] = TaintCategory.Format,
        ["QLB1012"] = TaintCategory.Reflection,
        ["QLB1013"] = TaintCategory.Deserialization,
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    private TaintConfiguration(ImmutableArray<ModelEntry> entries, ImmutableArray<ConfigurationError> errors, bool? configurationIsSource, bool environmentIsSource = true, bool commandLineIsSource = true)
    {
        Entries = entries;
        Errors = errors;
        ConfigurationIsSource = configurationIsSource;
        EnvironmentIsSource = environmentIsSource;
        CommandLineIsSource = commandLineIsSource;
    }

    public static TaintConfiguration Empty { get; } = new(ImmutableArray<ModelEntry>.Empty, ImmutableArray<ConfigurationError>.Empty, null);

    /// <summary><c>options.environmentIsSource</c> (default true): environment variables are untrusted.</summary>
    public bool EnvironmentIsSource { get; }

    /// <summary><c>options.commandLineIsSource</c> (default true): <c>Main</c> arguments and the command line are untrusted.</summary>
    public bool CommandLineIsSource { get; }

    public ImmutableArray<ModelEntry> Entries { get; }

    public ImmutableArray<ConfigurationError> Errors { get; }

    /// <summary><c>options.configurationIsSource</c>; null when not set (the profile decides).</summary>
    public bool? ConfigurationIsSource { get; }

    /// <summary>The rule id whose sinks a category belongs to.</summary>
    public static string? RuleIdOf(TaintCategory category)
        => RuleCategories.FirstOrDefault(p => p.Value == category).Key;

    /// <summary>Reads a configuration document; never throws on bad input.</summary>
    public static TaintConfiguration Parse(string text, string origin)
    {
        JsonNode root;
        try
        {
            root = MiniJson.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            var at = Math.Min(e.Position, text.Length);
            return new TaintConfiguration(
                ImmutableArray<ModelEntry>.Empty,
                ImmutableArray.Create(new ConfigurationError("buildguard.taint.json is not valid JSON: " + e.Message + "; fix the file (nothing in it was applied)", new TextSpan(at, at < text.Length ? 1 : 0))),
                null);
        }

        var entries = ImmutableArray.CreateBuilder<ModelEntry>();
        var errors = ImmutableArray.CreateBuilder<ConfigurationError>();
        bool? configurationIsSource = null;
        var environmentIsSource = true;
        var commandLineIsSource = true;
        if (root.Kind != JsonKind.Object)
        {
            errors.Add(new ConfigurationError("buildguard.taint.json must contain a JSON object with \"sources\", \"sinks\", \"sanitizers\", \"passThrough\" or \"options\"", root.Span));
            return new TaintConfiguration(entries.ToImmutable(), errors.ToImmutable(), null);
        }

        foreach (var (keySpan, key, value) in root.Members)
        {
            switch (key)
            {
                case "sources":
                    ReadList(value, key, errors, item => ReadEntry(item, ModelKind.Source, text, origin, errors), entries);
                    break;
                case "sinks":
                    ReadList(value, key, errors, item => ReadEntry(item, ModelKind.Sink, text, origin, errors), entries);
                    break;
                case "sanitizers":
                    ReadList(value, key, errors, item => ReadEntry(item, ModelKind.Sanitizer, text, origin, errors), entries);
                    break;
                case "passThrough":
                    ReadList(value, key, errors, item => ReadEntry(item, ModelKind.PassThrough, text, origin, errors), entries);
                    break;
                case "options":
                    if (value.Kind != JsonKind.Object)
                    {
                        errors.Add(new ConfigurationError("\"options\" must be an object", value.Span));
                        break;
                    }

                    foreach (var (optionSpan, option, optionValue) in value.Members)
                    {
                        var flag = optionValue.Kind == JsonKind.True;
                        if (optionValue.Kind is not (JsonKind.True or JsonKind.False))
                        {
                            errors.Add(new ConfigurationError("option \"" + option + "\" must be true or false", optionValue.Span));
                        }
                        else if (option == "configurationIsSource")
                        {
                            configurationIsSource = flag;
                        }
                        else if (option == "environmentIsSource")
                        {
                            environmentIsSource = flag;
                        }
                        else if (option == "commandLineIsSource")
                        {
                            commandLineIsSource = flag;
                        }
                        else
                        {
                            errors.Add(new ConfigurationError("unknown option \"" + option + "\" (known: \"configurationIsSource\", \"environmentIsSource\", \"commandLineIsSource\")", optionSpan));
                        }
                    }

                    break;
                case "$schema":
                case "comment":
                    break;
                default:
                    errors.Add(new ConfigurationError("unknown section \"" + key + "\"; use \"sources\", \"sinks\", \"sanitizers\", \"passThrough\" or \"options\"", keySpan));
                    break;
            }
        }

        return new TaintConfiguration(entries.ToImmutable(), errors.ToImmutable(), configurationIsSource, environmentIsSource, commandLineIsSource);
    }

    private static void ReadList(JsonNode value, string section, ImmutableArray<ConfigurationError>.Builder errors, Func<JsonNode, ModelEntry?> read, ImmutableArray<ModelEntry>.Builder entries)
    {
        if (value.Kind != JsonKind.Array)
        {
            errors.Add(new ConfigurationError("\"" + section + "\" must be an array of entries", value.Span));
            return;
        }

        foreach (var item in value.Items)
        {
            if (read(item) is { } entry)
            {
                entries.Add(entry);
            }
        }
    }

    private static ModelEntry? ReadEntry(JsonNode item, ModelKind kind, string text, string origin, ImmutableArray<ConfigurationError>.Builder errors)
    {
        if (item.Kind != JsonKind.Object)
        {
            errors.Add(new ConfigurationError("an entry must be an object with \"type\" and \"member\"", item.Span));
            return null;
        }

        string? type = null;
        string? member = null;
        string? description = null;
        string? sourceKind = null;
        string? rule = null;
        var parameters = ImmutableArray<string>.Empty;
        var targets = ImmutableArray<string>.Empty;
        var from = ImmutableArray<string>.Empty;
        var rules = ImmutableArray<string>.Empty;
        var ok = true;
        foreach (var (keySpan, key, value) in item.Members)
        {
            switch (key)
            {
                case "type":
                    type = ReadString(value, key, errors, ref ok);
                    break;
                case "member":
                    member = ReadString(value, key, errors, ref ok);
                    break;
                case "description" when kind == ModelKind.Source:
                    description = ReadString(value, key, errors, ref ok);
                    break;
                case "kind" when kind == ModelKind.Source:
                    sourceKind = ReadString(value, key, errors, ref ok);
                    break;
                case "rule" when kind == ModelKind.Sink:
                    rule = ReadString(value, key, errors, ref ok);
                    if (rule is not null && !RuleCategories.ContainsKey(rule))
                    {
                        errors.Add(new ConfigurationError("unknown rule \"" + rule + "\"; sinks belong to one of QLB1000-QLB1013", value.Span));
                        ok = false;
                    }

                    break;
                case "rules" when kind == ModelKind.Sanitizer:
                    rules = ReadStrings(value, key, errors, ref ok);
                    foreach (var r in rules)
                    {
                        if (!RuleCategories.ContainsKey(r))
                        {
                            errors.Add(new ConfigurationError("unknown rule \"" + r + "\" in \"rules\"; use QLB1000-QLB1013 or leave \"rules\" out to sanitize for every rule", value.Span));
                            ok = false;
                        }
                    }

                    break;
                case "parameters":
                    parameters = ReadStrings(value, key, errors, ref ok);
                    break;
                case "targets" when kind == ModelKind.Source:
                case "to" when kind == ModelKind.PassThrough:
                    targets = ReadStrings(value, key, errors, ref ok);
                    foreach (var t in targets)
                    {
                        if (t is not ("return" or "this") && !t.StartsWith("arg:", StringComparison.Ordinal))
                        {
                            errors.Add(new ConfigurationError("\"" + t + "\" is not a target; use \"return\", \"this\" or \"arg:<parameter name>\"", value.Span));
                            ok = false;
                        }
                    }

                    break;
                case "from" when kind == ModelKind.PassThrough:
                    from = ReadStrings(value, key, errors, ref ok);
                    foreach (var f in from)
                    {
                        if (f != "this" && !f.StartsWith("arg:", StringComparison.Ordinal))
                        {
                            errors.Add(new ConfigurationError("\"" + f + "\" is not an input; use \"this\" or \"arg:<parameter name>\"", value.Span));
                            ok = false;
                        }
                    }

                    break;
                default:
                    errors.Add(new ConfigurationError("unknown property \"" + key + "\" for a " + KindName(kind) + " entry", keySpan));
                    ok = false;
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(member))
        {
            errors.Add(new ConfigurationError("a " + KindName(kind) + " entry needs \"type\" (metadata name, e.g. \"Acme.Fieldbus.FrameReader\") and \"member\" (e.g. \"ReadFrame\", \".ctor\", \"this[]\", \"*\")", item.Span));
            return null;
        }

        if (kind == ModelKind.Sink && (rule is null || parameters.IsDefault))
        {
            if (rule is null)
            {
                errors.Add(new ConfigurationError("a sink entry needs \"rule\" (QLB1000-QLB1013)", item.Span));
                return null;
            }
        }

        if (kind == ModelKind.PassThrough && from.IsEmpty)
        {
            errors.Add(new ConfigurationError("a passThrough entry needs \"from\" (e.g. [\"arg:value\"])", item.Span));
            return null;
        }

        if (!ok)
        {
            return null;
        }

        var line = LinePosition(text, item.Span.Start);
        var categories = kind switch
        {
            ModelKind.Sink => RuleCategories[rule!],
            ModelKind.Sanitizer => rules.IsEmpty ? TaintCategory.AllSinks : rules.Aggregate(TaintCategory.None, (acc, r) => acc | RuleCategories[r]),
            _ => TaintCategory.None,
        };
        return new ModelEntry(kind, type!.Trim(), member!.Trim())
        {
            Parameters = parameters,
            Targets = targets,
            From = from,
            Categories = categories,
            RuleId = kind == ModelKind.Sink ? rule!.ToUpperInvariant() : null,
            Description = description,
            SourceKind = sourceKind ?? "custom",
            Origin = origin + "(" + line + ")",
        };
    }

    private static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.Source => "source",
        ModelKind.Sink => "sink",
        ModelKind.Sanitizer => "sanitizer",
        _ => "passThrough",
    };

    private static string? ReadString(JsonNode value, string key, ImmutableArray<ConfigurationError>.Builder errors, ref bool ok)
    {
        if (value.Kind == JsonKind.String)
        {
            return value.Text;
        }

        errors.Add(new ConfigurationError("\"" + key + "\" must be a string", value.Span));
        ok = false;
        return null;
    }

    private static ImmutableArray<string> ReadStrings(JsonNode value, string key, ImmutableArray<ConfigurationError>.Builder errors, ref bool ok)
    {
        if (value.Kind == JsonKind.String)
        {
            return ImmutableArray.Create(value.Text!);
        }

        if (value.Kind == JsonKind.Array && value.Items.All(i => i.Kind == JsonKind.String))
        {
            return value.Items.Select(i => i.Text!).ToImmutableArray();
        }

        errors.Add(new ConfigurationError("\"" + key + "\" must be a string or an array of strings", value.Span));
        ok = false;
        return ImmutableArray<string>.Empty;
    }

    private static int LinePosition(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
