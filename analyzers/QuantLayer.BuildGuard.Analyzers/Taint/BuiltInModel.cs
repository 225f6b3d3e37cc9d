using System.Collections.Immutable;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>
/// The built-in sources, sanitizers and pass-throughs (the sinks belong to the rules, see
/// <c>Injection/*Rule.cs</c>). Every entry names a real type by metadata name; entries whose type
/// is absent from a compilation cost nothing. docs/taint.md lists them for users.
/// </summary>
internal static class BuiltInModel
{
    private const TaintCategory All = TaintCategory.AllSinks;

    /// <summary>
    /// The built-in sources; <paramref name="configuration"/> adds IConfiguration values (on in
    /// Strict); <paramref name="environment"/> and <paramref name="commandLine"/> (on unless the
    /// configuration file says otherwise) the operator-controlled inputs.
    /// </summary>
    public static IEnumerable<ModelEntry> Sources(bool configuration, bool environment = true, bool commandLine = true)
    {
        // Console, command line, environment.
        yield return Source("System.Console", "ReadLine", "console");
        yield return Source("System.Console", "In", "console");
        if (environment)
        {
            yield return Source("System.Environment", "GetEnvironmentVariable", "environment");
            yield return Source("System.Environment", "GetEnvironmentVariables", "environment");
        }

        if (commandLine)
        {
            yield return Source("System.Environment", "GetCommandLineArgs", "commandline");
            yield return Source("System.Environment", "CommandLine", "commandline");
        }

        // Files and streams.
        foreach (var m in new[] { "ReadAllText", "ReadAllTextAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadAllBytes", "ReadAllBytesAsync", "ReadLines", "ReadLinesAsync", "OpenText", "OpenRead", "Open" })
        {
            yield return Source("System.IO.File", m, "file");
        }

        foreach (var m in new[] { "OpenText", "OpenRead", "Open" })
        {
            yield return Source("System.IO.FileInfo", m, "file");
        }

        yield return Source("System.IO.FileStream", ".ctor", "file", "FileStream") with { Targets = ImmutableArray.Create("this") };
        yield return Source("System.IO.StreamReader", ".ctor", "file", "StreamReader(path)") with { Targets = ImmutableArray.Create("this"), Parameters = ImmutableArray.Create("path") };
        foreach (var m in new[] { "Read", "ReadAsync", "ReadExactly", "ReadAtLeast", "ReadAtLeastAsync", "ReadExactlyAsync" })
        {
            yield return Source("System.IO.FileStream", m, "file") with { Targets = ImmutableArray.Create("arg:buffer", "arg:array") };
        }

        // Sockets.
        foreach (var m in new[] { "Receive", "ReceiveAsync", "ReceiveFrom", "ReceiveFromAsync", "ReceiveMessageFrom", "ReceiveMessageFromAsync" })
        {
            yield return Source("System.Net.Sockets.Socket", m, "socket") with { Targets = ImmutableArray.Create("arg:buffer", "arg:buffers", "arg:e") };
        }

        foreach (var m in new[] { "Read", "ReadAsync", "ReadExactly", "ReadAtLeast", "ReadAtLeastAsync", "ReadExactlyAsync", "BeginRead" })
        {
            yield return Source("System.Net.Sockets.NetworkStream", m, "socket") with { Targets = ImmutableArray.Create("arg:buffer") };
        }

        yield return Source("System.Net.Sockets.NetworkStream", ".ctor", "socket", "NetworkStream") with { Targets = ImmutableArray.Create("this") };
        yield return Source("System.Net.Sockets.TcpClient", "GetStream", "socket");
        yield return Source("System.Net.Sockets.UdpClient", "Receive", "socket");
        yield return Source("System.Net.Sockets.UdpClient", "ReceiveAsync", "socket");
        yield return Source("System.Net.Sockets.UdpReceiveResult", "Buffer", "socket");

        // Serial ports.
        foreach (var m in new[] { "ReadLine", "ReadExisting", "ReadTo", "BaseStream" })
        {
            yield return Source("System.IO.Ports.SerialPort", m, "serial");
        }

        yield return Source("System.IO.Ports.SerialPort", "Read", "serial") with { Targets = ImmutableArray.Create("arg:buffer") };

        // Databases.
        foreach (var type in new[] { "System.Data.Common.DbDataReader", "System.Data.IDataRecord" })
        {
            foreach (var m in new[] { "GetString", "GetValue", "GetFieldValue", "GetFieldValueAsync", "this[]", "GetTextReader", "GetStream", "GetChar" })
            {
                yield return Source(type, m, "database");
            }

            yield return Source(type, "GetValues", "database") with { Targets = ImmutableArray.Create("arg:values") };
            yield return Source(type, "GetChars", "database") with { Targets = ImmutableArray.Create("arg:buffer") };
            yield return Source(type, "GetBytes", "database") with { Targets = ImmutableArray.Create("arg:buffer") };
        }

        yield return Source("System.Data.DataRow", "this[]", "database");
        yield return Source("System.Data.DataRowExtensions", "Field", "database");
        yield return Source("System.Data.Common.DbCommand", "ExecuteScalar", "database");
        yield return Source("System.Data.Common.DbCommand", "ExecuteScalarAsync", "database");

        // HTTP responses.
        foreach (var m in new[] { "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync" })
        {
            yield return Source("System.Net.Http.HttpClient", m, "http");
        }

        foreach (var m in new[] { "ReadAsStringAsync", "ReadAsByteArrayAsync", "ReadAsStreamAsync", "ReadAsStream" })
        {
            yield return Source("System.Net.Http.HttpContent", m, "http");
        }

        yield return Source("System.Net.Http.Json.HttpContentJsonExtensions", "ReadFromJsonAsync", "http");
        yield return Source("System.Net.Http.Json.HttpClientJsonExtensions", "GetFromJsonAsync", "http");
        foreach (var m in new[] { "DownloadString", "DownloadData", "OpenRead", "DownloadStringTaskAsync", "DownloadDataTaskAsync", "UploadString", "UploadData" })
        {
            yield return Source("System.Net.WebClient", m, "http");
        }

        yield return Source("System.Net.WebResponse", "GetResponseStream", "http");

        // ASP.NET Core request data (action parameters, bound models and route handlers are found by code).
        yield return Source("Microsoft.AspNetCore.Http.HttpRequest", "*", "web") with { Except = ImmutableArray.Create("HttpContext", "HasFormContentType", "IsHttps", "ContentLength") };
        yield return Source("Microsoft.AspNetCore.Http.IFormFile", "*", "web") with { Except = ImmutableArray.Create("Length", "CopyTo", "CopyToAsync") };
        yield return Source("Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions", "GetRouteValue", "web");
        yield return Source("Microsoft.AspNetCore.Http.HttpRequestJsonExtensions", "ReadFromJsonAsync", "web");

        // Classic ASP.NET.
        yield return Source("System.Web.HttpRequest", "*", "web") with { Except = ImmutableArray.Create("IsAuthenticated", "IsLocal", "IsSecureConnection", "ContentLength", "TotalBytes") };
        yield return Source("System.Web.HttpRequestBase", "*", "web") with { Except = ImmutableArray.Create("IsAuthenticated", "IsLocal", "IsSecureConnection", "ContentLength", "TotalBytes") };
        yield return Source("System.Web.UI.WebControls.TextBox", "Text", "web");
        yield return Source("System.Web.UI.HtmlControls.HtmlInputControl", "Value", "web");

        // Archives (zip slip).
        yield return Source("System.IO.Compression.ZipArchiveEntry", "FullName", "archive");
        yield return Source("System.IO.Compression.ZipArchiveEntry", "Name", "archive");
        yield return Source("System.Formats.Tar.TarEntry", "Name", "archive");
        yield return Source("System.Formats.Tar.TarEntry", "LinkName", "archive");

        // MQTT (MQTTnet 3-5).
        foreach (var m in new[] { "Payload", "PayloadSegment", "Topic", "ConvertPayloadToString", "ResponseTopic", "CorrelationData" })
        {
            yield return Source("MQTTnet.MqttApplicationMessage", m, "mqtt");
        }

        yield return Source("MQTTnet.MqttApplicationMessageExtensions", "ConvertPayloadToString", "mqtt");

        // OPC UA (OPC Foundation .NET Standard stack).
        foreach (var m in new[] { "Value", "WrappedValue", "GetValue" })
        {
            yield return Source("Opc.Ua.DataValue", m, "opcua");
        }

        yield return Source("Opc.Ua.Variant", "Value", "opcua");
        foreach (var type in new[] { "Opc.Ua.Client.Session", "Opc.Ua.Client.ISession" })
        {
            yield return Source(type, "ReadValue", "opcua");
            yield return Source(type, "ReadValueAsync", "opcua");
            yield return Source(type, "Read", "opcua") with { Targets = ImmutableArray.Create("arg:results") };
            yield return Source(type, "ReadValues", "opcua") with { Targets = ImmutableArray.Create("arg:values") };
        }

        if (configuration)
        {
            yield return Source("Microsoft.Extensions.Configuration.IConfiguration", "this[]", "configuration", "IConfiguration[key]");
            yield return Source("Microsoft.Extensions.Configuration.IConfigurationSection", "Value", "configuration");
            yield return Source("Microsoft.Extensions.Configuration.ConfigurationBinder", "GetValue", "configuration");
            yield return Source("Microsoft.Extensions.Configuration.ConfigurationExtensions", "GetConnectionString", "configuration");
        }
    }

