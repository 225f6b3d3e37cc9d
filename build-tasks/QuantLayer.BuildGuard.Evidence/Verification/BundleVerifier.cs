using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Evidence.Verification;

/// <summary>A public key the operator trusts, with the name it is reported under (its file name).</summary>
public sealed class TrustedKey
{
    /// <summary>Creates a trusted key.</summary>
    public TrustedKey(string name, EcPublicKey key)
    {
        Name = name;
        Key = key;
    }

    /// <summary>How the key is named in reports (the file name of <c>--key</c>).</summary>
    public string Name { get; }

    /// <summary>The key.</summary>
    public EcPublicKey Key { get; }

    /// <summary>Reads a PEM public key file. Throws <see cref="FormatException"/> or <see cref="IOException"/>.</summary>
    public static TrustedKey FromFile(string path) => new(Path.GetFileName(path), EcPublicKey.FromFile(path));
}

/// <summary>What the verifier accepts.</summary>
public sealed class VerifierOptions
{
    /// <summary>The predicate types BuildGuard writes and checks.</summary>
    public static IReadOnlyCollection<string> DefaultPredicateTypes { get; } = new[] { SlsaProvenance.PredicateType, CycloneDxAttestation.PredicateType, Change.ChangeRecord.RecordType };

    /// <summary>The trusted keys (several during a key rotation).</summary>
    public required IReadOnlyList<TrustedKey> Keys { get; init; }

    /// <summary>The predicate types accepted in DSSE bundles; others are reported as unexpected.</summary>
    public IReadOnlyCollection<string> PredicateTypes { get; init; } = DefaultPredicateTypes;
}

/// <summary>The outcome of verifying one bundle.</summary>
public sealed class BundleResult
{
    /// <summary>Creates a result.</summary>
    public BundleResult(string bundlePath, string kind, string? predicateType, IReadOnlyList<string> artifacts, TrustedKey? signedBy, IReadOnlyList<EvidenceDiagnostic> failures)
    {
        BundlePath = bundlePath;
        Kind = kind;
        PredicateType = predicateType;
        Artifacts = artifacts;
        SignedBy = signedBy;
        Failures = failures;
    }

    /// <summary>The bundle file.</summary>
    public string BundlePath { get; }

    /// <summary><c>provenance</c>, <c>sbom</c>, <c>attestation</c> (another predicate), <c>signature</c> (a message signature) or <c>unknown</c>.</summary>
    public string Kind { get; }

    /// <summary>The statement's predicate type (DSSE bundles).</summary>
    public string? PredicateType { get; }

    /// <summary>Full paths of the artifacts the bundle covers.</summary>
    public IReadOnlyList<string> Artifacts { get; }

    /// <summary>The trusted key whose signature verified, or null.</summary>
    public TrustedKey? SignedBy { get; }

    /// <summary>What failed (empty when verified).</summary>
    public IReadOnlyList<EvidenceDiagnostic> Failures { get; }

    /// <summary>True when every check passed.</summary>
    public bool Verified => Failures.Count == 0 && SignedBy is not null;
}

