using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantLayer.BuildGuard.Evidence.Change;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Ledger;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

// Usage: ChangeBench <work folder> [warm runs]
var work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "bg-change-bench");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
Directory.CreateDirectory(work);
var repo = Path.Combine(work, "repo");
var feed = Path.Combine(work, "feed");
Directory.CreateDirectory(repo);
Directory.CreateDirectory(feed);

// ---- Fixture: two releases of a library with 100 types x 20 members, 100 packages each ----
Git(repo, "init", "-q", "-b", "main");
File.WriteAllText(Path.Combine(repo, "CHANGELOG.md"), "## [2.0.0]\n\n- Reworked.\n\n## [1.0.0]\n\n- First.\n");
var v1 = Pack("1.0.0", Library(changed: false), Packages(0));
Git(repo, "tag", "v1.0.0");
for (var i = 0; i < 60; i++)
{
    File.WriteAllText(Path.Combine(repo, $"src/File{i % 20}.cs"), "// change " + i);
    Git(repo, "add", "-A");
    Git(repo, "commit", "-q", "-m", $"Change {i} (#{1000 + i})" + (i == 30 ? "\n\nBREAKING CHANGE: wire format v2" : string.Empty));
}

var v2 = Pack("2.0.0", Library(changed: true), Packages(1));
Git(repo, "tag", "v2.0.0");
var members = ApiReader.Read(ReadLib(v2)).MemberCount;

using var key = EcPrivateKey.Generate();
using var signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "bench key");
using var fastSigner = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "bench key (platform ECDSA, for the ledger set-up)", deterministic: false);

// ---- The change record, as the WriteChangeRecord task does it ----
int apiChanges = 0, depChanges = 0, commits = 0;
var record = Measure(runs, () =>
{
    var diagnostics = new DiagnosticBag();
    var request = new ChangeRequest { Current = Release.FromPackage(v2), BaselineFeeds = new[] { feed }, ProjectDirectory = repo, SourceDateEpoch = 1_714_557_600 };
    var built = ChangeRecordBuilder.Build(request, diagnostics);
    var json = Path.Combine(feed, "Lib.2.0.0.change.json");
    AtomicFile.WriteAllBytes(json, ChangeRecordWriter.ToJson(built));
    AtomicFile.WriteAllText(Path.Combine(feed, "Lib.2.0.0.change.md"), ChangeRecordWriter.ToMarkdown(built));
    ChangeRecordSigner.Sign(json, new[] { v2 }, signer, diagnostics);
    apiChanges = built.Api.Count;
    depChanges = built.Dependencies!.Added.Count + built.Dependencies.Removed.Count + built.Dependencies.Upgraded.Count + built.Dependencies.Downgraded.Count;
    commits = built.Source!.Commits.Count;
});
Console.WriteLine($"change record: {members} public members per version, 100 packages, {commits} commits; {apiChanges} API changes, {depChanges} dependency changes");
Report("change record (build + write JSON/Markdown + sign)", record);

// The share of git (two processes: log, diff, for-each-ref, rev-parse) in it.
var gitOnly = Measure(runs, () => SourceHistory.Read(QuantLayer.BuildGuard.Evidence.SourceControl.GitRepository.Discover(repo)!, SourceHistory.Resolve(QuantLayer.BuildGuard.Evidence.SourceControl.GitRepository.Discover(repo)!, "v1.0.0")!, "HEAD", new System.Text.RegularExpressions.Regex(SourceHistory.DefaultIssuePattern)));
Report("  of which git source range", gitOnly);

// ---- A 10,000-entry ledger with a signed checkpoint after every append ----
var ledger = Path.Combine(work, "ledger");
var files = new LedgerFiles(ledger);
Directory.CreateDirectory(files.CheckpointFolder);
var noteSigner = new EcdsaNoteSigner("example.com/acme/gateway/buildguard-ledger", fastSigner);
var tree = new MerkleTree();
var setup = Stopwatch.StartNew();
using (var entries = new StreamWriter(files.Entries, false, new UTF8Encoding(false)) { NewLine = "\n" })
{
    for (var i = 0; i < 10_000; i++)
    {
        var entry = new LedgerEntry
        {
            Name = "Product" + (i % 20),
            Version = $"{i / 20}.0.{i % 20}",
            Commit = Sha(i, 40),
            SourceDateEpoch = 1_700_000_000 + i,
            Artifacts = new[] { new LedgerFile($"Product{i % 20}.{i / 20}.0.{i % 20}.nupkg", Sha(i, 64)), new LedgerFile($"Product{i % 20}.{i / 20}.0.{i % 20}.snupkg", Sha(i + 1, 64)) },
            Sboms = new[] { new LedgerFile("sbom.cdx.json", Sha(i + 2, 64)) },
            Bundles = new[] { new LedgerFile("a.sigstore.json", Sha(i + 3, 64)), new LedgerFile("b.sigstore.json", Sha(i + 4, 64)), new LedgerFile("c.sigstore.json", Sha(i + 5, 64)) },
            ChangeRecords = new[] { new LedgerFile("change.json", Sha(i + 6, 64)) },
        };
        var line = entry.ToLine();
        entries.WriteLine(Encoding.UTF8.GetString(line));
        tree.Append(line);
        var note = SignedNote.Sign(new Checkpoint(noteSigner.KeyName, tree.Size, tree.RootHash()).ToText(), noteSigner).Format();
        File.WriteAllText(files.CheckpointFor(tree.Size), note);
        if (i == 9_999)
        {
            File.WriteAllText(files.LatestCheckpoint, note);
        }
    }
}