    /// <summary>The built-in sanitizers.</summary>
    public static IEnumerable<ModelEntry> Sanitizers()
    {
        // Parsing to a value type (the result type already drops taint; these return object or string).
        yield return Sanitizer("System.Enum", "Parse", All);
        yield return Sanitizer("System.Enum", "GetName", All);
        yield return Sanitizer("System.Convert", "ChangeType", All);

        // Hashes: the digest is not attacker-shaped.
        foreach (var type in new[] { "System.Security.Cryptography.HashAlgorithm", "System.Security.Cryptography.SHA256", "System.Security.Cryptography.SHA384", "System.Security.Cryptography.SHA512", "System.Security.Cryptography.SHA1", "System.Security.Cryptography.MD5", "System.Security.Cryptography.HMACSHA256" })
        {
            yield return Sanitizer(type, "ComputeHash", All);
            yield return Sanitizer(type, "HashData", All);
        }

        // Paths.
        yield return Sanitizer("System.IO.Path", "GetFileName", TaintCategory.Path);
        yield return Sanitizer("System.IO.Path", "GetFileNameWithoutExtension", TaintCategory.Path);
        yield return Sanitizer("System.IO.Path", "GetExtension", TaintCategory.Path);

        // Encoders for the matching sinks.
        const TaintCategory Markup = TaintCategory.Xml;
        yield return Sanitizer("System.Security.SecurityElement", "Escape", Markup);
        foreach (var m in new[] { "EncodeName", "EncodeLocalName", "EncodeNmToken", "VerifyName", "VerifyNCName" })
        {
            yield return Sanitizer("System.Xml.XmlConvert", m, Markup);
        }

        foreach (var type in new[] { "System.Net.WebUtility", "System.Web.HttpUtility", "System.Web.HttpServerUtility", "System.Web.HttpServerUtilityBase" })
        {
            yield return Sanitizer(type, "HtmlEncode", Markup);
            yield return Sanitizer(type, "HtmlAttributeEncode", Markup);
            yield return Sanitizer(type, "UrlEncode", Markup | TaintCategory.Log | TaintCategory.Ssrf | TaintCategory.Redirect | TaintCategory.Ldap | TaintCategory.XPath);
            yield return Sanitizer(type, "UrlPathEncode", TaintCategory.Log | TaintCategory.Ssrf | TaintCategory.Redirect);
            yield return Sanitizer(type, "JavaScriptStringEncode", Markup | TaintCategory.Log);
        }

        yield return Sanitizer("System.Uri", "EscapeDataString", Markup | TaintCategory.Log | TaintCategory.Ssrf | TaintCategory.Redirect | TaintCategory.Ldap | TaintCategory.XPath);
        yield return Sanitizer("System.Uri", "EscapeUriString", TaintCategory.Log);
        yield return Sanitizer("System.Text.Encodings.Web.HtmlEncoder", "Encode", Markup);
        yield return Sanitizer("System.Text.Encodings.Web.JavaScriptEncoder", "Encode", Markup | TaintCategory.Log);
        yield return Sanitizer("System.Text.Encodings.Web.UrlEncoder", "Encode", Markup | TaintCategory.Log | TaintCategory.Ssrf | TaintCategory.Redirect | TaintCategory.Ldap | TaintCategory.XPath);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "LdapFilterEncode", TaintCategory.Ldap);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "LdapDistinguishedNameEncode", TaintCategory.Ldap);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "XmlEncode", Markup | TaintCategory.XPath);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "XmlAttributeEncode", Markup | TaintCategory.XPath);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "HtmlEncode", Markup);
        yield return Sanitizer("Microsoft.Security.Application.Encoder", "UrlEncode", Markup | TaintCategory.Log | TaintCategory.Ssrf | TaintCategory.Redirect);
        yield return Sanitizer("System.Text.RegularExpressions.Regex", "Escape", TaintCategory.Regex);
        yield return Sanitizer("System.Data.Common.DbCommandBuilder", "QuoteIdentifier", TaintCategory.Sql);
        yield return Sanitizer("Microsoft.AspNetCore.Mvc.IUrlHelper", "Content", TaintCategory.Redirect);
    }

    private static ModelEntry Source(string type, string member, string kind, string? description = null)
        => new(ModelKind.Source, type, member) { SourceKind = kind, Description = description };

    private static ModelEntry Sanitizer(string type, string member, TaintCategory categories)
        => new(ModelKind.Sanitizer, type, member) { Categories = categories };
}
