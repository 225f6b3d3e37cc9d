using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>A node of the YAML subset (scalar, sequence or mapping) with its 1-based position.</summary>
internal abstract class YamlNode
{
    protected YamlNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string? value, int line, int column)
        : base(line, column)
    {
        Value = value;
    }

    /// <summary>The value; null for an empty value, <c>~</c> or <c>null</c>.</summary>
    public string? Value { get; }
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(int line, int column)
        : base(line, column)
    {
    }

    public List<YamlNode?> Items { get; } = new();
}

internal sealed class YamlMapping : YamlNode
{
    public YamlMapping(int line, int column)
        : base(line, column)
    {
    }

    public List<KeyValuePair<YamlScalar, YamlNode?>> Entries { get; } = new();
}

/// <summary>A position and message for a YAML document that is outside the subset or broken.</summary>
internal sealed class YamlSubsetException : Exception
{
    public YamlSubsetException(int line, int column, string message)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A reader for the YAML subset BuildGuard documents for registries (docs/traceability.md): block
/// mappings and sequences (indented with spaces), plain, single- and double-quoted scalars (also
/// over several lines), literal (<c>|</c>) and folded (<c>&gt;</c>) block scalars, one-line flow
/// sequences (<c>[a, b]</c>) and comments. Anchors, aliases, tags, flow mappings and complex keys
/// are refused with the line and column, never misread.
/// </summary>
internal sealed class YamlSubsetReader
{
    private readonly string[] _raw;
    private readonly int[] _indent;
    private readonly string?[] _content;
    private int _pos;

    private YamlSubsetReader(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        _raw = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        _indent = new int[_raw.Length];
        _content = new string?[_raw.Length];
        for (var i = 0; i < _raw.Length; i++)
        {
            var line = _raw[i];
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }

            _indent[i] = indent;
            var rest = line.Substring(indent).TrimEnd(' ', '\t');
            if (rest.Length == 0 || rest[0] == '#' || (indent == 0 && (rest == "---" || rest == "..." || rest.StartsWith("--- ", StringComparison.Ordinal) || rest.StartsWith("%", StringComparison.Ordinal))))
            {
                _content[i] = null;
                continue;
            }

            if (rest[0] == '\t')
            {
                throw new YamlSubsetException(i + 1, indent + 1, "A tab is used for indentation; YAML allows only spaces there.");
            }

            _content[i] = rest;
        }

        _pos = Next(0);
    }

    /// <summary>Parses a document; null when it is empty. Throws <see cref="YamlSubsetException"/>.</summary>
    public static YamlNode? Parse(string text)
    {
        var reader = new YamlSubsetReader(text);
        if (reader._pos >= reader._raw.Length)
        {
            return null;
        }

        var indent = reader._indent[reader._pos];
        var node = reader.ParseBlock(indent);
        if (reader._pos < reader._raw.Length)
        {
            throw new YamlSubsetException(reader._pos + 1, reader._indent[reader._pos] + 1, "Unexpected content: check the indentation of this line against the lines above it.");
        }

        return node;
    }

    private int Next(int from)
    {
        var i = from;
        while (i < _raw.Length && _content[i] is null)
        {
            i++;
        }

        return i;
    }

