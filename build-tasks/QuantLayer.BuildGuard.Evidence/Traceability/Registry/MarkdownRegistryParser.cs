namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads a Markdown registry: every pipe table whose header has an id column (Id, Identifier,
/// Key, ...) lists items, one per row; the other columns are read like CSV columns. Prose,
/// headings and other tables are ignored, so the registry can be a readable document. Cell text may
/// use <c>`code`</c>, <c>**bold**</c> and <c>\|</c> for a literal pipe.
/// </summary>
public static class MarkdownRegistryParser
{
    /// <summary>Parses one file's text. Never throws.</summary>
    public static RegistryFileResult Parse(string file, string text)
    {
        var items = new List<RequirementItem>();
        var problems = new List<RegistryProblem>();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !IsTableRow(trimmed) || i + 1 >= lines.Length || !IsDelimiterRow(lines[i + 1].Trim()))
            {
                continue;
            }

            var header = SplitRow(lines[i]);
            var columns = header.Select(h => ItemFields.Canonical(h.Text)).ToArray();
            if (Array.IndexOf(columns, ItemFields.Id) < 0)
            {
                // A table of something else: skip it whole.
                i++;
                while (i + 1 < lines.Length && IsTableRow(lines[i + 1].Trim()))
                {
                    i++;
                }

                continue;
            }

            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c] is not null && Array.IndexOf(columns, columns[c], 0, c) >= 0)
                {
                    problems.Add(new RegistryProblem(
                        RegistryProblemKind.Unparsable,
                        new RegistryLocation(file, i + 1, header[c].Column),
                        "Column '" + header[c].Text + "' means the same as an earlier column ('" + columns[c] + "'); keep one of them."));
                    columns[c] = null;
                }
            }

            i += 2;
            for (; i < lines.Length && IsTableRow(lines[i].Trim()); i++)
            {
                var cells = SplitRow(lines[i]);
                if (cells.Count != header.Count)
                {
                    problems.Add(new RegistryProblem(
                        RegistryProblemKind.Unparsable,
                        new RegistryLocation(file, i + 1, 1),
                        "This table row has " + cells.Count + " cells but the header has " + header.Count + "; write a literal pipe in a cell as \\|."));
                    continue;
                }

                var fields = new Dictionary<string, RawField>(StringComparer.Ordinal);
                for (var c = 0; c < columns.Length; c++)
                {
                    if (columns[c] is { } name && cells[c].Text.Length > 0)
                    {
                        fields[name] = new RawField(cells[c].Text, null, new RegistryLocation(file, i + 1, cells[c].Column));
                    }
                }

                if (ItemFields.Build(fields, new RegistryLocation(file, i + 1, 1), problems) is { } item)
                {
                    items.Add(item);
                }
            }

            i--;
        }

        return new RegistryFileResult(file, items, problems);
    }

    /// <summary>Escapes text for a table cell.</summary>
    public static string EscapeCell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ");

    private static bool IsTableRow(string trimmed) => trimmed.Length > 1 && trimmed[0] == '|';

    private static bool IsDelimiterRow(string trimmed)
    {
        if (!IsTableRow(trimmed))
        {
            return false;
        }

        var dashes = 0;
        foreach (var c in trimmed)
        {
            if (c == '-')
            {
                dashes++;
            }
            else if (c is not ('|' or ':' or ' ' or '\t'))
            {
                return false;
            }
        }

        return dashes > 0;
    }

    private static List<(string Text, int Column)> SplitRow(string line)
    {
        var cells = new List<(string, int)>();
        var start = line.IndexOf('|') + 1;
        var builder = new System.Text.StringBuilder();
        var cellStart = start;
        for (var i = start; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '|' or '\\')
            {
                builder.Append(line[i + 1]);
                i++;
                continue;
            }

            if (c == '|')
            {
                cells.Add((Clean(builder.ToString()), cellStart + 1 + LeadingBlanks(line, cellStart)));
                builder.Clear();
                cellStart = i + 1;
                continue;
            }

            builder.Append(c);
        }

        if (builder.ToString().Trim().Length > 0)
        {
            cells.Add((Clean(builder.ToString()), cellStart + 1 + LeadingBlanks(line, cellStart)));
        }

        return cells;
    }

    private static int LeadingBlanks(string line, int from)
    {
        var n = 0;
        while (from + n < line.Length && line[from + n] == ' ')
        {
            n++;
        }

        return n;
    }

    private static string Clean(string cell)
    {
        var text = cell.Trim();
        foreach (var marker in new[] { "**", "__", "`" })
        {
            if (text.Length >= 2 * marker.Length && text.StartsWith(marker, StringComparison.Ordinal) && text.EndsWith(marker, StringComparison.Ordinal))
            {
                text = text.Substring(marker.Length, text.Length - (2 * marker.Length)).Trim();
            }
        }

        return text;
    }
}
