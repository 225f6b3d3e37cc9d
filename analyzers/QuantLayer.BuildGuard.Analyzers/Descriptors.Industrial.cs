using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the industrial protocol rules (QLB1500–1599).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor OpcUaAutoAcceptUntrusted = DescriptorFactory.Create(
        DiagnosticIds.OpcUaAutoAcceptUntrusted,
        title: "Do not auto-accept untrusted OPC UA certificates",
        messageFormat: "{0} accepts any peer's application certificate, so a rogue client or server is trusted on first contact; set it to false and add trusted certificates to the trust list (or use GDS push)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "AutoAcceptUntrustedCertificates makes the OPC UA stack accept application instance certificates that are not "
            + "in the trusted store. Secure channels then authenticate nobody (IEC 62443-3-3 SR 1.2, SR 3.1).",
        cwe: "CWE-295");

    public static readonly DiagnosticDescriptor OpcUaValidationAcceptsAll = DescriptorFactory.Create(
        DiagnosticIds.OpcUaValidationAcceptsAll,
        title: "Do not accept every OPC UA certificate in a validation handler",
        messageFormat: "{0} accepts the certificate without looking at the validation error or the certificate; accept only specific errors for specific, known certificates",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A CertificateValidator.CertificateValidation handler that sets e.Accept (or e.AcceptAll) unconditionally, or an "
            + "AcceptError callback that returns true, overrides every certificate check of the OPC UA stack.",
        cwe: "CWE-295");

    public static readonly DiagnosticDescriptor OpcUaSecurityNone = DescriptorFactory.Create(
        DiagnosticIds.OpcUaSecurityNone,
        title: "Do not use OPC UA security mode None for sessions",
        messageFormat: "{0} selects security mode None (no signing, no encryption) for a session endpoint; use SignAndEncrypt with a current security policy (Basic256Sha256, Aes128/256) and keep None for discovery only",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "With MessageSecurityMode.None / SecurityPolicies.None OPC UA messages are neither signed nor encrypted: "
            + "values and commands can be read and altered on the network. Discovery services work without it.",
        cwe: "CWE-319");

    public static readonly DiagnosticDescriptor OpcUaAnonymousWrite = DescriptorFactory.Create(
        DiagnosticIds.OpcUaAnonymousWrite,
        title: "Do not allow anonymous OPC UA users on a server that can be written",
        messageFormat: "Anonymous user tokens are enabled on an OPC UA server whose nodes can be written or methods called ({0}); require user authentication (UserName or X509 tokens) or restrict writes with role permissions",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A server that offers the Anonymous user token policy lets any client that gets a secure channel write "
            + "variables and call methods, unless access is restricted per role.",
        cwe: "CWE-306",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor MqttWithoutTls = DescriptorFactory.Create(
        DiagnosticIds.MqttWithoutTls,
        title: "Do not use MQTT without TLS",
        messageFormat: "{0} without TLS: topics, payloads and the MQTT user name and password travel in clear text; {1}",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "MQTT over plain TCP (port 1883) or ws:// has no confidentiality, integrity or server authentication.",
        cwe: "CWE-319");

    public static readonly DiagnosticDescriptor MqttUntrustedCertificates = DescriptorFactory.Create(
        DiagnosticIds.MqttUntrustedCertificates,
        title: "Do not let MQTT TLS accept untrusted certificates",
        messageFormat: "{0} makes the MQTT TLS connection accept certificates that fail validation, so the broker (or client) is not authenticated; remove it and trust the broker's CA (TrustChain) instead",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "AllowUntrustedCertificates, IgnoreCertificateChainErrors, IgnoreCertificateRevocationErrors and validation "
            + "handlers that return true turn TLS into unauthenticated encryption.",
        cwe: "CWE-295");

    public static readonly DiagnosticDescriptor FieldbusListenerOnAllInterfaces = DescriptorFactory.Create(
        DiagnosticIds.FieldbusListenerOnAllInterfaces,
        title: "Do not expose a fieldbus server on every interface without an allow-list",
        messageFormat: "{0} listens on every network interface and never checks the client's address, and {1} has no authentication of its own; bind to the control-network interface and accept only listed client addresses",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Modbus/TCP, DNP3, IEC 60870-5-104, S7, EtherNet/IP and BACnet have no authentication. A server bound to "
            + "IPAddress.Any that does not check RemoteEndPoint accepts commands from any host that can reach any interface.",
        cwe: "CWE-1327");
}