    private static bool IsDash(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    private YamlNode ParseBlock(int indent)
    {
        var content = _content[_pos]!;
        return IsDash(content) ? ParseSequence(indent) : ParseMapping(indent);
    }

    private YamlSequence ParseSequence(int indent)
    {
        var sequence = new YamlSequence(_pos + 1, indent + 1);
        while (_pos < _raw.Length && _indent[_pos] == indent && IsDash(_content[_pos]!))
        {
            var content = _content[_pos]!;
            var spaces = 1;
            while (spaces < content.Length && content[spaces] == ' ')
            {
                spaces++;
            }

            var rest = content.Substring(spaces);
            var restIndent = indent + spaces;
            if (rest.Length == 0 || rest[0] == '#')
            {
                var next = Next(_pos + 1);
                _pos = next;
                if (next < _raw.Length && _indent[next] > indent)
                {
                    sequence.Items.Add(ParseBlock(_indent[next]));
                }
                else
                {
                    sequence.Items.Add(null);
                }
            }
            else if (IsDash(rest) || IsMappingEntry(rest))
            {
                // "- id: x" or "- - x": the item is a block that starts on this line.
                _indent[_pos] = restIndent;
                _content[_pos] = rest;
                sequence.Items.Add(ParseBlock(restIndent));
            }
            else
            {
                sequence.Items.Add(ParseInlineValue(rest, _pos, restIndent, indent));
            }

            if (_pos < _raw.Length && _indent[_pos] > indent && !(IsDash(_content[_pos]!) && _indent[_pos] == indent))
            {
                throw new YamlSubsetException(_pos + 1, _indent[_pos] + 1, "Unexpected indentation: this line is indented more than the sequence item above it.");
            }
        }

        return sequence;
    }

    private YamlMapping ParseMapping(int indent)
    {
        var mapping = new YamlMapping(_pos + 1, indent + 1);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (_pos < _raw.Length && _indent[_pos] == indent && !IsDash(_content[_pos]!))
        {
            var content = _content[_pos]!;
            var line = _pos;
            var (key, valueStart) = ParseKey(content, line, indent);
            if (!keys.Add(key.Value ?? string.Empty))
            {
                throw new YamlSubsetException(line + 1, indent + 1, "The key '" + key.Value + "' appears twice in this mapping.");
            }

            var valueText = content.Substring(valueStart).TrimStart(' ');
            var valueColumn = indent + content.Length - valueText.Length;
            YamlNode? value;
            if (valueText.Length == 0 || valueText[0] == '#')
            {
                var next = Next(_pos + 1);
                _pos = next;
                if (next < _raw.Length && _indent[next] > indent)
                {
                    value = ParseBlock(_indent[next]);
                }
                else if (next < _raw.Length && _indent[next] == indent && IsDash(_content[next]!))
                {
                    value = ParseSequence(indent);
                }
                else
                {
                    value = null;
                }
            }
            else
            {
                value = ParseInlineValue(valueText, line, valueColumn, indent);
            }

            mapping.Entries.Add(new KeyValuePair<YamlScalar, YamlNode?>(key, value));
            if (_pos < _raw.Length && _indent[_pos] > indent)
            {
                throw new YamlSubsetException(_pos + 1, _indent[_pos] + 1, "Unexpected indentation: this line is indented more than the key above it, which already has a value.");
            }
        }

        return mapping;
    }

    private bool IsMappingEntry(string content)
    {
        if (content.Length == 0)
        {
            return false;
        }

        if (content[0] is '"' or '\'')
        {
            var end = FindClosingQuote(content, 0);
            return end > 0 && end + 1 < content.Length && content[end + 1] == ':' && (end + 2 == content.Length || content[end + 2] == ' ');
        }

        if (content[0] is '[' or '{' or '|' or '>' or '#')
        {
            return false;
        }

        return FindKeyColon(content) >= 0;
    }

    private static int FindKeyColon(string content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
            {
                return i;
            }

            if (content[i] == '#' && i > 0 && content[i - 1] == ' ')
            {
                return -1;
            }
        }

        return -1;
    }

