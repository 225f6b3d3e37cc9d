using System.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>The outcome of an append.</summary>
/// <param name="Index">The entry's index (0-based) in the ledger, or -1 when nothing was appended.</param>
/// <param name="Appended">False when the identical entry was already there (a rebuild of the same release).</param>
/// <param name="Checkpoint">The checkpoint that covers the entry.</param>
public sealed record LedgerAppendResult(long Index, bool Appended, Checkpoint? Checkpoint);

/// <summary>
/// Appends releases to a ledger folder. Several builds may append at once (projects of one
/// <c>dotnet build -m</c>, parallel CI jobs on a shared folder): each append takes an exclusive
/// lock on <c>.lock</c> (FileShare.None, which .NET maps to an advisory <c>flock</c> on Unix and
/// a share-mode lock on Windows), re-reads the ledger, checks that the latest checkpoint still
/// matches the entries, appends the line, flushes it to disk, then writes and signs the new checkpoint.
/// </summary>
public static class LedgerAppender
{
    /// <summary>The default time to wait for another build's append.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Appends <paramref name="entry"/> unless the identical entry is already in the ledger.</summary>
    /// <param name="folder">The ledger folder (created when missing).</param>
    /// <param name="entry">The release to append.</param>
    /// <param name="signer">Signs the checkpoint; its key name must be the origin.</param>
    /// <param name="diagnostics">Problems found.</param>
    /// <param name="lockTimeout">How long to wait for the lock (default 2 minutes).</param>
    public static LedgerAppendResult Append(string folder, LedgerEntry entry, INoteSigner signer, DiagnosticBag diagnostics, TimeSpan? lockTimeout = null)
    {
        var files = new LedgerFiles(folder);
        Directory.CreateDirectory(files.Folder);
        using var held = AcquireLock(files, lockTimeout ?? DefaultLockTimeout, diagnostics);
        if (held is null)
        {
            return new LedgerAppendResult(-1, false, null);
        }

        var lines = files.ReadEntryLines(out var torn);
        if (torn is not null)
        {
            // An append that crashed before its newline was flushed: no checkpoint covers it.
            TruncateTo(files.Entries, TotalLength(lines));
            diagnostics.Info(BuildDiagnosticIds.LedgerUncheckpointed, $"The ledger ended in an incomplete entry (an interrupted append); it was removed before appending ({torn.Length} bytes).", files.Entries);
        }

        var tree = MerkleTree.FromEntries(lines);
        Checkpoint? latest;
        try
        {
            latest = files.ReadLatestCheckpoint();
        }
        catch (FormatException ex)
        {
            diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"The ledger's checkpoint cannot be read: {ex.Message}. Nothing was appended; run 'buildguard ledger verify' and restore the ledger from its last good copy.", files.LatestCheckpoint);
            return new LedgerAppendResult(-1, false, null);
        }

        if (latest is not null)
        {
            if (latest.Size > tree.Size || !MerkleTree.Equal(tree.RootHash(latest.Size), latest.RootHash))
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerTampered, $"The ledger's entries no longer match its checkpoint (tree size {latest.Size}): an entry was changed, removed or reordered. Nothing was appended; run 'buildguard ledger verify' and restore the ledger from its last good copy.", files.Entries);
                return new LedgerAppendResult(-1, false, null);
            }

            if (latest.Origin != signer.KeyName)
            {
                diagnostics.Error(BuildDiagnosticIds.CheckpointInconsistent, $"The ledger's origin is '{latest.Origin}' but this build signs checkpoints as '{signer.KeyName}'. Set BuildGuardLedgerOrigin to '{latest.Origin}' (a log keeps its origin for life) or use another ledger folder.", files.LatestCheckpoint);
                return new LedgerAppendResult(-1, false, null);
            }
        }

        var line = entry.ToLine();
        var versionMarker = System.Text.Encoding.UTF8.GetBytes("\"version\":\"" + System.Text.Json.JsonEncodedText.Encode(entry.Version, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"");
        for (var i = 0; i < lines.Count; i++)
        {
            // Only lines that mention this version can be this release: skip parsing the rest.
            if (lines[i].AsSpan().IndexOf(versionMarker) < 0)
            {
                continue;
            }

            LedgerEntry existing;
            try
            {
                existing = LedgerEntry.Parse(lines[i]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (existing.Name == entry.Name && existing.Version == entry.Version)
            {
                if (lines[i].AsSpan().SequenceEqual(line))
                {
                    var covering = latest is not null && latest.Size > i ? latest : WriteCheckpoint(files, tree, signer);
                    return new LedgerAppendResult(i, false, covering);
                }

                diagnostics.Error(BuildDiagnosticIds.LedgerVersionConflict, $"The ledger already records {entry.Name} {entry.Version} (entry {i + 1}) with other digests: a released version must not be rebuilt with different content. Raise the version, or build the release's commit reproducibly.", files.Entries);
                return new LedgerAppendResult(-1, false, null);
            }
        }

        using (var stream = new FileStream(files.Entries, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Write(line, 0, line.Length);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }

        var index = tree.Append(line);
        return new LedgerAppendResult(index, true, WriteCheckpoint(files, tree, signer));
    }

    private static Checkpoint WriteCheckpoint(LedgerFiles files, MerkleTree tree, INoteSigner signer)
    {
        var checkpoint = new Checkpoint(signer.KeyName, tree.Size, tree.RootHash());
        var note = SignedNote.Sign(checkpoint.ToText(), signer).Format();
        AtomicFile.WriteAllText(files.CheckpointFor(tree.Size), note);
        AtomicFile.WriteAllText(files.LatestCheckpoint, note);
        return checkpoint;
    }

    private static long TotalLength(List<byte[]> lines) => lines.Sum(l => (long)l.Length + 1);

    private static void TruncateTo(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    private static FileStream? AcquireLock(LedgerFiles files, TimeSpan timeout, DiagnosticBag diagnostics)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random();
        while (true)
        {
            try
            {
                return new FileStream(files.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                Thread.Sleep(random.Next(5, 40));
            }
            catch (IOException)
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerLocked, $"The ledger stayed locked by another build for {timeout.TotalSeconds:0} s; nothing was appended. If no build is running, another program holds '{files.Lock}' open: close it and build again.", files.Lock);
                return null;
            }
        }
    }
}