/// <summary>
/// Verifies one Sigstore bundle, offline, against trusted public keys: the signature (over the
/// DSSE PAE bytes, or over the file for a message signature), that the signing key is the one the
/// bundle's key hint names, the payload and statement types, that every subject file beside the
/// bundle has the signed SHA-256 digest, the predicate's required fields, and that the SBOM the
/// provenance references has the digest recorded. Never throws for bad input: each problem is a
/// diagnostic naming what failed.
/// </summary>
public static class BundleVerifier
{
    /// <summary>
    /// Verifies the bundle at <paramref name="bundlePath"/>. <paramref name="digests"/> remembers
    /// file digests across the bundles of one run (an assembly is a subject of several bundles).
    /// </summary>
    public static BundleResult Verify(string bundlePath, VerifierOptions options, IDictionary<string, FileDigest>? digests = null)
    {
        digests ??= new Dictionary<string, FileDigest>();
        var path = Path.GetFullPath(bundlePath);
        var failures = new List<EvidenceDiagnostic>();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"Cannot read the bundle: {ex.Message}", path));
            return new BundleResult(path, "unknown", null, Array.Empty<string>(), null, failures);
        }

        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Parse(bytes);
        }
        catch (FormatException ex)
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"Not a valid Sigstore bundle: {ex.Message}.", path));
            return new BundleResult(path, "unknown", null, Array.Empty<string>(), null, failures);
        }

        return bundle.Message is not null
            ? VerifyMessage(path, bundle, options, failures)
            : VerifyEnvelope(path, bundle, options, failures, digests);
    }

    private static BundleResult VerifyMessage(string path, SigstoreBundle bundle, VerifierOptions options, List<EvidenceDiagnostic> failures)
    {
        var message = bundle.Message!;
        var artifact = path.EndsWith(SigstoreBundle.FileSuffix, StringComparison.OrdinalIgnoreCase) ? path.Substring(0, path.Length - SigstoreBundle.FileSuffix.Length) : null;
        if (artifact is null || !File.Exists(artifact))
        {
            failures.Add(Fail(BuildDiagnosticIds.SubjectDigestMismatch, artifact is null
                ? "A message-signature bundle must be named '<file>.sigstore.json' beside the file it signs."
                : $"The signed file '{Path.GetFileName(artifact)}' is missing: it must sit beside its bundle.", path));
            return new BundleResult(path, "signature", null, artifact is null ? Array.Empty<string>() : new[] { artifact }, null, failures);
        }

        if (message.Algorithm is not (MessageSignature.Sha256 or "HASH_ALGORITHM_UNSPECIFIED" or "1"))
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The message digest algorithm '{message.Algorithm}' is not SHA2_256.", path));
            return new BundleResult(path, "signature", null, new[] { artifact }, null, failures);
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(artifact);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add(Fail(BuildDiagnosticIds.SubjectDigestMismatch, $"Cannot read '{Path.GetFileName(artifact)}': {ex.Message}", artifact));
            return new BundleResult(path, "signature", null, new[] { artifact }, null, failures);
        }

        var actual = FileDigest.Sha256Hex(content);
        var recorded = Hex.Lower(message.Digest);
        if (actual != recorded)
        {
            failures.Add(Fail(BuildDiagnosticIds.SubjectDigestMismatch, $"'{Path.GetFileName(artifact)}' does not match the signed digest (signed sha256:{recorded}, file sha256:{actual}): the file was changed after it was signed.", artifact));
        }

        var signedBy = CheckSignature(content, message.Signature, bundle.KeyHint, null, options, path, failures, "the file");
        return new BundleResult(path, "signature", null, new[] { artifact }, signedBy, failures);
    }

    private static BundleResult VerifyEnvelope(string path, SigstoreBundle bundle, VerifierOptions options, List<EvidenceDiagnostic> failures, IDictionary<string, FileDigest> digests)
    {
        var envelope = bundle.Envelope!;
        var signature = envelope.Signatures[0];
        var signedBy = CheckSignature(envelope.PreAuthEncoding(), signature.Signature, bundle.KeyHint, signature.KeyId, options, path, failures, "the signed statement (payload)");
        var signatureOk = signedBy is not null;

        InTotoStatement? statement = null;
        if (envelope.PayloadType != Dsse.InTotoPayloadType)
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The DSSE payload type is '{envelope.PayloadType}', expected '{Dsse.InTotoPayloadType}' (an in-toto Statement).", path));
        }
        else
        {
            try
            {
                statement = InTotoStatement.Parse(envelope.Payload);
            }
            catch (FormatException ex)
            {
                if (signatureOk)
                {
                    failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The signed payload is not an in-toto Statement v1: {ex.Message}.", path));
                }
            }
        }

        if (statement is null)
        {
            return new BundleResult(path, "unknown", null, Array.Empty<string>(), signatureOk ? signedBy : null, failures);
        }

        var folder = Path.GetDirectoryName(path)!;
        var kind = statement.PredicateType switch
        {
            SlsaProvenance.PredicateType => "provenance",
            CycloneDxAttestation.PredicateType => "sbom",
            Change.ChangeRecord.RecordType => "change-record",
            _ => "attestation",
        };
        var artifacts = new List<string>();
        var subjectDigests = new List<string>();
        foreach (var subject in statement.Subjects)
        {
            var file = ResolveName(folder, subject.Name);
            if (file is null)
            {
                failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The statement names a subject '{subject.Name ?? "(no name)"}' that is not a file name beside the bundle.", path));
                continue;
            }

            artifacts.Add(file);
            if (!signatureOk)
            {
                continue;
            }

            if (!subject.Digest.TryGetValue("sha256", out var expected))
            {
                failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The subject '{subject.Name}' has no sha256 digest.", path));
                continue;
            }

            subjectDigests.Add(expected.ToLowerInvariant());
            CheckFile(file, subject.Name!, expected, subject.Digest.TryGetValue("sha512", out var sha512) ? sha512 : null, BuildDiagnosticIds.SubjectDigestMismatch, "was changed after it was signed", failures, digests);
        }

        if (signatureOk)
        {
            if (!options.PredicateTypes.Contains(statement.PredicateType))
            {
                failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The predicate type '{statement.PredicateType}' is not one this verifier checks ({string.Join(", ", options.PredicateTypes)}).", path));
            }
            else if (kind == "provenance")
            {
                CheckProvenance(statement, folder, path, failures, digests);
            }
            else if (kind == "sbom")
            {
                CheckSbom(statement, subjectDigests, path, failures);
            }
            else if (kind == "change-record" && !statement.Subjects.Any(s => s.Name?.EndsWith(Change.ChangeRecordSigner.RecordSuffix, StringComparison.Ordinal) == true))
            {
                failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The change-record attestation does not name its {Change.ChangeRecordSigner.RecordSuffix} file among its subjects, so the record beside the release cannot be checked against it.", path));
            }
        }

        return new BundleResult(path, kind, statement.PredicateType, artifacts, signatureOk ? signedBy : null, failures);
    }

    private static void CheckProvenance(InTotoStatement statement, string folder, string path, List<EvidenceDiagnostic> failures, IDictionary<string, FileDigest> digests)
    {
        try
        {
            using var document = JsonDocument.Parse(statement.PredicateJson ?? Array.Empty<byte>());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("buildDefinition", out var definition) || definition.ValueKind != JsonValueKind.Object
                || !definition.TryGetProperty("buildType", out var buildType) || buildType.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("runDetails", out var run) || run.ValueKind != JsonValueKind.Object
                || !run.TryGetProperty("builder", out var builder) || builder.ValueKind != JsonValueKind.Object
                || !builder.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, "The SLSA provenance lacks buildDefinition.buildType or runDetails.builder.id.", path));
                return;
            }

            if (!run.TryGetProperty("byproducts", out var byproducts) || byproducts.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var element in byproducts.EnumerateArray())
            {
                var byproduct = ResourceDescriptor.Read(element);
                if (byproduct.MediaType != CycloneDxAttestation.MediaType)
                {
                    continue;
                }

                var file = ResolveName(folder, byproduct.Name);
                if (file is null || !byproduct.Digest.TryGetValue("sha256", out var expected))
                {
                    failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The provenance references an SBOM '{byproduct.Name ?? "(no name)"}' without a file name or sha256 digest.", path));
                    continue;
                }

                CheckFile(file, byproduct.Name!, expected, null, BuildDiagnosticIds.SbomDigestMismatch, "is not the SBOM the provenance references (it was changed after signing)", failures, digests, missingHint: "the provenance references it; the release is incomplete without it");
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The SLSA provenance predicate cannot be read: {ex.Message}.", path));
        }
    }

    private static void CheckSbom(InTotoStatement statement, List<string> subjectDigests, string path, List<EvidenceDiagnostic> failures)
    {
        try
        {
            var described = CycloneDxAttestation.DescribedSha256(statement.PredicateJson ?? Array.Empty<byte>());
            if (described is not null && !subjectDigests.Contains(described))
            {
                failures.Add(Fail(BuildDiagnosticIds.SbomDigestMismatch, $"The SBOM in this attestation describes an artifact with sha256:{described}, which is none of the statement's subjects.", path));
            }
        }
        catch (FormatException ex)
        {
            failures.Add(Fail(BuildDiagnosticIds.BundleMalformed, $"The predicate is not a CycloneDX SBOM: {ex.Message}.", path));
        }
    }

    private static TrustedKey? CheckSignature(byte[] signed, byte[] signature, string bundleHint, string? keyId, VerifierOptions options, string path, List<EvidenceDiagnostic> failures, string what)
    {
        if (!string.IsNullOrEmpty(keyId) && bundleHint.Length > 0 && keyId != bundleHint)
        {
            failures.Add(Fail(BuildDiagnosticIds.KeyHintMismatch, $"The DSSE signature's keyid '{keyId}' differs from the bundle's key hint '{bundleHint}'; they must name the same key.", path));
        }

        var hint = bundleHint.Length > 0 ? bundleHint : keyId ?? string.Empty;
        var named = options.Keys.Where(k => k.Key.Hint == hint).ToList();
        foreach (var key in named)
        {
            if (key.Key.Verify(signed, signature))
            {
                return key;
            }
        }

        if (named.Count > 0)
        {
            failures.Add(Fail(BuildDiagnosticIds.SignatureInvalid, $"The signature does not verify with {named[0].Name}, the trusted key the bundle names: {what} or the signature was changed after signing.", path));
            return null;
        }

        foreach (var key in options.Keys)
        {
            if (key.Key.Verify(signed, signature))
            {
                if (hint.Length > 0)
                {
                    failures.Add(Fail(BuildDiagnosticIds.KeyHintMismatch, $"The signature verifies with {key.Name} (key hint {key.Key.Hint}), but the bundle names the key hint '{hint}': the key hint was changed.", path));
                }

                return key;
            }
        }

        var trusted = string.Join(", ", options.Keys.Select(k => $"{k.Name} ({k.Key.Hint})"));
        failures.Add(hint.Length > 0
            ? Fail(BuildDiagnosticIds.KeyHintMismatch, $"The bundle is signed with a key that is not trusted (key hint {hint}); trusted: {trusted}. Verify with the supplier's current public key (--key, repeatable during a key rotation), or treat the release as not from the supplier.", path)
            : Fail(BuildDiagnosticIds.SignatureInvalid, $"The signature does not verify with any trusted key ({trusted}): {what} or the signature was changed, or it was signed with another key.", path));
        return null;
    }

    private static void CheckFile(string file, string name, string expectedSha256, string? expectedSha512, string id, string changed, List<EvidenceDiagnostic> failures, IDictionary<string, FileDigest> digests, string? missingHint = null)
    {
        if (!File.Exists(file))
        {
            failures.Add(Fail(id, $"'{name}' is missing: {missingHint ?? "it is a signed subject and must sit beside its bundle"}.", file));
            return;
        }

        string actual;
        string? actualSha512 = null;
        try
        {
            // SHA-256 is what the statements record; SHA-512 only when a statement has it too.
            if (digests.TryGetValue(file, out var cached))
            {
                actual = cached.Sha256;
                actualSha512 = cached.Sha512.Length > 0 ? cached.Sha512 : null;
            }
            else
            {
                actual = FileDigest.Sha256OfFile(file);
                digests[file] = new FileDigest(0, actual, string.Empty);
            }

            if (expectedSha512 is not null && actualSha512 is null)
            {
                var full = FileDigest.Compute(file);
                digests[file] = full;
                actual = full.Sha256;
                actualSha512 = full.Sha512;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add(Fail(id, $"Cannot read '{name}': {ex.Message}", file));
            return;
        }

        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(Fail(id, $"'{name}' {changed}: signed sha256:{expectedSha256.ToLowerInvariant()}, file sha256:{actual}.", file));
        }
        else if (expectedSha512 is not null && !string.Equals(actualSha512, expectedSha512, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(Fail(id, $"'{name}' {changed}: its sha512 differs from the signed one.", file));
        }
    }

    /// <summary>A subject name as a path under the bundle's folder; null for absolute paths or '..' segments.</summary>
    private static string? ResolveName(string folder, string? name)
    {
        if (string.IsNullOrEmpty(name) || name!.IndexOf('\0') >= 0 || Path.IsPathRooted(name) || name.IndexOf(':') >= 0)
        {
            return null;
        }

        var parts = name.Split('/', '\\');
        if (parts.Any(p => p.Length == 0 || p == "." || p == ".."))
        {
            return null;
        }

        return Path.Combine(new[] { folder }.Concat(parts).ToArray());
    }

    private static EvidenceDiagnostic Fail(string id, string message, string? file) => new(id, EvidenceSeverity.Error, message, file);
}
