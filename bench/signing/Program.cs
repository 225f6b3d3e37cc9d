using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.Evidence.Verification;

// bench/signing: `micro [runs]` prints medians of the signing steps; `release <folder> <sets>
// [apphost]` writes a signed release folder (each set: a 512 KiB assembly, optionally a 68 KiB
// apphost, a 50-package SBOM, three bundles) and its public key, for timing `buildguard verify`.
switch (args.FirstOrDefault())
{
    case "micro":
        Micro(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 31);
        return 0;
    case "cold":
        Cold();
        return 0;
    case "verify" when args.Length == 3:
        VerifyInProcess(args[1], args[2], 9);
        return 0;
    case "release" when args.Length is 3 or 4:
        Release(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length == 4 && args[3] == "apphost");
        return 0;
    default:
        Console.Error.WriteLine("usage: SigningBench micro [runs] | cold | release <folder> <sets> [apphost]");
        return 2;
}

static void Micro(int runs)
{
    using var key = EcPrivateKey.Generate();
    using var deterministic = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "bench");
    using var randomized = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "bench", deterministic: false);
    var message = new byte[2048];
    RandomNumberGenerator.Fill(message);
    var signature = deterministic.Sign(message);

    Report("ECDSA P-256 sign, RFC 6979, BouncyCastle (incl. self-verify)", runs, () => deterministic.Sign(message));
    Report("ECDSA P-256 sign, platform randomized (incl. self-verify)", runs, () => randomized.Sign(message));
    Report("ECDSA P-256 verify (platform)", runs, () => key.PublicKey.Verify(message, signature));
    Report("P-256 public key from the private scalar (key load), BouncyCastle", runs, () => EcPrivateKey.FromPkcs8(key.ToPkcs8()).Dispose());
    Report("generate a key, BouncyCastle (buildguard keygen)", runs, () => EcPrivateKey.Generate().Dispose());

    var folder = Directory.CreateTempSubdirectory("bg-bench-sign-").FullName;
    try
    {
        var set = WriteSet(folder, "App", 512 * 1024);
        var provenance = Provenance();
        Report("sign an artifact set: 512 KiB dll + apphost + SBOM, 3 bundles written", runs, () =>
        {
            foreach (var bundle in Directory.GetFiles(folder, "*.sigstore.json"))
            {
                File.Delete(bundle);
            }

            Sign(set, provenance, deterministic);
        });
        Report("same set again, bundles unchanged (kept and touched)", runs, () => Sign(set, provenance, deterministic));
        var bundleBytes = File.ReadAllBytes(set.Primary + ".sigstore.json");
        Report("  of which: one atomic bundle write (temp file, fsync, rename)", runs, () => QuantLayer.BuildGuard.Evidence.Io.AtomicFile.WriteAllBytes(Path.Combine(folder, "write-test.json"), bundleBytes));
        Report("  of which: SHA-256 + SHA-512 of the 512 KiB assembly", runs, () => QuantLayer.BuildGuard.Evidence.Io.FileDigest.Compute(set.Primary));

        var encrypted = key.ToEncryptedPem("bench passphrase");
        Report("load the encrypted key (PBKDF2-SHA256 600000, .NET 8+ platform)", Math.Min(runs, 7), () => EcPrivateKey.FromPem(encrypted, () => "bench passphrase").Dispose());
        var salt = new byte[16];
        Report("PBKDF2-SHA256 600000, BouncyCastle (the .NET Framework task's path)", Math.Min(runs, 5), () => Pbkdf2.DeriveBouncyCastle(Encoding.UTF8.GetBytes("bench passphrase"), salt, EcPrivateKey.DefaultIterations, HashAlgorithmName.SHA256, 32));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

// The first key and deterministic signature in a fresh process: assembly loading, JIT and any
// precomputed tables included (what the first SignArtifacts call in a cold MSBuild node pays).
static void Cold()
{
    var cpu = ThreadCpu.Milliseconds();
    var watch = Stopwatch.StartNew();
    using (var signer = new EcdsaP256Signer(EcPrivateKey.Generate(), "cold"))
    {
        signer.Sign(new byte[64]);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold {ThreadCpu.Milliseconds() - cpu:0.00} {watch.Elapsed.TotalMilliseconds:0.00}"));
}

static void VerifyInProcess(string folder, string publicKey, int runs)
{
    var options = new VerifierOptions { Keys = new[] { TrustedKey.FromFile(publicKey) } };
    var watch = Stopwatch.StartNew();
    var first = ReleaseVerifier.Verify(new[] { folder }, options);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"ReleaseVerifier.Verify in-process, first call (JIT included)",-72} wall {watch.Elapsed.TotalMilliseconds,8:0.00} ms, verified: {first.Verified}"));
    Report("ReleaseVerifier.Verify in-process, warm", runs, () => ReleaseVerifier.Verify(new[] { folder }, options));
}

static void Release(string folder, int sets, bool apphost)
{
    Directory.CreateDirectory(folder);
    using var key = EcPrivateKey.Generate();
    using var signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(key.ToPkcs8()), "bench");
    var provenance = Provenance();
    for (var i = 0; i < sets; i++)
    {
        var sub = Path.Combine(folder, "Project" + i.ToString("00", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(sub);
        var set = WriteSet(sub, "Project" + i.ToString("00", CultureInfo.InvariantCulture), 512 * 1024);
        if (!apphost)
        {
            File.Delete(set.Others[0]);
            set = new ArtifactSet { Primary = set.Primary, Sbom = set.Sbom };
        }

        Sign(set, provenance, signer);
    }

    File.WriteAllText(Path.Combine(folder, "..", Path.GetFileName(folder) + ".pub"), key.PublicKey.ToPem());
    var report = ReleaseVerifier.Verify(new[] { folder }, new VerifierOptions { Keys = new[] { new TrustedKey("bench.pub", key.PublicKey) } });
    Console.WriteLine($"{report.Artifacts.Count} artifacts in {report.Bundles.Count} bundles, verified: {report.Verified}");
}

static ArtifactSet WriteSet(string folder, string name, int size)
{
    var bytes = new byte[size];
    RandomNumberGenerator.Fill(bytes);
    var dll = Path.Combine(folder, name + ".dll");
    File.WriteAllBytes(dll, bytes);
    var apphost = Path.Combine(folder, name);
    File.WriteAllBytes(apphost, bytes.AsSpan(0, 70_000).ToArray());
    var components = string.Join(",", Enumerable.Range(0, 50).Select(i =>
        $$"""{"type":"library","name":"Package{{i}}","version":"1.0.{{i}}","purl":"pkg:nuget/Package{{i}}@1.0.{{i}}","hashes":[{"alg":"SHA-512","content":"{{Convert.ToHexString(SHA512.HashData(BitConverter.GetBytes(i))).ToLowerInvariant()}}"}]}"""));
    var sbom = Path.Combine(folder, name + ".cdx.json");
    File.WriteAllText(sbom, $$"""{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{{components}}]}""");
    return new ArtifactSet { Primary = dll, Others = new[] { apphost }, Sbom = sbom };
}

static void Sign(ArtifactSet set, SlsaProvenance provenance, ISigner signer)
{
    var diagnostics = new DiagnosticBag();
    ArtifactSigner.Sign(set, provenance, signer, diagnostics);
    if (diagnostics.HasErrors)
    {
        throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }
}

static SlsaProvenance Provenance() => DotNetProvenance.Create(
    new DotNetBuildInfo { Configuration = "Release", TargetFramework = "net8.0", SourceCommit = new string('a', 40), SourceDateEpoch = 1714557600, BuildGuardVersion = "bench" },
    _ => null);

// Wall time and the thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a machine shared by other
// builds the wall time mostly measures waiting for a core; the CPU time is what the step costs.
static void Report(string name, int runs, Action action)
{
    action();
    var wall = new List<double>();
    var cpu = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var cpuStart = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        action();
        wall.Add(watch.Elapsed.TotalMilliseconds);
        cpu.Add(ThreadCpu.Milliseconds() - cpuStart);
    }

    wall.Sort();
    cpu.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-72} CPU median {cpu[cpu.Count / 2],8:0.00} ms | wall median {wall[wall.Count / 2],8:0.00} ms (min {wall[0]:0.00}) | {runs} runs"));
}

internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        _ = clock_gettime(ClockThreadCpuTimeId, out var time);
        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
