using System.Text;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>What an identifier says a value is for, as far as security rules care.</summary>
internal enum SecurityPurpose
{
    /// <summary>Nothing security-relevant.</summary>
    None,

    /// <summary>A password, passphrase or PIN-like credential.</summary>
    Password,

    /// <summary>A secret, API key, access key or other secret key material.</summary>
    Secret,

    /// <summary>An authentication, session, CSRF, reset or verification token / code.</summary>
    Token,

    /// <summary>A salt.</summary>
    Salt,

    /// <summary>A nonce or initialization vector.</summary>
    Nonce,

    /// <summary>A cryptographic key.</summary>
    Key,

    /// <summary>A signature or signing operation.</summary>
    Signing,
}

/// <summary>
/// Classifies identifiers (variables, fields, properties, methods, configuration keys) by the
/// words they are made of: <c>adminPassword</c>, <c>DB_PASSWORD</c>, <c>ApiKey</c>,
/// <c>GenerateSessionId</c>. Shared by the cryptography and secrets rules; the decisions are
/// deliberately narrow (the last meaningful word decides) so that <c>PasswordLength</c>,
/// <c>TokenEndpoint</c> or <c>CacheKey</c> are not taken for secrets.
/// </summary>
internal static class SecurityNames
{
    /// <summary>Trailing words that describe a representation, not a purpose (<c>saltBytes</c>).</summary>
    private static readonly HashSet<string> NoiseSuffixes = new(StringComparer.Ordinal)
    {
        "bytes", "byte", "chars", "char", "buffer", "buf", "data", "value", "values", "str", "string", "text",
        "array", "arr", "builder", "sb", "list", "part", "parts", "raw", "hex", "base64", "b64", "span", "memory",
        "material", "out", "result", "temp", "tmp", "new", "generated", "random", "rnd", "plain", "clear", "s",
    };

    /// <summary>Leading verbs of method names (<c>GenerateSalt</c>).</summary>
    private static readonly HashSet<string> VerbPrefixes = new(StringComparer.Ordinal)
    {
        "generate", "gen", "create", "make", "new", "get", "build", "compute", "next", "issue", "random", "init",
        "initialize", "produce", "derive", "fill", "set", "try", "reset",
    };

