using QuantLayer.BuildGuard.Analyzers.Transport;
using QuantLayer.BuildGuard.CodeFixes.Transport;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Transport.ObsoleteTlsProtocolAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Transport;

public sealed class ObsoleteTlsProtocolAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        #pragma warning disable SYSLIB0014, SYSLIB0039, CS0618
        class Policy { public SslProtocols DisabledProtocols { get; set; } }
        class C
        {
            void M(SslStream ssl, SslProtocols configured)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("ServicePointManager.SecurityProtocol = {|QLB1302:SecurityProtocolType.Tls|};")]
    [InlineData("ServicePointManager.SecurityProtocol = {|QLB1302:SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};")]
    [InlineData("ServicePointManager.SecurityProtocol |= {|QLB1302:SecurityProtocolType.Tls11|};")]
    [InlineData("var o = new SslClientAuthenticationOptions { EnabledSslProtocols = {|QLB1302:SslProtocols.Ssl3|} };")]
    [InlineData("var h = new HttpClientHandler { SslProtocols = {|QLB1302:SslProtocols.Tls11 | SslProtocols.Tls12|} };")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\", null, {|QLB1302:SslProtocols.Tls|}, true);")]
    [InlineData("var p = SslProtocols.Tls11; ssl.AuthenticateAsClient(\"plc\", null, {|QLB1302:p|}, true);")]
    [InlineData("var o = new SslServerAuthenticationOptions { EnabledSslProtocols = {|QLB1302:SslProtocols.Default|} };")]
    public async Task Obsolete_versions_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;")]
    [InlineData("ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;")]
    [InlineData("ServicePointManager.SecurityProtocol &= ~SecurityProtocolType.Tls;")]
    [InlineData("var o = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\", null, SslProtocols.None, true);")]
    [InlineData("var old = ssl.SslProtocol == SslProtocols.Tls;")]
    [InlineData("var o = new SslClientAuthenticationOptions { EnabledSslProtocols = configured };")]
    [InlineData("var policy = new Policy { DisabledProtocols = SslProtocols.Tls | SslProtocols.Tls11 };")]
    public async Task Current_versions_and_comparisons_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Fact]
    public async Task Code_fix_removes_obsolete_members_and_falls_back_to_the_system_default()
    {
        const string source = """
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            #pragma warning disable SYSLIB0014
            class C
            {
                void M()
                {
                    ServicePointManager.SecurityProtocol = {|QLB1302:SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};
                    var o = new SslClientAuthenticationOptions { EnabledSslProtocols = {|QLB1302:SslProtocols.Tls11|} };
                    ServicePointManager.SecurityProtocol = {|QLB1302:SecurityProtocolType.Tls|};
                }
            }
            """;
        const string fixedSource = """
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            #pragma warning disable SYSLIB0014
            class C
            {
                void M()
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;
                    var o = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.None };
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<ObsoleteTlsProtocolAnalyzer, ObsoleteTlsProtocolCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
