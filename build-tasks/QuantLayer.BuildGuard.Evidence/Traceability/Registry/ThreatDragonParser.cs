namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads an OWASP Threat Dragon model (JSON, version 2.x: <c>detail.diagrams[].cells[].data.threats[]</c>;
/// version 1.x: <c>detail.diagrams[].diagramJson.cells[].threats[]</c>). Every threat becomes a
/// threat item: id from a <c>T-3:</c> prefix of its title, else <c>TD-&lt;number&gt;</c> (Threat
/// Dragon numbers threats), else <c>TD-</c> and the start of its uuid. A threat with mitigation
/// text or status Mitigated also gives a mitigation item <c>&lt;id&gt;-M</c> covering it; status
/// NotApplicable gives none. The context is the diagram and element the threat sits on.
/// </summary>
public static class ThreatDragonParser
{
    /// <summary>Parses one file's text. Never throws.</summary>
    public static RegistryFileResult Parse(string file, string text)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        JsonValue root;
        try
        {
            root = JsonValue.Parse(text);
        }
        catch (JsonSyntaxException ex)
        {
            problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, new RegistryLocation(file, ex.Line, ex.Column), "This Threat Dragon model is not valid JSON: " + ex.Message));
            return new RegistryFileResult(file, items, problems);
        }

        var diagrams = root["detail"]?["diagrams"];
        if (root.Kind != 'o' || diagrams?.Items is null)
        {
            problems.Add(new RegistryProblem(
                RegistryProblemKind.Unparsable,
                new RegistryLocation(file, root.Line, root.Column),
                "This JSON file is not an OWASP Threat Dragon model (it has no detail.diagrams array). Registry JSON files must be Threat Dragon models; write requirements in YAML, Markdown, CSV or ReqIF."));
            return new RegistryFileResult(file, items, problems);
        }

        foreach (var diagram in diagrams.Items)
        {
            var diagramTitle = diagram["title"]?.AsText() ?? "diagram";
            var cells = diagram["cells"]?.Items ?? diagram["diagramJson"]?["cells"]?.Items;
            if (cells is null)
            {
                continue;
            }

            foreach (var cell in cells)
            {
                var data = cell["data"];
                var threats = data?["threats"]?.Items ?? cell["threats"]?.Items;
                if (threats is null)
                {
                    continue;
                }

                var element = data?["name"]?.AsText() ?? cell["attrs"]?["text"]?["text"]?.AsText() ?? data?["type"]?.AsText() ?? cell["type"]?.AsText() ?? "element";
                var context = diagramTitle + " / " + ItemFields.OneLine(element);
                foreach (var threat in threats)
                {
                    if (threat.Kind != 'o')
                    {
                        continue;
                    }

                    var location = new RegistryLocation(file, threat.Line, threat.Column);
                    var number = threat["number"]?.AsText();
                    var uuid = threat["id"]?.AsText() ?? threat["threatId"]?.AsText();
                    string fallback;
                    if (number is not null && int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
                    {
                        fallback = "TD-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (uuid is not null && uuid.Length >= 8)
                    {
                        fallback = "TD-" + new string(uuid.Where(char.IsLetterOrDigit).Take(8).ToArray());
                    }
                    else
                    {
                        fallback = string.Empty;
                    }

                    var title = threat["title"]?.AsText();
                    if (fallback.Length == 0 && (title is null || title.IndexOf(':') <= 0))
                    {
                        problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, location, "This threat has no number, no id and no 'ID: ' prefix in its title, so it cannot be traced. Save the model with Threat Dragon 2 (it numbers threats) or start the title with an id ('T-3: ...')."));
                        continue;
                    }

                    ThreatModelItems.Add(fallback, title, threat["status"]?.AsText(), threat["mitigation"]?.AsText(), context, location, items, problems);
                }
            }
        }

        return new RegistryFileResult(file, items, problems);
    }
}
