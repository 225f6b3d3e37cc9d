namespace QuantLayer.BuildGuard.Analyzers.Tests.Stubs;

/// <summary>
/// Minimal declarations of the industrial libraries the rules match, with the namespaces, type and
/// member names of the real packages: OPC Foundation UA .NET Standard (1.5.378 API, plus the 2.0
/// hosting and certificate-manager members), MQTTnet 5 and 4 (and 3 in a separate assembly with
/// its real major version), NModbus and EasyModbusTCP.
/// </summary>
internal static class IndustrialStubs
{
    public const string OpcUa = """
        using System;
        using System.Collections.Generic;
        using System.Security.Cryptography.X509Certificates;

        namespace Opc.Ua
        {
            public enum MessageSecurityMode { Invalid = 0, None = 1, Sign = 2, SignAndEncrypt = 3 }
            public enum UserTokenType { Anonymous = 0, UserName = 1, Certificate = 2, IssuedToken = 3 }

            public static class SecurityPolicies
            {
                public const string BaseUri = "http://opcfoundation.org/UA/SecurityPolicy#";
                public const string None = BaseUri + "None";
                public const string Basic256Sha256 = BaseUri + "Basic256Sha256";
            }

            public static class AccessLevels
            {
                public const byte None = 0x0;
                public const byte CurrentRead = 0x1;
                public const byte CurrentWrite = 0x2;
                public const byte CurrentReadOrWrite = 0x3;
            }

            public static class StatusCodes
            {
                public const uint BadCertificateUntrusted = 0x801A0000;
            }

            public struct StatusCode
            {
                public uint Code { get; set; }
                public static implicit operator uint(StatusCode code) => code.Code;
            }

            public class ServiceResult
            {
                public StatusCode StatusCode { get; set; }
            }

            public class SecurityConfiguration
            {
                public bool AutoAcceptUntrustedCertificates { get; set; }
                public bool RejectSHA1SignedCertificates { get; set; }
            }

            public class CertificateValidationEventArgs : EventArgs
            {
                public ServiceResult Error { get; }
                public X509Certificate2 Certificate { get; }
                public bool Accept { get; set; }
                public bool AcceptAll { get; set; }
            }

            public delegate void CertificateValidationEventHandler(CertificateValidator sender, CertificateValidationEventArgs e);

            public class CertificateValidator
            {
                public event CertificateValidationEventHandler CertificateValidation;
                public bool AutoAcceptUntrustedCertificates { get; set; }
            }

            public sealed class CertificateManager
            {
                public bool AutoAcceptUntrustedCertificates { get; set; }
                public Func<Opc.Ua.Security.Certificates.Certificate, ServiceResult, bool> AcceptError { get; set; }
            }

            public class ServerSecurityPolicy
            {
                public MessageSecurityMode SecurityMode { get; set; }
                public string SecurityPolicyUri { get; set; }
            }

            public class ServerSecurityPolicyCollection : List<ServerSecurityPolicy> { }

            public class UserTokenPolicy
            {
                public UserTokenPolicy() { }
                public UserTokenPolicy(UserTokenType tokenType) { TokenType = tokenType; }
                public UserTokenType TokenType { get; set; }
            }

            public class UserTokenPolicyCollection : List<UserTokenPolicy> { }

            public class ServerConfiguration
            {
                public ServerSecurityPolicyCollection SecurityPolicies { get; set; } = new ServerSecurityPolicyCollection();
                public UserTokenPolicyCollection UserTokenPolicies { get; set; } = new UserTokenPolicyCollection();
            }

            public class ApplicationConfiguration
            {
                public SecurityConfiguration SecurityConfiguration { get; set; } = new SecurityConfiguration();
                public CertificateValidator CertificateValidator { get; set; } = new CertificateValidator();
                public ServerConfiguration ServerConfiguration { get; set; } = new ServerConfiguration();
            }

            public class EndpointDescription
            {
                public string EndpointUrl { get; set; }
                public MessageSecurityMode SecurityMode { get; set; }
                public string SecurityPolicyUri { get; set; }
            }

            public class DiscoveryClient
            {
                public static DiscoveryClient Create(Uri discoveryUrl) => new DiscoveryClient();
                public List<EndpointDescription> GetEndpoints(object profileUris) => null;
            }

            public class RolePermissionTypeCollection : List<object> { }

            public class NodeState
            {
                public RolePermissionTypeCollection RolePermissions { get; set; }
                public RolePermissionTypeCollection UserRolePermissions { get; set; }
            }

            public delegate ServiceResult NodeValueSimpleEventHandler(object context, NodeState node, ref object value);

            public class BaseVariableState : NodeState
            {
                public byte AccessLevel { get; set; }
                public byte UserAccessLevel { get; set; }
                public NodeValueSimpleEventHandler OnSimpleWriteValue;
            }
        }

        namespace Opc.Ua.Security.Certificates
        {
            public sealed class Certificate { }
        }

        namespace Opc.Ua.Client
        {
            public static class CoreClientUtils
            {
                public static Opc.Ua.EndpointDescription SelectEndpoint(Opc.Ua.ApplicationConfiguration application, string discoveryUrl, bool useSecurity, int operationTimeout = 15000) => null;
                public static System.Threading.Tasks.ValueTask<Opc.Ua.EndpointDescription> SelectEndpointAsync(Opc.Ua.ApplicationConfiguration application, string discoveryUrl, bool useSecurity, System.Threading.CancellationToken ct = default) => default;
            }

            public class Session
            {
                public static Session Create(Opc.Ua.ApplicationConfiguration configuration, Opc.Ua.EndpointDescription endpoint) => new Session();
            }
        }

        namespace Opc.Ua.Configuration
        {
            public interface IApplicationConfigurationBuilderSecurityOptions
            {
                IApplicationConfigurationBuilderSecurityOptions SetAutoAcceptUntrustedCertificates(bool autoAccept);
                IApplicationConfigurationBuilderSecurityOptions SetRejectSHA1SignedCertificates(bool rejectSHA1Signed);
            }

            public interface IApplicationConfigurationBuilderServerPolicies
            {
                IApplicationConfigurationBuilderServerSelected AddUnsecurePolicyNone(bool addPolicy = true);
                IApplicationConfigurationBuilderServerSelected AddSignAndEncryptPolicies(bool addPolicies = true);
                IApplicationConfigurationBuilderServerSelected AddPolicy(Opc.Ua.MessageSecurityMode securityMode, string securityPolicy);
                IApplicationConfigurationBuilderServerSelected AddUserTokenPolicy(Opc.Ua.UserTokenType userTokenType);
                IApplicationConfigurationBuilderServerSelected AddUserTokenPolicy(Opc.Ua.UserTokenPolicy userTokenPolicy);
            }

            public interface IApplicationConfigurationBuilderServerSelected : IApplicationConfigurationBuilderServerPolicies { }

            public sealed class OpcUaApplicationOptions
            {
                public bool? AutoAcceptUntrustedCertificates { get; set; }
            }
        }
        """;

