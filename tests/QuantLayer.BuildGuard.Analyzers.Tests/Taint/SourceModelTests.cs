using Microsoft.CodeAnalysis;
using QuantLayer.BuildGuard.Analyzers.Tests.Injection;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Taint;

/// <summary>The built-in sources that need framework shapes: entry points, bound models, handlers, gated sources.</summary>
public sealed class SourceModelTests
{
    private static async Task<string[]> Findings(string source, params string[] stubs)
        => (await TaintHarness.DiagnosticsAsync(new[] { source }.Concat(stubs).ToArray(), null, null))
            .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task Main_args_are_command_line_sources()
    {
        const string source = """
            using System.Diagnostics;
            static class Program
            {
                static void Main(string[] args) => Process.Start(args[0]);
                static void NotMain(string[] args) => Process.Start(args[0]);
            }
            """;
        var findings = await Findings(source);
        Assert.Equal(new[] { "QLB1001 Data from command-line arguments in Main reaches Process.Start(fileName) (OS command injection); do not let input choose the program; pass input as separate ProcessStartInfo.ArgumentList items after validating it against an allow-list" }, findings);
    }

    [Fact]
    public async Task Controller_actions_bound_models_and_minimal_api_handlers_are_request_sources()
    {
        const string source = """
            using System.Diagnostics;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            public sealed class Order { public string Customer { get; set; } = ""; public int Quantity { get; set; } }
            public interface IClock { string Now(); }
            [ApiController]
            public sealed class OrdersController : ControllerBase
            {
                public IActionResult Post([FromBody] Order order) { Process.Start(order.Customer); return Ok(); }
                public IActionResult Count([FromBody] Order order) { Process.Start(order.Quantity.ToString()); return Ok(); }
                public IActionResult Service([FromServices] IClock clock) { Process.Start(clock.Now()); return Ok(); }
                private void Helper(string notBound) => Process.Start(notBound);
            }
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app) => app.MapGet("/run", (string tool) => Process.Start(tool));
            }
            """;
        var findings = await Findings(source, TaintStubs.AspNetCore);
        Assert.Equal(2, findings.Length);
        Assert.Contains("request parameter 'order' in Post", findings[0], StringComparison.Ordinal);
        Assert.Contains("route handler parameter 'tool' in Map", findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Industrial_sources_mqtt_opc_ua_and_serial_ports_are_tracked()
    {
        const string source = """
            using System.Diagnostics;
            using System.IO;
            using System.IO.Ports;
            using System.Threading.Tasks;
            using MQTTnet;
            using Opc.Ua;
            using Opc.Ua.Client;
            public sealed class Gateway
            {
                public void Subscribe(IMqttClient client)
                {
                    client.ApplicationMessageReceivedAsync += e =>
                    {
                        File.WriteAllText("/var/spool/" + e.ApplicationMessage.Topic, "x");
                        return Task.CompletedTask;
                    };
                }
                public void Recipe(ISession session) => Process.Start((string)session.ReadValue(new NodeId("ns=2;s=Tool")).Value!);
                public void Serial(SerialPort port) => Process.Start("flash", port.ReadLine());
            }
            """;
        var findings = await Findings(source, TaintStubs.Mqtt, TaintStubs.OpcUa, TaintStubs.SerialPorts);
        Assert.Equal(3, findings.Length);
        Assert.Contains("MqttApplicationMessage.Topic", findings[0], StringComparison.Ordinal);
        Assert.Contains("DataValue.Value", findings[1], StringComparison.Ordinal);
        Assert.Contains("SerialPort.ReadLine()", findings[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_values_are_sources_in_strict_or_when_configured()
    {
        string[] sources =
        {
            """
            using System.Diagnostics;
            using Microsoft.Extensions.Configuration;
            public sealed class Importer
            {
                public void Run(IConfiguration configuration) => Process.Start(configuration["Import:Tool"]!);
            }
            """,
            TaintStubs.Configuration,
        };
        Assert.Empty(await TaintHarness.DiagnosticsAsync(sources, null, "Recommended"));
        Assert.Single(await TaintHarness.DiagnosticsAsync(sources, null, "Strict"));
        Assert.Single(await TaintHarness.DiagnosticsAsync(sources, """{ "options": { "configurationIsSource": true } }""", "Recommended"));
        Assert.Empty(await TaintHarness.DiagnosticsAsync(sources, """{ "options": { "configurationIsSource": false } }""", "Strict"));
    }

    [Fact]
    public async Task Operator_inputs_can_be_declared_trusted_for_command_line_tools()
    {
        string[] sources =
        {
            """
            using System;
            using System.IO;
            static class Tool
            {
                static void Main(string[] args) => File.ReadAllText(args[0]);
                static void Home() => Directory.CreateDirectory(Environment.GetEnvironmentVariable("TOOL_HOME")!);
            }
            """,
        };
        Assert.Equal(2, (await TaintHarness.DiagnosticsAsync(sources, null, null)).Length);
        Assert.Empty(await TaintHarness.DiagnosticsAsync(sources, """{ "options": { "environmentIsSource": false, "commandLineIsSource": false } }""", null));
    }
}
