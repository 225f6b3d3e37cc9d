using System.Xml.Linq;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads a Microsoft Threat Modeling Tool model (<c>.tm7</c>, DataContract XML). Every entry of
/// <c>ThreatInstances</c> becomes a threat item <c>TMT-&lt;Id&gt;</c> (or the id of a <c>T-3:</c>
/// title prefix) titled by its Title property; a threat in state Mitigated gives a mitigation item
/// <c>&lt;id&gt;-M</c> whose title is the justification (StateInformation); state NotApplicable
/// gives none. The context is the threat category and the interaction it was found on.
/// </summary>
public static class Tm7Parser
{
    /// <summary>Parses one file's text. Never throws.</summary>
    public static RegistryFileResult Parse(string file, string text)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        var document = RegistryXml.Load(file, text, ".tm7 file", problems);
        if (document is null)
        {
            return new RegistryFileResult(file, items, problems);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "ThreatModel")
        {
            problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, RegistryXml.Location(file, root), "This is not a Threat Modeling Tool model: the root element is '" + root.Name.LocalName + "', expected 'ThreatModel'."));
            return new RegistryFileResult(file, items, problems);
        }

        var instances = root.Elements().FirstOrDefault(e => e.Name.LocalName == "ThreatInstances");
        if (instances is null)
        {
            return new RegistryFileResult(file, items, problems);
        }

        foreach (var pair in instances.Elements())
        {
            var value = pair.Elements().FirstOrDefault(e => e.Name.LocalName == "Value");
            if (value is null)
            {
                continue;
            }

            var id = Child(value, "Id");
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var propertyList = value.Elements().FirstOrDefault(e => e.Name.LocalName == "Properties");
            if (propertyList is not null)
            {
                foreach (var property in propertyList.Elements())
                {
                    var key = Child(property, "Key");
                    var propertyValue = Child(property, "Value");
                    if (key is not null && propertyValue is not null)
                    {
                        properties[key] = propertyValue;
                    }
                }
            }

            var title = properties.TryGetValue("Title", out var t) ? t : Child(value, "Title") ?? Child(value, "UserThreatShortDescription");
            var category = properties.TryGetValue("UserThreatCategory", out var c) ? c : Child(value, "UserThreatCategory");
            var interaction = properties.TryGetValue("InteractionString", out var i) ? i : Child(value, "InteractionString");
            var context = string.Join(" / ", new[] { category, interaction }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => ItemFields.OneLine(s!)));
            var location = RegistryXml.Location(file, pair);
            if (id is null || !int.TryParse(id.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, location, "This threat instance has no numeric Id; open and save the model in the Threat Modeling Tool to number it."));
                continue;
            }

            var state = Child(value, "State");
            var justification = Child(value, "StateInformation");
            var mitigated = string.Equals(state?.Trim(), "Mitigated", StringComparison.OrdinalIgnoreCase);
            ThreatModelItems.Add(
                "TMT-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                title,
                state,
                mitigated ? justification : null,
                context.Length == 0 ? null : context,
                location,
                items,
                problems);
        }

        return new RegistryFileResult(file, items, problems);
    }

    private static string? Child(XElement parent, string localName)
    {
        var element = parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
        if (element is null || element.Attributes().Any(a => a.Name.LocalName == "nil" && a.Value == "true"))
        {
            return null;
        }

        return element.Value;
    }
}
