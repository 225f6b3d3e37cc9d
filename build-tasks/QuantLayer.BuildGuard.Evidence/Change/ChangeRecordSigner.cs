using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Signing;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>
/// Signs a change record like the other evidence: an in-toto Statement v1 whose predicate type is
/// <see cref="ChangeRecord.RecordType"/> and whose predicate is the record, with the release's
/// artifacts and the <c>X.change.json</c> file itself as subjects, in a DSSE envelope inside a
/// Sigstore bundle <c>&lt;artifact&gt;.change.sigstore.json</c> beside the artifact (the
/// "attestation about X" naming of <c>X.sbom.sigstore.json</c>). <c>buildguard verify</c> checks it.
/// </summary>
public static class ChangeRecordSigner
{
    /// <summary>The file name suffix of a change record.</summary>
    public const string RecordSuffix = ".change.json";

    /// <summary>The suffix of the change record's bundle, appended to the primary artifact's path.</summary>
    public const string BundleSuffix = ".change" + SigstoreBundle.FileSuffix;

    /// <summary>Signs the record at <paramref name="recordPath"/> about <paramref name="artifacts"/> (the first is the primary). Returns the bundle path, or null on failure.</summary>
    public static string? Sign(string recordPath, IReadOnlyList<string> artifacts, ISigner signer, DiagnosticBag diagnostics)
    {
        var record = File.ReadAllBytes(recordPath);
        var subjects = artifacts
            .Select(path => (Name: Path.GetFileName(path), Sha256: FileDigest.Sha256OfFile(path)))
            .Append((Name: Path.GetFileName(recordPath), Sha256: FileDigest.Sha256Hex(record)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new ResourceDescriptor(s.Name, digest: new Dictionary<string, string> { ["sha256"] = s.Sha256 }))
            .ToList();
        var statement = new InTotoStatement(subjects, ChangeRecord.RecordType, record);
        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.SignStatement(statement, signer);
        }
        catch (SigningException ex)
        {
            diagnostics.Error(ex.Id, "The change record was not signed: " + ex.Message, recordPath);
            return null;
        }

        var bundlePath = artifacts[0] + BundleSuffix;
        return AtomicFile.TryWriteAllBytes(bundlePath, bundle.ToJson(), diagnostics) ? bundlePath : null;
    }
}
