using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Industrial.FieldbusListenerAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Industrial;

public sealed class FieldbusListenerAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System.Net;
        using System.Net.Sockets;
        #pragma warning disable CS0618
        class Gateway
        {
            const int ModbusPort = 502;

            object M(NModbus.IModbusFactory factory, Socket socket, IPAddress configured, int port)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|QLB1520:new TcpListener(IPAddress.Any, 502)|};")]
    [InlineData("return {|QLB1520:new TcpListener(IPAddress.IPv6Any, ModbusPort)|};")]
    [InlineData("return {|QLB1520:new TcpListener(20000)|};")]
    [InlineData("return TcpListener.{|QLB1520:Create(2404)|};")]
    [InlineData("socket.{|QLB1520:Bind(new IPEndPoint(IPAddress.Any, 102))|}; return socket;")]
    [InlineData("return {|QLB1520:new UdpClient(47808)|};")]
    [InlineData("var listener = {|QLB1520:new TcpListener(IPAddress.Any, port)|}; return factory.CreateSlaveNetwork(listener);")]
    [InlineData("var any = IPAddress.Parse(\"0.0.0.0\"); return {|QLB1520:new TcpListener(new IPEndPoint(any, 44818))|};")]
    [InlineData("return Modbus.Device.ModbusTcpSlave.CreateTcp(1, {|QLB1520:new TcpListener(IPAddress.Any, port)|});")]
    [InlineData("var server = new EasyModbus.ModbusServer(); server.{|QLB1520:Listen()|}; return server;")]
    public async Task Fieldbus_listeners_on_all_interfaces_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.Modbus);

    [Theory]
    [InlineData("return new TcpListener(IPAddress.Parse(\"192.168.10.5\"), 502);")]
    [InlineData("return new TcpListener(configured, 502);")]
    [InlineData("return new TcpListener(IPAddress.Any, 8080);")]
    [InlineData("return new TcpListener(IPAddress.Loopback, 502);")]
    [InlineData("var listener = new TcpListener(IPAddress.Any, port); return listener;")]
    [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback, 20000)); return socket;")]
    [InlineData("var server = new EasyModbus.ModbusServer(); server.LocalIPAddress = IPAddress.Parse(\"10.0.0.2\"); server.Listen(); return server;")]
    [InlineData("return new TcpListener(IPAddress.Any, 4840);")]
    public async Task Bound_or_non_fieldbus_listeners_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.Modbus);

    [Fact]
    public async Task A_type_that_checks_the_remote_end_point_is_silent()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Net;
            using System.Net.Sockets;
            class Gateway
            {
                readonly HashSet<IPAddress> allowed = new HashSet<IPAddress>();
                void Run()
                {
                    var listener = new TcpListener(IPAddress.Any, 502);
                    listener.Start();
                    var client = listener.AcceptTcpClient();
                    if (!allowed.Contains(((IPEndPoint)client.Client.RemoteEndPoint!).Address)) client.Dispose();
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