    private static int FindClosingQuote(string content, int start)
    {
        var quote = content[start];
        for (var i = start + 1; i < content.Length; i++)
        {
            if (quote == '"' && content[i] == '\\')
            {
                i++;
                continue;
            }

            if (content[i] == quote)
            {
                if (quote == '\'' && i + 1 < content.Length && content[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    private (YamlScalar Key, int ValueStart) ParseKey(string content, int line, int indent)
    {
        if (content.StartsWith("? ", StringComparison.Ordinal) || content == "?")
        {
            throw new YamlSubsetException(line + 1, indent + 1, "Complex keys ('? ') are not part of the BuildGuard YAML subset; write 'key: value'.");
        }

        if (content[0] is '"' or '\'')
        {
            var end = FindClosingQuote(content, 0);
            if (end < 0 || end + 1 >= content.Length || content[end + 1] != ':')
            {
                throw new YamlSubsetException(line + 1, indent + 1, "Expected 'key: value' with a quoted key closed on the same line.");
            }

            var key = content[0] == '"' ? Unescape(content.Substring(1, end - 1), line, indent + 2) : content.Substring(1, end - 1).Replace("''", "'");
            return (new YamlScalar(key, line + 1, indent + 1), end + 2);
        }

        var colon = FindKeyColon(content);
        if (colon < 0)
        {
            throw new YamlSubsetException(line + 1, indent + 1, "Expected 'key: value' (or '- item' in a sequence), found '" + Shorten(content) + "'.");
        }

        var plain = content.Substring(0, colon).TrimEnd();
        if (plain.Length > 0 && plain[0] is '&' or '*' or '!' or '{' or '[')
        {
            throw new YamlSubsetException(line + 1, indent + 1, "Anchors, aliases, tags and flow collections are not part of the BuildGuard YAML subset.");
        }

        return (new YamlScalar(plain, line + 1, indent + 1), colon + 1);
    }

    /// <summary>Parses the value that starts at <paramref name="text"/> (column <paramref name="column"/>, 0-based) on line <paramref name="line"/>; advances past it.</summary>
    private YamlNode? ParseInlineValue(string text, int line, int column, int parentIndent)
    {
        var first = text[0];
        switch (first)
        {
            case '&':
            case '*':
                throw new YamlSubsetException(line + 1, column + 1, "Anchors (&) and aliases (*) are not part of the BuildGuard YAML subset; repeat the value instead.");
            case '!':
                throw new YamlSubsetException(line + 1, column + 1, "Tags (!) are not part of the BuildGuard YAML subset; remove the tag.");
            case '{':
                throw new YamlSubsetException(line + 1, column + 1, "Flow mappings ({...}) are not part of the BuildGuard YAML subset; write the mapping as indented 'key: value' lines.");
            case '[':
                _pos = Next(line + 1);
                return ParseFlowSequence(text, line, column);
            case '|':
            case '>':
                return ParseBlockScalar(text, line, column, parentIndent);
            case '"':
            case '\'':
                return ParseQuoted(text, line, column);
            default:
                return ParsePlain(text, line, column, parentIndent);
        }
    }

    private YamlSequence ParseFlowSequence(string text, int line, int column)
    {
        var sequence = new YamlSequence(line + 1, column + 1);
        var i = 1;
        while (true)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length)
            {
                throw new YamlSubsetException(line + 1, column + i + 1, "This flow sequence is not closed: write '[a, b]' on one line, or use '- item' lines.");
            }

            if (text[i] == ']')
            {
                i++;
                break;
            }

            if (text[i] is '"' or '\'')
            {
                var end = FindClosingQuote(text, i);
                if (end < 0)
                {
                    throw new YamlSubsetException(line + 1, column + i + 1, "A quoted item of this flow sequence is not closed on the line.");
                }

                var raw = text.Substring(i + 1, end - i - 1);
                sequence.Items.Add(new YamlScalar(text[i] == '"' ? Unescape(raw, line, column + i + 1) : raw.Replace("''", "'"), line + 1, column + i + 1));
                i = end + 1;
            }
            else if (text[i] is '[' or '{')
            {
                throw new YamlSubsetException(line + 1, column + i + 1, "Nested flow collections are not part of the BuildGuard YAML subset.");
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ',' && text[i] != ']')
                {
                    i++;
                }

                var item = text.Substring(start, i - start).Trim();
                sequence.Items.Add(new YamlScalar(PlainValue(item), line + 1, column + start + 1));
            }

            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] == ']')
            {
                i++;
                break;
            }

            throw new YamlSubsetException(line + 1, column + i + 1, i >= text.Length
                ? "This flow sequence is not closed: write '[a, b]' on one line, or use '- item' lines."
                : "Expected ',' or ']' in this flow sequence.");
        }

        var rest = text.Substring(i).Trim();
        if (rest.Length > 0 && rest[0] != '#')
        {
            throw new YamlSubsetException(line + 1, column + i + 1, "Unexpected text after the flow sequence: '" + Shorten(rest) + "'.");
        }

        return sequence;
    }

