using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// One set of artifacts signed together: the primary artifact (it names the bundles), the files
/// that belong with it (the apphost beside an assembly, the snupkg beside a nupkg), and the
/// CycloneDX SBOM that describes them, when there is one. All files sit in one folder.
/// </summary>
public sealed class ArtifactSet
{
    /// <summary>The primary artifact's full path.</summary>
    public required string Primary { get; init; }

    /// <summary>Further artifacts of the set (full paths, same folder).</summary>
    public IReadOnlyList<string> Others { get; init; } = Array.Empty<string>();

    /// <summary>The SBOM (<c>X.cdx.json</c>, same folder), or null.</summary>
    public string? Sbom { get; init; }
}

/// <summary>A bundle written by <see cref="ArtifactSigner"/>.</summary>
public sealed record SignedBundle(string Path, string Kind);

/// <summary>
/// Writes the signed evidence of an artifact set, beside it (the naming is documented in
/// docs/signing.md):
/// <list type="bullet">
/// <item><c>&lt;primary&gt;.sigstore.json</c>: SLSA provenance whose subjects are the set's artifacts
/// (byproduct: the SBOM with its digest; resolved dependencies: the source commit and every package
/// of the SBOM);</item>
/// <item><c>&lt;primary&gt;.sbom.sigstore.json</c>: the CycloneDX SBOM as the predicate, about the same subjects;</item>
/// <item><c>&lt;sbom&gt;.sigstore.json</c>: SLSA provenance whose subject is the SBOM file itself.</item>
/// </list>
/// Each is an in-toto Statement in a DSSE envelope in a Sigstore bundle v0.3.
/// </summary>
public static class ArtifactSigner
{
    /// <summary>The suffix of the SBOM attestation bundle beside the primary artifact.</summary>
    public const string SbomAttestationSuffix = ".sbom" + SigstoreBundle.FileSuffix;

    /// <summary>The bundles <see cref="Sign"/> writes for a set, in order (for MSBuild Outputs and the manifest).</summary>
    public static IReadOnlyList<SignedBundle> BundlesFor(ArtifactSet set)
    {
        var bundles = new List<SignedBundle> { new(set.Primary + SigstoreBundle.FileSuffix, "provenance") };
        if (set.Sbom is not null)
        {
            bundles.Add(new SignedBundle(set.Primary + SbomAttestationSuffix, "sbom-attestation"));
            bundles.Add(new SignedBundle(set.Sbom + SigstoreBundle.FileSuffix, "sbom-provenance"));
        }

        return bundles;
    }

