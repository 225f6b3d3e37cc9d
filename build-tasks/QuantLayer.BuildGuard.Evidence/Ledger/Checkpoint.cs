using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>
/// A transparency-log checkpoint (c2sp.org/tlog-checkpoint): the note text
/// <c>&lt;origin&gt;\n&lt;tree size&gt;\n&lt;base64 root hash&gt;\n</c> followed by optional extension
/// lines, carried in a signed note whose key name is the origin.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>Creates a checkpoint.</summary>
    public Checkpoint(string origin, long size, byte[] rootHash, IReadOnlyList<string>? extensions = null)
    {
        if (string.IsNullOrWhiteSpace(origin) || origin.Contains("\n"))
        {
            throw new ArgumentException("the origin is one non-empty line", nameof(origin));
        }

        Origin = origin;
        Size = size;
        RootHash = rootHash;
        Extensions = extensions ?? Array.Empty<string>();
    }

    /// <summary>The log's unique identity (a schema-less URL).</summary>
    public string Origin { get; }

    /// <summary>The number of entries the tree head covers.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 tree head of the first <see cref="Size"/> entries.</summary>
    public byte[] RootHash { get; }

    /// <summary>Extension lines (none are written by BuildGuard).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The note text of the checkpoint.</summary>
    public string ToText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            builder.Append(extension).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Reads the checkpoint in a note's text. Throws <see cref="FormatException"/>.</summary>
    public static Checkpoint ParseText(string text)
    {
        var lines = text.Split('\n');

        // "a\nb\nc\n" splits into a, b, c and a final empty string.
        if (lines.Length < 4 || lines[lines.Length - 1].Length != 0)
        {
            throw new FormatException("a checkpoint has at least three lines: origin, tree size, root hash");
        }

        var origin = lines[0];
        if (origin.Length == 0)
        {
            throw new FormatException("the checkpoint's origin line is empty");
        }

        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Any(c => c is < '0' or > '9') || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"the checkpoint's tree size '{sizeText}' is not a decimal number without leading zeros");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("the checkpoint's root hash is not base64");
        }

        if (root.Length != MerkleTree.HashSize)
        {
            throw new FormatException($"the checkpoint's root hash has {root.Length} bytes, not 32 (SHA-256)");
        }

        var extensions = lines.Skip(3).Take(lines.Length - 4).ToList();
        if (extensions.Any(e => e.Length == 0))
        {
            throw new FormatException("the checkpoint text has an empty line");
        }

        return new Checkpoint(origin, size, root, extensions);
    }
}
