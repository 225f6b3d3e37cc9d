using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>A signed (or plain) in-toto statement or message signature found in the evidence.</summary>
internal sealed record SignedEvidence(
    string Relative,
    string BundleKind,
    string? KeyHint,
    bool KeyIdsMatchHint,
    bool Keyless,
    string? PredicateType,
    string? BuildType,
    string? BuilderId,
    string? Profile,
    int Subjects,
    int SubjectsVerified,
    bool IsPackage);

/// <summary>
/// File integrity and key handling (SM-6, SM-8): the evidence manifests (every listed file's
/// SHA-256 recomputed), the Sigstore bundles and in-toto statements (subjects' SHA-256 compared
/// with the files beside them; the signatures themselves are verified by <c>buildguard verify</c>
/// with the supplier's public key, which the report does not have).
/// </summary>
internal sealed class IntegrityEvidence
{
    private const string BundleMediaTypePrefix = "application/vnd.dev.sigstore.bundle";
    private const string SlsaProvenanceV1 = "https://slsa.dev/provenance/v1";

    private readonly List<EvidenceFileRef> _manifestRefs = new();
    private readonly List<EvidenceFileRef> _signedRefs = new();

    public int Manifests { get; private set; }

    public int ListedFiles { get; private set; }

    public int VerifiedFiles { get; private set; }

    public int ChangedFiles { get; private set; }

    public int AbsentFiles { get; private set; }

    public List<string> ManifestNames { get; } = new();

    public List<string> Commits { get; } = new();

    public List<long> SourceDates { get; } = new();

    public List<SignedEvidence> Signed { get; } = new();

    public List<string> SubjectProblems { get; } = new();

    public static IntegrityEvidence Read(ReportContext context)
    {
        var result = new IntegrityEvidence();
        foreach (var (relative, full, _) in context.OfKind(EvidenceKinds.Manifest))
        {
            result.ReadManifest(context, relative, full);
        }

        foreach (var (relative, full, kind) in context.Files.Where(f => f.Kind is EvidenceKinds.SigstoreBundle or EvidenceKinds.InTotoStatement))
        {
            result.ReadSigned(context, relative, full, kind);
        }

        return result;
    }

    public RequirementResult Sm6(CatalogueRequirement requirement)
    {
        var signedArtifacts = Signed.Sum(s => s.SubjectsVerified);
        var signatures = Signed.Count(s => s.BundleKind != "statement");
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("manifests", Manifests),
            ReportFigure.Of("filesListed", ListedFiles),
            ReportFigure.Of("filesVerified", VerifiedFiles),
            ReportFigure.Of("filesChanged", ChangedFiles),
            ReportFigure.Of("filesAbsent", AbsentFiles),
            ReportFigure.Of("signatureBundles", signatures),
            ReportFigure.Of("signedSubjectsVerified", signedArtifacts),
            ReportFigure.Of("subjectMismatches", SubjectProblems.Count),
        };
        var notes = new List<string>();
        if (ChangedFiles > 0 || AbsentFiles > 0)
        {
            notes.Add($"{ChangedFiles} listed file(s) changed and {AbsentFiles} absent since the manifest was written (QLB3092).");
        }

        notes.AddRange(SubjectProblems.Take(20));
        RequirementStatus status;
        string summary;
        if (Manifests == 0 && signatures == 0)
        {
            status = RequirementStatus.Missing;
            summary = "No evidence manifest and no signature bundle: nothing records the digests of the build's files.";
        }
        else
        {
            var consistent = ChangedFiles == 0 && AbsentFiles == 0 && SubjectProblems.Count == 0;
            if (signatures == 0)
            {
                notes.Add("No signature: digests alone do not protect against a replaced manifest. Configure a signing key (docs/signing.md).");
            }
            else if (Manifests == 0)
            {
                notes.Add("No evidence manifest: only the signed files have recorded digests.");
            }

            status = consistent && signatures > 0 && Manifests > 0 && signedArtifacts > 0 ? RequirementStatus.Found : RequirementStatus.Partial;
            summary = $"{Manifests} manifest(s) list {ListedFiles} file(s) with SHA-256/SHA-512, {VerifiedFiles} of them unchanged; {signatures} signature bundle(s) cover {signedArtifacts} subject file(s) whose SHA-256 matches.";
        }