Console.WriteLine($"ledger: 10,000 entries ({new FileInfo(files.Entries).Length / 1024} KiB), 10,000 checkpoints, written in {setup.ElapsedMilliseconds} ms");
var artifact = Path.Combine(work, "artifact.nupkg");
File.WriteAllText(artifact, "released bytes");
var verify = Measure(Math.Max(3, runs / 3), () =>
{
    var diagnostics = new DiagnosticBag();
    using var verifier = new EcdsaNoteVerifier(noteSigner.KeyName, signer.PublicKey);
    LedgerVerifier.Verify(ledger, new NoteVerifier[] { verifier }, Array.Empty<string>(), diagnostics);
    if (diagnostics.Items.Count > 0)
    {
        throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }
});
Report("ledger verify (10,000 entries, 10,000 checkpoints: signatures, tree heads, consistency proofs)", verify);

var notes = Directory.GetFiles(files.CheckpointFolder).Select(f => SignedNote.Parse(File.ReadAllText(f))).ToList();
var signatures = Measure(Math.Max(3, runs / 3), () =>
{
    using var verifier = new EcdsaNoteVerifier(noteSigner.KeyName, signer.PublicKey);
    foreach (var note in notes)
    {
        if (!NoteVerifier.Check(note, new NoteVerifier[] { verifier }).Valid)
        {
            throw new InvalidOperationException("bad signature");
        }
    }
});
Report("  of which the 10,000 ECDSA P-256 signature checks alone", signatures);
Report("  of which reading and parsing the entries", Measure(3, () => { foreach (var line in files.ReadEntryLines(out _)) { LedgerEntry.Parse(line); } }));
Report("  of which the tree over the entries", Measure(3, () => MerkleTree.FromEntries(files.ReadEntryLines(out _))));
Report("  of which reading the 10,000 checkpoint files", Measure(3, () => { foreach (var (_, path) in files.CheckpointFiles()) { LedgerFiles.ReadText(path); } }));
Report("  of which tree heads and consistency proofs of every size", Measure(3, () =>
{
    var t = MerkleTree.FromEntries(files.ReadEntryLines(out _));
    for (long size = 2; size <= t.Size; size++)
    {
        var proof = t.ConsistencyProof(size - 1, size);
        MerkleTree.VerifyConsistency(size - 1, size, t.RootHash(size - 1), t.RootHash(size), proof);
    }
}));

var append = Measure(Math.Max(3, runs / 3), () =>
{
    var diagnostics = new DiagnosticBag();
    var result = LedgerAppender.Append(ledger, new LedgerEntry { Name = "Bench", Version = Guid.NewGuid().ToString("N").Substring(0, 8) + ".0.0" }, noteSigner, diagnostics);
    if (!result.Appended)
    {
        throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }
});
Report("ledger append to a 10,000-entry ledger (lock, re-read, check, append, fsync, sign)", append);
return 0;

static (double ColdWall, double ColdCpu, double Wall, double Cpu) Measure(int runs, Action action)
{
    var process = Process.GetCurrentProcess();
    var (coldWall, coldCpu) = Once(action, process);
    var walls = new List<double>();
    var cpus = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var (wall, cpu) = Once(action, process);
        walls.Add(wall);
        cpus.Add(cpu);
    }

    return (coldWall, coldCpu, Median(walls), Median(cpus));
}

// CPU time of this process plus its finished children (git), in ms.
static double Cpu(Process process)
{
    process.Refresh();
    var fields = File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture); // cutime + cstime
    return process.TotalProcessorTime.TotalMilliseconds + (ticks * 10.0);
}

static (double Wall, double Cpu) Once(Action action, Process process)
{
    var cpu = Cpu(process);
    var watch = Stopwatch.StartNew();
    action();
    watch.Stop();
    return (watch.Elapsed.TotalMilliseconds, Cpu(process) - cpu);
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
}