    /// <summary>
    /// Signs the set. <paramref name="provenance"/> carries everything but the subjects, the SBOM
    /// byproduct and the SBOM's packages, which are added here. Problems become diagnostics; the
    /// bundles written so far are returned.
    /// </summary>
    public static IReadOnlyList<SignedBundle> Sign(ArtifactSet set, SlsaProvenance provenance, ISigner signer, DiagnosticBag diagnostics)
    {
        var written = new List<SignedBundle>();
        var artifacts = new[] { set.Primary }.Concat(set.Others).Distinct(StringComparer.Ordinal).ToList();
        var subjects = new List<ResourceDescriptor>();
        foreach (var artifact in artifacts)
        {
            var subject = Describe(artifact, diagnostics);
            if (subject is null)
            {
                return written;
            }

            subjects.Add(subject);
        }

        byte[]? sbom = null;
        ResourceDescriptor? sbomDescriptor = null;
        var dependencies = provenance.ResolvedDependencies.ToList();
        if (set.Sbom is not null)
        {
            try
            {
                sbom = File.ReadAllBytes(set.Sbom);
                CycloneDxAttestation.CheckIsCycloneDx(sbom);
                dependencies.AddRange(CycloneDxAttestation.Packages(sbom));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                diagnostics.Error(
                    BuildDiagnosticIds.InputUnreadable,
                    $"Cannot read the SBOM '{set.Sbom}' to sign it: {ex.Message} Rebuild so the SBOM step writes it again; nothing was signed for '{Path.GetFileName(set.Primary)}'.",
                    set.Sbom);
                return written;
            }

            sbomDescriptor = new ResourceDescriptor(
                name: Path.GetFileName(set.Sbom),
                digest: new Dictionary<string, string> { ["sha256"] = FileDigest.Sha256Hex(sbom) },
                mediaType: CycloneDxAttestation.MediaType);
        }

        var bundles = BundlesFor(set);
        var withSbom = new SlsaProvenance
        {
            BuildType = provenance.BuildType,
            ExternalParameters = provenance.ExternalParameters,
            InternalParameters = provenance.InternalParameters,
            ResolvedDependencies = dependencies,
            BuilderId = provenance.BuilderId,
            BuilderVersion = provenance.BuilderVersion,
            InvocationId = provenance.InvocationId,
            SourceDateEpoch = provenance.SourceDateEpoch,
            Byproducts = sbomDescriptor is null ? provenance.Byproducts : provenance.Byproducts.Concat(new[] { sbomDescriptor }).ToList(),
        };

        var statements = new List<InTotoStatement> { withSbom.ToStatement(subjects) };
        if (sbom is not null)
        {
            statements.Add(CycloneDxAttestation.ToStatement(subjects, sbom));
            var sbomOnly = new SlsaProvenance
            {
                BuildType = provenance.BuildType,
                ExternalParameters = provenance.ExternalParameters,
                InternalParameters = provenance.InternalParameters,
                ResolvedDependencies = dependencies,
                BuilderId = provenance.BuilderId,
                BuilderVersion = provenance.BuilderVersion,
                InvocationId = provenance.InvocationId,
                SourceDateEpoch = provenance.SourceDateEpoch,
                Byproducts = provenance.Byproducts,
            };
            statements.Add(sbomOnly.ToStatement(new[] { sbomDescriptor! }));
        }

        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                var path = bundles[i].Path;
                var payload = statements[i].ToJson();
                if (!TryKeep(path, payload, signer))
                {
                    var bundle = SigstoreBundle.ForEnvelope(Dsse.Sign(Dsse.InTotoPayloadType, payload, signer), signer.PublicKey.Hint);
                    if (!AtomicFile.TryWriteAllBytes(path, bundle.ToJson(), diagnostics))
                    {
                        return written;
                    }
                }

                written.Add(bundles[i]);
            }
            catch (SigningException ex)
            {
                diagnostics.Error(ex.Id, ex.Message);
                return written;
            }
        }

        return written;
    }

    /// <summary>The subject descriptor of a file: its name and SHA-256. Null (with a QLB3007 error) when it cannot be read.</summary>
    public static ResourceDescriptor? Describe(string path, DiagnosticBag diagnostics)
    {
        try
        {
            var digest = FileDigest.Compute(path);
            return new ResourceDescriptor(name: Path.GetFileName(path), digest: new Dictionary<string, string> { ["sha256"] = digest.Sha256 });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(
                BuildDiagnosticIds.InputUnreadable,
                $"Cannot read '{path}' to sign it: {ex.Message} The file should have been produced by this build; rebuild, and check that no other process deletes or locks it.",
                path);
            return null;
        }
    }

    /// <summary>
    /// Keeps an existing bundle whose payload is the one to sign and whose signature verifies with
    /// the signer's key (an external signer's randomized signature then stays stable): touches it so
    /// incremental builds see it as up to date. Returns true when the bundle was kept.
    /// </summary>
    private static bool TryKeep(string path, byte[] payload, ISigner signer)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            var bytes = File.ReadAllBytes(path);
            var existing = SigstoreBundle.Parse(bytes);
            if (existing.Envelope is not { } envelope || existing.MediaType != SigstoreBundle.MediaTypeV03 || existing.KeyHint != signer.PublicKey.Hint
                || envelope.PayloadType != Dsse.InTotoPayloadType || !envelope.Payload.SequenceEqual(payload)
                || envelope.Signatures[0].KeyId != signer.PublicKey.Hint
                || !signer.PublicKey.Verify(envelope.PreAuthEncoding(), envelope.Signatures[0].Signature)
                || !existing.ToJson().SequenceEqual(bytes))
            {
                return false;
            }

            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }
}
