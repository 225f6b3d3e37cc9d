// Hand-written labelled cases: the fixes real code uses (which must stay silent) next to the
// near-misses that keep the bug (which must fire). Labels as in Cases/: BAD / SAFE + rule id.
using System;
using System.Collections.Generic;
using System.Data;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Newtonsoft.Json;

namespace Bench.Realistic;

public sealed class ParameterizedQueries
{
    public void Safe(SqlConnection connection)
    {
        var name = Console.ReadLine();
        using var command = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);  // SAFE QLB1000
        command.Parameters.AddWithValue("@name", name);
        command.ExecuteReader();
    }

    public void EfInterpolatedIsParameterized()
    {
        var name = Console.ReadLine();
        Db.Context.Items.FromSqlInterpolated($"SELECT * FROM Items WHERE Name = {name}").ToList();  // SAFE QLB1000
        Db.Context.Database.ExecuteSql($"DELETE FROM Items WHERE Name = {name}");  // SAFE QLB1000
    }

    public void DapperParameters()
    {
        var name = Console.ReadLine();
        Dapper.SqlMapper.Query<int>(Db.Connection, "SELECT Id FROM Users WHERE Name = @name", new { name });  // SAFE QLB1000
    }

    public void SanitizedOnOneBranchOnly(bool strict)
    {
        var id = Console.ReadLine();
        if (strict)
        {
            id = int.Parse(id).ToString();
        }

        using var command = new SqlCommand("SELECT * FROM Orders WHERE Id = " + id);  // BAD QLB1000
    }

    public void SanitizedOnEveryBranch(bool strict)
    {
        var id = Console.ReadLine();
        if (strict)
        {
            id = int.Parse(id).ToString();
        }
        else
        {
            id = "0";
        }

        using var command = new SqlCommand("SELECT * FROM Orders WHERE Id = " + id);  // SAFE QLB1000
    }

    private static readonly HashSet<string> SortColumns = new() { "name", "created", "price" };

    public void AllowListedColumn()
    {
        var column = Console.ReadLine();
        if (!SortColumns.Contains(column))
        {
            throw new ArgumentException("unknown column");
        }

        using var command = new SqlCommand("SELECT * FROM Items ORDER BY " + column);  // SAFE QLB1000
    }

    public void AllowListCheckedButUnusedResult()
    {
        var column = Console.ReadLine();
        var known = SortColumns.Contains(column);
        using var command = new SqlCommand("SELECT * FROM Items ORDER BY " + column);  // BAD QLB1000
    }
}

public sealed class ZipSlip
{
    public void Vulnerable(ZipArchive archive, string destination)
    {
        foreach (var entry in archive.Entries)
        {
            var path = Path.Combine(destination, entry.FullName);
            entry.ExtractToFile(path, overwrite: true);  // BAD QLB1002
        }
    }

    public void Fixed(ZipArchive archive, string destination)
    {
        var root = Path.GetFullPath(destination + Path.DirectorySeparatorChar);
        foreach (var entry in archive.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new IOException("entry outside the target folder: " + entry.FullName);
            }

            entry.ExtractToFile(path, overwrite: true);  // SAFE QLB1002
        }
    }

    public void FileNameOnly(ZipArchive archive, string destination)
    {
        foreach (var entry in archive.Entries)
        {
            entry.ExtractToFile(Path.Combine(destination, Path.GetFileName(entry.FullName)));  // SAFE QLB1002
        }
    }

    public void CheckedTheWrongVariable(ZipArchive archive, string destination)
    {
        var root = Path.GetFullPath(destination);
        foreach (var entry in archive.Entries)
        {
            var full = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            entry.ExtractToFile(Path.Combine(root, entry.FullName));  // BAD QLB1002
        }
    }
}

public sealed class OutgoingRequests
{
    private static readonly HttpClient Client = new();

    public Task<string> FixedHost()
    {
        var id = Console.ReadLine();
        return Client.GetStringAsync("https://api.example.com/items/" + Uri.EscapeDataString(id));  // SAFE QLB1007
    }

    public Task<string> FixedHostInterpolated()
    {
        var id = Console.ReadLine();
        return Client.GetStringAsync($"https://api.example.com/items/{id}");  // SAFE QLB1007
    }

    public Task<string> HostFromInput()
    {
        var host = Console.ReadLine();
        return Client.GetStringAsync($"https://{host}/items");  // BAD QLB1007
    }

    private static readonly string[] AllowedHosts = { "api.example.com", "backup.example.com" };

    public Task<string> HostAllowListed()
    {
        var uri = new Uri(Console.ReadLine());
        if (!AllowedHosts.Contains(uri.Host))
        {
            throw new InvalidOperationException("host not allowed");
        }

        return Client.GetStringAsync(uri);  // SAFE QLB1007
    }
}

