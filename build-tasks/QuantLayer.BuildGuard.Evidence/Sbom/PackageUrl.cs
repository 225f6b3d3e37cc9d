using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Package URLs (purl, <c>pkg:type/namespace/name@version</c>) as the purl specification writes
/// them: name and version percent-encoded except for unreserved characters (so a NuGet version's
/// <c>+</c> becomes <c>%2B</c>). NuGet purls have no namespace and keep the id's case.
/// </summary>
public sealed record PackageUrl(string Type, string? Namespace, string Name, string? Version)
{
    /// <summary>The purl of a NuGet package: <c>pkg:nuget/Id@Version</c>.</summary>
    public static string NuGet(string id, string? version) => new PackageUrl("nuget", null, id, version).ToString();

    /// <summary>Parses a purl (qualifiers and subpath are ignored). Throws <see cref="FormatException"/>.</summary>
    public static PackageUrl Parse(string purl)
    {
        if (!purl.StartsWith("pkg:", StringComparison.Ordinal))
        {
            throw new FormatException($"'{purl}' is not a package URL: it must start with 'pkg:'");
        }

        var rest = purl.Substring(4).TrimStart('/');
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest.Substring(0, hash);
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            rest = rest.Substring(0, question);
        }

        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Decode(rest.Substring(at + 1));
            rest = rest.Substring(0, at);
        }

        var parts = rest.Split('/');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[parts.Length - 1].Length == 0)
        {
            throw new FormatException($"'{purl}' is not a package URL: it needs a type and a name (pkg:type/name)");
        }

        var type = parts[0].ToLowerInvariant();
        var name = Decode(parts[parts.Length - 1]);
        var ns = parts.Length > 2 ? string.Join("/", parts.Skip(1).Take(parts.Length - 2).Select(Decode)) : null;
        return new PackageUrl(type, ns, name, string.IsNullOrEmpty(version) ? null : version);
    }

    /// <summary>True when <paramref name="purl"/> parses.</summary>
    public static bool TryParse(string? purl, out PackageUrl? result)
    {
        result = null;
        if (purl is null)
        {
            return false;
        }

        try
        {
            result = Parse(purl);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The canonical text.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("pkg:").Append(Type).Append('/');
        if (!string.IsNullOrEmpty(Namespace))
        {
            foreach (var segment in Namespace!.Split('/'))
            {
                builder.Append(Encode(segment)).Append('/');
            }
        }

        builder.Append(Encode(Name));
        if (!string.IsNullOrEmpty(Version))
        {
            builder.Append('@').Append(Encode(Version!));
        }

        return builder.ToString();
    }

    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value);
}
