using QuantLayer.BuildGuard.Analyzers.Transport;
using QuantLayer.BuildGuard.CodeFixes.Transport;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Transport.CertificateValidationAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Transport;

public sealed class CertificateValidationAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        #pragma warning disable SYSLIB0014
        class C
        {
            static bool AcceptAll(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
            static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => errors == SslPolicyErrors.None;
            static string Pinned = "AB";
            bool insecure;

            static void Log(SslPolicyErrors errors) => Console.WriteLine(errors);

            static void ValidatePinned(X509Certificate? certificate, SslPolicyErrors errors)
            {
                if (errors != SslPolicyErrors.None && certificate?.GetCertHashString() != Pinned) throw new AuthenticationException("certificate");
            }

            object M(Stream stream)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return new HttpClientHandler { {|QLB1300:ServerCertificateCustomValidationCallback = (request, cert, chain, errors) => true|} };")]
    [InlineData("var h = new HttpClientHandler(); {|QLB1300:h.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|}; return h;")]
    [InlineData("{|QLB1300:ServicePointManager.ServerCertificateValidationCallback += delegate { return true; }|}; return null;")]
    [InlineData("{|QLB1300:ServicePointManager.ServerCertificateValidationCallback = AcceptAll|}; return null;")]
    [InlineData("return new SslStream(stream, false, {|QLB1300:(s, c, ch, e) => true|});")]
    [InlineData("return new SslClientAuthenticationOptions { {|QLB1300:RemoteCertificateValidationCallback = (s, c, ch, e) => { Console.WriteLine(e); return true; }|} };")]
    [InlineData("return new SslClientAuthenticationOptions { {|QLB1300:RemoteCertificateValidationCallback = (s, c, ch, e) => { Log(e); return true; }|} };")]
    [InlineData("return new SocketsHttpHandler { SslOptions = { {|QLB1300:RemoteCertificateValidationCallback = (s, c, ch, e) => { if (insecure) return true; return false; }|} } };")]
    [InlineData("RemoteCertificateValidationCallback cb = (s, c, ch, e) => true; return new SslStream(stream, false, {|QLB1300:cb|});")]
    public async Task Callbacks_that_accept_everything_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("return new HttpClientHandler { ServerCertificateCustomValidationCallback = (request, cert, chain, errors) => errors == SslPolicyErrors.None };")]
    [InlineData("ServicePointManager.ServerCertificateValidationCallback = Validate; return null;")]
    [InlineData("return new SslStream(stream, false, (s, c, ch, e) => e == SslPolicyErrors.None || c?.GetCertHashString(HashAlgorithmName.SHA256) == Pinned);")]
    [InlineData("return new HttpClientHandler { ServerCertificateCustomValidationCallback = (request, cert, chain, errors) => request.RequestUri!.IsLoopback };")]
    [InlineData("return new SslStream(stream, false);")]
    [InlineData("return new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (s, c, ch, e) => { if (e == SslPolicyErrors.None) return true; return false; } };")]
    [InlineData("return new HttpClientHandler { ServerCertificateCustomValidationCallback = (request, cert, chain, errors) => insecure };")]
    [InlineData("return new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (s, c, ch, e) => { ValidatePinned(c, e); return true; } };")]
    [InlineData("return new SslStream(stream, false, (s, c, ch, e) => { if (e != SslPolicyErrors.None) throw new AuthenticationException(e.ToString()); return true; });")]
    public async Task Callbacks_that_look_at_the_certificate_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Fact]
    public async Task Code_fix_removes_the_assignment_and_the_initializer_member()
    {
        const string source = """
            using System.Net;
            using System.Net.Http;
            class C
            {
                HttpClientHandler A() => new HttpClientHandler { {|QLB1300:ServerCertificateCustomValidationCallback = (r, c, ch, e) => true|}, UseProxy = false };

                void B(HttpClientHandler h)
                {
                    {|QLB1300:h.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|};
                    h.UseProxy = false;
                }
            }
            """;
        const string fixedSource = """
            using System.Net;
            using System.Net.Http;
            class C
            {
                HttpClientHandler A() => new HttpClientHandler { UseProxy = false };

                void B(HttpClientHandler h)
                {
                    h.UseProxy = false;
                }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<CertificateValidationAnalyzer, CertificateValidationCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
