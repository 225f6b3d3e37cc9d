using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1007: the URL or host of HttpClient, HttpRequestMessage, WebRequest, WebClient, the
/// System.Net.Http.Json extensions and TcpClient. Untrusted data appended after a constant
/// "scheme://host/" prefix cannot change the host and does not count.
/// </summary>
internal static class ServerSideRequestForgeryRule
{
    private const TaintCategory C = TaintCategory.Ssrf;
    private const string Id = DiagnosticIds.ServerSideRequestForgery;

    public static TaintRule Rule { get; } = new(Descriptors.ServerSideRequestForgery, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        foreach (var method in new[] { "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync" })
        {
            yield return TaintRule.Sink(Id, C, "System.Net.Http.HttpClient", method, "requestUri");
        }

        yield return TaintRule.Sink(Id, C, "System.Net.Http.HttpClient", "BaseAddress");
        yield return TaintRule.Sink(Id, C, "System.Net.Http.HttpRequestMessage", ".ctor", "requestUri");
        yield return TaintRule.Sink(Id, C, "System.Net.Http.HttpRequestMessage", "RequestUri");
        foreach (var method in new[] { "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync", "GetFromJsonAsAsyncEnumerable" })
        {
            yield return TaintRule.Sink(Id, C, "System.Net.Http.Json.HttpClientJsonExtensions", method, "requestUri");
        }

        foreach (var method in new[] { "Create", "CreateHttp", "CreateDefault" })
        {
            yield return TaintRule.Sink(Id, C, "System.Net.WebRequest", method, "requestUriString", "requestUri");
        }

        foreach (var method in new[]
        {
            "DownloadString", "DownloadData", "DownloadFile", "OpenRead", "OpenWrite", "UploadString", "UploadData", "UploadFile", "UploadValues",
            "DownloadStringAsync", "DownloadDataAsync", "DownloadFileAsync", "DownloadStringTaskAsync", "DownloadDataTaskAsync", "DownloadFileTaskAsync",
            "UploadStringTaskAsync", "UploadDataTaskAsync", "OpenReadTaskAsync",
        })
        {
            yield return TaintRule.Sink(Id, C, "System.Net.WebClient", method, "address");
        }

        yield return TaintRule.Sink(Id, C, "System.Net.WebClient", "BaseAddress");
        yield return TaintRule.Sink(Id, C, "System.Net.Sockets.TcpClient", ".ctor", "hostname");
        yield return TaintRule.Sink(Id, C, "System.Net.Sockets.TcpClient", "Connect", "hostname");
        yield return TaintRule.Sink(Id, C, "System.Net.Sockets.TcpClient", "ConnectAsync", "host");
    }
}
