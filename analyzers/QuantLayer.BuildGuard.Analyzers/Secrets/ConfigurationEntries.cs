using System.Text;
using System.Xml;
using Microsoft.CodeAnalysis.Text;

namespace QuantLayer.BuildGuard.Analyzers.Secrets;

/// <summary>One string value of a configuration file, with its key path and where it is.</summary>
internal readonly struct ConfigurationEntry
{
    public ConfigurationEntry(string path, string key, string value, TextSpan span)
    {
        Path = path;
        Key = key;
        Value = value;
        Span = span;
    }

    /// <summary>The key path, e.g. <c>ConnectionStrings:Default</c> or <c>appSettings/ApiKey</c>.</summary>
    public string Path { get; }

    /// <summary>The last key of the path (the name the value is stored under).</summary>
    public string Key { get; }

    /// <summary>The value (never put into a message).</summary>
    public string Value { get; }

    /// <summary>The value's location in the file.</summary>
    public TextSpan Span { get; }
}

/// <summary>
/// Reads the string values of configuration files: a tolerant JSON reader for appsettings*.json
/// (comments and trailing commas allowed, as in .NET's configuration) and an XML reader for
/// *.config (appSettings <c>add key/value</c>, connection strings, any attribute or element).
/// Malformed files yield what was read before the error; nothing throws.
/// </summary>
internal static class ConfigurationEntries
{
    /// <summary>The string values of a JSON document.</summary>
    public static List<ConfigurationEntry> ReadJson(string text)
    {
        var entries = new List<ConfigurationEntry>();
        var reader = new JsonReader(text, entries);
        try
        {
            reader.ReadDocument();
        }
        catch (FormatException)
        {
            // Keep what was read; a malformed file is not this rule's concern.
        }

        return entries;
    }

    /// <summary>The attribute values and element texts of an XML document.</summary>
    public static List<ConfigurationEntry> ReadXml(SourceText text)
    {
        var entries = new List<ConfigurationEntry>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        var content = text.ToString();
        try
        {
            using var stringReader = new StringReader(content);
            using var reader = XmlReader.Create(stringReader, settings);
            var info = (IXmlLineInfo)reader;
            var elements = new List<string>();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    while (elements.Count > reader.Depth)
                    {
                        elements.RemoveAt(elements.Count - 1);
                    }

                    elements.Add(reader.LocalName);
                    var path = string.Join("/", elements);
                    string? key = null;
                    string? valueAttribute = null;
                    TextSpan valueSpan = default;
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            var span = AttributeValueSpan(text, info.LineNumber, info.LinePosition, reader.Value);
                            switch (reader.LocalName)
                            {
                                case "key":
                                case "name":
                                    key ??= reader.Value;
                                    break;
                                case "value":
                                    valueAttribute = reader.Value;
                                    valueSpan = span;
                                    break;
                                default:
                                    entries.Add(new ConfigurationEntry(path + "@" + reader.LocalName, reader.LocalName, reader.Value, span));
                                    break;
                            }
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    // <add key="ApiKey" value="..."/>: the value is stored under the key.
                    if (valueAttribute is not null)
                    {
                        entries.Add(new ConfigurationEntry(path + "[" + (key ?? string.Empty) + "]", key ?? "value", valueAttribute, valueSpan));
                    }

                    if (reader.IsEmptyElement)
                    {
                        elements.RemoveAt(elements.Count - 1);
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    while (elements.Count > reader.Depth)
                    {
                        elements.RemoveAt(elements.Count - 1);
                    }

                    if (elements.Count == 0)
                    {
                        continue;
                    }

                    var position = Position(text, info.LineNumber, info.LinePosition);
                    var value = reader.Value;
                    entries.Add(new ConfigurationEntry(string.Join("/", elements), elements[elements.Count - 1], value.Trim(), new TextSpan(position, Math.Min(value.Length, Math.Max(0, text.Length - position)))));
                }
            }
        }
        catch (XmlException)
        {
            // Keep what was read.
        }

