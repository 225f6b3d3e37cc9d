using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>One signature line of a signed note: key name, 32-bit key id and the signature bytes.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, and
/// one or more lines <c>— &lt;key name&gt; base64(key id (4 bytes, big-endian) || signature)</c>.
/// This type only formats and parses; <see cref="INoteSigner"/> and <see cref="NoteVerifier"/> sign and check.
/// </summary>
public sealed class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Creates a note.</summary>
    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    /// <summary>The signature lines.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with <paramref name="signer"/>.</summary>
    public static SignedNote Sign(string text, INoteSigner signer)
    {
        CheckText(text);
        var signature = signer.Sign(Encoding.UTF8.GetBytes(text));
        return new SignedNote(text, new[] { new NoteSignature(signer.KeyName, signer.KeyId, signature) });
    }

    /// <summary>The note as it is stored: text, blank line, signature lines.</summary>
    public string Format()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var blob = new byte[4 + signature.Signature.Length];
            blob[0] = (byte)(signature.KeyId >> 24);
            blob[1] = (byte)(signature.KeyId >> 16);
            blob[2] = (byte)(signature.KeyId >> 8);
            blob[3] = (byte)signature.KeyId;
            Buffer.BlockCopy(signature.Signature, 0, blob, 4, signature.Signature.Length);
            builder.Append(SignaturePrefix).Append(signature.KeyName).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Parses a signed note. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SignedNote Parse(string note)
    {
        foreach (var c in note)
        {
            if (c < 0x20 && c != '\n')
            {
                throw new FormatException("a signed note must not contain control characters other than newline (is the file saved with CRLF line ends?)");
            }
        }

        if (!note.EndsWith("\n", StringComparison.Ordinal))
        {
            throw new FormatException("a signed note ends with a newline");
        }

        // The text ends at the last blank line; the signature block follows it.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException("no blank line separates the note text from its signatures");
        }

        var text = note.Substring(0, split + 1);
        var block = note.Substring(split + 2);
        var signatures = new List<NoteSignature>();
        foreach (var line in block.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                throw new FormatException($"signature line '{Shorten(line)}' does not start with an em dash and a space");
            }

            var rest = line.Substring(SignaturePrefix.Length);
            var space = rest.LastIndexOf(' ');
            if (space <= 0)
            {
                throw new FormatException($"signature line '{Shorten(line)}' has no key name");
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(rest.Substring(space + 1));
            }
            catch (FormatException)
            {
                throw new FormatException($"signature line '{Shorten(line)}' is not base64");
            }

            if (blob.Length < 5)
            {
                throw new FormatException($"signature line '{Shorten(line)}' is too short to hold a key id and a signature");
            }

            var keyId = ((uint)blob[0] << 24) | ((uint)blob[1] << 16) | ((uint)blob[2] << 8) | blob[3];
            var signature = new byte[blob.Length - 4];
            Buffer.BlockCopy(blob, 4, signature, 0, signature.Length);
            signatures.Add(new NoteSignature(rest.Substring(0, space), keyId, signature));
        }

        if (signatures.Count == 0)
        {
            throw new FormatException("the note has no signature line");
        }

        return new SignedNote(text, signatures);
    }

    private static void CheckText(string text)
    {
        if (!text.EndsWith("\n", StringComparison.Ordinal) || text.Contains("\r"))
        {
            throw new ArgumentException("a note text ends with a newline and uses LF line ends", nameof(text));
        }
    }

    private static string Shorten(string line) => line.Length > 60 ? line.Substring(0, 60) + "…" : line;
}

/// <summary>Signs note texts for one key (c2sp.org/signed-note).</summary>
public interface INoteSigner
{
    /// <summary>The key name on the signature line (for a checkpoint: the log's origin).</summary>
    string KeyName { get; }

    /// <summary>The 32-bit key id.</summary>
    uint KeyId { get; }

    /// <summary>Signs the note text's UTF-8 bytes.</summary>
    byte[] Sign(byte[] text);
}

/// <summary>Checks note signatures made by one trusted key.</summary>
public abstract class NoteVerifier
{
    /// <summary>The key name the signature line must carry.</summary>
    public abstract string KeyName { get; }

    /// <summary>The key id the signature line must carry.</summary>
    public abstract uint KeyId { get; }

    /// <summary>True when <paramref name="signature"/> is valid for <paramref name="text"/>. Called from several threads at once.</summary>
    public abstract bool Verify(byte[] text, byte[] signature);

    /// <summary>
    /// Checks a note the way the spec says: signatures from unknown keys (name and id not both
    /// matching a trusted key) are ignored; a known key's signature must verify; at least one must.
    /// </summary>
    public static NoteCheck Check(SignedNote note, IReadOnlyList<NoteVerifier> trusted)
    {
        var text = Encoding.UTF8.GetBytes(note.Text);
        var verified = new List<NoteVerifier>();
        foreach (var signature in note.Signatures)
        {
            foreach (var verifier in trusted)
            {
                if (verifier.KeyId == signature.KeyId && verifier.KeyName == signature.KeyName)
                {
                    if (!verifier.Verify(text, signature.Signature))
                    {
                        return new NoteCheck(false, $"the signature of key '{signature.KeyName}' (id {signature.KeyId:x8}) does not verify: the note was changed after it was signed, or signed by another key with the same name and id");
                    }

                    verified.Add(verifier);
                }
            }
        }

        if (verified.Count == 0)
        {
            var seen = string.Join(", ", note.Signatures.Select(s => $"'{s.KeyName}' (id {s.KeyId:x8})"));
            var keys = string.Join(", ", trusted.Select(v => $"'{v.KeyName}' (id {v.KeyId:x8})"));
            return new NoteCheck(false, $"no signature from a trusted key: the note is signed by {seen}; trusted: {(keys.Length == 0 ? "none" : keys)}");
        }

        return new NoteCheck(true, null);
    }
}

/// <summary>The outcome of checking a note's signatures.</summary>
public sealed record NoteCheck(bool Valid, string? Problem);
