namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>
/// Every analyzer diagnostic id, by range (see docs/architecture.md). Never renumber or reuse an
/// id: suppressions in users' code depend on it. MSBuild-side ids (QLB3xxx, QLB4xxx, QLB5xxx)
/// live in the evidence core's <c>BuildDiagnosticIds</c>.
/// </summary>
internal static class DiagnosticIds
{
    // QLB1000–1099: injection found by taint tracking.

    // QLB1100–1199: cryptography.
    public const string WeakHash = "QLB1100";

    // QLB1200–1299: deserialization and XML.
    // QLB1300–1399: transport and certificates.
    // QLB1400–1499: secrets and credentials.
    // QLB1500–1599: industrial protocols.
    // QLB1600–1699: process, memory, reflection and other unsafe APIs.
    // QLB2000–2099: traceability.
}