        return entries;
    }

    private static int Position(SourceText text, int line, int column)
    {
        if (line <= 0 || line > text.Lines.Count)
        {
            return 0;
        }

        var start = text.Lines[line - 1].Start;
        return Math.Min(start + Math.Max(0, column - 1), text.Length);
    }

    /// <summary>The span of an attribute's value: after the attribute name's position, the first quote.</summary>
    private static TextSpan AttributeValueSpan(SourceText text, int line, int column, string value)
    {
        var position = Position(text, line, column);
        var end = Math.Min(text.Length, position + 4096);
        for (var i = position; i < end; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = i + 1;
                while (close < text.Length && text[close] != c)
                {
                    close++;
                }

                return TextSpan.FromBounds(i + 1, Math.Max(i + 1, close));
            }
        }

        return new TextSpan(position, 0);
    }

    /// <summary>A small recursive-descent JSON reader that records string values with their paths.</summary>
    private sealed class JsonReader
    {
        private readonly string text;
        private readonly List<ConfigurationEntry> entries;
        private int position;
        private int depth;

        public JsonReader(string text, List<ConfigurationEntry> entries)
        {
            this.text = text;
            this.entries = entries;
        }

        public void ReadDocument()
        {
            SkipTrivia();
            if (position < text.Length && text[position] == '\uFEFF')
            {
                position++;
                SkipTrivia();
            }

            ReadValue(string.Empty, string.Empty);
        }

        private void ReadValue(string path, string key)
        {
            SkipTrivia();
            if (position >= text.Length)
            {
                throw new FormatException("unexpected end");
            }

            if (++depth > 64)
            {
                throw new FormatException("too deep");
            }

            try
            {
                switch (text[position])
                {
                    case '{':
                        ReadObject(path);
                        break;
                    case '[':
                        ReadArray(path, key);
                        break;
                    case '"':
                        var start = position + 1;
                        var value = ReadString();
                        entries.Add(new ConfigurationEntry(path, key, value, TextSpan.FromBounds(start, Math.Max(start, position - 1))));
                        break;
                    default:
                        // number, true, false, null
                        while (position < text.Length && ",}] \t\r\n/".IndexOf(text[position]) < 0)
                        {
                            position++;
                        }

                        break;
                }
            }
            finally
            {
                depth--;
            }
        }

        private void ReadObject(string path)
        {
            position++; // {
            while (true)
            {
                SkipTrivia();
                if (position >= text.Length)
                {
                    throw new FormatException("unterminated object");
                }

                if (text[position] == '}')
                {
                    position++;
                    return;
                }

                if (text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (text[position] != '"')
                {
                    throw new FormatException("expected a property name");
                }

                var name = ReadString();
                SkipTrivia();
                if (position >= text.Length || text[position] != ':')
                {
                    throw new FormatException("expected ':'");
                }

                position++;
                ReadValue(path.Length == 0 ? name : path + ":" + name, name);
            }
        }

        private void ReadArray(string path, string key)
        {
            position++; // [
            var index = 0;
            while (true)
            {
                SkipTrivia();
                if (position >= text.Length)
                {
                    throw new FormatException("unterminated array");
                }

                if (text[position] == ']')
                {
                    position++;
                    return;
                }

                if (text[position] == ',')
                {
                    position++;
                    continue;
                }

                ReadValue(path + ":" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), key);
                index++;
            }
        }

        private string ReadString()
        {
            position++; // opening quote
            var sb = new StringBuilder();
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (position >= text.Length)
                {
                    break;
                }

                var e = text[position++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when position + 4 <= text.Length
                        && int.TryParse(text.Substring(position, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        position += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }

            throw new FormatException("unterminated string");
        }

        private void SkipTrivia()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    position++;
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
                {
                    while (position < text.Length && text[position] != '\n')
                    {
                        position++;
                    }
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '*')
                {
                    var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    position = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
