using QuantLayer.BuildGuard.Analyzers.Industrial;
using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using QuantLayer.BuildGuard.CodeFixes.Industrial;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Industrial.MqttTransportAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Industrial;

public sealed class MqttTransportAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using System.Net;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        using MQTTnet;
        using MQTTnet.Server;
        class C
        {
            object M(string host, MqttClientOptionsBuilder given, X509Certificate2Collection ca, X509Certificate2 certificate)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return new MqttClientOptionsBuilder().{|QLB1510:WithTcpServer(\"broker.plant.local\")|}.WithCredentials(\"gw\", \"pw\").Build();")]
    [InlineData("return new MqttClientOptionsBuilder().{|QLB1510:WithConnectionUri(\"mqtt://broker.plant.local:1883\")|}.Build();")]
    [InlineData("var b = new MqttClientOptionsBuilder(); b.{|QLB1510:WithTcpServer(host)|}; return b.Build();")]
    [InlineData("return new MqttClientOptionsBuilder().{|QLB1510:WithTcpServer(\"broker\")|}.WithTlsOptions(o => o.UseTls(false)).Build();")]
    [InlineData("return new MqttClientOptionsBuilder().{|QLB1510:WithWebSocketServer(o => o.WithUri(\"ws://broker.plant.local/mqtt\"))|}.Build();")]
    [InlineData("return new MqttServerOptionsBuilder().{|QLB1510:WithDefaultEndpoint()|}.WithDefaultEndpointPort(1883).Build();")]
    [InlineData("return new MqttServerOptionsBuilder().{|QLB1510:WithDefaultEndpoint()|}.WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).Build();")]
    [InlineData("var o = new MqttServerOptions(); {|QLB1510:o.DefaultEndpointOptions.IsEnabled = true|}; return o;")]
    [InlineData("return new MqttClientOptionsBuilder().{|QLB1510:WithTcpServer(\"broker\")|}.WithTlsOptions(new MqttClientTlsOptions { AllowUntrustedCertificates = false }).Build();")]
    public async Task Connections_without_tls_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.MqttNet5);

    [Theory]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"broker.plant.local\", 8883).WithTlsOptions(o => o.UseTls().WithTrustChain(ca)).Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithConnectionUri(\"mqtts://broker.plant.local:8883\").Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"localhost\").Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"127.0.0.1\", 1883).Build();")]
    [InlineData("var b = new MqttClientOptionsBuilder(); b.WithTcpServer(host); b.WithTlsOptions(o => o.UseTls()); return b.Build();")]
    [InlineData("return given.WithTcpServer(host).Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithWebSocketServer(o => o.WithUri(\"wss://broker.plant.local/mqtt\")).Build();")]
    [InlineData("return new MqttServerOptionsBuilder().WithoutDefaultEndpoint().WithEncryptedEndpoint().WithEncryptionCertificate(certificate).Build();")]
    [InlineData("return new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(IPAddress.None).Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"broker\").WithTlsOptions(new MqttClientTlsOptions { UseTls = true }).Build();")]
    public async Task Tls_loopback_and_foreign_builders_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.MqttNet5);

    [Fact]
    public async Task MQTTnet_4_WithTls_enables_tls()
    {
        const string source = """
            using MQTTnet.Client;
            class C
            {
                object Plain() => new MqttClientOptionsBuilder().{|QLB1510:WithTcpServer("broker")|}.Build();
                object Tls() => new MqttClientOptionsBuilder().WithTcpServer("broker").WithTls().Build();
                object Off() => new MqttClientOptionsBuilder().{|QLB1510:WithTcpServer("broker")|}.WithTls(new MqttClientOptionsBuilderTlsParameters { UseTls = false }).Build();
                object Configured() => new MqttClientOptionsBuilder().WithTcpServer("broker").WithTls(p => { p.IgnoreCertificateChainErrors = false; }).Build();
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, IndustrialStubs.MqttNet4Client);
    }

    [Fact]
    public async Task MQTTnet_3_brokers_have_the_plain_endpoint_on_by_default()
    {
        var test = Verify.CreateTest("""
            using MQTTnet.Server;
            class C
            {
                object Default() => new MqttServerOptionsBuilder().WithDefaultEndpointPort(1883).{|QLB1510:Build()|};
                object TlsOnly() => new MqttServerOptionsBuilder().WithoutDefaultEndpoint().WithEncryptedEndpoint().Build();
            }
            """);
        test.TestState.AdditionalProjects["MQTTnet"].Sources.Add(IndustrialStubs.MqttNet3Server);
        test.TestState.AdditionalProjectReferences.Add("MQTTnet");
        await test.RunAsync();
    }

    [Theory]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"b\", 8883).WithTlsOptions(o => o.UseTls().{|QLB1511:WithAllowUntrustedCertificates()|}).Build();")]
    [InlineData("return new MqttClientOptionsBuilder().WithTcpServer(\"b\", 8883).WithTlsOptions(o => o.{|QLB1511:WithIgnoreCertificateChainErrors(true)|}).Build();")]
    [InlineData("return new MqttClientTlsOptions { UseTls = true, {|QLB1511:AllowUntrustedCertificates = true|} };")]
    [InlineData("var t = new MqttClientTlsOptions(); {|QLB1511:t.IgnoreCertificateRevocationErrors = true|}; return t;")]
    [InlineData("return new MqttClientTlsOptions { {|QLB1511:CertificateValidationHandler = e => true|} };")]
    [InlineData("return new MqttClientTlsOptionsBuilder().{|QLB1511:WithCertificateValidationHandler(_ => true)|};")]
    public async Task Trust_overrides_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.MqttNet5);

    [Theory]
    [InlineData("return new MqttClientTlsOptionsBuilder().WithAllowUntrustedCertificates(false);")]
    [InlineData("return new MqttClientTlsOptions { UseTls = true, AllowUntrustedCertificates = false };")]
    [InlineData("return new MqttClientTlsOptions { CertificateValidationHandler = e => e.SslPolicyErrors == SslPolicyErrors.None };")]
    [InlineData("return new MqttClientTlsOptionsBuilder().WithTrustChain(ca);")]
    [InlineData("return new MqttClientTlsOptionsBuilder().WithCertificateValidationHandler(e => ca.Contains(e.Certificate));")]
    public async Task Validating_tls_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.MqttNet5);

    [Fact]
    public async Task Code_fix_turns_the_trust_overrides_off()
    {
        const string source = """
            using MQTTnet;
            class C
            {
                object A() => new MqttClientTlsOptionsBuilder().{|QLB1511:WithAllowUntrustedCertificates()|};
                object B() => new MqttClientTlsOptions { {|QLB1511:IgnoreCertificateChainErrors = true|} };
                object D() => new MqttClientTlsOptionsBuilder().{|QLB1511:WithIgnoreCertificateRevocationErrors(true)|};
            }
            """;
        const string fixedSource = """
            using MQTTnet;
            class C
            {
                object A() => new MqttClientTlsOptionsBuilder().WithAllowUntrustedCertificates(false);
                object B() => new MqttClientTlsOptions { IgnoreCertificateChainErrors = false };
                object D() => new MqttClientTlsOptionsBuilder().WithIgnoreCertificateRevocationErrors(false);
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<MqttTransportAnalyzer, TrustOverrideCodeFix>.VerifyCodeFixAsync(source, fixedSource, IndustrialStubs.MqttNet5);
    }
}
