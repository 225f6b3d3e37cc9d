using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class ServerSideRequestForgeryTests
{
    [Fact]
    public async Task Urls_and_hosts_from_input_fire()
    {
        const string source = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            class C
            {
                async Task M(HttpClient client)
                {
                    var target = Console.ReadLine()!;
                    await {|QLB1007:client.GetStringAsync(target)|};
                    await {|QLB1007:client.GetAsync("http://" + target + "/status")|};
                    using var request = {|QLB1007:new HttpRequestMessage(HttpMethod.Get, new Uri(target))|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Fixed_hosts_and_allow_listed_hosts_are_silent()
    {
        const string source = """
            using System;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            class C
            {
                static readonly string[] Allowed = { "api.example.com" };
                async Task M(HttpClient client)
                {
                    var id = Console.ReadLine()!;
                    await client.GetStringAsync("https://api.example.com/items/" + Uri.EscapeDataString(id));
                    await client.GetStringAsync($"https://api.example.com/items/{id}");
                    var uri = new Uri(Console.ReadLine()!);
                    if (Allowed.Contains(uri.Host))
                    {
                        await client.GetStringAsync(uri);
                    }
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
