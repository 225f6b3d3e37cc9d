using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Industrial.OpcUaSecurityModeAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Industrial;

public sealed class OpcUaSecurityModeAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using Opc.Ua;
        using Opc.Ua.Client;
        using Opc.Ua.Configuration;
        class C
        {
            async System.Threading.Tasks.Task M(ApplicationConfiguration config, IApplicationConfigurationBuilderServerSelected server, bool secure)
            {
                {{body}}
                await System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """;

    [Theory]
    [InlineData("var e = CoreClientUtils.{|QLB1502:SelectEndpoint(config, \"opc.tcp://plc:4840\", false)|};")]
    [InlineData("var e = await CoreClientUtils.{|QLB1502:SelectEndpointAsync(config, \"opc.tcp://plc:4840\", useSecurity: false)|};")]
    [InlineData("config.ServerConfiguration.SecurityPolicies.Add(new ServerSecurityPolicy { {|QLB1502:SecurityMode = MessageSecurityMode.None|}, SecurityPolicyUri = SecurityPolicies.None });")]
    [InlineData("var p = new ServerSecurityPolicy(); {|QLB1502:p.SecurityPolicyUri = SecurityPolicies.None|};")]
    [InlineData("server.{|QLB1502:AddUnsecurePolicyNone()|};")]
    [InlineData("server.{|QLB1502:AddPolicy(MessageSecurityMode.None, SecurityPolicies.None)|};")]
    [InlineData("var endpoint = new EndpointDescription { EndpointUrl = \"opc.tcp://plc:4840\", {|QLB1502:SecurityMode = MessageSecurityMode.None|} }; var session = Session.Create(config, endpoint);")]
    public async Task Security_mode_none_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Theory]
    [InlineData("var e = CoreClientUtils.SelectEndpoint(config, \"opc.tcp://plc:4840\", true);")]
    [InlineData("var e = CoreClientUtils.SelectEndpoint(config, \"opc.tcp://plc:4840\", secure);")]
    [InlineData("config.ServerConfiguration.SecurityPolicies.Add(new ServerSecurityPolicy { SecurityMode = MessageSecurityMode.SignAndEncrypt, SecurityPolicyUri = SecurityPolicies.Basic256Sha256 });")]
    [InlineData("server.AddUnsecurePolicyNone(false);")]
    [InlineData("server.AddSignAndEncryptPolicies();")]
    [InlineData("var discovery = DiscoveryClient.Create(new Uri(\"opc.tcp://plc:4840\")); var probe = new EndpointDescription { SecurityMode = MessageSecurityMode.None }; var all = discovery.GetEndpoints(null);")]
    [InlineData("var e = CoreClientUtils.SelectEndpoint(config, \"opc.tcp://plc:4840\", true); var unsecured = e.SecurityMode == MessageSecurityMode.None;")]
    public async Task Secured_endpoints_and_discovery_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Fact]
    public async Task Hosting_options_and_the_xml_configuration_are_checked()
    {
        var test = Verify.CreateTest(
            "class C { void M(Opc.Ua.Server.Hosting.OpcUaServerOptions o) { {|QLB1502:o.IncludeUnsecurePolicyNone = true|}; o.AutoAcceptUntrustedCertificates = false; } }",
            new[] { IndustrialStubs.OpcUa, IndustrialStubs.OpcUaServer });
        test.TestState.AdditionalFiles.Add(("Server.Config.xml", """
            <ApplicationConfiguration xmlns="http://opcfoundation.org/UA/SDK/Configuration.xsd">
              <ServerConfiguration>
                <SecurityPolicies>
                  <ServerSecurityPolicy>
                    <SecurityMode>{|QLB1502:None_1|}</SecurityMode>
                    <SecurityPolicyUri>http://opcfoundation.org/UA/SecurityPolicy#None</SecurityPolicyUri>
                  </ServerSecurityPolicy>
                  <ServerSecurityPolicy>
                    <SecurityMode>SignAndEncrypt_3</SecurityMode>
                    <SecurityPolicyUri>http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256</SecurityPolicyUri>
                  </ServerSecurityPolicy>
                </SecurityPolicies>
              </ServerConfiguration>
            </ApplicationConfiguration>
            """));
        await test.RunAsync();
    }
}
