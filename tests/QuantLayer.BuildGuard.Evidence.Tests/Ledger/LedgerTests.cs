using System.Text;
using CsCheck;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Ledger;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Ledger;

public sealed class LedgerTests : IDisposable
{
    private const string Origin = "example.com/supplier/ledger";
    private readonly TempDirectory _temp = new();
    private readonly EcdsaP256Signer _signer = new(EcPrivateKey.Generate(), "test key");

    private string Folder => _temp.Combine("ledger");

    [Fact]
    public void Appends_write_signed_checkpoints_that_verify_and_prove_artifacts()
    {
        var artifacts = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var artifact = _temp.Write($"rel/App.{i}.0.0.nupkg", "package " + i);
            artifacts.Add(artifact);
            var result = Append(Entry($"{i}.0.0", artifact));
            Assert.True(result.Appended);
            Assert.Equal(i - 1, result.Index);
            Assert.Equal(i, result.Checkpoint!.Size);
        }

        var files = new LedgerFiles(Folder);
        Assert.Equal(5, files.CheckpointFiles().Count);
        var note = File.ReadAllText(files.LatestCheckpoint);
        Assert.Matches("^example\\.com/supplier/ledger\n5\n[A-Za-z0-9+/]{43}=\n\n\u2014 example\\.com/supplier/ledger [A-Za-z0-9+/=]+\n$", note);

        var diagnostics = new DiagnosticBag();
        var report = LedgerVerifier.Verify(Folder, Trusted(), artifacts, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(5, report.Checkpoints.Count);
        Assert.Equal(5, report.Inclusions.Count);
        Assert.Equal(2, report.Inclusions[2].Index);
        Assert.True(MerkleTree.VerifyInclusion(2, 5, report.Inclusions[2].LeafHash, report.Inclusions[2].Proof, report.Latest!.RootHash));
    }

    [Fact]
    public void The_signature_follows_the_signed_note_ecdsa_convention()
    {
        Append(Entry("1.0.0", _temp.Write("a.nupkg", "a")));
        var note = SignedNote.Parse(File.ReadAllText(new LedgerFiles(Folder).LatestCheckpoint));
        var signature = Assert.Single(note.Signatures);
        using var sha = System.Security.Cryptography.SHA256.Create();
        var spkiHash = sha.ComputeHash(_signer.PublicKey.SubjectPublicKeyInfo);
        Assert.Equal(((uint)spkiHash[0] << 24) | ((uint)spkiHash[1] << 16) | ((uint)spkiHash[2] << 8) | spkiHash[3], signature.KeyId);
        Assert.Equal(Origin, signature.KeyName);

        // An independent check with the platform ECDSA: DER signature over SHA-256 of the note text.
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_signer.PublicKey.SubjectPublicKeyInfo, out _);
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes(note.Text), signature.Signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Appending_the_identical_release_again_is_a_no_op_and_a_changed_one_is_refused()
    {
        var artifact = _temp.Write("a.nupkg", "a");
        Assert.True(Append(Entry("1.0.0", artifact)).Appended);
        var again = Append(Entry("1.0.0", artifact));
        Assert.False(again.Appended);
        Assert.Equal(0, again.Index);

        File.WriteAllText(artifact, "rebuilt differently");
        var diagnostics = new DiagnosticBag();
        var conflict = LedgerAppender.Append(Folder, Entry("1.0.0", artifact), NoteSigner(), diagnostics);
        Assert.Equal(-1, conflict.Index);
        Assert.Equal(BuildDiagnosticIds.LedgerVersionConflict, Assert.Single(diagnostics.Items).Id);
        Assert.Single(new LedgerFiles(Folder).ReadEntryLines(out _));
    }

