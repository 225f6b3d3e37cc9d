using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

public sealed class SigningKeysTests
{
    private const string Passphrase = "s3cret passphrase";

    [Fact]
    public void Nothing_configured_is_not_an_error_but_says_so()
    {
        var diagnostics = new DiagnosticBag();
        var signer = SigningKeys.Resolve(new SigningKeyOptions { Environment = NoEnvironment }, diagnostics, out var configured);
        Assert.Null(signer);
        Assert.False(configured);
        Assert.Empty(diagnostics.Items);
    }

    [Fact]
    public void A_key_file_inside_the_repository_work_tree_is_refused_even_when_ignored()
    {
        using var repo = Repository();
        using var key = EcPrivateKey.Generate();
        repo.Write(".gitignore", "*.pem\n");
        var file = repo.Write("keys/signing.pem", key.ToPem());
        var diagnostics = new DiagnosticBag();

        var signer = SigningKeys.Resolve(new SigningKeyOptions { KeyFile = file, ProjectDirectory = repo.Combine("src"), Environment = NoEnvironment }, diagnostics, out var configured);

        Assert.Null(signer);
        Assert.True(configured);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(BuildDiagnosticIds.KeyInsideRepository, error.Id);
        Assert.Equal(file, error.File);
        Assert.DoesNotContain("PRIVATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_tracked_by_git_is_refused_as_tracked()
    {
        using var repo = Repository();
        using var key = EcPrivateKey.Generate();
        var file = repo.Write("signing.pem", key.ToPem());
        ProcessRunner.Git(repo.Path, "add", "signing.pem");
        ProcessRunner.Git(repo.Path, "commit", "-q", "-m", "oops");
        using var elsewhere = new TempDirectory();
        var diagnostics = new DiagnosticBag();

        SigningKeys.Resolve(new SigningKeyOptions { KeyFile = file, ProjectDirectory = elsewhere.Path, Environment = NoEnvironment }, diagnostics, out _);

        Assert.Equal(BuildDiagnosticIds.KeyTrackedByGit, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void A_symbolic_link_outside_the_repository_to_a_key_inside_it_is_refused()
    {
        using var repo = Repository();
        using var outside = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var target = repo.Write("secrets/key.pem", key.ToPem());
        var link = outside.Combine("key.pem");
        File.CreateSymbolicLink(link, target);
        var diagnostics = new DiagnosticBag();

        SigningKeys.Resolve(new SigningKeyOptions { KeyFile = link, ProjectDirectory = repo.Path, Environment = NoEnvironment }, diagnostics, out _);

        Assert.Equal(BuildDiagnosticIds.KeyInsideRepository, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void An_encrypted_key_file_outside_the_repository_signs_with_the_passphrase_from_the_environment()
    {
        using var repo = Repository();
        using var outside = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var file = WriteKey(outside, "signing.key", key.ToEncryptedPem(Passphrase, 1000));
        var diagnostics = new DiagnosticBag();

        var signer = SigningKeys.Resolve(
            new SigningKeyOptions { KeyFile = file, ProjectDirectory = repo.Path, Environment = Env(("BUILDGUARD_SIGNING_PASSPHRASE", Passphrase)) },
            diagnostics,
            out _);

        Assert.Empty(diagnostics.Items);
        Assert.NotNull(signer);
        Assert.Equal(key.PublicKey.Hint, signer!.PublicKey.Hint);
        Assert.DoesNotContain(Passphrase, signer.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "no passphrase is set")]
    [InlineData("wrong", "the passphrase is wrong")]
    public void A_missing_or_wrong_passphrase_is_QLB3035_naming_the_variable(string? passphrase, string expected)
    {
        using var outside = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var file = WriteKey(outside, "signing.key", key.ToEncryptedPem(Passphrase, 1000));
        var diagnostics = new DiagnosticBag();

        SigningKeys.Resolve(new SigningKeyOptions { KeyFile = file, PassphraseVariable = "MY_PASS", Environment = Env(("MY_PASS", passphrase)) }, diagnostics, out _);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(BuildDiagnosticIds.KeyPassphrase, error.Id);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("MY_PASS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_key_file_readable_by_others_gets_a_QLB3038_warning_and_still_signs()
    {
        using var outside = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        var file = outside.Write("signing.pem", key.ToPem());
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var diagnostics = new DiagnosticBag();

        var signer = SigningKeys.Resolve(new SigningKeyOptions { KeyFile = file, Environment = NoEnvironment }, diagnostics, out _);

        Assert.NotNull(signer);
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal(BuildDiagnosticIds.KeyFilePermissions, warning.Id);
        Assert.Equal(EvidenceSeverity.Warning, warning.Severity);
        Assert.Contains("chmod 600", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_pem_in_the_environment_variable_wins_over_the_key_file()
    {
        using var outside = new TempDirectory();
        using var fileKey = EcPrivateKey.Generate();
        using var envKey = EcPrivateKey.Generate();
        var file = outside.Write("signing.pem", fileKey.ToPem());
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var diagnostics = new DiagnosticBag();

        var signer = SigningKeys.Resolve(new SigningKeyOptions { KeyFile = file, KeyVariable = "CI_KEY", Environment = Env(("CI_KEY", envKey.ToPem())) }, diagnostics, out _);

        Assert.Equal(envKey.PublicKey.Hint, signer!.PublicKey.Hint);
        Assert.Equal("the environment variable CI_KEY", signer.Description);
    }

    [Fact]
    public void An_environment_variable_without_a_pem_is_refused_without_echoing_it()
    {
        var diagnostics = new DiagnosticBag();
        SigningKeys.Resolve(new SigningKeyOptions { Environment = Env(("BUILDGUARD_SIGNING_KEY", "not-a-key-9f8e7d")) }, diagnostics, out var configured);
        Assert.True(configured);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(BuildDiagnosticIds.KeyUnreadable, error.Id);
        Assert.DoesNotContain("9f8e7d", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_material_where_a_path_or_a_name_belongs_is_QLB3031_and_not_echoed()
    {
        using var key = EcPrivateKey.Generate();
        var pem = key.ToPem();
        foreach (var options in new[]
        {
            new SigningKeyOptions { KeyFile = pem, Environment = NoEnvironment },
            new SigningKeyOptions { SignCommand = "signer " + pem, Environment = NoEnvironment },
            new SigningKeyOptions { KeyVariable = pem, Environment = NoEnvironment },
            new SigningKeyOptions { PassphraseVariable = pem, Environment = NoEnvironment },
        })
        {
            var diagnostics = new DiagnosticBag();
            Assert.Null(SigningKeys.Resolve(options, diagnostics, out var configured));
            Assert.True(configured);
            var error = Assert.Single(diagnostics.Items);
            Assert.Equal(BuildDiagnosticIds.KeyOnCommandLine, error.Id);
            Assert.DoesNotContain(pem.Split('\n')[1], error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_signer_command_signs_with_openssl_and_its_signatures_are_checked_against_the_public_key()
    {
        using var outside = new TempDirectory();
        PrivateKeyTests.Openssl(outside.Path, null, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", outside.Combine("hsm.pem"));
        PrivateKeyTests.Openssl(outside.Path, null, "ec", "-in", outside.Combine("hsm.pem"), "-pubout", "-out", outside.Combine("hsm.pub"));
        var diagnostics = new DiagnosticBag();

        var signer = SigningKeys.Resolve(
            new SigningKeyOptions { SignCommand = "openssl dgst -sha256 -sign " + outside.Combine("hsm.pem"), PublicKeyFile = outside.Combine("hsm.pub"), Environment = NoEnvironment },
            diagnostics,
            out _);

        Assert.Empty(diagnostics.Items);
        var message = System.Text.Encoding.UTF8.GetBytes("bytes to sign");
        Assert.True(signer!.PublicKey.Verify(message, signer.Sign(message)));
        Assert.Equal("the signer command 'openssl'", signer.Description);
    }

    [Fact]
    public void A_signer_command_whose_key_does_not_match_the_public_key_is_QLB3037()
    {
        using var outside = new TempDirectory();
        using var other = EcPrivateKey.Generate();
        PrivateKeyTests.Openssl(outside.Path, null, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", outside.Combine("hsm.pem"));
        outside.Write("other.pub", other.PublicKey.ToPem());
        var signer = SigningKeys.Resolve(
            new SigningKeyOptions { SignCommand = "openssl dgst -sha256 -sign " + outside.Combine("hsm.pem"), PublicKeyFile = outside.Combine("other.pub"), Environment = NoEnvironment },
            new DiagnosticBag(),
            out _);

        var ex = Assert.Throws<SigningException>(() => signer!.Sign(new byte[] { 1, 2, 3 }));
        Assert.Equal(BuildDiagnosticIds.SignerKeyMismatch, ex.Id);
    }

    [Theory]
    [InlineData("false", "failed with exit code 1")]
    [InlineData("no-such-signer-command-xyz", "could not be started")]
    [InlineData("echo not a signature", "printed no ECDSA signature")]
    public void A_failing_signer_command_is_QLB3036_with_what_happened(string command, string expected)
    {
        using var key = EcPrivateKey.Generate();
        using var outside = new TempDirectory();
        var signer = SigningKeys.Resolve(
            new SigningKeyOptions { SignCommand = command, PublicKeyFile = outside.Write("k.pub", key.PublicKey.ToPem()), Environment = NoEnvironment },
            new DiagnosticBag(),
            out _);

        var ex = Assert.Throws<SigningException>(() => signer!.Sign(new byte[] { 1 }));
        Assert.Equal(BuildDiagnosticIds.SignerCommandFailed, ex.Id);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signer_command_without_a_public_key_is_QLB3039()
    {
        var diagnostics = new DiagnosticBag();
        SigningKeys.Resolve(new SigningKeyOptions { SignCommand = "openssl dgst -sha256 -sign /k.pem", Environment = NoEnvironment }, diagnostics, out var configured);
        Assert.True(configured);
        Assert.Equal(BuildDiagnosticIds.SigningConfiguration, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void A_private_key_that_does_not_match_the_configured_public_key_is_QLB3037()
    {
        using var outside = new TempDirectory();
        using var key = EcPrivateKey.Generate();
        using var other = EcPrivateKey.Generate();
        var diagnostics = new DiagnosticBag();
        SigningKeys.Resolve(
            new SigningKeyOptions { KeyFile = WriteKey(outside, "k.pem", key.ToPem()), PublicKeyFile = outside.Write("other.pub", other.PublicKey.ToPem()), Environment = NoEnvironment },
            diagnostics,
            out _);
        Assert.Equal(BuildDiagnosticIds.SignerKeyMismatch, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void Builder_identity_comes_from_the_ci_environment()
    {
        Assert.Equal(SlsaProvenance.LocalBuilderId, BuilderIdentity.Detect(NoEnvironment).Id);
        var github = BuilderIdentity.Detect(Env(("GITHUB_ACTIONS", "true"), ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "acme/plc"), ("GITHUB_RUN_ID", "42"), ("GITHUB_RUN_ATTEMPT", "2"), ("RUNNER_ENVIRONMENT", "github-hosted")));
        Assert.Equal("https://github.com/actions/runner/github-hosted", github.Id);
        Assert.Equal("https://github.com/acme/plc/actions/runs/42/attempts/2", github.InvocationId);
        var azure = BuilderIdentity.Detect(Env(("TF_BUILD", "True"), ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/"), ("SYSTEM_TEAMPROJECT", "Plant Control"), ("BUILD_BUILDID", "7")));
        Assert.Equal("https://dev.azure.com/acme/_build/agent/microsoft-hosted", azure.Id);
        Assert.Equal("https://dev.azure.com/acme/Plant%20Control/_build/results?buildId=7", azure.InvocationId);
        var gitlab = BuilderIdentity.Detect(Env(("GITLAB_CI", "true"), ("CI_SERVER_URL", "https://gitlab.example.com"), ("CI_PROJECT_PATH", "acme/plc"), ("CI_RUNNER_ID", "12"), ("CI_JOB_URL", "https://gitlab.example.com/acme/plc/-/jobs/9")));
        Assert.Equal("https://gitlab.example.com/acme/plc/-/runners/12", gitlab.Id);
        var jenkins = BuilderIdentity.Detect(Env(("JENKINS_URL", "https://ci.acme.example/"), ("NODE_NAME", "agent 1"), ("BUILD_URL", "https://ci.acme.example/job/plc/5/")));
        Assert.Equal("https://ci.acme.example/computer/agent%201/", jenkins.Id);
        Assert.Equal("https://example.com/my-builder", BuilderIdentity.Detect(Env(("GITHUB_ACTIONS", "true")), "https://example.com/my-builder").Id);
    }

    private static string? NoEnvironment(string name) => null;

    /// <summary>Writes a key file readable by its owner only, as keygen does.</summary>
    internal static string WriteKey(TempDirectory directory, string name, string pem)
    {
        var path = directory.Write(name, pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] values)
        => name => values.FirstOrDefault(v => v.Name == name).Value;

    private static TempDirectory Repository()
    {
        var repo = new TempDirectory("bg-repo");
        repo.Write("src/App.csproj", "<Project />");
        ProcessRunner.InitRepository(repo.Path);
        return repo;
    }
}
