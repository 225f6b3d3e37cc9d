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
        var limit = Math.Max(2, id.Length / 3);
        var upper = id.ToUpperInvariant();
        foreach (var candidate in known)
        {
            if (Math.Abs(candidate.Length - id.Length) > limit)
            {
                continue;
            }

            var distance = Distance(upper, candidate.ToUpperInvariant(), Math.Min(limit, bestDistance));
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
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

    /// <summary>Levenshtein distance, giving up (returning max + 1) once it exceeds <paramref name="max"/>.</summary>
    private static int Distance(string a, string b, int max)
    {
        if (a == b)
        {
            return 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
