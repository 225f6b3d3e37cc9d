using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Transport.RevocationCheckAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Transport;

public sealed class RevocationCheckAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography.X509Certificates;
        #pragma warning disable SYSLIB0014, SYSLIB0039
        class C
        {
            void M(SslStream ssl, X509Chain chain, bool fromConfig)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("{|QLB1301:chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck|};")]
    [InlineData("var h = new HttpClientHandler { {|QLB1301:CheckCertificateRevocationList = false|} };")]
    [InlineData("{|QLB1301:ServicePointManager.CheckCertificateRevocationList = false|};")]
    [InlineData("var o = new SslClientAuthenticationOptions { {|QLB1301:CertificateRevocationCheckMode = X509RevocationMode.NoCheck|} };")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\", null, SslProtocols.None, {|QLB1301:false|});")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\", null, {|QLB1301:checkCertificateRevocation: false|});")]
    [InlineData("var p = new X509ChainPolicy { {|QLB1301:RevocationMode = X509RevocationMode.NoCheck|} };")]
    public async Task Turning_revocation_off_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;")]
    [InlineData("chain.ChainPolicy.RevocationMode = X509RevocationMode.Offline;")]
    [InlineData("var h = new HttpClientHandler { CheckCertificateRevocationList = true };")]
    [InlineData("ServicePointManager.CheckCertificateRevocationList = fromConfig;")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\", null, SslProtocols.None, true);")]
    [InlineData("ssl.AuthenticateAsClient(\"plc\");")]
    [InlineData("var noCheck = chain.ChainPolicy.RevocationMode == X509RevocationMode.NoCheck;")]
    public async Task Revocation_on_or_undecided_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));
}
