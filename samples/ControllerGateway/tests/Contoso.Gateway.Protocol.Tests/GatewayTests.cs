using Contoso.Gateway.Protocol;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Protocol.Tests;

public sealed class GatewayTests
{
    private const string Configuration = """
        {
          "listen": "127.0.0.1:5020",
          "allowedClients": [ "127.0.0.1" ],
          "unitId": 1,
          "registers": { "0": 230, "1": 50 }
        }
        """;

    [Fact]
    public void Reads_a_valid_configuration()
    {
        var configuration = GatewayConfiguration.Parse(Configuration);
        Assert.Equal(5020, configuration.Listen.Port);
        Assert.True(configuration.ReadOnly);
        Assert.Equal((ushort)230, configuration.Registers[0]);
    }

    [Theory]
    [Verifies("SR-3")]
    [Verifies("TD-3-M")]
    [InlineData("{ \"listen\": \"0.0.0.0:502\", \"allowedClients\": [\"10.0.0.1\"], \"registers\": {} }", "all interfaces")]
    [InlineData("{ \"listen\": \"127.0.0.1:502\", \"allowedClients\": [], \"registers\": {} }", "empty")]
    [InlineData("{ \"listen\": \"127.0.0.1:502\", \"registers\": {} }", "'allowedClients' is missing")]
    [InlineData("{ \"listen\": \"127.0.0.1:502\",\n \"allowedClients\": [\"x\"] }", "not an IP address")]
    [InlineData("{ \"listen\": ", "not valid JSON")]
    public void Refuses_unsafe_or_broken_configurations(string json, string message)
    {
        var ex = Assert.Throws<ConfigurationException>(() => GatewayConfiguration.Parse(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Verifies("SR-4")]
    [Verifies("TD-1-M")]
    public void Answers_a_read_and_refuses_writes_when_read_only()
    {
        var configuration = GatewayConfiguration.Parse(Configuration);
        var handler = new RequestHandler(configuration, new RegisterMap(configuration.Registers));
        FrameParser.TryParse(new byte[] { 0, 7, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2 }, out var read, out _);
        FrameParser.TryParse(new byte[] { 0, 8, 0, 0, 0, 6, 1, 6, 0, 0, 0, 9 }, out var write, out _);

        Assert.Equal(new byte[] { 0, 7, 0, 0, 0, 7, 1, 3, 4, 0, 230, 0, 50 }, handler.Handle(read!));
        Assert.Equal(new byte[] { 0, 8, 0, 0, 0, 3, 1, 0x86, 1 }, handler.Handle(write!));
    }

    [Fact]
    public void Reports_unmapped_registers_as_illegal_address()
    {
        var configuration = GatewayConfiguration.Parse(Configuration);
        var handler = new RequestHandler(configuration, new RegisterMap(configuration.Registers));
        FrameParser.TryParse(new byte[] { 0, 9, 0, 0, 0, 6, 1, 3, 0, 1, 0, 2 }, out var read, out _);

        Assert.Equal(new byte[] { 0, 9, 0, 0, 0, 3, 1, 0x83, 2 }, handler.Handle(read!));
    }
}
