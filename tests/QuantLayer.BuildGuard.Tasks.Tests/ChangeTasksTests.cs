using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Ledger;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Tests.Change;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class ChangeTasksTests : IDisposable
{
    private const string V1 = "public class Api { public void Run() {} }";
    private const string V2 = "public class Api { public void Run(int times) {} }";
    private readonly ReleaseFixture _fixture = new();
    private readonly TempDirectory _keys = new("bg-keys");
    private readonly EcPrivateKey _key = EcPrivateKey.Generate();

    [Theory]
    [InlineData("Recommended", false)]
    [InlineData("Strict", true)]
    public void A_breaking_minor_release_is_QLB4000_a_warning_or_in_strict_an_error_and_the_record_is_written_and_signed(string profile, bool fails)
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.1.0]\n\n- Run takes a count.\n");
        _fixture.Release("1.0.0", V1);
        var nupkg = _fixture.Release("1.1.0", V2);
        var engine = new MockEngine();
        var task = ChangeTask(engine, nupkg, profile);

        Assert.Equal(!fails, task.Execute());
        var qlb4000 = fails ? Assert.Single(engine.Errors).Code : Assert.Single(engine.Warnings).Code;
        Assert.Equal(BuildDiagnosticIds.BreakingChangeWithoutMajor, qlb4000);
        var message = fails ? engine.Errors[0].Message : engine.Warnings[0].Message;
        Assert.Contains("Api.Run", message);

        var record = Path.Combine(_fixture.Feed, "Lib.1.1.0.change.json");
        Assert.True(File.Exists(record));
        Assert.True(File.Exists(Path.Combine(_fixture.Feed, "Lib.1.1.0.change.md")));
        Assert.Equal(new[] { "change-record", "change-record-markdown", "sigstore-bundle" }, task.Files.Select(f => f.GetMetadata("Kind")));
        var bundle = SigstoreBundle.Parse(File.ReadAllBytes(nupkg + ".change.sigstore.json"));
        Assert.Equal(_key.PublicKey.Hint, bundle.KeyHint);
    }

    [Fact]
    public void Without_a_key_the_record_is_unsigned_and_the_ledger_is_not_appended()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n");
        var nupkg = _fixture.Release("1.0.0", V1);
        var engine = new MockEngine();
        var task = ChangeTask(engine, nupkg, "Recommended", withKey: false);
        Assert.True(task.Execute(), engine.Log);
        Assert.Equal(2, task.Files.Length);
        Assert.False(File.Exists(nupkg + ".change.sigstore.json"));

        var ledger = LedgerTask(engine, nupkg, task, withKey: false);
        Assert.True(ledger.Execute(), engine.Log);
        Assert.Contains(engine.Messages, m => m.Code == BuildDiagnosticIds.LedgerNotSigned);
        Assert.False(File.Exists(Path.Combine(_fixture.Temp.Path, "ledger", "entries.jsonl")));
        Assert.Equal("unsigned\n", File.ReadAllText(ledger.StateFile!));
    }

    [Fact]
    public void Two_releases_land_in_the_ledger_with_their_evidence_and_verify()
    {
        File.WriteAllText(Path.Combine(_fixture.Repo, "CHANGELOG.md"), "## [1.0.0]\n\n- First.\n\n## [2.0.0]\n\n- Run takes a count.\n");
        var releases = new[] { _fixture.Release("1.0.0", V1), _fixture.Release("2.0.0", V2) };
        foreach (var nupkg in releases)
        {
            var engine = new MockEngine();
            var change = ChangeTask(engine, nupkg, "Strict");
            Assert.True(change.Execute(), engine.Log);
            var ledger = LedgerTask(engine, nupkg, change, withKey: true);
            Assert.True(ledger.Execute(), engine.Log);
            Assert.Empty(engine.Warnings);
        }

        var folder = Path.Combine(_fixture.Temp.Path, "ledger");
        var diagnostics = new DiagnosticBag();
        using var verifier = new EcdsaNoteVerifier("example.com/lib/buildguard-ledger", _key.PublicKey);
        var report = LedgerVerifier.Verify(folder, new NoteVerifier[] { verifier }, releases, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(2, report.Checkpoints.Count);
        Assert.Equal(new[] { "1.0.0", "2.0.0" }, report.Entries.Select(e => e.Version));
        var second = report.Entries[1];
        Assert.Equal(new[] { "Lib.2.0.0.nupkg" }, second.Artifacts.Select(a => a.Name));
        Assert.Equal(new[] { "Lib.2.0.0.change.json" }, second.ChangeRecords.Select(a => a.Name));
        Assert.Equal(new[] { "Lib.2.0.0.nupkg.change.sigstore.json" }, second.Bundles.Select(a => a.Name));
    }

    public void Dispose()
    {
        _key.Dispose();
        _keys.Dispose();
        _fixture.Dispose();
    }

    private WriteChangeRecord ChangeTask(MockEngine engine, string nupkg, string profile, bool withKey = true) => new()
    {
        BuildEngine = engine,
        Package = nupkg,
        BaselineFeeds = new[] { new TaskItem(_fixture.Feed) },
        ProjectFile = Path.Combine(_fixture.Repo, "Lib.csproj"),
        SourceDateEpoch = "1714557600",
        SdkVersion = "10.0.401",
        Profile = profile,
        Environment = name => withKey && name == SigningKeys.DefaultKeyVariable ? _key.ToPem() : null,
    };

    private AppendLedger LedgerTask(MockEngine engine, string nupkg, WriteChangeRecord change, bool withKey) => new()
    {
        BuildEngine = engine,
        Ledger = Path.Combine(_fixture.Temp.Path, "ledger"),
        RepositoryUrl = "https://example.com/lib.git",
        PackageId = "Lib",
        PackageVersion = Path.GetFileNameWithoutExtension(nupkg).Substring(4),
        Artifacts = new[] { new TaskItem(nupkg) },
        Evidence = change.Files,
        SourceDateEpoch = "1714557600",
        StateFile = Path.Combine(_fixture.Temp.Path, "obj", "ledger.state"),
        ProjectFile = Path.Combine(_fixture.Repo, "Lib.csproj"),
        Environment = name => withKey && name == SigningKeys.DefaultKeyVariable ? _key.ToPem() : null,
    };
}
