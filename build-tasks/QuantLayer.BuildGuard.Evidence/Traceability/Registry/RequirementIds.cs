namespace QuantLayer.BuildGuard.Traceability;

/// <summary>
/// The id syntax shared by every format: a letter, then letters and digits, in groups joined by
/// '-', '_' or '.', at most 64 characters (<c>SR-12</c>, <c>REQ_3.1</c>, <c>TD-4-M</c>).
/// </summary>
public static class RequirementIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The syntax, for messages.</summary>
    public const string SyntaxDescription = "a letter, then letters and digits in groups joined by '-', '_' or '.' (for example SR-12 or REQ_3.1), at most 64 characters";

    /// <summary>True when <paramref name="id"/> follows the id syntax.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || id.Length == 0 || id.Length > MaxLength || !IsAsciiLetter(id[0]))
        {
            return false;
        }

        var previousWasSeparator = false;
        foreach (var c in id)
        {
            if (c is '-' or '_' or '.')
            {
                if (previousWasSeparator)
                {
                    return false;
                }

                previousWasSeparator = true;
            }
            else if (IsAsciiLetter(c) || c is >= '0' and <= '9')
            {
                previousWasSeparator = false;
            }
            else
            {
                return false;
            }
        }

        return !previousWasSeparator;
    }

    /// <summary>
    /// The known id closest to <paramref name="id"/> (case-insensitive edit distance, ties broken by
    /// ordinal order), or null when none is close enough to be a plausible typo.
    /// </summary>
    public static string? Closest(string id, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, id.Length / 3);
        var upper = id.ToUpperInvariant();
        foreach (var candidate in known)
        {
            if (Math.Abs(candidate.Length - id.Length) > limit)
            {
                continue;
            }

            var distance = Distance(upper, candidate.ToUpperInvariant(), Math.Min(limit, bestDistance));
            if (distance < bestDistance || (distance == bestDistance && best is not null && IsBetterTie(upper, candidate, best)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>Among equally distant ids, the one sharing the longer prefix wins ("SR-1" → "SR-12", not "FR-1"), then ordinal order.</summary>
    private static bool IsBetterTie(string upperId, string candidate, string best)
    {
        var a = CommonPrefix(upperId, candidate.ToUpperInvariant());
        var b = CommonPrefix(upperId, best.ToUpperInvariant());
        return a != b ? a > b : string.CompareOrdinal(candidate, best) < 0;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    /// <summary>Splits a list value ("T-1, T-2; T-3" or "T-1 T-2") into its ids.</summary>
    public static IReadOnlyList<string> SplitList(string? value)
    {
        if (value is null)
        {
            return Array.Empty<string>();
        }

        return value.Split(new[] { ',', ';', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Edit distance with adjacent transpositions (optimal string alignment: "SR-21" is one edit from
    /// "SR-12"), giving up (returning max + 1) once every alignment exceeds <paramref name="max"/>.
    /// </summary>
    private static int Distance(string a, string b, int max)
    {
        if (a == b)
        {
            return 0;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i, j - 1] + 1, d[i - 1, j] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max + 1)
            {
                return max + 1;
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
