namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>
/// Every analyzer diagnostic id, by range; one partial file per area
/// (<c>DiagnosticIds.&lt;Area&gt;.cs</c>). Ranges: QLB1000–1099 injection (taint), QLB1100–1199
/// cryptography, QLB1200–1299 deserialization and XML, QLB1300–1399 transport and certificates,
/// QLB1400–1499 secrets, QLB1500–1599 industrial protocols, QLB1600–1699 process, memory,
/// reflection and other unsafe APIs, QLB2000–2099 traceability. Never renumber or reuse an id:
/// suppressions in users' code depend on it. MSBuild-side ids (QLB3xxx–5xxx) live in the
/// evidence core's <c>BuildDiagnosticIds</c>.
/// </summary>
internal static partial class DiagnosticIds
{
}