public sealed class AccountController : Controller
{
    public IActionResult Login(string returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            return Redirect(returnUrl);  // SAFE QLB1008
        }

        return Redirect(returnUrl);  // BAD QLB1008
    }

    public IActionResult Local(string returnUrl) => LocalRedirect(returnUrl);  // SAFE QLB1008

    public IActionResult Orders(string id) => Redirect("/orders/" + id);  // SAFE QLB1008

    public IActionResult ProtocolRelative(string host) => Redirect("//" + host + "/welcome");  // BAD QLB1008

    public IActionResult Exec(string tool)
    {
        var start = new ProcessStartInfo("backup-tool");
        start.ArgumentList.Add(tool);
        start.UseShellExecute = false;
        Process.Start(start);  // SAFE QLB1001
        return Ok();
    }
}

public sealed class Logging
{
    private readonly ILogger<Logging> _logger;

    public Logging(ILogger<Logging> logger) => _logger = logger;

    public void Structured()
    {
        var user = Console.ReadLine();
        _logger.LogInformation("Login attempt for {User}", user);  // SAFE QLB1006
    }

    public void Concatenated()
    {
        var user = Console.ReadLine();
        _logger.LogInformation("Login attempt for " + user);  // BAD QLB1006
    }

    public void Stripped()
    {
        var user = Console.ReadLine().Replace(Environment.NewLine, " ");
        _logger.LogWarning("Unknown user " + user);  // SAFE QLB1006
    }
}

public sealed class Regexes
{
    public bool WithTimeout()
    {
        var input = Console.ReadLine();
        return Regex.IsMatch(input, "^(\\w+\\s?)*$", RegexOptions.None, TimeSpan.FromMilliseconds(200));  // SAFE QLB1010
    }

    public bool NonBacktracking()
    {
        var input = Console.ReadLine();
        return Regex.IsMatch(input, "^(\\w+\\s?)*$", RegexOptions.NonBacktracking);  // SAFE QLB1010
    }

    public bool LinearPattern()
    {
        var input = Console.ReadLine();
        return Regex.IsMatch(input, "^[a-z]+[0-9]*$");  // SAFE QLB1010
    }

    public bool Nested()
    {
        var input = Console.ReadLine();
        return Regex.IsMatch(input, "^(a+)+$");  // BAD QLB1010
    }

    public bool EscapedPattern()
    {
        var word = Console.ReadLine();
        return Regex.IsMatch("some text", "\\b" + Regex.Escape(word) + "\\b");  // SAFE QLB1009
    }
}

public sealed class Xmls
{
    public void WriterEscapes(XmlWriter writer)
    {
        var name = Console.ReadLine();
        writer.WriteElementString("name", name);  // SAFE QLB1005
    }

    public void WholeDocumentIsNotInjection(XmlDocument document)
    {
        var xml = File.ReadAllText("/var/app/incoming.xml");
        document.LoadXml(xml);  // SAFE QLB1005
    }

    public void XPathWithNumber(XmlDocument document)
    {
        var id = int.Parse(Console.ReadLine());
        document.SelectNodes("//order[@id=" + id + "]");  // SAFE QLB1004
    }
}

public sealed class Serialization
{
    public object Plain()
    {
        var json = Console.ReadLine();
        return JsonConvert.DeserializeObject<Dictionary<string, string>>(json);  // SAFE QLB1013
    }

    public object TypeNames()
    {
        var json = Console.ReadLine();
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
        return JsonConvert.DeserializeObject(json, settings);  // BAD QLB1013
    }
}

public sealed class Plugins
{
    private static readonly Dictionary<string, Type> Exporters = new()
    {
        ["csv"] = typeof(string),
        ["json"] = typeof(Uri),
    };

    public object ByAllowList()
    {
        var key = Console.ReadLine();
        return Exporters.TryGetValue(key, out var type) ? Activator.CreateInstance(type) : null;  // SAFE QLB1012
    }

    public object ByName()
    {
        var name = Console.ReadLine();
        return Activator.CreateInstance(Type.GetType(name));  // BAD QLB1012
    }
}

public sealed class FieldbusGateway
{
    private readonly Dictionary<string, string> _lastValues = new();

    public void OnMessage(MQTTnet.MqttApplicationMessage message)
    {
        _lastValues[message.Topic] = message.ConvertPayloadToString();
    }

    public void Export()
    {
        foreach (var pair in _lastValues)
        {
            File.AppendAllText("/var/export/" + pair.Key + ".log", pair.Value);  // BAD QLB1002
        }
    }

    public void Formats()
    {
        var template = Console.ReadLine();
        Console.WriteLine("value: {0}", template);  // SAFE QLB1011
        Console.WriteLine(template, 1);  // BAD QLB1011
    }
}
