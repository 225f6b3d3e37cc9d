namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>
/// The sink categories, one bit each. A taint atom carries a mask of the categories it has been
/// sanitized for: an atom is dangerous for a sink of category C when its mask lacks C. Two extra
/// bits describe the value's shape: <see cref="NotEmbedded"/> (the untrusted value is still the
/// whole string, not part of a larger one) and <see cref="Normalized"/> (it went through
/// <c>Path.GetFullPath</c>, so a prefix check afterwards is a containment check).
/// Fewer bits always means "at least as dangerous", which makes masks a lattice: the join keeps
/// the atoms whose masks are minimal.
/// </summary>
[Flags]
internal enum TaintCategory : uint
{
    /// <summary>No bit.</summary>
    None = 0,

    /// <summary>SQL text (QLB1000).</summary>
    Sql = 1u << 0,

    /// <summary>OS command (QLB1001).</summary>
    Command = 1u << 1,

    /// <summary>File system path (QLB1002).</summary>
    Path = 1u << 2,

    /// <summary>LDAP filter or distinguished name (QLB1003).</summary>
    Ldap = 1u << 3,

    /// <summary>XPath expression (QLB1004).</summary>
    XPath = 1u << 4,

    /// <summary>Raw XML markup (QLB1005).</summary>
    Xml = 1u << 5,

    /// <summary>Log entry (QLB1006).</summary>
    Log = 1u << 6,

    /// <summary>Outgoing request URL or host (QLB1007).</summary>
    Ssrf = 1u << 7,

    /// <summary>Redirect target (QLB1008).</summary>
    Redirect = 1u << 8,

    /// <summary>Regular expression pattern (QLB1009).</summary>
    Regex = 1u << 9,

    /// <summary>Input matched by a backtracking pattern without a timeout (QLB1010).</summary>
    ReDoS = 1u << 10,

    /// <summary>Composite format string (QLB1011).</summary>
    Format = 1u << 11,

    /// <summary>Type, assembly or member name (QLB1012).</summary>
    Reflection = 1u << 12,

    /// <summary>Serialized object graph (QLB1013).</summary>
    Deserialization = 1u << 13,

    /// <summary>Every sink category: a full sanitizer sets them all.</summary>
    AllSinks = (1u << 14) - 1,

    /// <summary>The value went through <c>Path.GetFullPath</c> (and nothing was appended since).</summary>
    Normalized = 1u << 29,

    /// <summary>The untrusted value is the whole string (not concatenated into a larger one).</summary>
    NotEmbedded = 1u << 30,
}

/// <summary>Operations on <see cref="TaintCategory"/> masks.</summary>
internal static class TaintMask
{
    /// <summary>The mask of a fresh atom: nothing sanitized, the value is whole.</summary>
    public const TaintCategory Fresh = TaintCategory.NotEmbedded;

    /// <summary>
    /// The mask of a value that went through <paramref name="inner"/> and then
    /// <paramref name="outer"/>: sanitizer bits accumulate (OR), "not embedded" survives only if
    /// neither step embedded the value (AND).
    /// </summary>
    public static TaintCategory Compose(TaintCategory outer, TaintCategory inner)
        => ((outer | inner) & ~TaintCategory.NotEmbedded) | (outer & inner & TaintCategory.NotEmbedded);

    /// <summary>True when <paramref name="a"/> is at least as dangerous as <paramref name="b"/> (a ⊆ b).</summary>
    public static bool AtLeastAsDangerous(TaintCategory a, TaintCategory b) => (a & ~b) == 0;

    /// <summary>The single category bits of a mask, for display.</summary>
    public static IEnumerable<TaintCategory> Categories(TaintCategory mask)
    {
        for (var bit = 0; bit < 14; bit++)
        {
            var c = (TaintCategory)(1u << bit);
            if ((mask & c) != 0)
            {
                yield return c;
            }
        }
    }
}
