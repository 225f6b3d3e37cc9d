using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Signing.Keys;

/// <summary>One PEM block (RFC 7468): its label, the RFC 1421 headers if any, and the decoded bytes.</summary>
public sealed class PemBlock
{
    /// <summary>Creates a block.</summary>
    public PemBlock(string label, byte[] data, bool hasHeaders)
    {
        Label = label;
        Data = data;
        HasHeaders = hasHeaders;
    }

    /// <summary>The label between "BEGIN " and the dashes, e.g. "PRIVATE KEY".</summary>
    public string Label { get; }

    /// <summary>The base64-decoded content.</summary>
    public byte[] Data { get; }

    /// <summary>True when the block had "Name: value" headers (legacy OpenSSL encryption uses them).</summary>
    public bool HasHeaders { get; }
}

/// <summary>Reads and writes PEM text (RFC 7468), without ever putting its content in an exception message.</summary>
public static class Pem
{
    private const string Dashes = "-----";

    /// <summary>True when the text looks like it carries a PEM block (used to refuse key material where a path is expected).</summary>
    public static bool LooksLikePem(string? text) => text is not null && text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0;

    /// <summary>The first PEM block in the text, or null when there is none. Throws <see cref="FormatException"/> for a broken block.</summary>
    public static PemBlock? ReadFirst(string text)
    {
        var begin = text.IndexOf(Dashes + "BEGIN ", StringComparison.Ordinal);
        if (begin < 0)
        {
            return null;
        }

        var labelStart = begin + Dashes.Length + "BEGIN ".Length;
        var labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
        if (labelEnd < 0)
        {
            throw new FormatException("the PEM BEGIN line is not terminated");
        }

        var label = text.Substring(labelStart, labelEnd - labelStart);
        var endMarker = Dashes + "END " + label + Dashes;
        var bodyStart = labelEnd + Dashes.Length;
        var end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"the PEM block '{label}' has no matching END line");
        }

        var body = new StringBuilder();
        var hasHeaders = false;
        foreach (var rawLine in text.Substring(bodyStart, end - bodyStart).Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.IndexOf(':') >= 0)
            {
                hasHeaders = true;
                continue;
            }

            body.Append(line);
        }

        try
        {
            return new PemBlock(label, Convert.FromBase64String(body.ToString()), hasHeaders);
        }
        catch (FormatException)
        {
            throw new FormatException($"the PEM block '{label}' does not contain valid base64");
        }
    }

    /// <summary>Writes a PEM block with 64-character lines and LF line ends.</summary>
    public static string Write(string label, byte[] data)
    {
        var base64 = Convert.ToBase64String(data);
        var builder = new StringBuilder();
        builder.Append(Dashes).Append("BEGIN ").Append(label).Append(Dashes).Append('\n');
        for (var i = 0; i < base64.Length; i += 64)
        {
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        builder.Append(Dashes).Append("END ").Append(label).Append(Dashes).Append('\n');
        return builder.ToString();
    }
}
