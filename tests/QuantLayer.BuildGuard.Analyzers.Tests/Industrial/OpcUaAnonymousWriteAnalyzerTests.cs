using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Industrial.OpcUaAnonymousWriteAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Industrial;

public sealed class OpcUaAnonymousWriteAnalyzerTests
{
    private static string Source(string anonymous, string writes) => $$"""
        using Opc.Ua;
        using Opc.Ua.Configuration;
        class Server : Opc.Ua.Server.StandardServer
        {
            void Configure(ApplicationConfiguration config, IApplicationConfigurationBuilderServerSelected builder)
            {
                {{anonymous}}
            }

            void Nodes(BaseVariableState setpoint)
            {
                {{writes}}
            }
        }
        """;

    [Theory]
    [InlineData("config.ServerConfiguration.UserTokenPolicies.Add({|QLB1503:new UserTokenPolicy(UserTokenType.Anonymous)|});", "setpoint.AccessLevel = AccessLevels.CurrentReadOrWrite;")]
    [InlineData("builder.{|QLB1503:AddUserTokenPolicy(UserTokenType.Anonymous)|};", "setpoint.UserAccessLevel = AccessLevels.CurrentWrite;")]
    [InlineData("var p = new UserTokenPolicy(); {|QLB1503:p.TokenType = UserTokenType.Anonymous|};", "setpoint.OnSimpleWriteValue = (object c, NodeState n, ref object v) => null;")]
    [InlineData("var p = new UserTokenPolicy { {|QLB1503:TokenType = UserTokenType.Anonymous|} };", "setpoint.AccessLevel = 3;")]
    [InlineData("config.ServerConfiguration.UserTokenPolicies.Add({|QLB1503:new UserTokenPolicy(UserTokenType.Anonymous)|}); builder.{|QLB1503:AddUserTokenPolicy(UserTokenType.Anonymous)|};", "setpoint.OnSimpleWriteValue += (object c, NodeState n, ref object v) => null;")]
    public async Task Anonymous_tokens_on_a_writable_server_fire(string anonymous, string writes)
        => await Verify.VerifyAnalyzerAsync(Source(anonymous, writes), IndustrialStubs.OpcUa, IndustrialStubs.OpcUaServer);

    [Theory]
    [InlineData("config.ServerConfiguration.UserTokenPolicies.Add(new UserTokenPolicy(UserTokenType.UserName));", "setpoint.AccessLevel = AccessLevels.CurrentReadOrWrite;")]
    [InlineData("config.ServerConfiguration.UserTokenPolicies.Add(new UserTokenPolicy(UserTokenType.Anonymous));", "setpoint.AccessLevel = AccessLevels.CurrentRead;")]
    [InlineData("builder.AddUserTokenPolicy(UserTokenType.Anonymous);", "setpoint.AccessLevel = AccessLevels.CurrentReadOrWrite; setpoint.RolePermissions = new RolePermissionTypeCollection();")]
    [InlineData("builder.AddUserTokenPolicy(UserTokenType.Certificate);", "setpoint.OnSimpleWriteValue = (object c, NodeState n, ref object v) => null;")]
    [InlineData("var p = new UserTokenPolicy { TokenType = UserTokenType.Anonymous };", "var readable = setpoint.AccessLevel == AccessLevels.CurrentReadOrWrite;")]
    public async Task Authenticated_or_read_only_servers_are_silent(string anonymous, string writes)
        => await Verify.VerifyAnalyzerAsync(Source(anonymous, writes), IndustrialStubs.OpcUa, IndustrialStubs.OpcUaServer);

    [Fact]
    public async Task A_node_manager_write_override_counts_as_writes()
    {
        const string source = """
            using Opc.Ua;
            class Manager : Opc.Ua.Server.CustomNodeManager2
            {
                public override void Write(object context, object nodesToWrite, object errors) { }
            }
            class Setup
            {
                void M(ApplicationConfiguration config) => config.ServerConfiguration.UserTokenPolicies.Add({|QLB1503:new UserTokenPolicy(UserTokenType.Anonymous)|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, IndustrialStubs.OpcUa, IndustrialStubs.OpcUaServer);
    }

    [Fact]
    public async Task A_client_without_the_server_library_is_silent()
    {
        const string source = """
            using Opc.Ua;
            class Client
            {
                void M(BaseVariableState v) { var p = new UserTokenPolicy(UserTokenType.Anonymous); v.AccessLevel = AccessLevels.CurrentReadOrWrite; }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, IndustrialStubs.OpcUa);
    }

    [Fact]
    public async Task The_xml_configuration_file_is_checked()
    {
        var test = Verify.CreateTest(
            "class N { void M(Opc.Ua.BaseVariableState v) => v.AccessLevel = Opc.Ua.AccessLevels.CurrentReadOrWrite; }",
            new[] { IndustrialStubs.OpcUa, IndustrialStubs.OpcUaServer });
        test.TestState.AdditionalFiles.Add(("Server.Config.xml", """
            <ApplicationConfiguration xmlns="http://opcfoundation.org/UA/SDK/Configuration.xsd" xmlns:ua="http://opcfoundation.org/UA/2008/02/Types.xsd">
              <ServerConfiguration>
                <UserTokenPolicies>
                  <ua:UserTokenPolicy><ua:TokenType>{|QLB1503:Anonymous_0|}</ua:TokenType></ua:UserTokenPolicy>
                  <ua:UserTokenPolicy><ua:TokenType>UserName_1</ua:TokenType></ua:UserTokenPolicy>
                </UserTokenPolicies>
              </ServerConfiguration>
            </ApplicationConfiguration>
            """));
        await test.RunAsync();
    }
}
