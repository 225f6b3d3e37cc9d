using System.IO.Compression;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Verification;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Tasks.Tests;

/// <summary>
/// QuantLayer.BuildGuard.Signing.targets in real <c>dotnet build</c> / <c>dotnet pack</c> runs: the
/// repository's build/*.props and *.targets imported directly, with the task assemblies this test
/// project built (the packed package is tested end to end in QuantLayer.BuildGuard.EndToEnd.Tests).
/// </summary>
public sealed class SigningTargetsTests
{
    private const string Passphrase = "binlog-canary-passphrase-5e1f";

    [Fact]
    public void A_release_build_and_pack_sign_everything_a_noop_build_signs_nothing_and_no_secret_reaches_the_binlog()
    {
        using var project = new SampleProject();
        using var keys = new TempDirectory("bg-keys");
        using var key = EcPrivateKey.Generate();
        var keyFile = WriteOwnerOnly(keys.Combine("signing.key"), key.ToEncryptedPem(Passphrase, 1000));
        var environment = new Dictionary<string, string?> { ["BUILDGUARD_SIGNING_PASSPHRASE"] = Passphrase };
        var binlog = project.Temp.Combine("build.binlog");

        var build = project.Dotnet(environment, "build", "-c", "Release", "-p:BuildGuardSigningKeyFile=" + keyFile, "-bl:" + binlog);
        Assert.True(build.ExitCode == 0, build.All);

        var output = project.Output("Release");
        foreach (var bundle in new[] { "Plc.dll.sigstore.json", "Plc.dll.sbom.sigstore.json", "Plc.cdx.json.sigstore.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, bundle)), bundle + " missing:\n" + build.All);
        }

        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(output, "buildguard", "Plc.manifest.json")));
        Assert.Equal(3, manifest.Evidence.Count(e => e.Kind == "sigstore-bundle"));

        var pack = project.Dotnet(environment, "pack", "-c", "Release", "--no-build", "-p:BuildGuardSigningKeyFile=" + keyFile, "-bl:" + project.Temp.Combine("pack.binlog"));
        Assert.True(pack.ExitCode == 0, pack.All);
        var packages = project.Temp.Combine("src", "Plc", "bin", "Release");
        Assert.True(File.Exists(Path.Combine(packages, "Plc.1.2.3.nupkg.sigstore.json")), pack.All);

        var report = ReleaseVerifier.Verify(new[] { packages }, new VerifierOptions { Keys = new[] { new TrustedKey("supplier.pub", key.PublicKey) } });
        Assert.True(report.Verified, ReleaseVerifier.Render(report, packages));
        Assert.Contains(report.Artifacts, a => a.Path.EndsWith("Plc.1.2.3.snupkg", StringComparison.Ordinal));
        var publicKey = keys.Write("supplier.pub", key.PublicKey.ToPem());
        var interop = NodeInterop.Run("verify-sigstore.mjs", new[] { publicKey }.Concat(Directory.GetFiles(packages, "*.sigstore.json", SearchOption.AllDirectories)).ToArray());
        Assert.True(interop.ExitCode == 0, interop.All);

        var noop = project.Dotnet(environment, "build", "-c", "Release", "-p:BuildGuardSigningKeyFile=" + keyFile, "-v:d");
        Assert.True(noop.ExitCode == 0, noop.All);
        Assert.Contains("Skipping target \"_BuildGuardSignArtifacts\" because all output files are up-to-date", noop.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Task \"SignArtifacts\"", noop.Output, StringComparison.Ordinal);

