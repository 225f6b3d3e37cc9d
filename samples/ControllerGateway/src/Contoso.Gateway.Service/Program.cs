using System.Net;
using System.Net.Sockets;
using Contoso.Gateway.Protocol;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Service;

/// <summary>The gateway host: serves the configured register map to allow-listed controllers.</summary>
public static class Program
{
    /// <summary>Entry point. Reads gateway.json beside the executable.</summary>
    public static async Task<int> Main()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "gateway.json");
        GatewayConfiguration configuration;
        try
        {
            configuration = GatewayConfiguration.Parse(await File.ReadAllTextAsync(path).ConfigureAwait(false));
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"{path}({ex.Line}): {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var server = new GatewayServer(configuration);
        await server.RunAsync(stop.Token).ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Accepts allow-listed connections and answers Modbus/TCP requests.</summary>
public sealed class GatewayServer
{
    private readonly GatewayConfiguration _configuration;
    private readonly RequestHandler _handler;

    /// <summary>Creates the server.</summary>
    public GatewayServer(GatewayConfiguration configuration)
    {
        _configuration = configuration;
        _handler = new RequestHandler(configuration, new RegisterMap(configuration.Registers));
    }

    /// <summary>Serves until cancelled.</summary>
    [Implements("FR-1")]
    [Implements("SR-3")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(_configuration.Listen);
        listener.Start();
        Console.WriteLine($"Gateway listening on {_configuration.Listen} for unit {_configuration.UnitId}.");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
                if (!_configuration.AllowedClients.Contains(remote.Address))
                {
                    Console.WriteLine($"Refused a connection from a controller that is not allow-listed ({remote.Address}).");
                    client.Dispose();
                    continue;
                }

                _ = ServeAsync(client, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[ModbusFrame.MaxFrameLength * 4];
            var filled = 0;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    while (true)
                    {
                        var error = FrameParser.TryParse(buffer.AsSpan(0, filled), out var frame, out var consumed);
                        if (error == FrameError.Incomplete)
                        {
                            break;
                        }

                        if (error is FrameError.NotModbus or FrameError.BadLength)
                        {
                            // Not a Modbus peer, or a corrupt stream: drop the connection.
                            return;
                        }

                        if (frame is not null && _handler.Handle(frame) is { } response)
                        {
                            await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
                        }

                        Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                        filled -= consumed;
                    }
                }
            }
            catch (IOException)
            {
                // The controller went away.
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }
}
