using System.Text;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// Reads a CSV export (RFC 4180: quoted fields may hold separators, doubled quotes and line
/// breaks). The first record names the columns (case, blanks and punctuation ignored; aliases such
/// as Identifier, Rev, Name, Type are accepted; unknown columns are ignored). The separator is
/// ',', ';' (spreadsheets in many locales) or a tab, whichever the header uses.
/// </summary>
public static class CsvRegistryParser
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

        var separator = DetectSeparator(text);
        List<(List<string> Fields, List<int> Columns, int Line)> records;
        try
        {
            records = ReadRecords(text, separator);
        }
        catch (CsvException ex)
        {
            problems.Add(new RegistryProblem(RegistryProblemKind.Unparsable, new RegistryLocation(file, ex.Line, ex.Column), ex.Message));
            return new RegistryFileResult(file, items, problems);
        }

        if (records.Count == 0)
        {
            return new RegistryFileResult(file, items, problems);
        }

        var header = records[0];
        var columns = new string?[header.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = ItemFields.Canonical(header.Fields[i]);
            if (columns[i] is not null && Array.IndexOf(columns, columns[i], 0, i) >= 0)
            {
                problems.Add(new RegistryProblem(
                    RegistryProblemKind.Unparsable,
                    new RegistryLocation(file, header.Line, header.Columns[i]),
                    "Column '" + header.Fields[i] + "' means the same as an earlier column ('" + columns[i] + "'); keep one of them."));
                columns[i] = null;
            }
        }

        if (Array.IndexOf(columns, ItemFields.Id) < 0)
        {
            problems.Add(new RegistryProblem(
                RegistryProblemKind.Unparsable,
                new RegistryLocation(file, header.Line, 1),
                "The header row has no id column (found: " + string.Join(", ", header.Fields) + "). Name one column 'Id' (or Identifier, Key, Requirement ID)."));
            return new RegistryFileResult(file, items, problems);
        }

        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue; // an empty line
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new RegistryProblem(
                    RegistryProblemKind.Unparsable,
                    new RegistryLocation(file, record.Line, 1),
                    "This row has " + record.Fields.Count + " fields but the header has " + header.Fields.Count + "; quote values that contain '" + separator + "' (\"a" + separator + " b\")."));
                continue;
            }

            var fields = new Dictionary<string, RawField>(StringComparer.Ordinal);
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c] is { } name && record.Fields[c].Trim().Length > 0)
                {
                    fields[name] = new RawField(record.Fields[c], null, new RegistryLocation(file, record.Line, record.Columns[c]));
                }
            }

            if (ItemFields.Build(fields, new RegistryLocation(file, record.Line, 1), problems) is { } item)
            {
                items.Add(item);
            }
        }

        return new RegistryFileResult(file, items, problems);
    }

    /// <summary>Quotes a field for CSV output when it needs it.</summary>
    public static string Quote(string value, char separator = ',')
    {
        if (value.IndexOf(separator) < 0 && value.IndexOf('"') < 0 && value.IndexOf('\n') < 0 && value.IndexOf('\r') < 0
            && (value.Length == 0 || (value[0] != ' ' && value[value.Length - 1] != ' ')))
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    private static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static List<(List<string> Fields, List<int> Columns, int Line)> ReadRecords(string text, char separator)
    {
        var records = new List<(List<string>, List<int>, int)>();
        var fields = new List<string>();
        var columns = new List<int>();
        var field = new StringBuilder();
        var line = 1;
        var column = 1;
        var recordLine = 1;
        var fieldColumn = 1;
        var i = 0;
        var quoted = false;
        var wasQuoted = false;
        var quoteLine = 0;
        var quoteColumn = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        column += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    column++;
                    continue;
                }

                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    c = '\n';
                }

                field.Append(c == '\r' ? '\n' : c);
                if (c is '\n' or '\r')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }

                i++;
                continue;
            }

            if (c == '"')
            {
                if (field.ToString().Trim().Length > 0 || wasQuoted)
                {
                    throw new CsvException(line, column, "A quote inside an unquoted field: quote the whole field and double the inner quotes (\"say \"\"hi\"\"\").");
                }

                field.Clear();
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
                quoteColumn = column;
                i++;
                column++;
                continue;
            }

            if (c == separator)
            {
                fields.Add(field.ToString());
                columns.Add(fieldColumn);
                field.Clear();
                wasQuoted = false;
                i++;
                column++;
                fieldColumn = column;
                continue;
            }

            if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                columns.Add(fieldColumn);
                records.Add((fields, columns, recordLine));
                fields = new List<string>();
                columns = new List<int>();
                field.Clear();
                wasQuoted = false;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                column = 1;
                fieldColumn = 1;
                recordLine = line;
                continue;
            }

            if (wasQuoted && c != ' ')
            {
                throw new CsvException(line, column, "Text after a closing quote: a quoted field must end at the separator or the end of the line.");
            }

            if (!wasQuoted)
            {
                field.Append(c);
            }

            i++;
            column++;
        }

        if (quoted)
        {
            throw new CsvException(quoteLine, quoteColumn, "This quoted field is never closed: add the closing quote.");
        }

        if (field.Length > 0 || fields.Count > 0 || wasQuoted)
        {
            fields.Add(field.ToString());
            columns.Add(fieldColumn);
            records.Add((fields, columns, recordLine));
        }

        return records;
    }

    private sealed class CsvException : Exception
    {
        public CsvException(int line, int column, string message)
            : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }
}
