using System.Globalization;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>
/// The ledger folder: <c>entries.jsonl</c> (one entry per line, append-only), <c>checkpoint</c>
/// (the latest signed checkpoint) and <c>checkpoints/&lt;size&gt;</c> (every checkpoint ever
/// written, so consistency between them can be proved), and <c>.lock</c> (held while appending).
/// </summary>
public sealed class LedgerFiles
{
    /// <summary>The entries file name.</summary>
    public const string EntriesName = "entries.jsonl";

    /// <summary>The latest checkpoint's file name (the tlog convention).</summary>
    public const string CheckpointName = "checkpoint";

    /// <summary>Creates the paths of a ledger folder.</summary>
    public LedgerFiles(string folder)
    {
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The ledger folder.</summary>
    public string Folder { get; }

    /// <summary>entries.jsonl.</summary>
    public string Entries => Path.Combine(Folder, EntriesName);

    /// <summary>The latest checkpoint.</summary>
    public string LatestCheckpoint => Path.Combine(Folder, CheckpointName);

    /// <summary>The folder of all checkpoints.</summary>
    public string CheckpointFolder => Path.Combine(Folder, "checkpoints");

    /// <summary>The lock file.</summary>
    public string Lock => Path.Combine(Folder, ".lock");

    /// <summary>The file of the checkpoint for <paramref name="size"/> entries.</summary>
    public string CheckpointFor(long size) => Path.Combine(CheckpointFolder, size.ToString(CultureInfo.InvariantCulture));

    /// <summary>True when the folder holds a ledger.</summary>
    public bool Exists => File.Exists(Entries) || File.Exists(LatestCheckpoint);

    /// <summary>
    /// Reads the entry lines (without their newlines). A last line without a newline is an append
    /// that was cut off before it was flushed and checkpointed: it is returned in <paramref name="torn"/>, not as an entry.
    /// </summary>
    public List<byte[]> ReadEntryLines(out byte[]? torn)
    {
        torn = null;
        var lines = new List<byte[]>();
        if (!File.Exists(Entries))
        {
            return lines;
        }

        var bytes = File.ReadAllBytes(Entries);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                var line = new byte[i - start];
                Buffer.BlockCopy(bytes, start, line, 0, line.Length);
                lines.Add(line);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            torn = new byte[bytes.Length - start];
            Buffer.BlockCopy(bytes, start, torn, 0, torn.Length);
        }

        return lines;
    }

    /// <summary>The checkpoint files in <c>checkpoints/</c>, by size, with the size their name says.</summary>
    public IReadOnlyList<(long Size, string Path)> CheckpointFiles()
    {
        if (!Directory.Exists(CheckpointFolder))
        {
            return Array.Empty<(long, string)>();
        }

        var files = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(CheckpointFolder))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                files.Add((size, path));
            }
        }

        return files.OrderBy(f => f.Item1).ToList();
    }

    /// <summary>
    /// The latest checkpoint, or null when the ledger has none yet. Throws <see cref="FormatException"/>
    /// when it cannot be read or is not a signed checkpoint (not UTF-8, not a note, I/O failure).
    /// </summary>
    public Checkpoint? ReadLatestCheckpoint()
    {
        if (!File.Exists(LatestCheckpoint))
        {
            return null;
        }

        try
        {
            return Checkpoint.ParseText(SignedNote.Parse(ReadText(LatestCheckpoint)).Text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new FormatException(ex is DecoderFallbackException ? "it is not UTF-8 text" : ex.Message, ex);
        }
    }

    /// <summary>Reads a file as UTF-8 text.</summary>
    public static string ReadText(string path) => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
}
