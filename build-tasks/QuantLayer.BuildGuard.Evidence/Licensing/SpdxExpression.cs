using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Licensing;

/// <summary>
/// An SPDX licence expression (SPDX 2.3 Annex D): licence ids (optionally <c>+</c>),
/// <c>LicenseRef-</c> ids, <c>WITH</c> exceptions, <c>AND</c> (binds tighter) and <c>OR</c>, parentheses.
/// Operators are upper case, as the specification asks. <see cref="ToString"/> gives the
/// normalized form (single spaces, parentheses only where needed).
/// </summary>
public abstract class SpdxExpression
{
    private protected SpdxExpression()
    {
    }

    /// <summary>The normalized text of the expression.</summary>
    public abstract override string ToString();

    /// <summary>Parses an expression. Throws <see cref="FormatException"/> saying what is wrong and where.</summary>
    public static SpdxExpression Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var parser = new Parser(text);
        return parser.ParseAll();
    }

    /// <summary>Parses an expression; false (with the reason) when it is not valid.</summary>
    public static bool TryParse(string? text, out SpdxExpression? expression, out string? error)
    {
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the expression is empty";
            return false;
        }

        try
        {
            expression = Parse(text!);
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// The ways a user can satisfy the expression: each alternative is a set of terms that must all
    /// be honoured (<c>A OR (B AND C)</c> gives {A} and {B, C}). At most <paramref name="limit"/>
    /// alternatives are returned.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<SpdxTerm>> Alternatives(int limit = 256)
    {
        var result = Expand(this, limit);
        return result.Select(a => (IReadOnlyList<SpdxTerm>)a.Distinct().ToList()).ToList();
    }

    /// <summary>Every term of the expression, in order.</summary>
    public IEnumerable<SpdxTerm> Terms()
    {
        switch (this)
        {
            case SpdxTerm term:
                yield return term;
                break;
            case SpdxBinary binary:
                foreach (var t in binary.Left.Terms())
                {
                    yield return t;
                }

                foreach (var t in binary.Right.Terms())
                {
                    yield return t;
                }

                break;
        }
    }

    private static List<List<SpdxTerm>> Expand(SpdxExpression expression, int limit)
    {
        switch (expression)
        {
            case SpdxTerm term:
                return new List<List<SpdxTerm>> { new() { term } };
            case SpdxBinary { IsOr: true } or:
                var union = Expand(or.Left, limit);
                union.AddRange(Expand(or.Right, limit));
                return union.Take(limit).ToList();
            case SpdxBinary and:
                var left = Expand(and.Left, limit);
                var right = Expand(and.Right, limit);
                var product = new List<List<SpdxTerm>>();
                foreach (var l in left)
                {
                    foreach (var r in right)
                    {
                        if (product.Count >= limit)
                        {
                            return product;
                        }

                        product.Add(l.Concat(r).ToList());
                    }
                }

                return product;
            default:
                throw new InvalidOperationException("unknown expression node");
        }
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly List<(string Token, int Position)> _tokens = new();
        private int _index;

        public Parser(string text)
        {
            _text = text;
            Tokenize();
        }

        public SpdxExpression ParseAll()
        {
            if (_tokens.Count == 0)
            {
                throw new FormatException("the expression is empty");
            }

            var expression = ParseOr();
            if (_index < _tokens.Count)
            {
                throw Error($"unexpected '{_tokens[_index].Token}'", _tokens[_index].Position);
            }

            return expression;
        }

        private SpdxExpression ParseOr()
        {
            var left = ParseAnd();
            while (Peek() == "OR")
            {
                _index++;
                left = new SpdxBinary(left, ParseAnd(), isOr: true);
            }

            return left;
        }

        private SpdxExpression ParseAnd()
        {
            var left = ParsePrimary();
            while (Peek() == "AND")
            {
                _index++;
                left = new SpdxBinary(left, ParsePrimary(), isOr: false);
            }

            return left;
        }

        private SpdxExpression ParsePrimary()
        {
            if (_index >= _tokens.Count)
            {
                throw Error("the expression ends where a licence id or '(' is expected", _text.Length);
            }

            var (token, position) = _tokens[_index];
            if (token == "(")
            {
                _index++;
                var inner = ParseOr();
                if (Peek() != ")")
                {
                    throw Error("a '(' is not closed", position);
                }

                _index++;
                return inner;
            }

            if (IsOperator(token) || token == ")")
            {
                throw Error($"'{token}' where a licence id is expected", position);
            }

            _index++;
            var orLater = false;
            var id = token;
            if (id.EndsWith("+", StringComparison.Ordinal))
            {
                orLater = true;
                id = id.Substring(0, id.Length - 1);
            }

            CheckId(id, position, allowDocumentRef: true);
            string? exception = null;
            if (Peek() == "WITH")
            {
                _index++;
                if (_index >= _tokens.Count)
                {
                    throw Error("'WITH' must be followed by an exception id", _text.Length);
                }

                var (exceptionToken, exceptionPosition) = _tokens[_index];
                if (IsOperator(exceptionToken) || exceptionToken is "(" or ")")
                {
                    throw Error($"'{exceptionToken}' where an exception id is expected after 'WITH'", exceptionPosition);
                }

                CheckId(exceptionToken, exceptionPosition, allowDocumentRef: false);
                exception = exceptionToken;
                _index++;
            }

            return new SpdxTerm(id, orLater, exception);
        }

        private void CheckId(string id, int position, bool allowDocumentRef)
        {
            var valid = id.Length > 0;
            var colon = id.IndexOf(':');
            if (colon >= 0)
            {
                valid = allowDocumentRef
                    && id.StartsWith("DocumentRef-", StringComparison.Ordinal)
                    && id.Substring(colon + 1).StartsWith("LicenseRef-", StringComparison.Ordinal)
                    && IsIdString(id.Substring(0, colon)) && IsIdString(id.Substring(colon + 1));
            }
            else
            {
                valid = valid && IsIdString(id);
            }

            if (!valid)
            {
                throw Error($"'{id}' is not a valid licence id (letters, digits, '.' and '-' only)", position);
            }

            if (id is "and" or "or" or "with")
            {
                throw Error($"'{id}': operators must be upper case (AND, OR, WITH)", position);
            }
        }

        private static bool IsIdString(string s) => s.Length > 0 && s.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-');

        private static bool IsOperator(string token) => token is "AND" or "OR" or "WITH";

        private string? Peek() => _index < _tokens.Count ? _tokens[_index].Token : null;

        private FormatException Error(string message, int position)
            => new($"{message} (at character {position + 1} of '{_text}')");

        private void Tokenize()
        {
            var i = 0;
            while (i < _text.Length)
            {
                var c = _text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                if (c is '(' or ')')
                {
                    _tokens.Add((c.ToString(), i));
                    i++;
                    continue;
                }

                var start = i;
                while (i < _text.Length && !char.IsWhiteSpace(_text[i]) && _text[i] is not ('(' or ')'))
                {
                    i++;
                }

                var token = _text.Substring(start, i - start);
                var plus = token.IndexOf('+');
                if (plus >= 0 && plus != token.Length - 1)
                {
                    throw Error($"'{token}': '+' may only end a licence id", start);
                }

                _tokens.Add((token, start));
            }
        }
    }
}