    private YamlScalar ParsePlain(string text, int line, int column, int parentIndent)
    {
        var value = StripComment(text);
        if (value.StartsWith("- ", StringComparison.Ordinal) || value.EndsWith(":", StringComparison.Ordinal) || value.Contains(": "))
        {
            if (FindKeyColon(value) >= 0)
            {
                throw new YamlSubsetException(line + 1, column + 1, "A value cannot hold a nested 'key: value' on the same line; quote the value or put the mapping on its own indented lines.");
            }
        }

        var builder = new StringBuilder(value);
        var next = Next(line + 1);
        var emptyLines = 0;
        for (var i = line + 1; i < next; i++)
        {
            emptyLines += _raw[i].Trim().Length == 0 ? 1 : 0;
        }

        // Continuation lines of a multi-line plain scalar are indented more than its parent.
        while (next < _raw.Length && _indent[next] > parentIndent && _content[next] is { } more)
        {
            if (FindKeyColon(more) >= 0 || IsDash(more))
            {
                throw new YamlSubsetException(next + 1, _indent[next] + 1, "Unexpected indentation: this line is indented more than the key above it, which already has a value.");
            }

            builder.Append(emptyLines > 0 ? new string('\n', emptyLines) : " ").Append(StripComment(more));
            var after = Next(next + 1);
            emptyLines = 0;
            for (var i = next + 1; i < after; i++)
            {
                emptyLines += _raw[i].Trim().Length == 0 ? 1 : 0;
            }

            next = after;
        }

        _pos = next;
        return new YamlScalar(PlainValue(builder.ToString()), line + 1, column + 1);
    }

