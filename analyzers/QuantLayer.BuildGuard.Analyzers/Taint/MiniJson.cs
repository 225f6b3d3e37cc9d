using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>The kind of a JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value with the position it was read at (analyzers may not use System.Text.Json).</summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, TextSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public JsonKind Kind { get; }

    public TextSpan Span { get; }

    /// <summary>String value, or the number's text.</summary>
    public string? Text { get; init; }

    /// <summary>Object members in document order (the key's span, the key, the value).</summary>
    public List<(TextSpan KeySpan, string Key, JsonNode Value)> Members { get; } = new();

    public List<JsonNode> Items { get; } = new();
}

/// <summary>A syntax error in a JSON document, with its position.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public JsonSyntaxException()
    {
    }

    public JsonSyntaxException(string message)
        : base(message)
    {
    }

    public JsonSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}

/// <summary>
/// A strict RFC 8259 JSON reader (plus // and /* */ comments, which config files often carry).
/// Recursion is bounded, so a hostile file cannot overflow the stack of the compiler.
/// </summary>
internal static class MiniJson
{
    private const int MaxDepth = 64;

    public static JsonNode Parse(string text)
    {
        var position = 0;
        var node = ParseValue(text, ref position, 0);
        SkipWhitespace(text, ref position);
        if (position < text.Length)
        {
            throw new JsonSyntaxException("unexpected '" + text[position] + "' after the end of the document", position);
        }

        return node;
    }

    private static JsonNode ParseValue(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException("the document nests deeper than " + MaxDepth + " levels", position);
        }

        SkipWhitespace(text, ref position);
        if (position >= text.Length)
        {
            throw new JsonSyntaxException("unexpected end of the document", position);
        }

        var start = position;
        switch (text[position])
        {
            case '{':
            {
                position++;
                var node = new JsonNode(JsonKind.Object, default);
                SkipWhitespace(text, ref position);
                if (Peek(text, position) == '}')
                {
                    position++;
                    return WithSpan(node, start, position);
                }

                while (true)
                {
                    SkipWhitespace(text, ref position);
                    if (Peek(text, position) != '"')
                    {
                        throw new JsonSyntaxException("expected a property name in double quotes", position);
                    }

                    var keyStart = position;
                    var key = ParseString(text, ref position);
                    var keySpan = TextSpan.FromBounds(keyStart, position);
                    SkipWhitespace(text, ref position);
                    Expect(text, ref position, ':');
                    var value = ParseValue(text, ref position, depth + 1);
                    node.Members.Add((keySpan, key, value));
                    SkipWhitespace(text, ref position);
                    if (Peek(text, position) == ',')
                    {
                        position++;
                        continue;
                    }

                    Expect(text, ref position, '}');
                    return WithSpan(node, start, position);
                }
            }

            case '[':
            {
                position++;
                var node = new JsonNode(JsonKind.Array, default);
                SkipWhitespace(text, ref position);
                if (Peek(text, position) == ']')
                {
                    position++;
                    return WithSpan(node, start, position);
                }

                while (true)
                {
                    node.Items.Add(ParseValue(text, ref position, depth + 1));
                    SkipWhitespace(text, ref position);
                    if (Peek(text, position) == ',')
                    {
                        position++;
                        continue;
                    }

                    Expect(text, ref position, ']');
                    return WithSpan(node, start, position);
                }
            }

            case '"':
            {
                var value = ParseString(text, ref position);
                return new JsonNode(JsonKind.String, TextSpan.FromBounds(start, position)) { Text = value };
            }

            case 't':
                ExpectWord(text, ref position, "true");
                return new JsonNode(JsonKind.True, TextSpan.FromBounds(start, position));
            case 'f':
                ExpectWord(text, ref position, "false");
                return new JsonNode(JsonKind.False, TextSpan.FromBounds(start, position));
            case 'n':
                ExpectWord(text, ref position, "null");
                return new JsonNode(JsonKind.Null, TextSpan.FromBounds(start, position));
            default:
                if (text[position] == '-' || char.IsDigit(text[position]))
                {
                    var number = ParseNumber(text, ref position);
                    return new JsonNode(JsonKind.Number, TextSpan.FromBounds(start, position)) { Text = number };
                }

                throw new JsonSyntaxException("unexpected '" + text[position] + "'", position);
        }
    }

    private static JsonNode WithSpan(JsonNode node, int start, int end)
    {
        var copy = new JsonNode(node.Kind, TextSpan.FromBounds(start, end)) { Text = node.Text };
        copy.Members.AddRange(node.Members);
        copy.Items.AddRange(node.Items);
        return copy;
    }

    private static string ParseString(string text, ref int position)
    {
        var start = position;
        position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new JsonSyntaxException("unterminated string", start);
            }

            var c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw new JsonSyntaxException("control character in a string (escape it)", position - 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                throw new JsonSyntaxException("unterminated escape", position - 1);
            }

            var e = text[position++];
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
                    if (position + 4 > text.Length || !int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException("invalid \\u escape", position - 2);
                    }

                    builder.Append((char)code);
                    position += 4;
                    break;
                default:
                    throw new JsonSyntaxException("invalid escape '\\" + e + "'", position - 2);
            }
        }
    }

    private static string ParseNumber(string text, ref int position)
    {
        var start = position;
        if (text[position] == '-')
        {
            position++;
        }

        if (position >= text.Length || !char.IsDigit(text[position]))
        {
            throw new JsonSyntaxException("invalid number", start);
        }

        if (text[position] == '0')
        {
            position++;
        }
        else
        {
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }
        }

        if (position < text.Length && text[position] == '.')
        {
            position++;
            var digits = position;
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }

            if (position == digits)
            {
                throw new JsonSyntaxException("invalid number", start);
            }
        }

        if (position < text.Length && text[position] is 'e' or 'E')
        {
            position++;
            if (position < text.Length && text[position] is '+' or '-')
            {
                position++;
            }

            var digits = position;
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }

            if (position == digits)
            {
                throw new JsonSyntaxException("invalid number", start);
            }
        }

        return text.Substring(start, position - start);
    }

    private static char Peek(string text, int position) => position < text.Length ? text[position] : '\0';

    private static void Expect(string text, ref int position, char expected)
    {
        SkipWhitespace(text, ref position);
        if (Peek(text, position) != expected)
        {
            throw new JsonSyntaxException(position < text.Length ? "expected '" + expected + "' but found '" + text[position] + "'" : "expected '" + expected + "' before the end of the document", position);
        }

        position++;
    }

    private static void ExpectWord(string text, ref int position, string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            throw new JsonSyntaxException("unexpected '" + text[position] + "'", position);
        }

        position += word.Length;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
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
                if (end < 0)
                {
                    throw new JsonSyntaxException("unterminated comment", position);
                }

                position = end + 2;
            }
            else
            {
                return;
            }
        }
    }
}
