#!/usr/bin/env python3
"""Generates the labelled taint benchmark corpus (bench/taint/corpus/Cases/*.cs).

Every case is a small class. The line of each sink carries a label comment:
    // BAD QLB1000   a diagnostic of that rule must be reported on this line
    // SAFE QLB1000  the safe twin: nothing may be reported on this line
For each rule there is a bad case and a safe twin for every flow shape, and for every built-in
source kind. Safe twins run the same flow with data that went through the rule's sanitizer
(or, for deserialization, which no sanitizer can make safe, data from a trusted constant).
Run it from anywhere; it rewrites corpus/Cases/ completely.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "Cases")

# ---------------------------------------------------------------- rules: sinks and sanitizers
# A sink is one line of C# with {v} for the untrusted string. Cases rotate through a rule's sinks,
# so every sink API appears in several flow shapes.
RULES = {
    "QLB1000": dict(
        name="Sql",
        sinks=[
            'using var c1 = new Microsoft.Data.SqlClient.SqlCommand("SELECT * FROM Users WHERE Name = \'" + {v} + "\'");',
            'var c2 = new System.Data.SqlClient.SqlCommand(); c2.CommandText = "DELETE FROM Users WHERE Id = " + {v};',
            'using var c3 = new Npgsql.NpgsqlCommand($"SELECT * FROM orders WHERE customer = \'{{v}}\'", Db.Npgsql);',
            'using var c4 = new Microsoft.Data.Sqlite.SqliteCommand("SELECT * FROM t WHERE n = \'" + {v} + "\'");',
            'Dapper.SqlMapper.Query<int>(Db.Connection, "SELECT Id FROM Users WHERE Name = \'" + {v} + "\'");',
            'Db.Context.Database.ExecuteSqlRaw("DELETE FROM Items WHERE Name = \'" + {v} + "\'");',
            'Db.Context.Items.FromSqlRaw("SELECT * FROM Items WHERE Name = \'" + {v} + "\'").ToList();',
            'Db.Command.CommandText = string.Format("UPDATE t SET v = 1 WHERE k = \'{0}\'", {v});',
        ],
        clean="Clean.Number({x})",
    ),
    "QLB1001": dict(
        name="Command",
        sinks=[
            'Process.Start("sh", "-c \\"echo " + {v} + "\\"");',
            'Process.Start({v});',
            'var psi1 = new ProcessStartInfo("tool") { Arguments = "--name " + {v} };',
            'var psi2 = new ProcessStartInfo({v}, "--help");',
        ],
        clean="Clean.AllowListed({x})",
    ),
    "QLB1002": dict(
        name="Path",
        sinks=[
            'System.IO.File.ReadAllText(Path.Combine("/srv/data", {v}));',
            'using var fs = new FileStream("/srv/data/" + {v}, FileMode.Open);',
            'System.IO.File.Delete({v});',
            'var fi = new FileInfo(Path.Combine("/srv", {v}));',
            'Directory.CreateDirectory(Path.Combine("/srv/out", {v}));',
            'System.IO.File.WriteAllText({v}, "x");',
        ],
        clean="Path.GetFileName({x})",
    ),
    "QLB1003": dict(
        name="Ldap",
        sinks=[
            'using var ds1 = new System.DirectoryServices.DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + {v} + "))");',
            'using var ds2 = new System.DirectoryServices.DirectorySearcher(); ds2.Filter = "(cn=" + {v} + ")";',
            'var sr = new System.DirectoryServices.Protocols.SearchRequest("dc=example,dc=com", "(uid=" + {v} + ")", System.DirectoryServices.Protocols.SearchScope.Subtree);',
            'using var de = new System.DirectoryServices.DirectoryEntry("LDAP://" + {v});',
        ],
        clean="Clean.LdapFilterEscape({x})",
    ),
    "QLB1004": dict(
        name="XPath",
        sinks=[
            'Xml.Doc.SelectNodes("//user[name=\'" + {v} + "\']");',
            'Xml.Doc.CreateNavigator().Evaluate("count(//user[@id=\'" + {v} + "\'])");',
            'Xml.XDoc.XPathSelectElement("//item[@key=\'" + {v} + "\']");',
        ],
        clean="Clean.AllowListed({x})",
    ),
    "QLB1005": dict(
        name="Xml",
        sinks=[
            'Xml.Writer.WriteRaw("<name>" + {v} + "</name>");',
            'Xml.Doc.LoadXml("<user><name>" + {v} + "</name></user>");',
            'var el = XElement.Parse("<n>" + {v} + "</n>");',
            'Xml.Doc.DocumentElement.InnerXml = {v};',
        ],
        clean="SecurityElement.Escape({x})",
    ),
    "QLB1006": dict(
        name="Log",
        sinks=[
            'Logs.Logger.LogInformation("Login attempt for " + {v});',
            'Trace.TraceWarning("User " + {v} + " failed");',
            'Logs.Logger.LogWarning(string.Concat("Unknown command ", {v}));',
            'Trace.WriteLine({v});',
        ],
        clean='{x}.Replace("\\r", "").Replace("\\n", "")',
    ),
    "QLB1007": dict(
        name="Ssrf",
        sinks=[
            '_ = Http.Client.GetStringAsync({v});',
            '_ = Http.Client.GetAsync("http://" + {v} + "/status");',
            'var req = new HttpRequestMessage(HttpMethod.Get, {v});',
            'var wr = WebRequest.Create({v});',
            '_ = Http.Client.GetFromJsonAsync<string>({v});',
        ],
        clean="Uri.EscapeDataString({x})",
    ),
    "QLB1008": dict(
        name="Redirect",
        sinks=[
            'Web.Response.Redirect({v});',
            'var rr = new RedirectResult({v});',
            'var r2 = Results.Redirect({v});',
            'var r3 = Web.Controller.Redirect({v});',
        ],
        clean="Uri.EscapeDataString({x})",
    ),
    "QLB1009": dict(
        name="Regex",
        sinks=[
            'var rx = new Regex({v});',
            'Regex.IsMatch("input", {v});',
            'Regex.Replace("some text", {v}, "");',
        ],
        clean="Regex.Escape({x})",
    ),
    "QLB1010": dict(
        name="ReDoS",
        sinks=[
            'Regex.IsMatch({v}, "^(\\\\w+\\\\s?)*$");',
            'new Regex("^([a-zA-Z0-9]+)*@example\\\\.com$").IsMatch({v});',
            'Patterns.Email.Match({v});',
        ],
        clean="Clean.Number({x})",
    ),
    "QLB1011": dict(
        name="Format",
        sinks=[
            'string.Format({v}, "a", 1);',
            'Console.WriteLine({v}, 42);',
            'new StringBuilder().AppendFormat({v}, 1);',
        ],
        clean="Clean.Number({x})",
    ),
    "QLB1012": dict(
        name="Reflection",
        sinks=[
            'Type.GetType({v});',
            'Activator.CreateInstance("Plugins", {v});',
            'Assembly.LoadFrom({v});',
            'typeof(string).GetMethod({v});',
        ],
        clean="Clean.KnownTypeName({x})",
    ),
    "QLB1013": dict(
        name="Deserialization",
        sinks=[
            'new BinaryFormatter().Deserialize(new MemoryStream(Convert.FromBase64String({v})));',
            'JsonConvert.DeserializeObject({v}, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All });',
            'new BinaryFormatter().Deserialize(new MemoryStream(Encoding.UTF8.GetBytes({v})));',
        ],
        clean=None,  # no sanitizer makes a serialized object graph safe: the twin uses trusted data
    ),
}

TRUSTED = '"AAEAAAD/////AQAAAAAAAAAGAQAAAAR0ZXN0Cw=="'

# ---------------------------------------------------------------- source kinds
# (prelude statements, expression) producing an untrusted string; {n} makes local names unique.
SOURCES = {
    "console": ([], "Console.ReadLine()"),
    "environment": ([], 'Environment.GetEnvironmentVariable("APP_USER")'),
    "file": ([], 'File.ReadAllText("/etc/app/input.txt")'),
    "stream_reader": ([], 'new StreamReader("/var/app/in.txt").ReadLine()'),
    "binary_reader": ([], 'new BinaryReader(File.OpenRead("/var/app/in.bin")).ReadString()'),
    "socket": (["var buf{n} = new byte[256];", "var len{n} = Net.Socket.Receive(buf{n});"], "Encoding.UTF8.GetString(buf{n}, 0, len{n})"),
    "network_stream": (["var ns{n} = new NetworkStream(Net.Socket);", "var buf{n} = new byte[256];", "ns{n}.Read(buf{n}, 0, buf{n}.Length);"], "Encoding.ASCII.GetString(buf{n})"),
    "tcp_client": ([], "new StreamReader(Net.Client.GetStream()).ReadLine()"),
    "udp_client": ([], "Encoding.UTF8.GetString(Net.Udp.Receive(ref Net.Remote))"),
    "serial_port": ([], "Io.Port.ReadLine()"),
    "db_reader": ([], "Db.Reader.GetString(0)"),
    "http_client": ([], 'Http.Client.GetStringAsync("https://partner.example.com/feed").Result'),
    "mqtt": ([], "Mqtt.Message.ConvertPayloadToString()"),
    "opc_ua": ([], '(string)Opc.Session.ReadValue(new NodeId("ns=2;s=Recipe")).Value'),
    "configuration": ([], 'Config.Root["Import:Target"]'),
    "http_query": ([], '(string)Web.Request.Query["q"]'),
    "http_form": ([], '(string)Web.Request.Form["name"]'),
    "http_headers": ([], '(string)Web.Request.Headers["X-User"]'),
    "http_cookies": ([], 'Web.Request.Cookies["session"]'),
    "http_route": ([], 'Web.Request.RouteValues["id"]?.ToString()'),
    "http_body": ([], "new StreamReader(Web.Request.Body).ReadToEndAsync().Result"),
    "classic_aspnet": ([], 'Classic.Request.QueryString["id"]'),
    "zip_entry": ([], "Zip.Entry.FullName"),
}

# Source kinds that need their own shape (parameters bound by a framework).
ENTRY_SOURCES = ["main_args", "action_parameter", "bound_model", "minimal_api"]

FLOWS = [
    "direct", "local", "field", "static_field", "helper_return", "out", "collection", "five_deep",
    "recursion", "interface", "virtual", "lambda", "async", "partial",
]

HEADER = """// Labelled taint benchmark case, written by bench/taint/generate.py: edit the generator, not this file.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Serialization.Formatters.Binary;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Newtonsoft.Json;
using Opc.Ua;

