namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Industrial protocol rule ids (QLB1500–1599).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>OPC UA: AutoAcceptUntrustedCertificates turned on.</summary>
    public const string OpcUaAutoAcceptUntrusted = "QLB1500";

    /// <summary>OPC UA: a certificate validation handler that accepts every certificate.</summary>
    public const string OpcUaValidationAcceptsAll = "QLB1501";

    /// <summary>OPC UA: an endpoint or session with MessageSecurityMode.None / SecurityPolicies.None.</summary>
    public const string OpcUaSecurityNone = "QLB1502";

    /// <summary>OPC UA: anonymous user tokens on a server whose nodes can be written.</summary>
    public const string OpcUaAnonymousWrite = "QLB1503";

    /// <summary>MQTT client or broker without TLS.</summary>
    public const string MqttWithoutTls = "QLB1510";

    /// <summary>MQTT TLS that accepts untrusted or invalid certificates.</summary>
    public const string MqttUntrustedCertificates = "QLB1511";

    /// <summary>A Modbus/TCP or other fieldbus server listening on every interface without a client allow-list.</summary>
    public const string FieldbusListenerOnAllInterfaces = "QLB1520";
}
