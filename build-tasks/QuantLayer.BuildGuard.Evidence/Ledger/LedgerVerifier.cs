using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>Where an artifact is in the ledger, with the proof that the latest checkpoint includes it.</summary>
public sealed record LedgerInclusion(
    string Artifact,
    string Sha256,
    long Index,
    LedgerEntry Entry,
    byte[] EntryLine,
    byte[] LeafHash,
    IReadOnlyList<byte[]> Proof,
    Checkpoint Checkpoint,
    string CheckpointNote);

/// <summary>What a ledger verification found.</summary>
public sealed class LedgerReport
{
    /// <summary>The entries, in order.</summary>
    public List<LedgerEntry> Entries { get; } = new();

    /// <summary>The checkpoints that were checked, by size.</summary>
    public List<Checkpoint> Checkpoints { get; } = new();

    /// <summary>The inclusion proofs of the artifacts asked about.</summary>
    public List<LedgerInclusion> Inclusions { get; } = new();

    /// <summary>The latest checkpoint, when the ledger has one.</summary>
    public Checkpoint? Latest { get; set; }
}

/// <summary>
/// Verifies a ledger folder the way a transparency-log client does: recomputes the RFC 6962 tree
/// over the entries, checks every checkpoint's signature against the trusted keys and its tree head
/// against the entries, proves each checkpoint consistent with the one before (RFC 9162 consistency
/// proof, verified with only the two tree heads), and proves given artifacts included in the latest one.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Verifies <paramref name="folder"/>; problems go to <paramref name="diagnostics"/> (errors fail the check).</summary>
    /// <param name="folder">The ledger folder.</param>
    /// <param name="trusted">The keys checkpoints may be signed with.</param>
    /// <param name="artifacts">Files that must be in the ledger (their SHA-256 is looked up).</param>
    /// <param name="diagnostics">Problems found.</param>
    public static LedgerReport Verify(string folder, IReadOnlyList<NoteVerifier> trusted, IReadOnlyList<string> artifacts, DiagnosticBag diagnostics)
    {
        var report = new LedgerReport();
        var files = new LedgerFiles(folder);
        if (!files.Exists)
        {
            diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"'{files.Folder}' is not a BuildGuard ledger: it has no {LedgerFiles.EntriesName} and no {LedgerFiles.CheckpointName}. Give the folder BuildGuardLedger points to.", files.Folder);
            return report;
        }

        List<byte[]> lines;
        byte[]? torn;
        try
        {
            lines = files.ReadEntryLines(out torn);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"Cannot read the ledger entries: {ex.Message}", files.Entries);
            return report;
        }

        if (torn is not null)
        {
            diagnostics.Warning(BuildDiagnosticIds.LedgerUncheckpointed, $"The last line of the ledger has no newline ({torn.Length} bytes): an append was interrupted. The next append removes it; no checkpoint covers it.", files.Entries, lines.Count + 1);
        }

        // Entries are parsed in parallel (independent), the tree is built in order.
        var parsed = new LedgerEntry?[lines.Count];
        var problems = new string?[lines.Count];
        Parallel.For(0, lines.Count, i =>
        {
            try
            {
                parsed[i] = LedgerEntry.Parse(lines[i]);
            }
            catch (FormatException ex)
            {
                problems[i] = ex.Message;
            }
        });

        var tree = new MerkleTree();
        for (var i = 0; i < lines.Count; i++)
        {
            tree.Append(lines[i]);
            if (problems[i] is { } problem)
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"Entry {i + 1} is not a ledger entry: {problem}", files.Entries, i + 1);
            }

            report.Entries.Add(parsed[i] ?? new LedgerEntry { Name = "?", Version = "?" });
        }

        var checkpointFiles = files.CheckpointFiles();
        var notes = new (long Size, string Path, string Note)[checkpointFiles.Count];
        var unreadable = new string?[checkpointFiles.Count];
        Parallel.For(0, checkpointFiles.Count, i =>
        {
            notes[i] = (checkpointFiles[i].Size, checkpointFiles[i].Path, string.Empty);
            try
            {
                notes[i].Note = LedgerFiles.ReadText(checkpointFiles[i].Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
            {
                unreadable[i] = ex is System.Text.DecoderFallbackException ? "it is not UTF-8 text" : ex.Message;
            }
        });

        string? latestNote;
        try
        {
            latestNote = File.Exists(files.LatestCheckpoint) ? LedgerFiles.ReadText(files.LatestCheckpoint) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"The latest checkpoint cannot be read: {ex.Message}", files.LatestCheckpoint);
            return report;
        }

        if (latestNote is null)
        {
            diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"The ledger has no '{LedgerFiles.CheckpointName}' file: nothing vouches for its entries.", files.LatestCheckpoint);
            return report;
        }

        if (notes.Length == 0 || notes[notes.Length - 1].Note != latestNote)
        {
            // The latest checkpoint must also be in checkpoints/ (it is written there first).
            diagnostics.Error(BuildDiagnosticIds.CheckpointInconsistent, $"'{LedgerFiles.CheckpointName}' is not the newest file in checkpoints/: a checkpoint was removed, replaced or rolled back.", files.LatestCheckpoint);
        }

        // Parsing and signature checks are independent per checkpoint: in parallel.
        var checks = new (Checkpoint? Checkpoint, string? ParseProblem, NoteCheck? Signature)[notes.Length];
        Parallel.For(0, notes.Length, i =>
        {
            if (unreadable[i] is { } problem)
            {
                checks[i] = (null, problem, null);
                return;
            }

            try
            {
                var note = SignedNote.Parse(notes[i].Note);
                var parsedCheckpoint = Checkpoint.ParseText(note.Text);
                checks[i] = (parsedCheckpoint, null, NoteVerifier.Check(note, trusted.Where(t => t.KeyName == parsedCheckpoint.Origin).ToList()));
            }
            catch (FormatException ex)
            {
                checks[i] = (null, ex.Message, null);
            }
        });

        Checkpoint? previous = null;
        string? origin = null;
        for (var n = 0; n < notes.Length; n++)
        {
            var (size, path, _) = notes[n];
            if (checks[n].Checkpoint is not { } checkpoint)
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerUnreadable, $"The checkpoint is not a signed tlog checkpoint: {checks[n].ParseProblem}", path);
                continue;
            }

            if (checkpoint.Size != size)
            {
                diagnostics.Error(BuildDiagnosticIds.CheckpointInconsistent, $"The checkpoint's tree size is {checkpoint.Size} but its file name says {size}.", path);
                continue;
            }

            origin ??= checkpoint.Origin;
            if (checkpoint.Origin != origin)
            {
                diagnostics.Error(BuildDiagnosticIds.CheckpointInconsistent, $"The checkpoint's origin '{checkpoint.Origin}' differs from the ledger's '{origin}': it belongs to another log.", path);
                continue;
            }

            var check = checks[n].Signature!;
            if (!check.Valid)
            {
                diagnostics.Error(BuildDiagnosticIds.CheckpointSignatureInvalid, $"The checkpoint for {size} entries is not validly signed: {check.Problem}.", path);
            }

            if (checkpoint.Size > tree.Size)
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerTampered, $"The checkpoint covers {checkpoint.Size} entries but the ledger has {tree.Size}: entries were removed.", files.Entries);
                continue;
            }

            if (!MerkleTree.Equal(tree.RootHash(checkpoint.Size), checkpoint.RootHash))
            {
                diagnostics.Error(BuildDiagnosticIds.LedgerTampered, $"The first {checkpoint.Size} entries do not hash to the tree head of their checkpoint: an entry was changed, removed, inserted or reordered after it was logged.", files.Entries);
            }

            if (previous is not null)
            {
                var proof = tree.ConsistencyProof(previous.Size, checkpoint.Size);
                if (!MerkleTree.VerifyConsistency(previous.Size, checkpoint.Size, previous.RootHash, checkpoint.RootHash, proof))
                {
                    diagnostics.Error(BuildDiagnosticIds.CheckpointInconsistent, $"The checkpoint for {checkpoint.Size} entries is not consistent with the one for {previous.Size}: the log was rewritten between them (consistency proof failed).", path);
                }
            }

            report.Checkpoints.Add(checkpoint);
            previous = checkpoint;
        }

        if (previous is null)
        {
            return report;
        }

        report.Latest = previous;
        if (previous.Size < tree.Size)
        {
            diagnostics.Warning(BuildDiagnosticIds.LedgerUncheckpointed, $"Entries {previous.Size + 1} to {tree.Size} are not covered by a checkpoint: an append was interrupted before its checkpoint, or lines were added by hand. The next release's append checkpoints them.", files.Entries, (int)Math.Min(previous.Size + 1, int.MaxValue));
        }

        foreach (var artifact in artifacts)
        {
            var inclusion = Prove(artifact, report, tree, lines, latestNote, diagnostics);
            if (inclusion is not null)
            {
                report.Inclusions.Add(inclusion);
            }
        }

        return report;
    }

    private static LedgerInclusion? Prove(string artifact, LedgerReport report, MerkleTree tree, List<byte[]> lines, string latestNote, DiagnosticBag diagnostics)
    {
        string sha;
        try
        {
            sha = FileDigest.Sha256OfFile(artifact);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"Cannot read the artifact: {ex.Message}", artifact);
            return null;
        }

        var latest = report.Latest!;
        for (var i = 0; i < (int)Math.Min(latest.Size, report.Entries.Count); i++)
        {
            if (report.Entries[i].AllFiles.Any(f => f.Sha256 == sha))
            {
                var proof = tree.InclusionProof(i, latest.Size);
                var leaf = tree.LeafHashAt(i);
                if (!MerkleTree.VerifyInclusion(i, latest.Size, leaf, proof, latest.RootHash))
                {
                    diagnostics.Error(BuildDiagnosticIds.ArtifactNotInLedger, $"The inclusion proof of entry {i + 1} does not verify against the latest checkpoint.", artifact);
                    return null;
                }

                return new LedgerInclusion(Path.GetFileName(artifact), sha, i, report.Entries[i], lines[i], leaf, proof, latest, latestNote);
            }
        }

        diagnostics.Error(BuildDiagnosticIds.ArtifactNotInLedger, $"No checkpointed ledger entry records this file (SHA-256 {sha}): it is not the released artifact, or it was never logged.", artifact);
        return null;
    }
}
