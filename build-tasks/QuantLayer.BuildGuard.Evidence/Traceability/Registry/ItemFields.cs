using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>A field value read from a registry file, with where it was.</summary>
public sealed class RawField
{
    /// <summary>Creates a field.</summary>
    public RawField(string? value, IReadOnlyList<string>? list, RegistryLocation location)
    {
        Value = value;
        List = list;
        Location = location;
    }

    /// <summary>The scalar value (null for a list).</summary>
    public string? Value { get; }

    /// <summary>The list value (a YAML sequence), or null.</summary>
    public IReadOnlyList<string>? List { get; }

    /// <summary>Where the value is.</summary>
    public RegistryLocation Location { get; }

    /// <summary>The value as a list: the sequence, or the scalar split on ',', ';' and blanks.</summary>
    public IReadOnlyList<string> AsList() => List ?? RequirementIds.SplitList(Value);
}

/// <summary>
/// Turns the fields of one item, as any format read them, into a <see cref="RequirementItem"/>,
/// with the same names, aliases, defaults and checks for every format.
/// </summary>
public static class ItemFields
{
    /// <summary>The canonical field names.</summary>
    public const string Id = "id";

    /// <summary>Revision.</summary>
    public const string Revision = "revision";

    /// <summary>Title.</summary>
    public const string Title = "title";

    /// <summary>Kind.</summary>
    public const string Kind = "kind";

    /// <summary>Needs.</summary>
    public const string Needs = "needs";

    /// <summary>Covers (a mitigation's threats).</summary>
    public const string Covers = "covers";

    /// <summary>Derives from.</summary>
    public const string DerivesFrom = "derives-from";

    /// <summary>Status (threat models).</summary>
    public const string Status = "status";

    /// <summary>
    /// The canonical name of a column or key (case, blanks, '-', '_' and '.' ignored), or null when
    /// BuildGuard does not use it (description, owner, ... are allowed and ignored).
    /// </summary>
    public static string? Canonical(string name)
    {
        var key = Normalize(name);
        switch (key)
        {
            case "id":
            case "identifier":
            case "key":
            case "requirementid":
            case "reqid":
            case "reqifforeignid":
                return Id;
            case "revision":
            case "rev":
            case "version":
                return Revision;
            case "title":
            case "name":
            case "summary":
            case "heading":
            case "reqifname":
                return Title;
            case "kind":
            case "type":
            case "requirementtype":
                return Kind;
            case "needs":
                return Needs;
            case "covers":
            case "mitigates":
                return Covers;
            case "derivesfrom":
            case "derivedfrom":
            case "parent":
            case "parents":
                return DerivesFrom;
            case "status":
            case "state":
                return Status;
            default:
                return null;
        }
    }

    /// <summary>Lower-case letters and digits of a name.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses a kind name; null when unknown.</summary>
    public static RequirementKind? ParseKind(string value)
    {
        switch (Normalize(value))
        {
            case "security":
            case "securityrequirement":
            case "sr":
            case "sec":
                return RequirementKind.SecurityRequirement;
            case "functional":
            case "functionalrequirement":
            case "fr":
            case "requirement":
                return RequirementKind.FunctionalRequirement;
            case "threat":
                return RequirementKind.Threat;
            case "mitigation":
            case "control":
            case "countermeasure":
                return RequirementKind.Mitigation;
            default:
                return null;
        }
    }

    /// <summary>
    /// Builds an item from its fields. Problems (no id, malformed id, bad revision, unknown kind or
    /// need) are added to <paramref name="problems"/>; returns null when the item cannot be traced.
    /// </summary>
    public static RequirementItem? Build(
        IReadOnlyDictionary<string, RawField> fields,
        RegistryLocation itemLocation,
        List<RegistryProblem> problems,
        string? context = null)
    {
        if (!fields.TryGetValue(Id, out var idField) || string.IsNullOrWhiteSpace(idField.Value))
        {
            problems.Add(new RegistryProblem(
                RegistryProblemKind.Unparsable,
                itemLocation,
                "This item has no id. Give every requirement, threat and mitigation an 'id' (" + RequirementIds.SyntaxDescription + ")."));
            return null;
        }

        var id = idField.Value!.Trim();
        if (!RequirementIds.IsWellFormed(id))
        {
            problems.Add(new RegistryProblem(
                RegistryProblemKind.MalformedId,
                idField.Location,
                "'" + id + "' is not a valid requirement id: use " + RequirementIds.SyntaxDescription + "."));
            return null;
        }

        var revision = 1;
        if (fields.TryGetValue(Revision, out var revisionField) && !string.IsNullOrWhiteSpace(revisionField.Value))
        {
            var text = revisionField.Value!.Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out revision) || revision < 1)
            {
                problems.Add(new RegistryProblem(
                    RegistryProblemKind.Unparsable,
                    revisionField.Location,
                    "The revision of " + id + " is '" + text + "'; a revision is a whole number from 1 up, raised each time the requirement's meaning changes."));
                revision = 1;
            }
        }

        var kind = RequirementKind.SecurityRequirement;
        if (fields.TryGetValue(Kind, out var kindField) && !string.IsNullOrWhiteSpace(kindField.Value))
        {
            if (ParseKind(kindField.Value!) is { } parsed)
            {
                kind = parsed;
            }
            else
            {
                problems.Add(new RegistryProblem(
                    RegistryProblemKind.Unparsable,
                    kindField.Location,
                    "The kind of " + id + " is '" + kindField.Value!.Trim() + "'; use security, functional, threat or mitigation."));
            }
        }

        var needs = RequirementItem.DefaultNeeds(kind);
        if (fields.TryGetValue(Needs, out var needsField))
        {
            needs = RequirementNeeds.None;
            foreach (var word in needsField.AsList())
            {
                switch (Normalize(word))
                {
                    case "implementation":
                    case "impl":
                    case "code":
                        needs |= RequirementNeeds.Implementation;
                        break;
                    case "test":
                    case "tests":
                        needs |= RequirementNeeds.Test;
                        break;
                    case "none":
                    case "":
                        break;
                    default:
                        problems.Add(new RegistryProblem(
                            RegistryProblemKind.Unparsable,
                            needsField.Location,
                            "The needs of " + id + " contain '" + word + "'; use implementation, test, both, or none."));
                        break;
                }
            }
        }

        var title = fields.TryGetValue(Title, out var titleField) && titleField.Value is not null
            ? OneLine(titleField.Value)
            : string.Empty;
        var covers = Links(fields, Covers, id, problems);
        var derives = Links(fields, DerivesFrom, id, problems);
        var status = fields.TryGetValue(Status, out var statusField) ? statusField.Value?.Trim() : null;
        return new RequirementItem(id, revision, title, kind, needs, covers, derives, idField.Location, context, string.IsNullOrEmpty(status) ? null : status);
    }

    /// <summary>Collapses white space (line breaks included) into single spaces.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static IReadOnlyList<string> Links(IReadOnlyDictionary<string, RawField> fields, string name, string id, List<RegistryProblem> problems)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return Array.Empty<string>();
        }

        var result = new List<string>();
        foreach (var link in field.AsList())
        {
            var trimmed = link.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (!RequirementIds.IsWellFormed(trimmed))
            {
                problems.Add(new RegistryProblem(
                    RegistryProblemKind.MalformedId,
                    field.Location,
                    "'" + trimmed + "' in " + name + " of " + id + " is not a valid requirement id: use " + RequirementIds.SyntaxDescription + "."));
                continue;
            }

            result.Add(trimmed);
        }

        return result;
    }
}