namespace Bench.Cases;
"""


def value(rule, bad, expr):
    """The value a case feeds into the flow: the source itself, or its safe counterpart."""
    if bad:
        return expr
    clean = RULES[rule]["clean"]
    if clean is None:
        return TRUSTED
    return clean.replace("{x}", "(" + expr + ")")


def sink(rule, index, v, bad):
    sinks = RULES[rule]["sinks"]
    line = sinks[index % len(sinks)].replace("{v}", v)
    return line + ("  // BAD " if bad else "  // SAFE ") + rule


def flow_case(rule, flow, bad, index):
    """Returns {file name: text} for one flow-shape case."""
    tag = "Bad" if bad else "Safe"
    cls = f"{RULES[rule]['name']}_{flow}_{tag}"
    src = value(rule, bad, "Console.ReadLine()")
    s = lambda v: sink(rule, index, v, bad)
    body = []
    extra = {}
    if flow == "direct":
        body = ["public void Run()", "{", "    " + s(src), "}"]
    elif flow == "local":
        body = ["public void Run()", "{", f"    var a = {src};", "    var b = a;", "    " + s("b"), "}"]
    elif flow == "field":
        body = ["private string _data;", "public void Read()", "{", f"    _data = {src};", "}",
                "public void Use()", "{", "    " + s("_data"), "}"]
    elif flow == "static_field":
        body = ["private static string s_data;", "public void Read()", "{", f"    s_data = {src};", "}",
                "public static void Use()", "{", "    " + s("s_data"), "}"]
    elif flow == "helper_return":
        body = ["private static string Fetch()", "{", f"    return {src};", "}",
                "public void Run()", "{", "    var v = Fetch();", "    " + s("v"), "}"]
    elif flow == "out":
        body = ["private static bool TryFetch(out string v)", "{", f"    v = {src};", "    return v != null;", "}",
                "public void Run()", "{", "    if (TryFetch(out var v))", "    {", "        " + s("v"), "    }", "}"]
    elif flow == "collection":
        body = ["public void Run()", "{", "    var items = new List<string>();", f"    items.Add({src});",
                "    var map = new Dictionary<string, string>();", "    map[\"k\"] = items[0];", "    " + s("map[\"k\"]"), "}"]
    elif flow == "five_deep":
        body = ["public void Run()", "{", f"    L1({src});", "}"]
        for i in range(1, 5):
            body += [f"private void L{i}(string a) => L{i + 1}(a);"]
        body += ["private void L5(string a)", "{", "    " + s("a"), "}"]
    elif flow == "recursion":
        body = ["private static string Accumulate(string a, int n)", "{", "    if (n <= 0)", "    {", "        return a;", "    }",
                "    return Accumulate(a.Trim(), n - 1);", "}",
                "public void Run()", "{", f"    var v = Accumulate({src}, 3);", "    " + s("v"), "}"]
    elif flow == "interface":
        body = ["public interface IWriter", "{", "    void Write(string v);", "}",
                "private sealed class SinkWriter : IWriter", "{", "    public void Write(string v)", "    {", "        " + s("v"), "    }", "}",
                "private sealed class NullWriter : IWriter", "{", "    public void Write(string v)", "    {", "    }", "}",
                "public static IWriter Create(bool real) => real ? new SinkWriter() : new NullWriter();",
                "public void Run(IWriter writer)", "{", f"    writer.Write({src});", "}"]
    elif flow == "virtual":
        body = ["public abstract class Reader", "{", "    public abstract string Read();", "}",
                "public sealed class InputReader : Reader", "{", f"    public override string Read() => {src};", "}",
                "public void Run(Reader reader)", "{", "    " + s("reader.Read()"), "}"]
    elif flow == "lambda":
        body = ["public void Run()", "{", f"    var v = {src};", "    Action act = () =>", "    {", "        " + s("v"), "    };", "    act();", "}"]
    elif flow == "async":
        body = ["private static async Task<string> FetchAsync()", "{", "    await Task.Yield();", f"    return {src};", "}",
                "public async Task RunAsync()", "{", "    var v = await FetchAsync();", "    " + s("v"), "}"]
    elif flow == "partial":
        body = ["private string _pending;", "public void Receive()", "{", f"    _pending = {src};", "}"]
        other = [HEADER, f"public sealed partial class {cls}", "{", "    public void Flush()", "    {", "        " + s("_pending"), "    }", "}", ""]
        extra[f"{cls}.Part2.cs"] = "\n".join(other)
    lines = [HEADER, f"public sealed partial class {cls}", "{"] + ["    " + l for l in body] + ["}", ""]
    files = {f"{cls}.cs": "\n".join(lines)}
    files.update(extra)
    return files


def source_case(rule, kind, bad, index):
    tag = "Bad" if bad else "Safe"
    cls = f"{RULES[rule]['name']}_src_{kind}_{tag}"
    s = lambda v: sink(rule, index, v, bad)
    if kind == "main_args":
        body = ["public static void Main(string[] args)", "{", "    " + s(value(rule, bad, "args[0]")), "}"]
        lines = [HEADER, f"public static class {cls}", "{"] + ["    " + l for l in body] + ["}", ""]
    elif kind == "action_parameter":
        body = ["[HttpGet]", "public IActionResult Get(string name)", "{", "    " + s(value(rule, bad, "name")), "    return Ok();", "}"]
        lines = [HEADER, "[ApiController]", "[Route(\"api/[controller]\")]", f"public sealed class {cls}Controller : ControllerBase", "{"] + ["    " + l for l in body] + ["}", ""]
    elif kind == "bound_model":
        body = ["[HttpPost]", "public IActionResult Post([FromBody] OrderDto order)", "{", "    " + s(value(rule, bad, "order.Customer")), "    return Ok();", "}"]
        lines = [HEADER, "[ApiController]", f"public sealed class {cls}Controller : ControllerBase", "{"] + ["    " + l for l in body] + ["}", ""]
    elif kind == "minimal_api":
        body = ["public static void Map(WebApplication app)", "{", "    app.MapGet(\"/items\", (string filter) =>", "    {",
                "        " + s(value(rule, bad, "filter")), "        return \"ok\";", "    });", "}"]
        lines = [HEADER, f"public static class {cls}", "{"] + ["    " + l for l in body] + ["}", ""]
    else:
        prelude, expr = SOURCES[kind]
        prelude = [p.replace("{n}", "0") for p in prelude]
        expr = expr.replace("{n}", "0")
        body = ["public void Run()", "{"] + ["    " + p for p in prelude] + [f"    var v = {value(rule, bad, expr)};", "    " + s("v"), "}"]
        lines = [HEADER, f"public sealed class {cls}", "{"] + ["    " + l for l in body] + ["}", ""]
    return {f"{cls}.cs": "\n".join(lines)}


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    count = {"bad": 0, "safe": 0}
    for rule in RULES:
        index = 0
        for flow in FLOWS:
            for bad in (True, False):
                for name, text in flow_case(rule, flow, bad, index).items():
                    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
                        f.write(text)
                count["bad" if bad else "safe"] += 1
            index += 1
        for kind in list(SOURCES) + ENTRY_SOURCES:
            for bad in (True, False):
                for name, text in source_case(rule, kind, bad, index).items():
                    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
                        f.write(text)
                count["bad" if bad else "safe"] += 1
            index += 1
    print(f"generated {count['bad']} bad cases and {count['safe']} safe twins in {OUT}")


if __name__ == "__main__":
    main()
