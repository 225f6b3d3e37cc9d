using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Verification;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

public sealed class SignArtifactsTests
{
    private const string Passphrase = "task test passphrase";

    [Fact]
    public void Signs_the_assembly_set_and_the_sbom_into_bundles_that_verify()
    {
        using var build = new ProjectFolder();
        using var keys = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var keyFile = WriteKey(keys, key.ToEncryptedPem(Passphrase, 1000));
        var engine = new RegisteringEngine();
        var task = build.Task(engine, keyFile, env: ("BUILDGUARD_SIGNING_PASSPHRASE", Passphrase));

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(
            new[] { "App.dll.sigstore.json", "App.dll.sbom.sigstore.json", "App.cdx.json.sigstore.json" },
            task.Bundles.Select(b => Path.GetFileName(b.ItemSpec)));
        Assert.All(task.Bundles, b => Assert.Equal("sigstore-bundle", b.GetMetadata("Kind")));
        Assert.Equal("signed\n", File.ReadAllText(task.StateFile!));
        var report = ReleaseVerifier.Verify(new[] { build.Output }, new VerifierOptions { Keys = new[] { new TrustedKey("supplier.pub", key.PublicKey) } });
        Assert.True(report.Verified, ReleaseVerifier.Render(report, build.Output));
        Assert.DoesNotContain(Passphrase, engine.Log, StringComparison.Ordinal);
        Assert.Contains("key hint " + key.PublicKey.Hint, engine.Log, StringComparison.Ordinal);

        var provenance = InTotoStatement.Parse(SigstoreBundle.Parse(File.ReadAllBytes(task.Bundles[0].ItemSpec)).Envelope!.Payload);
        var predicate = System.Text.Encoding.UTF8.GetString(provenance.PredicateJson!);
        Assert.Contains("\"project\":\"src/App/App.csproj\"", predicate, StringComparison.Ordinal);
        Assert.Contains("\"repository\":\"https://example.com/acme/plc.git\"", predicate, StringComparison.Ordinal);
        Assert.DoesNotContain("token", predicate, StringComparison.Ordinal);
        Assert.Contains("\"finishedOn\":\"2024-05-01T10:00:00Z\"", predicate, StringComparison.Ordinal);
        Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.3", predicate, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_is_decrypted_once_per_build_and_the_cache_never_answers_a_wrong_passphrase()
    {
        using var build = new ProjectFolder();
        using var keys = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var keyFile = WriteKey(keys, key.ToEncryptedPem(Passphrase, 1000));
        var engine = new RegisteringEngine();

        Assert.True(build.Task(engine, keyFile, env: ("BUILDGUARD_SIGNING_PASSPHRASE", Passphrase)).Execute(), engine.Log);
        Assert.True(build.Task(engine, keyFile, env: ("BUILDGUARD_SIGNING_PASSPHRASE", Passphrase)).Execute(), engine.Log);
        Assert.Equal(1, engine.RegisteredKeys);

        Assert.False(build.Task(engine, keyFile, env: ("BUILDGUARD_SIGNING_PASSPHRASE", "not the passphrase")).Execute());
        Assert.Equal("QLB3035", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Two_runs_over_identical_inputs_write_byte_identical_bundles()
    {
        using var build = new ProjectFolder();
        using var keys = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var keyFile = WriteKey(keys, key.ToPem());

        Assert.True(build.Task(new RegisteringEngine(), keyFile).Execute());
        var first = Directory.GetFiles(build.Output, "*.sigstore.json").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        foreach (var bundle in Directory.GetFiles(build.Output, "*.sigstore.json"))
        {
            File.Delete(bundle);
        }

        Assert.True(build.Task(new RegisteringEngine(), keyFile).Execute());
        var second = Directory.GetFiles(build.Output, "*.sigstore.json").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Bundles_written_by_the_task_verify_with_sigstore_js()
    {
        using var build = new ProjectFolder();
        using var keys = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var task = build.Task(new RegisteringEngine(), WriteKey(keys, key.ToPem()));
        Assert.True(task.Execute());

        var result = NodeInterop.Run("verify-sigstore.mjs", new[] { keys.Write("supplier.pub", key.PublicKey.ToPem()) }.Concat(task.Bundles.Select(b => b.ItemSpec)).ToArray());

        Assert.True(result.ExitCode == 0, result.All);
    }

    [Theory]
    [InlineData("Recommended", "Release", false)]
    [InlineData("Recommended", "Debug", false)]
    [InlineData("Audit", "Release", false)]
    [InlineData("Strict", "Debug", false)]
    [InlineData("Strict", "Release", true)]
    public void Without_a_key_it_says_QLB3030_once_per_build_and_fails_only_a_Strict_Release_build(string profile, string configuration, bool fails)
    {
        using var build = new ProjectFolder();
        var engine = new RegisteringEngine();

        var first = build.Task(engine, keyFile: null, profile: profile, configuration: configuration);
        var second = build.Task(engine, keyFile: null, profile: profile, configuration: configuration);

        Assert.Equal(!fails, first.Execute());
        Assert.Equal(!fails, second.Execute());
        Assert.Empty(Directory.GetFiles(build.Output, "*.sigstore.json"));
        if (fails)
        {
            Assert.Equal(2, engine.Errors.Count(e => e.Code == "QLB3030"));
        }
        else
        {
            var warning = Assert.Single(engine.Warnings, w => w.Code == "QLB3030");
            Assert.Contains("App.dll and the other artifacts of this build are not signed", warning.Message, StringComparison.Ordinal);
            Assert.Empty(engine.Errors);
            Assert.Equal("unsigned\n", File.ReadAllText(first.StateFile!));
        }
    }

    [Theory]
    [InlineData("Recommended")]
    [InlineData("Audit")]
    public void A_key_inside_the_repository_is_a_QLB3032_error_in_every_profile_and_nothing_is_signed(string profile)
    {
        using var build = new ProjectFolder();
        using var key = EcPrivateKey.Generate();
        var keyFile = build.Temp.Write("signing.pem", key.ToPem());
        var engine = new RegisteringEngine();

        Assert.False(build.Task(engine, keyFile, profile: profile).Execute());

        Assert.Equal("QLB3032", Assert.Single(engine.Errors).Code);
        Assert.Empty(Directory.GetFiles(build.Output, "*.sigstore.json"));
    }

    [Fact]
    public void A_pem_key_in_the_environment_variable_signs_and_never_reaches_the_log()
    {
        using var build = new ProjectFolder();
        using var key = EcPrivateKey.Generate();
        var pem = key.ToPem();
        var engine = new RegisteringEngine();

        var task = build.Task(engine, keyFile: null, env: ("CI_SIGNING_KEY", pem));
        task.SigningKeyVariable = "CI_SIGNING_KEY";

        Assert.True(task.Execute(), engine.Log);
        Assert.Equal(3, task.Bundles.Length);
        foreach (var line in pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, engine.Log, StringComparison.Ordinal);
        }
    }

    private static string WriteKey(TempDirectory directory, string pem)
    {
        var path = directory.Write("signing.key", pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    /// <summary>A git work tree with a project, its output (assembly, apphost, SBOM) and obj folder.</summary>
    private sealed class ProjectFolder : IDisposable
    {
        public ProjectFolder()
        {
            Temp.Write("src/App/App.csproj", "<Project />");
            Temp.Write(".gitignore", "bin/\nobj/\n");
            ProcessRunner.InitRepository(Temp.Path);
            Assembly = Temp.Write("src/App/bin/Release/net8.0/App.dll", "MZ assembly");
            AppHost = Temp.Write("src/App/bin/Release/net8.0/App", "ELF apphost");
            Temp.Write("src/App/bin/Release/net8.0/App.cdx.json", """
                {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
                 "components":[{"type":"library","name":"Newtonsoft.Json","version":"13.0.3","purl":"pkg:nuget/Newtonsoft.Json@13.0.3","hashes":[{"alg":"SHA-512","content":"00"}]}]}
                """);
        }

        public TempDirectory Temp { get; } = new("bg-sign");

        public string Assembly { get; }

        public string AppHost { get; }

        public string Output => Path.GetDirectoryName(Assembly)!;

        public SignArtifacts Task(IBuildEngine engine, string? keyFile, string profile = "Recommended", string configuration = "Release", params (string Name, string Value)[] env)
        {
            var environment = env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
            return new SignArtifacts
            {
                BuildEngine = engine,
                Primary = Assembly,
                Others = new ITaskItem[] { new TaskItem(AppHost) },
                Sbom = Path.Combine(Output, "App.cdx.json"),
                ProjectFile = Temp.Combine("src", "App", "App.csproj"),
                Configuration = configuration,
                TargetFramework = "net8.0",
                RepositoryUrl = "https://ci:token@example.com/acme/plc.git",
                SourceCommit = new string('a', 40),
                SourceDateEpoch = "1714557600",
                SdkVersion = "10.0.401",
                SigningKeyFile = keyFile,
                StateFile = Temp.Combine("src", "App", "obj", "buildguard.signing.state"),
                Profile = profile,
                Environment = name => environment.TryGetValue(name, out var value) ? value : null,
            };
        }

        public void Dispose() => Temp.Dispose();
    }
}