    /// <summary>Qualifiers that make a trailing "key" a cryptographic or secret key.</summary>
    private static readonly HashSet<string> SecretKeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "crypto", "aes", "hmac",
        "jwt", "master", "shared", "auth", "subscription", "account", "client", "symmetric", "des", "cipher", "mac",
        "session", "storage", "license", "app", "application", "consumer", "service", "admin", "root",
    };

    /// <summary>Compound names ending in "token" that are not credentials (pagination, cancellation).</summary>
    private static readonly string[] BenignTokenNames =
    {
        "continuationtoken", "nexttoken", "pagetoken", "nextpagetoken", "synctoken", "cancellationtoken", "resumetoken",
        "changetoken", "etagtoken", "lexertoken", "parsertoken", "currenttoken", "lasttoken", "previoustoken",
    };

    /// <summary>Splits an identifier into lower-case words: camel humps, digits, '_', '-', '.', ':' and spaces.</summary>
    public static List<string> Words(string identifier)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var previous = identifier[i - 1];
                var next = i + 1 < identifier.Length ? identifier[i + 1] : '\0';
                var hump = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && char.IsLower(next)));
                var digitEdge = char.IsDigit(c) != char.IsDigit(previous);
                if (hump || digitEdge)
                {
                    Flush();
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Lower-case letters and digits only (<c>DB_PASSWORD</c> becomes <c>dbpassword</c>).</summary>
    public static string Compact(string identifier)
    {
        var sb = new StringBuilder(identifier.Length);
        foreach (var c in identifier)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A cheap pre-check (no allocation) before <see cref="PurposeOfName"/>: false when the
    /// identifier cannot name a password, secret, key, token, salt or nonce.
    /// </summary>
    public static bool MayBeSecurityName(string identifier)
    {
        foreach (var fragment in QuickFragments)
        {
            if (identifier.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] QuickFragments =
    {
        "pass", "pwd", "pin", "secret", "key", "token", "otp", "csrf", "xsrf", "salt", "nonce", "iv", "vector", "id", "code",
        "sign",
    };

    /// <summary>True when the identifier names a password (<c>password</c>, <c>adminPwd</c>, <c>DB_PASSWORD</c>).</summary>
    public static bool IsPasswordName(string identifier) => PurposeOfName(identifier, isMethod: false) == SecurityPurpose.Password;

    /// <summary>
    /// True when the identifier names a password or a secret credential (API key, client secret,
    /// access token, private key), the names the secrets rules look at.
    /// </summary>
    public static bool IsCredentialName(string identifier)
        => PurposeOfName(identifier, isMethod: false) is SecurityPurpose.Password or SecurityPurpose.Secret or SecurityPurpose.Token or SecurityPurpose.Key;

    /// <summary>
    /// The security purpose an identifier names, judged by its last meaningful word (after
    /// dropping representation suffixes such as <c>Bytes</c> and, for methods, leading verbs).
    /// </summary>
    public static SecurityPurpose PurposeOfName(string identifier, bool isMethod)
    {
        if (!MayBeSecurityName(identifier))
        {
            return SecurityPurpose.None;
        }

        var words = Words(identifier);
        while (words.Count > 1 && NoiseSuffixes.Contains(words[words.Count - 1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (isMethod)
        {
            while (words.Count > 1 && VerbPrefixes.Contains(words[0]))
            {
                words.RemoveAt(0);
            }
        }

        if (words.Count == 0)
        {
            return SecurityPurpose.None;
        }

        var last = words[words.Count - 1];
        var beforeLast = words.Count > 1 ? words[words.Count - 2] : string.Empty;
        var compact = string.Concat(words);

        switch (last)
        {
            case "password":
            case "passwd":
            case "pwd":
            case "passphrase":
            case "passcode":
                return SecurityPurpose.Password;
            case "pass" when beforeLast is "db" or "user" or "admin" or "root" or "login" or "smtp" or "ftp" or "mail" or "proxy":
                return SecurityPurpose.Password;
            case "pin" when beforeLast is "user" or "card" or "admin" or "device" or "sim":
                return SecurityPurpose.Password;
            case "secret":
            case "secrets":
                return SecurityPurpose.Secret;
            case "apikey":
            case "accesskey":
            case "secretkey":
            case "privatekey":
                return SecurityPurpose.Secret;
            case "token":
            case "tokens":
                foreach (var benign in BenignTokenNames)
                {
                    if (compact.EndsWith(benign, StringComparison.Ordinal))
                    {
                        return SecurityPurpose.None;
                    }
                }

                return SecurityPurpose.Token;
            case "otp":
            case "totp":
            case "hotp":
            case "csrf":
            case "xsrf":
                return SecurityPurpose.Token;
            case "id" when beforeLast is "session" or "sid":
                return SecurityPurpose.Token;
            case "code" when beforeLast is "reset" or "verification" or "verify" or "activation" or "confirmation" or "otp" or "auth" or "authentication" or "recovery" or "invite" or "invitation" or "security" or "login" or "access":
                return SecurityPurpose.Token;
            case "salt":
            case "salts":
                return SecurityPurpose.Salt;
            case "nonce":
            case "iv":
                return SecurityPurpose.Nonce;
            case "vector" when beforeLast == "initialization":
                return SecurityPurpose.Nonce;
            case "key":
            case "keys":
                return SecretKeyQualifiers.Contains(beforeLast) ? (beforeLast is "api" or "access" or "subscription" or "account" or "storage" or "license" or "app" or "application" or "consumer" or "service" or "client" or "admin" or "root" ? SecurityPurpose.Secret : SecurityPurpose.Key) : SecurityPurpose.None;
            case "signature":
            case "signing":
                return SecurityPurpose.Signing;
            default:
                // Lower-case compounds without separators: "adminpassword", "apikey".
                if (words.Count == 1)
                {
                    if (last.EndsWith("password", StringComparison.Ordinal) || last.EndsWith("passwd", StringComparison.Ordinal))
                    {
                        return SecurityPurpose.Password;
                    }

                    if (last.EndsWith("apikey", StringComparison.Ordinal) || last.EndsWith("secretkey", StringComparison.Ordinal) || last.EndsWith("accesskey", StringComparison.Ordinal) || last.EndsWith("clientsecret", StringComparison.Ordinal))
                    {
                        return SecurityPurpose.Secret;
                    }
                }

                return SecurityPurpose.None;
        }
    }

    private static readonly HashSet<string> SigningOrPasswordWords = new(StringComparer.Ordinal)
    {
        "sign", "signs", "signature", "signatures", "signing", "signed", "signer", "password", "passwords", "passwd", "pwd",
        "passphrase", "jwt", "jws",
    };

    /// <summary>
    /// True when any word of the identifier is about signing or passwords (<c>SignRequest</c>,
    /// <c>ComputeSignature</c>, <c>HashPassword</c>, <c>JwtSigner</c>).
    /// </summary>
    public static bool MentionsSigningOrPassword(string identifier)
    {
        foreach (var word in Words(identifier))
        {
            if (SigningOrPasswordWords.Contains(word))
            {
                return true;
            }
        }

        var compact = Compact(identifier);
        return compact.Contains("password") || compact.Contains("signature");
    }

    /// <summary>A short English phrase for a purpose ("a password", "a token").</summary>
    public static string Describe(SecurityPurpose purpose) => purpose switch
    {
        SecurityPurpose.Password => "a password",
        SecurityPurpose.Secret => "a secret",
        SecurityPurpose.Token => "a token",
        SecurityPurpose.Salt => "a salt",
        SecurityPurpose.Nonce => "a nonce or IV",
        SecurityPurpose.Key => "a key",
        SecurityPurpose.Signing => "a signature",
        _ => "a security value",
    };
}
