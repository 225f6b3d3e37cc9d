using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Traceability;

/// <summary>A JSON value with its 1-based position (the analyzers may not use System.Text.Json).</summary>
internal sealed class JsonValue
{
    private JsonValue(char kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    /// <summary>'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 'z' null.</summary>
    public char Kind { get; }

    public int Line { get; }

    public int Column { get; }

    public string? Text { get; private set; }

    public List<KeyValuePair<string, JsonValue>>? Properties { get; private set; }

    public List<JsonValue>? Items { get; private set; }

    public JsonValue? this[string name]
    {
        get
        {
            if (Properties is null)
            {
                return null;
            }

            foreach (var pair in Properties)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The value as text: strings as they are, numbers and booleans as written; null otherwise.</summary>
    public string? AsText() => Kind is 's' or 'n' or 'b' ? Text : null;

    public static JsonValue Parse(string text) => new Parser(text).ParseDocument();

    private sealed class Parser
    {
        private readonly string _text;
        private int _i;
        private int _line = 1;
        private int _lineStart;

        public Parser(string text)
        {
            _text = text;
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _i = 1;
                _lineStart = 1;
            }
        }

        public JsonValue ParseDocument()
        {
            var value = ParseValue(0);
            SkipWhite();
            if (_i < _text.Length)
            {
                throw Error("Unexpected text after the JSON value.");
            }

            return value;
        }

        private JsonValue ParseValue(int depth)
        {
            if (depth > 256)
            {
                throw Error("The JSON is nested too deeply.");
            }

            SkipWhite();
            if (_i >= _text.Length)
            {
                throw Error("Unexpected end of the file: a JSON value is missing.");
            }

            var line = _line;
            var column = _i - _lineStart + 1;
            var c = _text[_i];
            switch (c)
            {
                case '{':
                {
                    _i++;
                    var value = new JsonValue('o', line, column) { Properties = new List<KeyValuePair<string, JsonValue>>() };
                    SkipWhite();
                    if (Peek() == '}')
                    {
                        _i++;
                        return value;
                    }

                    while (true)
                    {
                        SkipWhite();
                        if (Peek() != '"')
                        {
                            throw Error("Expected a property name in double quotes.");
                        }

                        var name = ReadString();
                        SkipWhite();
                        Expect(':');
                        value.Properties.Add(new KeyValuePair<string, JsonValue>(name, ParseValue(depth + 1)));
                        SkipWhite();
                        if (Peek() == ',')
                        {
                            _i++;
                            continue;
                        }

                        Expect('}');
                        return value;
                    }
                }

                case '[':
                {
                    _i++;
                    var value = new JsonValue('a', line, column) { Items = new List<JsonValue>() };
                    SkipWhite();
                    if (Peek() == ']')
                    {
                        _i++;
                        return value;
                    }

                    while (true)
                    {
                        value.Items.Add(ParseValue(depth + 1));
                        SkipWhite();
                        if (Peek() == ',')
                        {
                            _i++;
                            continue;
                        }

                        Expect(']');
                        return value;
                    }
                }

                case '"':
                    return new JsonValue('s', line, column) { Text = ReadString() };
                case 't':
                    ExpectWord("true");
                    return new JsonValue('b', line, column) { Text = "true" };
                case 'f':
                    ExpectWord("false");
                    return new JsonValue('b', line, column) { Text = "false" };
                case 'n':
                    ExpectWord("null");
                    return new JsonValue('z', line, column);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        var start = _i;
                        while (_i < _text.Length && (char.IsDigit(_text[_i]) || _text[_i] is '-' or '+' or '.' or 'e' or 'E'))
                        {
                            _i++;
                        }

                        var number = _text.Substring(start, _i - start);
                        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        {
                            throw Error("'" + number + "' is not a JSON number.");
                        }

                        return new JsonValue('n', line, column) { Text = number };
                    }

                    throw Error("Unexpected character '" + c + "'.");
            }
        }

        private char Peek() => _i < _text.Length ? _text[_i] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error("Expected '" + c + "'.");
            }

            _i++;
        }

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(_text, _i, word, 0, word.Length) != 0)
            {
                throw Error("Unexpected text; expected '" + word + "'.");
            }

            _i += word.Length;
        }

        private string ReadString()
        {
            _i++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_i >= _text.Length)
                {
                    throw Error("A string is never closed.");
                }

                var c = _text[_i++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c == '\n')
                {
                    throw Error("A line break inside a string: write it as \\n.");
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = Peek();
                _i++;
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _text.Length || !int.TryParse(_text.Substring(_i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("Invalid \\u escape.");
                        }

                        builder.Append((char)code);
                        _i += 4;
                        break;
                    default:
                        throw Error("Unknown escape '\\" + e + "'.");
                }
            }
        }

        private void SkipWhite()
        {
            while (_i < _text.Length)
            {
                var c = _text[_i];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _i + 1;
                }
                else if (c is not (' ' or '\t' or '\r'))
                {
                    return;
                }

                _i++;
            }
        }

        private JsonSyntaxException Error(string message) => new(_line, _i - _lineStart + 1, message);
    }
}

/// <summary>A JSON syntax error with its position.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(int line, int column, string message)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