    private YamlScalar ParseQuoted(string text, int line, int column)
    {
        var quote = text[0];
        var builder = new StringBuilder();
        var current = line;
        var lineText = _raw[line];
        var i = column + 1;
        _ = text;
        var pendingBreaks = 0;
        var atLineStart = false;
        while (true)
        {
            if (i >= lineText.Length)
            {
                // The scalar goes on to the next line: a line break folds into a space, empty lines into '\n'.
                current++;
                if (current >= _raw.Length)
                {
                    throw new YamlSubsetException(line + 1, column + 1, "This quoted value is never closed: add the closing " + quote + ".");
                }

                lineText = _raw[current];
                i = 0;
                while (i < lineText.Length && lineText[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i >= lineText.Length)
                {
                    pendingBreaks++;
                    continue;
                }

                TrimTrailingBlanks(builder);
                if (atLineStart)
                {
                    atLineStart = false;
                }
                else
                {
                    builder.Append(pendingBreaks > 0 ? new string('\n', pendingBreaks) : " ");
                }

                pendingBreaks = 0;
                continue;
            }

            var c = lineText[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < lineText.Length && lineText[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (quote == '"' && c == '\\')
            {
                if (i + 1 >= lineText.Length)
                {
                    // An escaped line break: the lines join without a space.
                    i++;
                    atLineStart = true;
                    continue;
                }

                i = AppendEscape(lineText, i, builder, current);
                continue;
            }

            builder.Append(c);
            i++;
        }

        var rest = lineText.Substring(i).Trim();
        if (rest.Length > 0 && rest[0] != '#')
        {
            throw new YamlSubsetException(current + 1, i + 1, "Unexpected text after the closing quote: '" + Shorten(rest) + "'.");
        }

        _pos = Next(current + 1);
        return new YamlScalar(builder.ToString(), line + 1, column + 1);
    }

    private static void TrimTrailingBlanks(StringBuilder builder)
    {
        while (builder.Length > 0 && builder[builder.Length - 1] is ' ' or '\t')
        {
            builder.Length--;
        }
    }

    private YamlScalar ParseBlockScalar(string header, int line, int column, int parentIndent)
    {
        var folded = header[0] == '>';
        var chomp = 'c';
        var explicitIndent = 0;
        var spec = StripComment(header).Substring(1);
        foreach (var c in spec)
        {
            if (c is '-' or '+')
            {
                chomp = c;
            }
            else if (c is >= '1' and <= '9')
            {
                explicitIndent = c - '0';
            }
            else
            {
                throw new YamlSubsetException(line + 1, column + 1, "Unexpected '" + c + "' after the block scalar indicator; use |, |-, |+, > , >- or >+.");
            }
        }

        var lines = new List<string>();
        var blockIndent = explicitIndent > 0 ? parentIndent + explicitIndent : -1;
        var i = line + 1;
        for (; i < _raw.Length; i++)
        {
            var raw = _raw[i];
            if (raw.Trim().Length == 0)
            {
                lines.Add(string.Empty);
                continue;
            }

            var indent = _indent[i];
            if (blockIndent < 0)
            {
                if (indent <= parentIndent)
                {
                    break;
                }

                blockIndent = indent;
            }

            if (indent < blockIndent)
            {
                break;
            }

            lines.Add(raw.Substring(blockIndent));
        }

        // Trailing empty lines belong to the chomping, not to the content.
        var trailing = 0;
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailing++;
        }

        var builder = new StringBuilder();
        for (var k = 0; k < lines.Count; k++)
        {
            if (k > 0)
            {
                var previous = lines[k - 1];
                var separatorIsSpace = folded && previous.Length > 0 && lines[k].Length > 0 && previous[0] != ' ' && lines[k][0] != ' ';
                builder.Append(separatorIsSpace ? ' ' : '\n');
                if (folded && previous.Length == 0 && builder.Length >= 2 && builder[builder.Length - 2] == '\n')
                {
                    builder.Length--;
                }
            }

            builder.Append(lines[k]);
        }

        if (lines.Count > 0)
        {
            if (chomp == 'c')
            {
                builder.Append('\n');
            }
            else if (chomp == '+')
            {
                builder.Append('\n', trailing + 1);
            }
        }

        _pos = Next(i);
        return new YamlScalar(builder.ToString(), line + 1, column + 1);
    }

    private static int AppendEscape(string text, int i, StringBuilder builder, int line)
    {
        var e = text[i + 1];
        switch (e)
        {
            case '0': builder.Append('\0'); return i + 2;
            case 'a': builder.Append('\a'); return i + 2;
            case 'b': builder.Append('\b'); return i + 2;
            case 't': case '\t': builder.Append('\t'); return i + 2;
            case 'n': builder.Append('\n'); return i + 2;
            case 'v': builder.Append('\v'); return i + 2;
            case 'f': builder.Append('\f'); return i + 2;
            case 'r': builder.Append('\r'); return i + 2;
            case 'e': builder.Append('\u001b'); return i + 2;
            case ' ': builder.Append(' '); return i + 2;
            case '"': builder.Append('"'); return i + 2;
            case '/': builder.Append('/'); return i + 2;
            case '\\': builder.Append('\\'); return i + 2;
            case 'N': builder.Append('\u0085'); return i + 2;
            case '_': builder.Append('\u00a0'); return i + 2;
            case 'L': builder.Append('\u2028'); return i + 2;
            case 'P': builder.Append('\u2029'); return i + 2;
            case 'x': return AppendCodePoint(text, i, 2, builder, line);
            case 'u': return AppendCodePoint(text, i, 4, builder, line);
            case 'U': return AppendCodePoint(text, i, 8, builder, line);
            default:
                throw new YamlSubsetException(line + 1, i + 1, "Unknown escape '\\" + e + "' in a double-quoted value.");
        }
    }

    private static int AppendCodePoint(string text, int i, int digits, StringBuilder builder, int line)
    {
        if (i + 2 + digits > text.Length
            || !int.TryParse(text.Substring(i + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            throw new YamlSubsetException(line + 1, i + 1, "Invalid escape '\\" + text[i + 1] + "': expected " + digits + " hex digits of a Unicode code point.");
        }

        builder.Append(char.ConvertFromUtf32(code));
        return i + 2 + digits;
    }

    private static string Unescape(string raw, int line, int column)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length;)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                i = AppendEscape(raw, i, builder, line);
            }
            else
            {
                builder.Append(raw[i]);
                i++;
            }
        }

        _ = column;
        return builder.ToString();
    }

    private static string StripComment(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t'))
            {
                return text.Substring(0, i).TrimEnd(' ', '\t');
            }
        }

        return text.TrimEnd(' ', '\t');
    }

    private static string? PlainValue(string text) => text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL" ? null : text;

    private static string Shorten(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;
}
