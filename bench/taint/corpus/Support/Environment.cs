
using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.IO.Ports;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Bench;

// The objects a supplier application has at hand (connections, clients, the current request).
// Their values do not matter to the analysis; the benchmark is compiled, never run.

public static class Db
{
    public static DbConnection Connection { get; set; }
    public static Npgsql.NpgsqlConnection Npgsql { get; set; }
    public static DbDataReader Reader { get; set; }
    public static DbCommand Command { get; set; }
    public static BenchContext Context { get; set; }
}

public sealed class Item
{
    public int Id { get; set; }
    public string Name { get; set; }
}

public sealed class BenchContext : DbContext
{
    public DbSet<Item> Items { get; set; }
}

public sealed class OrderDto
{
    public string Customer { get; set; }
    public int Quantity { get; set; }
}

public static class Xml
{
    public static XmlDocument Doc { get; } = new XmlDocument();
    public static XDocument XDoc { get; } = new XDocument();
    public static XmlWriter Writer { get; set; }
}

public static class Logs
{
    public static ILogger Logger { get; set; }
}

public static class Http
{
    public static HttpClient Client { get; } = new HttpClient();
}

public static class Web
{
    public static HttpRequest Request { get; set; }
    public static HttpResponse Response { get; set; }
    public static BenchController Controller { get; } = new BenchController();
}

public sealed class BenchController : Controller
{
}

public static class Net
{
    public static Socket Socket { get; set; }
    public static TcpClient Client { get; set; }
    public static UdpClient Udp { get; set; }
    public static IPEndPoint Remote = new IPEndPoint(IPAddress.Loopback, 0);
}

public static class Io
{
    public static SerialPort Port { get; set; }
}

public static class Mqtt
{
    public static MqttApplicationMessage Message { get; set; }
}

public static class Opc
{
    public static global::Opc.Ua.Client.Session Session { get; set; }
}

public static class Config
{
    public static IConfiguration Root { get; set; }
}

public static class Zip
{
    public static ZipArchiveEntry Entry { get; set; }
}

public static class Classic
{
    public static System.Web.HttpRequest Request { get; set; }
}

public static class Patterns
{
    public static readonly Regex Email = new Regex("^(\\w+)+@x\\.com$");
}

/// <summary>Validation helpers a supplier writes; LdapFilterEscape is declared a sanitizer in buildguard.taint.json.</summary>
public static class Clean
{
    private static readonly Dictionary<string, string> KnownTypes = new Dictionary<string, string>
    {
        ["csv"] = "Bench.Plugins.CsvExporter",
        ["json"] = "Bench.Plugins.JsonExporter",
    };

    public static string Number(string value) => int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    public static string AllowListed(string value) => Regex.IsMatch(value, "^[a-zA-Z0-9_-]{1,64}$") ? value : "default";

    public static string KnownTypeName(string key) => KnownTypes.TryGetValue(key, out var type) ? type : "Bench.Plugins.CsvExporter";

    /// <summary>RFC 4515 escaping of an LDAP filter value.</summary>
    public static string LdapFilterEscape(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\5c"); break;
                case '*': builder.Append("\\2a"); break;
                case '(': builder.Append("\\28"); break;
                case ')': builder.Append("\\29"); break;
                case '\0': builder.Append("\\00"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
