using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the transport and certificate rules (QLB1300–1399).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor CertificateValidationDisabled = DescriptorFactory.Create(
        DiagnosticIds.CertificateValidationDisabled,
        title: "Do not accept every TLS certificate",
        messageFormat: "{0} {1}, so any certificate is accepted and the connection can be intercepted; remove it, or accept only when SslPolicyErrors is None or the certificate matches a pinned thumbprint",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A certificate validation callback that returns true regardless of the SslPolicyErrors, the certificate and "
            + "the chain turns TLS into unauthenticated encryption: a man in the middle presents his own certificate.",
        cwe: "CWE-295");

    public static readonly DiagnosticDescriptor RevocationCheckDisabled = DescriptorFactory.Create(
        DiagnosticIds.RevocationCheckDisabled,
        title: "Do not turn off certificate revocation checks",
        messageFormat: "{0} turns certificate revocation checking off, so revoked (stolen) certificates are accepted; use X509RevocationMode.Online (or Offline with a maintained CRL cache)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Without revocation checks a certificate whose key was compromised stays valid until it expires.",
        cwe: "CWE-299");

    public static readonly DiagnosticDescriptor ObsoleteTlsProtocol = DescriptorFactory.Create(
        DiagnosticIds.ObsoleteTlsProtocol,
        title: "Do not enable SSL 2/3, TLS 1.0 or TLS 1.1",
        messageFormat: "{0} enables {1}; remove the obsolete versions and let the operating system choose (SslProtocols.None / SecurityProtocolType.SystemDefault) or use TLS 1.2 and 1.3",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 are deprecated (RFC 8996) and have practical attacks (POODLE, BEAST). "
            + "Allowing them lets an attacker downgrade the connection.",
        cwe: "CWE-757");

    public static readonly DiagnosticDescriptor PlaintextHttpEndpoint = DescriptorFactory.Create(
        DiagnosticIds.PlaintextHttpEndpoint,
        title: "Do not send credentials or fetch updates over plaintext HTTP",
        messageFormat: "'{0}' is a plaintext http:// endpoint used {1}; anyone on the network can read or replace the traffic; use https://",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Credentials sent over http:// can be read by anyone on the path; updates, firmware and installers fetched over "
            + "http:// can be replaced. The rule reports http:// URLs whose use is evidently for credentials or updates.",
        cwe: "CWE-319");
}