    [Theory]
    [InlineData("edit-entry", BuildDiagnosticIds.LedgerTampered)]
    [InlineData("drop-entry", BuildDiagnosticIds.LedgerTampered)]
    [InlineData("swap-entries", BuildDiagnosticIds.LedgerTampered)]
    [InlineData("edit-checkpoint-root", BuildDiagnosticIds.CheckpointSignatureInvalid)]
    [InlineData("resign-other-key", BuildDiagnosticIds.CheckpointSignatureInvalid)]
    [InlineData("delete-old-checkpoint", BuildDiagnosticIds.CheckpointInconsistent)]
    [InlineData("roll-back-latest", BuildDiagnosticIds.CheckpointInconsistent)]
    [InlineData("rewrite-history", BuildDiagnosticIds.CheckpointInconsistent)]
    public void Tampering_with_any_entry_or_checkpoint_is_detected(string tampering, string expectedId)
    {
        var artifacts = Enumerable.Range(1, 4).Select(i => _temp.Write($"App.{i}.nupkg", "p" + i)).ToList();
        for (var i = 0; i < artifacts.Count; i++)
        {
            Append(Entry($"{i + 1}.0.0", artifacts[i]));
        }

        var files = new LedgerFiles(Folder);
        var lines = File.ReadAllLines(files.Entries).ToList();
        switch (tampering)
        {
            case "edit-entry":
                File.WriteAllText(files.Entries, string.Join("\n", lines.Select((l, i) => i == 1 ? l.Replace("2.0.0", "2.0.1") : l)) + "\n");
                break;
            case "drop-entry":
                lines.RemoveAt(1);
                File.WriteAllText(files.Entries, string.Join("\n", lines) + "\n");
                break;
            case "swap-entries":
                (lines[0], lines[1]) = (lines[1], lines[0]);
                File.WriteAllText(files.Entries, string.Join("\n", lines) + "\n");
                break;
            case "edit-checkpoint-root":
            {
                // A forged tree head for a forged entry list, keeping the old signature.
                var note = File.ReadAllText(files.LatestCheckpoint).Split('\n');
                var forgedEntries = lines.Take(3).Append(lines[3].Replace("4.0.0", "4.0.9")).Select(l => Encoding.UTF8.GetBytes(l));
                note[2] = Convert.ToBase64String(MerkleTree.FromEntries(forgedEntries).RootHash());
                File.WriteAllText(files.LatestCheckpoint, string.Join("\n", note));
                File.WriteAllText(files.CheckpointFor(4), string.Join("\n", note));
                File.WriteAllText(files.Entries, string.Join("\n", lines.Take(3).Append(lines[3].Replace("4.0.0", "4.0.9"))) + "\n");
                break;
            }

            case "resign-other-key":
            {
                using var other = new EcdsaP256Signer(EcPrivateKey.Generate(), "attacker");
                var text = SignedNote.Parse(File.ReadAllText(files.LatestCheckpoint)).Text;
                var forged = SignedNote.Sign(text, new FixedIdSigner(Origin, EcdsaNoteKeys.KeyId(_signer.PublicKey), other)).Format();
                File.WriteAllText(files.LatestCheckpoint, forged);
                File.WriteAllText(files.CheckpointFor(4), forged);
                break;
            }

            case "delete-old-checkpoint":
                File.Delete(files.CheckpointFor(4));
                break;
            case "roll-back-latest":
                File.Copy(files.CheckpointFor(3), files.LatestCheckpoint, overwrite: true);
                break;
            case "rewrite-history":
            {
                // Someone with the key rebuilds the log with entry 2 changed and re-signs every checkpoint,
                // but an auditor kept the old checkpoint for size 2.
                var kept = File.ReadAllText(files.CheckpointFor(2));
                Directory.Delete(files.Folder, recursive: true);
                Append(Entry("1.0.0", artifacts[0]));
                Append(Entry("2.0.0", _temp.Write("evil.nupkg", "evil")));
                Append(Entry("3.0.0", artifacts[2]));
                Append(Entry("4.0.0", artifacts[3]));
                File.WriteAllText(files.CheckpointFor(2), kept);
                File.WriteAllText(files.CheckpointFor(3), File.ReadAllText(files.CheckpointFor(3)));
                break;
            }
        }

        var diagnostics = new DiagnosticBag();
        LedgerVerifier.Verify(Folder, Trusted(), Array.Empty<string>(), diagnostics);
        Assert.True(diagnostics.HasErrors, tampering + " was not detected");
        Assert.Contains(diagnostics.Items, d => d.Id == expectedId);
    }