    public const string OpcUaServer = """
        namespace Opc.Ua.Server
        {
            public class StandardServer { }

            public class CustomNodeManager2
            {
                public virtual void Write(object context, object nodesToWrite, object errors) { }
                public virtual void Browse(object context) { }
            }
        }

        namespace Opc.Ua.Server.Hosting
        {
            public sealed class OpcUaServerOptions
            {
                public bool AutoAcceptUntrustedCertificates { get; set; }
                public bool IncludeUnsecurePolicyNone { get; set; }
            }
        }
        """;

    public const string MqttNet5 = """
        using System;
        using System.Net;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        namespace MQTTnet
        {
            public sealed class MqttClientOptions { }

            public sealed class MqttClientCertificateValidationEventArgs : EventArgs
            {
                public X509Certificate Certificate { get; }
                public X509Chain Chain { get; }
                public SslPolicyErrors SslPolicyErrors { get; }
            }

            public sealed class MqttClientTlsOptions
            {
                public Func<MqttClientCertificateValidationEventArgs, bool> CertificateValidationHandler { get; set; }
                public bool UseTls { get; set; }
                public bool IgnoreCertificateRevocationErrors { get; set; }
                public bool IgnoreCertificateChainErrors { get; set; }
                public bool AllowUntrustedCertificates { get; set; }
                public X509Certificate2Collection TrustChain { get; set; }
            }

            public sealed class MqttClientTlsOptionsBuilder
            {
                public MqttClientTlsOptions Build() => new MqttClientTlsOptions();
                public MqttClientTlsOptionsBuilder UseTls(bool useTls = true) => this;
                public MqttClientTlsOptionsBuilder WithAllowUntrustedCertificates(bool allowUntrustedCertificates = true) => this;
                public MqttClientTlsOptionsBuilder WithCertificateValidationHandler(Func<MqttClientCertificateValidationEventArgs, bool> certificateValidationHandler) => this;
                public MqttClientTlsOptionsBuilder WithIgnoreCertificateChainErrors(bool ignoreCertificateChainErrors = true) => this;
                public MqttClientTlsOptionsBuilder WithIgnoreCertificateRevocationErrors(bool ignoreCertificateRevocationErrors = true) => this;
                public MqttClientTlsOptionsBuilder WithTrustChain(X509Certificate2Collection chain) => this;
            }

            public sealed class MqttClientWebSocketOptionsBuilder
            {
                public MqttClientWebSocketOptionsBuilder WithUri(string uri) => this;
            }

            public sealed class MqttClientOptionsBuilder
            {
                public MqttClientOptions Build() => new MqttClientOptions();
                public MqttClientOptionsBuilder WithClientId(string value) => this;
                public MqttClientOptionsBuilder WithConnectionUri(Uri uri) => this;
                public MqttClientOptionsBuilder WithConnectionUri(string uri) => this;
                public MqttClientOptionsBuilder WithCredentials(string username, string password) => this;
                public MqttClientOptionsBuilder WithEndPoint(EndPoint endPoint) => this;
                public MqttClientOptionsBuilder WithTcpServer(string host, int? port = null) => this;
                public MqttClientOptionsBuilder WithTlsOptions(MqttClientTlsOptions tlsOptions) => this;
                public MqttClientOptionsBuilder WithTlsOptions(Action<MqttClientTlsOptionsBuilder> configure) => this;
                public MqttClientOptionsBuilder WithWebSocketServer(Action<MqttClientWebSocketOptionsBuilder> configure) => this;
            }
        }

        namespace MQTTnet.Server
        {
            public class MqttServerTcpEndpointOptions
            {
                public bool IsEnabled { get; set; }
                public int Port { get; set; }
            }

            public sealed class MqttServerOptions
            {
                public MqttServerTcpEndpointOptions DefaultEndpointOptions { get; } = new MqttServerTcpEndpointOptions();
            }

            public class MqttServerOptionsBuilder
            {
                public MqttServerOptions Build() => new MqttServerOptions();
                public MqttServerOptionsBuilder WithDefaultEndpoint() => this;
                public MqttServerOptionsBuilder WithDefaultEndpointPort(int value) => this;
                public MqttServerOptionsBuilder WithDefaultEndpointBoundIPAddress(IPAddress value) => this;
                public MqttServerOptionsBuilder WithDefaultEndpointBoundIPV6Address(IPAddress value) => this;
                public MqttServerOptionsBuilder WithEncryptedEndpoint() => this;
                public MqttServerOptionsBuilder WithEncryptionCertificate(X509Certificate2 certificate) => this;
                public MqttServerOptionsBuilder WithoutDefaultEndpoint() => this;
                public MqttServerOptionsBuilder WithRemoteCertificateValidationCallback(RemoteCertificateValidationCallback value) => this;
            }
        }
        """;