        foreach (var log in new[] { binlog, project.Temp.Combine("pack.binlog") })
        {
            AssertNotInBinlog(log, project.Temp.Path, Passphrase);
            AssertNotInBinlog(log, project.Temp.Path, SecretLines(File.ReadAllText(keyFile)));
        }
    }

    [Fact]
    public void A_pem_key_in_the_environment_signs_and_never_reaches_the_binlog()
    {
        using var project = new SampleProject();
        using var key = EcPrivateKey.Generate();
        var pem = key.ToPem();
        var binlog = project.Temp.Combine("env.binlog");

        var build = project.Dotnet(new Dictionary<string, string?> { ["BUILDGUARD_SIGNING_KEY"] = pem }, "build", "-c", "Release", "-bl:" + binlog);

        Assert.True(build.ExitCode == 0, build.All);
        Assert.True(File.Exists(Path.Combine(project.Output("Release"), "Plc.dll.sigstore.json")), build.All);
        AssertNotInBinlog(binlog, project.Temp.Path, SecretLines(pem));
        foreach (var line in SecretLines(pem))
        {
            Assert.DoesNotContain(line, build.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_key_two_projects_get_one_QLB3030_warning_and_a_second_build_runs_no_task()
    {
        using var project = new SampleProject(secondProject: true);

        var first = project.Dotnet(null, "build", project.Temp.Combine("all.proj"), "-c", "Release", "-m:1");
        Assert.True(first.ExitCode == 0, first.All);
        var warnings = first.Output.Split('\n').Where(l => l.Contains("warning QLB3030", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.True(warnings.Count == 1, first.All);
        Assert.Empty(Directory.GetFiles(project.Temp.Path, "*.sigstore.json", SearchOption.AllDirectories));

        var second = project.Dotnet(null, "build", project.Temp.Combine("all.proj"), "-c", "Release", "-m:1", "-v:d");
        Assert.True(second.ExitCode == 0, second.All);
        Assert.DoesNotContain("QLB3030", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Task \"SignArtifacts\"", second.Output, StringComparison.Ordinal);
    }

    /// <summary>The base64 lines of a PEM block: the secret part.</summary>
    private static string[] SecretLines(string pem)
        => pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// Scans a binary log for secrets: its decompressed record stream (UTF-8 and UTF-16; every
    /// property, item, task parameter and message is in it) and its full diagnostic replay as text.
    /// </summary>
    private static void AssertNotInBinlog(string binlog, string workingDirectory, params string[] secrets)
    {
        Assert.NotEmpty(secrets);
        byte[] records;
        using (var gzip = new GZipStream(new MemoryStream(File.ReadAllBytes(binlog)), CompressionMode.Decompress))
        {
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            records = buffer.ToArray();
        }

        var replay = Path.Combine(workingDirectory, Path.GetFileNameWithoutExtension(binlog) + ".replay.log");
        var result = ProcessRunner.Run("dotnet", new[] { "msbuild", binlog, "-noconlog", "-flp:logfile=" + replay + ";verbosity=diagnostic" }, workingDirectory);
        Assert.True(result.ExitCode == 0, result.All);
        var text = File.ReadAllText(replay);
        Assert.Contains("SignArtifacts", text, StringComparison.Ordinal);

        foreach (var secret in secrets)
        {
            Assert.True(IndexOf(records, Encoding.UTF8.GetBytes(secret)) < 0, "secret found in the binlog records");
            Assert.True(IndexOf(records, Encoding.Unicode.GetBytes(secret)) < 0, "secret found (UTF-16) in the binlog records");
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static string WriteOwnerOnly(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    /// <summary>A git repository with a packable console project that imports BuildGuard's build files from this repository.</summary>
    private sealed class SampleProject : IDisposable
    {
        public SampleProject(bool secondProject = false)
        {
            var tasks = Temp.Combine("tasks");
            Directory.CreateDirectory(tasks);
            // The task assemblies and what signing loads beside them (the package ships all of tasks/<tfm>/).
            foreach (var file in new[] { "QuantLayer.BuildGuard.Tasks.dll", "QuantLayer.BuildGuard.Evidence.dll", "BouncyCastle.Cryptography.dll" })
            {
                File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(tasks, file));
            }

            Temp.Write(".gitignore", "bin/\nobj/\ntasks/\n*.binlog\n*.log\n");
            Temp.Write("src/Plc/Plc.csproj", ProjectXml("Plc", tasks));
            Temp.Write("src/Plc/Program.cs", "System.Console.WriteLine(\"PLC gateway\");\n");
            if (secondProject)
            {
                Temp.Write("src/Hmi/Hmi.csproj", ProjectXml("Hmi", tasks));
                Temp.Write("src/Hmi/Program.cs", "System.Console.WriteLine(\"HMI\");\n");
                Temp.Write("all.proj", """
                    <Project DefaultTargets="Build">
                      <Target Name="Restore"><MSBuild Projects="src/Plc/Plc.csproj;src/Hmi/Hmi.csproj" Targets="Restore" /></Target>
                      <Target Name="Build"><MSBuild Projects="src/Plc/Plc.csproj;src/Hmi/Hmi.csproj" Targets="Build" /></Target>
                    </Project>
                    """);
            }

            ProcessRunner.InitRepository(Temp.Path);
        }

        public TempDirectory Temp { get; } = new("bg-targets");

        public string Output(string configuration) => Temp.Combine("src", "Plc", "bin", configuration, "net10.0");

        public ProcessResult Dotnet(IDictionary<string, string?>? environment, params string[] arguments)
        {
            var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["BUILDGUARD_SIGNING_KEY"] = environment is not null && environment.TryGetValue("BUILDGUARD_SIGNING_KEY", out var pem) ? pem : null,
                ["BUILDGUARD_SIGNING_PASSPHRASE"] = environment is not null && environment.TryGetValue("BUILDGUARD_SIGNING_PASSPHRASE", out var pass) ? pass : null,
            };
            var args = arguments.ToList();
            if (!arguments.Any(a => a.EndsWith(".proj", StringComparison.Ordinal)))
            {
                args.Insert(1, Temp.Combine("src", "Plc", "Plc.csproj"));
            }

            return ProcessRunner.Run("dotnet", args, Temp.Path, env);
        }

        public void Dispose() => Temp.Dispose();

        private static string ProjectXml(string name, string tasks)
        {
            var build = RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "build");
            return $$"""
                <Project>
                  <Import Project="{{build}}/QuantLayer.BuildGuard.props" />
                  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <AssemblyName>{{name}}</AssemblyName>
                    <Version>1.2.3</Version>
                    <IsPackable>true</IsPackable>
                    <IncludeSymbols>true</IncludeSymbols>
                    <SymbolPackageFormat>snupkg</SymbolPackageFormat>
                    <RepositoryUrl>https://example.com/acme/plc.git</RepositoryUrl>
                    <BuildGuardCheckBuildSettings>false</BuildGuardCheckBuildSettings>
                    <_BuildGuardTasksAssembly>{{tasks}}/QuantLayer.BuildGuard.Tasks.dll</_BuildGuardTasksAssembly>
                  </PropertyGroup>
                  <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
                  <Import Project="{{build}}/QuantLayer.BuildGuard.targets" />
                </Project>
                """;
        }
    }
}