static void Report(string what, (double ColdWall, double ColdCpu, double Wall, double Cpu) m)
    => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: first run {m.ColdWall:0} ms wall / {m.ColdCpu:0} ms CPU; warm median {m.Wall:0.0} ms wall / {m.Cpu:0.0} ms CPU"));

static string Sha(int seed, int length)
{
    var hex = Hex.Lower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));
    return (hex + hex).Substring(0, length);
}

static void Git(string directory, params string[] arguments)
{
    var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Bench";
    start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.com";
    start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException("git " + string.Join(" ", arguments) + ": " + process.StandardError.ReadToEnd());
    }
}

string Library(bool changed)
{
    var source = new StringBuilder("namespace Bench;\n");
    for (var t = 0; t < 100; t++)
    {
        source.Append("public class Type").Append(t).Append(" {\n");
        for (var m = 0; m < 10; m++)
        {
            // Version 2: every 10th type changes a signature, removes one member and adds one.
            var parameter = changed && t % 10 == 0 && m == 0 ? "long" : "int";
            if (!(changed && t % 10 == 1 && m == 1))
            {
                source.Append("  public ").Append(parameter).Append(" Method").Append(m).Append('(').Append(parameter).Append(" value, string name) => value;\n");
            }

            source.Append("  public string Property").Append(m).Append(" { get; set; }\n");
        }

        if (changed && t % 10 == 2)
        {
            source.Append("  public void Added() {}\n");
        }

        source.Append("}\n");
    }

    var trees = new[] { CSharpSyntaxTree.ParseText(source.ToString()) };
    var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
        .Select(p => MetadataReference.CreateFromFile(p));
    var compilation = CSharpCompilation.Create("Lib", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    var path = Path.Combine(work, changed ? "Lib2.dll" : "Lib1.dll");
    var result = compilation.Emit(path);
    if (!result.Success)
    {
        throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    return path;
}

string Packages(int generation)
{
    var components = new List<string>();
    for (var p = 0; p < 100; p++)
    {
        // Generation 1: 5 removed, 5 added, 10 upgraded, 2 downgraded, 3 relicensed.
        if (generation == 1 && p < 5)
        {
            continue;
        }

        var minor = generation == 1 && p is >= 10 and < 20 ? 1 : generation == 1 && p is 20 or 21 ? -1 : 0;
        var license = generation == 1 && p is >= 30 and < 33 ? "Apache-2.0" : "MIT";
        components.Add($$$"""{"type":"library","bom-ref":"pkg:nuget/Pkg{{{p}}}@2.{{{5 + minor}}}.0","name":"Pkg{{{p}}}","version":"2.{{{5 + minor}}}.0","scope":"required","licenses":[{"license":{"id":"{{{license}}}"}}],"purl":"pkg:nuget/Pkg{{{p}}}@2.{{{5 + minor}}}.0"}""");
    }

    if (generation == 1)
    {
        for (var p = 100; p < 105; p++)
        {
            components.Add($$$"""{"type":"library","bom-ref":"pkg:nuget/Pkg{{{p}}}@1.0.0","name":"Pkg{{{p}}}","version":"1.0.0","scope":"required","licenses":[{"license":{"id":"BSD-3-Clause"}}],"purl":"pkg:nuget/Pkg{{{p}}}@1.0.0"}""");
        }
    }

    return $$$"""{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"library","name":"Lib","version":"x"}},"components":[{{{string.Join(",", components)}}}]}""";
}

string Pack(string version, string dll, string sbom)
{
    Directory.CreateDirectory(Path.Combine(repo, "src"));
    File.WriteAllText(Path.Combine(repo, "src", "Version.txt"), version);
    Git(repo, "add", "-A");
    Git(repo, "commit", "-q", "-m", "Release " + version);
    var nupkg = Path.Combine(feed, $"Lib.{version}.nupkg");
    using var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create);
    void Add(string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    Add("Lib.nuspec", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><package><metadata><id>Lib</id><version>{version}</version><authors>a</authors><description>d</description></metadata></package>"));
    Add("lib/net8.0/Lib.dll", File.ReadAllBytes(dll));
    Add("_manifest/cyclonedx/bom.cdx.json", Encoding.UTF8.GetBytes(sbom));
    return nupkg;
}

static Stream ReadLib(string nupkg)
{
    using var zip = ZipFile.OpenRead(nupkg);
    var buffer = new MemoryStream();
    using (var stream = zip.GetEntry("lib/net8.0/Lib.dll")!.Open())
    {
        stream.CopyTo(buffer);
    }

    buffer.Position = 0;
    return buffer;
}