/// <summary>One licence term: an id (with <c>+</c> for "or later") and an optional <c>WITH</c> exception.</summary>
public sealed class SpdxTerm : SpdxExpression, IEquatable<SpdxTerm>
{
    internal SpdxTerm(string id, bool orLater, string? exception)
    {
        Id = id;
        OrLater = orLater;
        Exception = exception;
    }

    /// <summary>The licence id (SPDX list id or LicenseRef-…), without the <c>+</c>.</summary>
    public string Id { get; }

    /// <summary>True for <c>id+</c>.</summary>
    public bool OrLater { get; }

    /// <summary>The exception id after <c>WITH</c>, or null.</summary>
    public string? Exception { get; }

    /// <summary>True for a <c>LicenseRef-</c> (or <c>DocumentRef-…:LicenseRef-</c>) id.</summary>
    public bool IsLicenseRef => Id.StartsWith("LicenseRef-", StringComparison.Ordinal) || Id.StartsWith("DocumentRef-", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Id + (OrLater ? "+" : string.Empty) + (Exception is null ? string.Empty : " WITH " + Exception);

    /// <inheritdoc />
    public bool Equals(SpdxTerm? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SpdxTerm);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());
}

/// <summary><c>left AND right</c> or <c>left OR right</c>.</summary>
public sealed class SpdxBinary : SpdxExpression
{
    internal SpdxBinary(SpdxExpression left, SpdxExpression right, bool isOr)
    {
        Left = left;
        Right = right;
        IsOr = isOr;
    }

    /// <summary>The left operand.</summary>
    public SpdxExpression Left { get; }

    /// <summary>The right operand.</summary>
    public SpdxExpression Right { get; }

    /// <summary>True for OR, false for AND.</summary>
    public bool IsOr { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, Left);
        builder.Append(IsOr ? " OR " : " AND ");
        Append(builder, Right);
        return builder.ToString();
    }

    private void Append(StringBuilder builder, SpdxExpression operand)
    {
        // AND binds tighter than OR: an OR inside an AND needs parentheses; the right operand of a
        // left-associative chain keeps them when it is the same operator (a OR (b OR c) stays as written).
        var needs = operand is SpdxBinary inner && ((!IsOr && inner.IsOr) || (ReferenceEquals(operand, Right) && inner.IsOr == IsOr));
        if (needs)
        {
            builder.Append('(').Append(operand).Append(')');
        }
        else
        {
            builder.Append(operand);
        }
    }
}
