namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Transport and certificate rule ids (QLB1300–1399).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>A server or client certificate validation callback that accepts every certificate.</summary>
    public const string CertificateValidationDisabled = "QLB1300";

    /// <summary>Certificate revocation checking turned off.</summary>
    public const string RevocationCheckDisabled = "QLB1301";

    /// <summary>SSL 2/3, TLS 1.0 or TLS 1.1 enabled.</summary>
    public const string ObsoleteTlsProtocol = "QLB1302";

    /// <summary>A plaintext http:// endpoint used for credentials or software updates.</summary>
    public const string PlaintextHttpEndpoint = "QLB1303";
}
