using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Secrets;

/// <summary>
/// Judges text that may be a secret: known key formats (PEM private keys, cloud and service
/// tokens), random-looking values, connection strings with passwords, and placeholders that are
/// not secrets (<c>"&lt;password&gt;"</c>, <c>"${DB_PASSWORD}"</c>, <c>"changeme"</c>). Shared by the
/// code and configuration-file rules. Never returns or logs the secret itself.
/// </summary>
internal static class SecretText
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Known formats: a cheap substring that must occur, the pattern, and the display name.</summary>
    private static readonly (string Marker, Lazy<Regex> Pattern, string Name)[] KnownFormats =
    {
        ("PRIVATE KEY-----", Pattern(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*[A-Za-z0-9+/=]{40,}", RegexOptions.CultureInvariant), "PEM private key"),
        ("<RSAKeyValue>", Pattern(@"<RSAKeyValue>.*<D>[A-Za-z0-9+/=]{16,}</D>", RegexOptions.CultureInvariant | RegexOptions.Singleline), "RSA private key (XML)"),
        ("AKIA", Pattern(@"(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant), "AWS access key"),
        ("ASIA", Pattern(@"(?<![A-Z0-9])ASIA[0-9A-Z]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant), "AWS temporary access key"),
        ("gh", Pattern(@"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])", RegexOptions.CultureInvariant), "GitHub token"),
        ("github_pat_", Pattern(@"github_pat_[A-Za-z0-9_]{60,}", RegexOptions.CultureInvariant), "GitHub token"),
        ("xox", Pattern(@"(?<![A-Za-z0-9])xox[abposr]-[0-9A-Za-z]{6,}-[0-9A-Za-z-]{6,}", RegexOptions.CultureInvariant), "Slack token"),
        ("hooks.slack.com", Pattern(@"https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}", RegexOptions.CultureInvariant), "Slack webhook URL"),
        ("AccountKey=", Pattern(@"AccountKey=[A-Za-z0-9+/]{86}==", RegexOptions.CultureInvariant), "Azure storage account key"),
        ("SharedAccessKey=", Pattern(@"SharedAccessKey=[A-Za-z0-9+/]{42,44}=", RegexOptions.CultureInvariant), "Azure shared access key"),
        ("AIza", Pattern(@"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])", RegexOptions.CultureInvariant), "Google API key"),
        ("_live_", Pattern(@"(?<![A-Za-z0-9])(?:sk|rk)_live_[0-9a-zA-Z]{24,}", RegexOptions.CultureInvariant), "Stripe secret key"),
        ("npm_", Pattern(@"(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", RegexOptions.CultureInvariant), "npm token"),
    };

    /// <summary>Patterns are compiled on first need: most compilations never meet a marker.</summary>
    private static Lazy<Regex> Pattern(string pattern, RegexOptions options)
        => new(() => new Regex(pattern, options, RegexTimeout), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Public, documented example values that are not secrets.</summary>
    private static readonly string[] PublicValues =
    {
        // The Azure storage emulator's well-known key.
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "EXAMPLE",
    };

    private static readonly Lazy<Regex> ConnectionStringPassword = Pattern(
        @"(?:^|;)\s*(?:password|pwd|passwd)\s*=\s*(?<value>""[^""]*""|'[^']*'|[^;]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Lazy<Regex> UriPassword = Pattern(
        @"[a-z][a-z0-9+.\-]*://[^/:@\s]+:(?<value>[^@/\s]+)@",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Words that, as a whole value or inside one, mark a label or a placeholder, not a secret.</summary>
    private static readonly string[] PlaceholderWords =
    {
        "password", "passwd", "secret", "token", "apikey", "api_key", "changeme", "change_me", "change-me", "placeholder",
        "example", "sample", "dummy", "redacted", "replace", "todo", "fixme", "your", "insert", "enter", "xxxx", "****",
        "null", "none", "empty", "undefined", "default",
    };

    /// <summary>The name of the known secret format the text contains, or null.</summary>
    public static string? KnownFormat(string text)
    {
        if (text.Length < 20)
        {
            return null;
        }

        foreach (var (marker, pattern, name) in KnownFormats)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            try
            {
                var match = pattern.Value.Match(text);
                if (match.Success && !IsPublicValue(match.Value))
                {
                    return name;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>True when a connection string or URI holds a real (non-placeholder) password.</summary>
    public static bool ContainsPassword(string text)
    {
        if (text.IndexOf('=') < 0 && text.IndexOf('@') < 0)
        {
            return false;
        }

        try
        {
            foreach (Match match in ConnectionStringPassword.Value.Matches(text))
            {
                var value = match.Groups["value"].Value.Trim().Trim('"', '\'');
                if (IsRealPassword(value, name: null))
                {
                    return true;
                }
            }

            var uri = UriPassword.Value.Match(text);
            return uri.Success && IsRealPassword(Uri.UnescapeDataString(uri.Groups["value"].Value), name: null);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when a value assigned to a password-named target is a real password: not empty, not a
    /// placeholder or a reference (<c>${…}</c>, <c>%…%</c>, <c>{0}</c>), not a label (it contains a
    /// word such as "password", contains spaces, ends with ':' or repeats the name).
    /// </summary>
    public static bool IsRealPassword(string value, string? name)
    {
        var v = value.Trim();
        if (v.Length == 0 || v.Length > 200 || IsPlaceholder(v))
        {
            return false;
        }

        if (v.IndexOf(' ') >= 0 || v.EndsWith(":", StringComparison.Ordinal) || v.EndsWith(".", StringComparison.Ordinal))
        {
            return false; // a message or a label
        }

        return name is null || !SecurityNames.Compact(v).Equals(SecurityNames.Compact(name), StringComparison.Ordinal);
    }

    /// <summary>
    /// True when a value looks like generated key material: at least 16 characters, no
    /// whitespace, letters and digits, and high character entropy; not a URL, path or placeholder.
    /// </summary>
    public static bool LooksRandom(string value)
    {
        var v = value.Trim();
        if (v.Length < 16 || v.Length > 4096 || IsPlaceholder(v) || IsPublicValue(v))
        {
            return false;
        }

        if (v.IndexOf("://", StringComparison.Ordinal) >= 0 || v.StartsWith("/", StringComparison.Ordinal)
            || v.IndexOf('\\') >= 0 || v.IndexOf('{') >= 0 || v.IndexOf(' ') >= 0)
        {
            return false;
        }

        bool letter = false, digit = false;
        foreach (var c in v)
        {
            letter |= char.IsLetter(c);
            digit |= char.IsDigit(c);
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return letter && digit && Entropy(v) >= 3.5;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in text)
        {
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        var entropy = 0.0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / text.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    /// <summary>Placeholders, references to other configuration and obvious non-values.</summary>
    public static bool IsPlaceholder(string value)
    {
        var v = value.Trim();
        if (v.Length == 0)
        {
            return true;
        }

        if ((v.StartsWith("<", StringComparison.Ordinal) && v.EndsWith(">", StringComparison.Ordinal))
            || (v.StartsWith("[", StringComparison.Ordinal) && v.EndsWith("]", StringComparison.Ordinal))
            || (v.StartsWith("{", StringComparison.Ordinal) && v.EndsWith("}", StringComparison.Ordinal))
            || (v.StartsWith("%", StringComparison.Ordinal) && v.EndsWith("%", StringComparison.Ordinal) && v.Length > 2)
            || (v.StartsWith("__", StringComparison.Ordinal) && v.EndsWith("__", StringComparison.Ordinal))
            || v.StartsWith("${", StringComparison.Ordinal) || v.StartsWith("$(", StringComparison.Ordinal)
            || v.StartsWith("#{", StringComparison.Ordinal) || v.StartsWith("@Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("env:", StringComparison.OrdinalIgnoreCase) || v.StartsWith("vault:", StringComparison.OrdinalIgnoreCase)
            || v.IndexOf("{0}", StringComparison.Ordinal) >= 0 || v.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        if (v.All(c => c == v[0]))
        {
            return true; // "****", "xxxxxxxx"
        }

        var lower = v.ToLowerInvariant();
        foreach (var word in PlaceholderWords)
        {
            if (lower.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPublicValue(string value)
    {
        foreach (var known in PublicValues)
        {
            if (value.IndexOf(known, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