    [Fact]
    public void An_artifact_that_was_never_logged_is_reported()
    {
        Append(Entry("1.0.0", _temp.Write("a.nupkg", "a")));
        var diagnostics = new DiagnosticBag();
        LedgerVerifier.Verify(Folder, Trusted(), new[] { _temp.Write("b.nupkg", "b") }, diagnostics);
        Assert.Equal(BuildDiagnosticIds.ArtifactNotInLedger, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void An_interrupted_append_is_reported_and_repaired_by_the_next_append()
    {
        Append(Entry("1.0.0", _temp.Write("a.nupkg", "a")));
        var files = new LedgerFiles(Folder);
        File.AppendAllText(files.Entries, "{\"type\":\"https://quantlayer.io/buildguard/ledger-en");
        var diagnostics = new DiagnosticBag();
        LedgerVerifier.Verify(Folder, Trusted(), Array.Empty<string>(), diagnostics);
        Assert.Equal(BuildDiagnosticIds.LedgerUncheckpointed, Assert.Single(diagnostics.Items).Id);
        Assert.False(diagnostics.HasErrors);

        var appendDiagnostics = new DiagnosticBag();
        Assert.True(LedgerAppender.Append(Folder, Entry("2.0.0", _temp.Write("b.nupkg", "b")), NoteSigner(), appendDiagnostics).Appended);
        Assert.Equal(EvidenceSeverity.Info, Assert.Single(appendDiagnostics.Items).Severity);
        diagnostics = new DiagnosticBag();
        LedgerVerifier.Verify(Folder, Trusted(), Array.Empty<string>(), diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(2, files.ReadEntryLines(out _).Count);
    }

    [Fact]
    public void Concurrent_appends_in_random_interleavings_lose_nothing()
    {
        // Each sample: a fresh ledger, N writers (separate file handles, like separate build nodes)
        // starting at random offsets; every entry must be in the ledger exactly once, and every
        // checkpoint must verify and be consistent with the one before.
        Gen.Int[2, 6].Select(Gen.Int[1, 4], Gen.Int[0, 5].Array[6]).Sample((writers, perWriter, delays) =>
        {
            var folder = _temp.Combine("concurrent-" + Guid.NewGuid().ToString("N"));
            var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
            {
                Thread.Sleep(delays[w]);
                for (var i = 0; i < perWriter; i++)
                {
                    var bag = new DiagnosticBag();
                    var result = LedgerAppender.Append(folder, new LedgerEntry { Name = "P" + w, Version = i + ".0.0", Artifacts = new[] { new LedgerFile("P" + w + ".nupkg", new string((char)('a' + (w % 6)), 63) + i) } }, NoteSigner(), bag);
                    Assert.True(result.Appended, string.Join("; ", bag.Items));
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var diagnostics = new DiagnosticBag();
            var report = LedgerVerifier.Verify(folder, Trusted(), Array.Empty<string>(), diagnostics);
            Assert.Empty(diagnostics.Items);
            Assert.Equal(writers * perWriter, report.Entries.Count);
            Assert.Equal(writers * perWriter, report.Entries.Select(e => e.Name + "@" + e.Version).Distinct().Count());
            Assert.Equal(writers * perWriter, report.Checkpoints.Count);
        }, iter: 25, threads: 1);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _temp.Dispose();
    }

    private LedgerAppendResult Append(LedgerEntry entry)
    {
        var diagnostics = new DiagnosticBag();
        var result = LedgerAppender.Append(Folder, entry, NoteSigner(), diagnostics);
        Assert.Empty(diagnostics.Items);
        return result;
    }

    private static LedgerEntry Entry(string version, string artifact) => new()
    {
        Name = "App",
        Version = version,
        Commit = new string('c', 40),
        SourceDateEpoch = 1_700_000_000,
        Artifacts = new[] { new LedgerFile(Path.GetFileName(artifact), FileDigest.Compute(artifact).Sha256) },
        Sboms = new[] { new LedgerFile("App." + version + ".cdx.json", new string('5', 64)) },
    };

    private INoteSigner NoteSigner() => new EcdsaNoteSigner(Origin, _signer);

    private List<NoteVerifier> Trusted() => new() { new EcdsaNoteVerifier(Origin, _signer.PublicKey) };

    private sealed class FixedIdSigner : INoteSigner
    {
        private readonly ISigner _inner;

        public FixedIdSigner(string name, uint id, ISigner inner)
        {
            KeyName = name;
            KeyId = id;
            _inner = inner;
        }

        public string KeyName { get; }

        public uint KeyId { get; }

        public byte[] Sign(byte[] text) => _inner.Sign(text);
    }
}
