using QuantLayer.BuildGuard.Analyzers.Transport;
using QuantLayer.BuildGuard.CodeFixes.Transport;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Transport.PlaintextHttpAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Transport;

public sealed class PlaintextHttpAnalyzerTests
{
    private static string Source(string members) => $$"""
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        class C
        {
            {{members}}
        }
        """;

    [Theory]
    [InlineData("const string FirmwareFeedUrl = {|QLB1303:\"http://updates.acme-controls.com/gw/feed.json\"|};")]
    [InlineData("string Download() => {|QLB1303:\"http://downloads.acme-controls.com/tools/setup.msi\"|};")]
    [InlineData("Uri Login = new Uri({|QLB1303:\"http://portal.acme-controls.com/api/login\"|});")]
    [InlineData("string Url(string token) => {|QLB1303:$\"http://api.acme-controls.com/v1/devices?access_token={token}\"|};")]
    [InlineData("string Basic = {|QLB1303:\"http://admin:s3cret@10.0.0.5/config\"|};")]
    [InlineData("public string AuthorityUrl { get; set; } = {|QLB1303:\"http://idp.acme-controls.com\"|};")]
    [InlineData("Task<string> Get(HttpClient client, string token) { client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", token); return client.GetStringAsync({|QLB1303:\"http://api.acme-controls.com/v1/devices\"|}); }")]
    [InlineData("WebClient Make(string user, string pw) { var c = new WebClient { Credentials = new NetworkCredential(user, pw) }; c.DownloadString({|QLB1303:\"http://plc-07.plant.local/status\"|}); return c; }")]
    [InlineData("string Fw(string host) => {|QLB1303:$\"http://{host}/firmware/latest\"|};")]
    public async Task Plaintext_urls_for_credentials_or_updates_fire(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members));

    [Theory]
    [InlineData("const string FirmwareFeedUrl = \"https://updates.acme-controls.com/gw/feed.json\";")]
    [InlineData("const string StatusPage = \"http://plc-07.plant.local/status\";")]
    [InlineData("const string UpdateUrl = \"http://localhost:5000/update\";")]
    [InlineData("const string Xmlns = \"http://www.w3.org/2001/XMLSchema-instance\";")]
    [InlineData("const string LoginDemo = \"http://login.example.com/signin\";")]
    [InlineData("const string AuthorHomepage = \"http://blog.acme-controls.com/about\";")]
    [InlineData("Task<string> Get(HttpClient client) => client.GetStringAsync(\"http://plc-07.plant.local/status\");")]
    [InlineData("const string Policy = \"http://opcfoundation.org/UA/SecurityPolicy#None\";")]
    [InlineData("const string Loopback = \"http://127.0.0.1:8080/oauth/token\";")]
    public async Task Other_http_urls_and_https_are_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members));

    [Fact]
    public async Task The_message_does_not_show_the_password()
    {
        var test = Verify.CreateTest(Source("string Basic = {|#0:\"http://admin:s3cret@10.0.0.5/config?token=abc\"|};"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.PlaintextHttpEndpoint)
            .WithLocation(0)
            .WithArguments("http://admin:***@10.0.0.5/config?token=***", "with a password in the URL"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Code_fix_switches_to_https()
    {
        const string source = """
            class C
            {
                const string FirmwareUrl = {|QLB1303:"http://updates.acme-controls.com/fw.bin"|};
                string Login(string user) => {|QLB1303:$"http://portal.acme-controls.com/login?user={user}"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                const string FirmwareUrl = "https://updates.acme-controls.com/fw.bin";
                string Login(string user) => $"https://portal.acme-controls.com/login?user={user}";
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<PlaintextHttpAnalyzer, PlaintextHttpCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