    public const string MqttNet4Client = """
        using System;

        namespace MQTTnet.Client
        {
            public sealed class MqttClientOptions { }

            public sealed class MqttClientOptionsBuilderTlsParameters
            {
                public bool UseTls { get; set; }
                public bool AllowUntrustedCertificates { get; set; }
                public bool IgnoreCertificateChainErrors { get; set; }
            }

            public sealed class MqttClientOptionsBuilder
            {
                public MqttClientOptions Build() => new MqttClientOptions();
                public MqttClientOptionsBuilder WithTcpServer(string host, int? port = null) => this;
                public MqttClientOptionsBuilder WithTls() => this;
                public MqttClientOptionsBuilder WithTls(MqttClientOptionsBuilderTlsParameters parameters) => this;
                public MqttClientOptionsBuilder WithTls(Action<MqttClientOptionsBuilderTlsParameters> optionsBuilder) => this;
                public MqttClientOptionsBuilder WithCredentials(string username, string password) => this;
            }
        }
        """;

    public const string MqttNet3Server = """
        [assembly: System.Reflection.AssemblyVersion("3.1.2.0")]

        namespace MQTTnet.Server
        {
            public sealed class MqttServerOptions { }

            public class MqttServerOptionsBuilder
            {
                public MqttServerOptions Build() => new MqttServerOptions();
                public MqttServerOptionsBuilder WithDefaultEndpointPort(int value) => this;
                public MqttServerOptionsBuilder WithoutDefaultEndpoint() => this;
                public MqttServerOptionsBuilder WithEncryptedEndpoint() => this;
            }
        }
        """;

    public const string Modbus = """
        using System.Net.Sockets;

        namespace NModbus
        {
            public interface IModbusTcpSlaveNetwork { }

            public interface IModbusFactory
            {
                IModbusTcpSlaveNetwork CreateSlaveNetwork(TcpListener tcpListener);
            }

            public class ModbusFactory : IModbusFactory
            {
                public IModbusTcpSlaveNetwork CreateSlaveNetwork(TcpListener tcpListener) => null;
            }
        }

        namespace Modbus.Device
        {
            public class ModbusTcpSlave
            {
                public static ModbusTcpSlave CreateTcp(byte unitId, TcpListener tcpListener) => new ModbusTcpSlave();
            }
        }

        namespace EasyModbus
        {
            public class ModbusServer
            {
                public int Port { get; set; }
                public System.Net.IPAddress LocalIPAddress { get; set; }
                public void Listen() { }
            }
        }
        """;
}
