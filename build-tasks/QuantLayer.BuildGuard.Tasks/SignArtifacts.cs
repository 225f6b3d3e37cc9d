using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Signs one artifact set (an assembly with its apphost, or a nupkg with its snupkg, plus the
/// SBOM beside it) into Sigstore bundles with SLSA provenance and the SBOM attestation.
/// Only names reach this task: the signer command, the key file's path, the names of the
/// environment variables holding a PEM key and a passphrase. The key is read here, never passed
/// through MSBuild, so it cannot appear in a log or a binlog. With no key configured it says once
/// per build that the artifacts are unsigned (QLB3030): a warning, an error for Release in Strict.
/// </summary>
public sealed class SignArtifacts : SigningKeyTask
{
    private const string UnsignedReportedKey = "QuantLayer.BuildGuard.Signing.UnsignedReported";

    /// <summary>The primary artifact (names the bundles).</summary>
    [Required]
    public string Primary { get; set; } = string.Empty;

    /// <summary>Further artifacts of the set (apphost, snupkg); missing ones are skipped.</summary>
    public ITaskItem[] Others { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The CycloneDX SBOM beside the primary artifact, if the SBOM step wrote one.</summary>
    public string? Sbom { get; set; }

    /// <summary>$(Configuration).</summary>
    public string? Configuration { get; set; }

    /// <summary>$(TargetFramework) (empty for a package).</summary>
    public string? TargetFramework { get; set; }

    /// <summary>$(PackageId) for a package set.</summary>
    public string? PackageId { get; set; }

    /// <summary>$(PackageVersion) for a package set.</summary>
    public string? PackageVersion { get; set; }

    /// <summary>Source repository URL.</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>Source commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>$(NETCoreSdkVersion).</summary>
    public string? SdkVersion { get; set; }

    /// <summary>BuildGuardBuilderId.</summary>
    public string? BuilderId { get; set; }

    /// <summary>A file recording "signed" or "unsigned" for the targets' incremental check.</summary>
    public string? StateFile { get; set; }

    /// <summary>The bundles written, with metadata Kind.</summary>
    [Output]
    public ITaskItem[] Bundles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var keyWatch = System.Diagnostics.Stopwatch.StartNew();
        var keyDiagnostics = new DiagnosticBag();
        var signer = SigningKeys.Resolve(KeyOptions(), keyDiagnostics, out var configured);
        ForwardKeyDiagnostics(keyDiagnostics);

        if (!configured)
        {
            ReportUnsigned();
            WriteState("unsigned");
            return;
        }

        if (signer is null)
        {
            return;
        }

        Log.LogMessage(MessageImportance.Low, "BuildGuard: signing key ready in {0} ms ({1})", keyWatch.ElapsedMilliseconds, signer.Description);

        try
        {
            var primary = Path.GetFullPath(Primary);
            var set = new ArtifactSet
            {
                Primary = primary,
                Others = Others.Select(o => o.GetMetadata("FullPath")).Where(p => !string.IsNullOrEmpty(p) && File.Exists(p) && !string.Equals(p, primary, StringComparison.Ordinal)).ToList(),
                Sbom = !string.IsNullOrWhiteSpace(Sbom) && File.Exists(Sbom) ? Path.GetFullPath(Sbom) : null,
            };
            var provenance = DotNetProvenance.Create(
                new DotNetBuildInfo
                {
                    ProjectFile = ProjectFile,
                    Configuration = Configuration,
                    TargetFramework = TargetFramework,
                    PackageId = PackageId,
                    PackageVersion = PackageVersion,
                    RepositoryUrl = RepositoryUrl,
                    SourceCommit = SourceCommit,
                    SourceDateEpoch = long.TryParse(SourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null,
                    SdkVersion = SdkVersion,
                    BuildGuardVersion = ThisAssembly.InformationalVersion,
                    Profile = Profile,
                    BuilderId = BuilderId,
                },
                Environment);

            var started = System.Diagnostics.Stopwatch.StartNew();
            var written = ArtifactSigner.Sign(set, provenance, signer, Diagnostics);
            Bundles = written.Select(b =>
            {
                var item = new TaskItem(b.Path);
                item.SetMetadata("Kind", "sigstore-bundle");
                item.SetMetadata("Evidence", b.Kind);
                return (ITaskItem)item;
            }).ToArray();

            if (!Diagnostics.HasErrors)
            {
                Log.LogMessage(
                    MessageImportance.Normal,
                    "BuildGuard: signed {0} ({1} bundle(s), key hint {2}, {3}) in {4} ms",
                    Path.GetFileName(primary),
                    written.Count,
                    signer.PublicKey.Hint,
                    signer.Description,
                    started.ElapsedMilliseconds);
                WriteState("signed");
            }
        }
        finally
        {
            (signer as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// A leaked or exposed key (QLB3031 key material in a property, QLB3032 inside the work tree,
    /// QLB3033 tracked by git) is an error in every profile, Audit included: it needs action now,
    /// not a line in a report. Everything else follows the profile.
    /// </summary>
    private void ForwardKeyDiagnostics(DiagnosticBag keyDiagnostics)
    {
        foreach (var diagnostic in keyDiagnostics.Items)
        {
            if (diagnostic.Id is BuildDiagnosticIds.KeyOnCommandLine or BuildDiagnosticIds.KeyInsideRepository or BuildDiagnosticIds.KeyTrackedByGit)
            {
                Log.LogError(null, diagnostic.Id, null, diagnostic.HelpLink, diagnostic.File ?? Path.GetFullPath(ProjectFile), diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
            }
            else
            {
                Diagnostics.Add(diagnostic);
            }
        }
    }

    private void ReportUnsigned()
    {
        var isRelease = string.Equals(Configuration?.Trim(), "Release", StringComparison.OrdinalIgnoreCase);
        var strict = string.Equals(Profile?.Trim(), "Strict", StringComparison.OrdinalIgnoreCase);
        var message = $"{Path.GetFileName(Primary)} and the other artifacts of this build are not signed: no signing key is configured. Set BuildGuardSigningKeyFile (a key outside the repository; 'buildguard keygen' creates one), put a PEM key in the environment variable {(string.IsNullOrWhiteSpace(SigningKeyVariable) ? SigningKeys.DefaultKeyVariable : SigningKeyVariable)}, or set BuildGuardSignCommand for an HSM or KMS signer. Set BuildGuardSigning=false for projects you do not release.";
        var file = Path.GetFullPath(ProjectFile);
        if (strict && isRelease)
        {
            // Every project of a Strict Release build fails: nothing leaves it silently unsigned.
            Log.LogError(null, BuildDiagnosticIds.Unsigned, null, BuildDiagnosticIds.HelpLink(BuildDiagnosticIds.Unsigned), file, 0, 0, 0, 0, message);
            return;
        }

        // Once per build: the first project that finds no key says so; the others say it at low importance.
        var engine = BuildEngine as IBuildEngine4;
        var first = engine?.GetRegisteredTaskObject(UnsignedReportedKey, RegisteredTaskObjectLifetime.Build) is null;
        if (first)
        {
            engine?.RegisterTaskObject(UnsignedReportedKey, true, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            Log.LogWarning(null, BuildDiagnosticIds.Unsigned, null, BuildDiagnosticIds.HelpLink(BuildDiagnosticIds.Unsigned), file, 0, 0, 0, 0, message);
        }
        else
        {
            Log.LogMessage(MessageImportance.Low, "BuildGuard: {0} is not signed (no signing key configured; reported once per build as QLB3030).", Path.GetFileName(Primary));
        }
    }

    /// <summary>
    /// Keeps decrypted keys for the rest of the build in this MSBuild node (registered task
    /// objects; MSBuild disposes them, which clears the key, when the build ends), so an encrypted
    /// key costs one key derivation per build node instead of one per project.
    /// </summary>
    internal sealed class BuildKeyCache : IPrivateKeyCache
    {
        private readonly IBuildEngine4 _engine;

        public BuildKeyCache(IBuildEngine4 engine) => _engine = engine;

        public Evidence.Signing.Keys.EcPrivateKey? Get(string id)
            => (_engine.GetRegisteredTaskObject(id, RegisteredTaskObjectLifetime.Build) as Evidence.Signing.Keys.EcPrivateKey)?.Clone();

        public void Add(string id, Evidence.Signing.Keys.EcPrivateKey key)
            => _engine.RegisterTaskObject(id, key, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
    }

    private void WriteState(string state)
    {
        if (string.IsNullOrWhiteSpace(StateFile))
        {
            return;
        }

        try
        {
            AtomicFile.WriteAllText(StateFile!, state + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The state file only lets the next build skip this step.
            Log.LogMessage(MessageImportance.Low, "BuildGuard: cannot write {0}: {1}", StateFile!, ex.Message);
        }
    }
}