        return new RequirementResult
        {
            Requirement = requirement,
            Status = status,
            Summary = summary,
            Figures = figures,
            Evidence = Sorted(_manifestRefs.Concat(_signedRefs)),
            Notes = notes,
        };
    }

    public RequirementResult Sm8(CatalogueRequirement requirement)
    {
        var bundles = Signed.Where(s => s.BundleKind != "statement").ToList();
        var hints = bundles.Select(b => b.KeyHint).Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.Ordinal).OrderBy(h => h, StringComparer.Ordinal).ToList();
        var profiles = bundles.Select(b => b.Profile).Where(p => p is not null).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var builders = bundles.Select(b => b.BuilderId).Where(p => p is not null).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var withoutHint = bundles.Count(b => string.IsNullOrEmpty(b.KeyHint));
        var keyIdMismatch = bundles.Count(b => !b.KeyIdsMatchHint);
        var keyless = bundles.Count(b => b.Keyless);
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("signatureBundles", bundles.Count),
            ReportFigure.Of("signingKeys", hints.Count),
            ReportFigure.Of("bundlesWithoutKeyHint", withoutHint),
            ReportFigure.Of("keyIdMismatches", keyIdMismatch),
            ReportFigure.Of("keylessBundles", keyless),
        };
        if (hints.Count > 0)
        {
            figures.Add(ReportFigure.Of("keyHints", string.Join(" ", hints)));
        }

        if (profiles.Count > 0)
        {
            figures.Add(ReportFigure.Of("buildGuardProfile", string.Join(" ", profiles)));
        }

        if (builders.Count > 0)
        {
            figures.Add(ReportFigure.Of("builderId", string.Join(" ", builders)));
        }

        var notes = new List<string>
        {
            "How the private key is stored, who can use it and how it is rotated are process controls a build cannot prove. "
            + "A BuildGuard build refuses key files inside the repository or tracked by git (QLB3032, QLB3033) and key material in MSBuild properties (QLB3031), so a bundle it signed passed those checks.",
        };
        RequirementStatus status;
        string summary;
        if (bundles.Count == 0)
        {
            status = RequirementStatus.Missing;
            summary = "No signature bundle: nothing shows that a controlled private key signed this build.";
        }
        else
        {
            if (withoutHint > 0)
            {
                notes.Add($"{withoutHint} bundle(s) do not name their key (no verificationMaterial.publicKey.hint).");
            }

            if (keyIdMismatch > 0)
            {
                notes.Add($"{keyIdMismatch} bundle(s) have a DSSE keyid that differs from the key hint.");
            }

            if (hints.Count > 1)
            {
                notes.Add($"The bundles name {hints.Count} different keys.");
            }

            status = withoutHint == 0 && keyIdMismatch == 0 ? RequirementStatus.Found : RequirementStatus.Partial;
            summary = $"{bundles.Count} bundle(s) signed with {hints.Count} named key(s) (ECDSA P-256 key hints); the provenance records the signing build's settings.";
        }

        return new RequirementResult
        {
            Requirement = requirement,
            Status = status,
            Summary = summary,
            Figures = figures,
            Evidence = Sorted(_signedRefs.Where(r => r.Kind == EvidenceKinds.SigstoreBundle)),
            Notes = notes,
        };
    }

    /// <summary>The bundles and statements (for SUM-4).</summary>
    public IReadOnlyList<EvidenceFileRef> SignedRefs => Sorted(_signedRefs);

    internal static IReadOnlyList<EvidenceFileRef> Sorted(IEnumerable<EvidenceFileRef> refs)
        => refs.Distinct().OrderBy(r => r.Location).ThenBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();

    private void ReadManifest(ReportContext context, string relative, string full)
    {
        if (context.ReadBytes(relative, full) is not { } bytes)
        {
            return;
        }

        EvidenceManifest manifest;
        try
        {
            manifest = EvidenceManifest.Parse(bytes);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            context.Problem(relative, full, "is not a BuildGuard evidence manifest (" + ex.Message.TrimEnd('.') + ")");
            return;
        }

        if (context.Use(relative, full, EvidenceKinds.Manifest) is { } reference)
        {
            _manifestRefs.Add(reference);
        }

        Manifests++;
        ManifestNames.Add(manifest.Name);
        if (manifest.SourceCommit is { } commit)
        {
            Commits.Add(commit);
        }

        if (manifest.SourceDateEpoch is { } epoch)
        {
            SourceDates.Add(epoch);
        }

        // Paths are relative to the folder the manifest was written for: the parent of its
        // buildguard/ folder by default; else whichever candidate holds the listed files.
        var folder = Path.GetDirectoryName(full)!;
        var candidates = new[] { Path.GetDirectoryName(folder), folder }.Where(c => c is not null).Select(c => c!).ToList();
        var entries = manifest.Artifacts.Concat(manifest.Evidence).ToList();
        var baseDirectory = candidates
            .OrderByDescending(c => entries.Count(e => File.Exists(Path.Combine(c, e.Path))))
            .First();
        foreach (var entry in entries)
        {
            ListedFiles++;
            if (!IsInside(entry.Path))
            {
                AbsentFiles++;
                context.Diagnostics.Warning(BuildDiagnosticIds.ReportManifestMismatch, $"The evidence manifest '{relative}' lists '{entry.Path}', a path outside its folder; BuildGuard writes relative paths inside it. The file was not read; rebuild to rewrite the manifest.", full);
                continue;
            }

            var path = Path.Combine(baseDirectory, entry.Path);
            if (!File.Exists(path))
            {
                AbsentFiles++;
                context.Diagnostics.Warning(BuildDiagnosticIds.ReportManifestMismatch, $"'{entry.Path}', listed in the evidence manifest '{relative}', is absent. Keep every listed file beside the manifest, or rebuild.", full);
                continue;
            }

            var digest = context.Sha256(path);
            if (digest is not null && string.Equals(digest, entry.Digest.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                VerifiedFiles++;
            }
            else
            {
                ChangedFiles++;
                context.Diagnostics.Warning(BuildDiagnosticIds.ReportManifestMismatch, $"'{entry.Path}' no longer has the SHA-256 recorded in the evidence manifest '{relative}' ({entry.Digest.Sha256}). It changed after the build; rebuild, or find out who changed it.", path);
            }
        }
    }

    private void ReadSigned(ReportContext context, string relative, string full, string kind)
    {
        using var document = context.ReadJson(relative, full);
        if (document is null)
        {
            return;
        }

        var root = document.RootElement;
        try
        {
            var parsed = kind == EvidenceKinds.SigstoreBundle ? ReadBundle(context, relative, full, root) : ReadStatementFile(context, relative, full, root);
            if (parsed is null)
            {
                return;
            }

            Signed.Add(parsed);
            if (context.Use(relative, full, kind) is { } reference)
            {
                _signedRefs.Add(reference);
            }
        }
        catch (FormatException ex)
        {
            context.Problem(relative, full, ex.Message);
        }
    }

    private SignedEvidence? ReadBundle(ReportContext context, string relative, string full, JsonElement root)
    {
        var mediaType = ReportContext.String(root, "mediaType");
        if (mediaType is null || !mediaType.StartsWith(BundleMediaTypePrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"is not a Sigstore bundle (mediaType must start with '{BundleMediaTypePrefix}')");
        }

        var material = ReportContext.Child(root, "verificationMaterial", JsonValueKind.Object) ?? throw new FormatException("is a Sigstore bundle without verificationMaterial");
        var keyless = ReportContext.Child(material, "certificate", JsonValueKind.Object) is not null || ReportContext.Child(material, "x509CertificateChain", JsonValueKind.Object) is not null;
        var hint = ReportContext.Child(material, "publicKey", JsonValueKind.Object) is { } publicKey ? ReportContext.String(publicKey, "hint") : null;
        var folder = Path.GetDirectoryName(full)!;
        var isPackage = relative.EndsWith(".nupkg.sigstore.json", StringComparison.OrdinalIgnoreCase) || relative.EndsWith(".nupkg.sbom.sigstore.json", StringComparison.OrdinalIgnoreCase);

        if (ReportContext.Child(root, "dsseEnvelope", JsonValueKind.Object) is { } envelope)
        {
            var keyIds = ReportContext.Array(envelope, "signatures").Select(s => ReportContext.String(s, "keyid")).ToList();
            if (keyIds.Count == 0)
            {
                throw new FormatException("is a Sigstore bundle whose DSSE envelope has no signature");
            }

            var matches = string.IsNullOrEmpty(hint) || keyIds.All(k => string.IsNullOrEmpty(k) || k == hint);
            var statement = Payload(envelope);
            var (predicateType, buildType, builder, profile, subjects, verified) = ReadStatement(context, relative, folder, statement);
            return new SignedEvidence(relative, "dsse", hint, matches, keyless, predicateType, buildType, builder, profile, subjects, verified, isPackage);
        }

        if (ReportContext.Child(root, "messageSignature", JsonValueKind.Object) is { } message)
        {
            var digest = ReportContext.Child(message, "messageDigest", JsonValueKind.Object) is { } d ? ReportContext.String(d, "digest") : null;
            var subjectName = Path.GetFileName(full).Substring(0, Path.GetFileName(full).Length - Signing.SigstoreBundle.FileSuffix.Length);
            var subjectPath = Path.Combine(folder, subjectName);
            var verified = 0;
            if (digest is null)
            {
                throw new FormatException("is a message-signature bundle without messageDigest.digest");
            }

            string hex;
            try
            {
                hex = Hex.Lower(Signing.SigstoreBundle.DecodeBase64(digest));
            }
            catch (FormatException)
            {
                throw new FormatException("is a message-signature bundle whose digest is not base64");
            }

            if (!File.Exists(subjectPath))
            {
                SubjectMismatch(context, full, relative, subjectName, "is absent beside the bundle");
            }
            else if (context.Sha256(subjectPath) == hex)
            {
                verified = 1;
            }
            else
            {
                SubjectMismatch(context, full, relative, subjectName, "has another SHA-256 than the signed digest");
            }

            return new SignedEvidence(relative, "message", hint, true, keyless, null, null, null, null, 1, verified, isPackage);
        }

        throw new FormatException("is a Sigstore bundle with neither a dsseEnvelope nor a messageSignature");
    }

    private SignedEvidence? ReadStatementFile(ReportContext context, string relative, string full, JsonElement root)
    {
        var folder = Path.GetDirectoryName(full)!;
        JsonElement statement;
        JsonDocument? owned = null;
        try
        {
            if (ReportContext.String(root, "payloadType") is not null && ReportContext.String(root, "payload") is not null)
            {
                owned = Payload(root);
                statement = owned.RootElement;
            }
            else
            {
                statement = root;
            }

            var (predicateType, buildType, builder, profile, subjects, verified) = ReadStatement(context, relative, folder, statement);
            return new SignedEvidence(relative, owned is null ? "statement" : "dsse", null, true, false, predicateType, buildType, builder, profile, subjects, verified, false);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static JsonDocument Payload(JsonElement envelope)
    {
        var payload = ReportContext.String(envelope, "payload") ?? throw new FormatException("has a DSSE envelope without payload");
        byte[] bytes;
        try
        {
            bytes = Signing.SigstoreBundle.DecodeBase64(payload);
        }
        catch (FormatException)
        {
            throw new FormatException("has a DSSE payload that is not base64");
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new FormatException("has a DSSE payload that is not JSON (" + ex.Message.TrimEnd('.') + ")");
        }
    }

    private (string? PredicateType, string? BuildType, string? Builder, string? Profile, int Subjects, int Verified) ReadStatement(ReportContext context, string relative, string folder, JsonDocument document)
    {
        using (document)
        {
            return ReadStatement(context, relative, folder, document.RootElement);
        }
    }

    private (string? PredicateType, string? BuildType, string? Builder, string? Profile, int Subjects, int Verified) ReadStatement(ReportContext context, string relative, string folder, JsonElement statement)
    {
        var type = ReportContext.String(statement, "_type");
        if (type is null || !type.StartsWith("https://in-toto.io/Statement/", StringComparison.Ordinal))
        {
            throw new FormatException("does not hold an in-toto Statement (_type must start with 'https://in-toto.io/Statement/')");
        }

        var subjects = 0;
        var verified = 0;
        var full = Path.Combine(folder, Path.GetFileName(relative));
        foreach (var subject in ReportContext.Array(statement, "subject"))
        {
            subjects++;
            var name = ReportContext.String(subject, "name");
            var sha256 = ReportContext.Child(subject, "digest", JsonValueKind.Object) is { } digest ? ReportContext.String(digest, "sha256") : null;
            if (name is null || sha256 is null)
            {
                SubjectMismatch(context, full, relative, name ?? "(unnamed)", "has no name or no sha256 digest in the statement");
                continue;
            }

            var path = Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar));
            if (!IsInside(name))
            {
                SubjectMismatch(context, full, relative, name, "is named by a path outside the bundle's folder (subjects are file names beside the bundle)");
            }
            else if (!File.Exists(path))
            {
                SubjectMismatch(context, full, relative, name, "is absent beside the bundle");
            }
            else if (string.Equals(context.Sha256(path), sha256, StringComparison.OrdinalIgnoreCase))
            {
                verified++;
            }
            else
            {
                SubjectMismatch(context, full, relative, name, "has another SHA-256 than the signed statement records");
            }
        }

        var predicateType = ReportContext.String(statement, "predicateType");
        string? buildType = null, builder = null, profile = null;
        if (predicateType == SlsaProvenanceV1 && ReportContext.Child(statement, "predicate", JsonValueKind.Object) is { } predicate)
        {
            if (ReportContext.Child(predicate, "buildDefinition", JsonValueKind.Object) is { } definition)
            {
                buildType = ReportContext.String(definition, "buildType");
                if (ReportContext.Child(definition, "internalParameters", JsonValueKind.Object) is { } internals)
                {
                    profile = ReportContext.String(internals, "buildGuardProfile");
                }
            }

            if (ReportContext.Child(predicate, "runDetails", JsonValueKind.Object) is { } run && ReportContext.Child(run, "builder", JsonValueKind.Object) is { } b)
            {
                builder = ReportContext.String(b, "id");
            }
        }

        return (predicateType, buildType, builder, profile, subjects, verified);
    }

    /// <summary>True for a relative path that stays inside its folder (no root, no '..' segment).</summary>
    private static bool IsInside(string path)
        => path.Length > 0 && !Path.IsPathRooted(path) && !path.Replace('\\', '/').Split('/').Contains("..");

    private void SubjectMismatch(ReportContext context, string full, string relative, string subject, string what)
    {
        var text = $"'{subject}', a subject of '{relative}', {what}.";
        SubjectProblems.Add(text);
        context.Diagnostics.Warning(BuildDiagnosticIds.ReportSubjectMismatch, text + " Keep each artifact beside its bundles, unchanged; run 'buildguard verify --key' for the full check.", full);
    }
}
