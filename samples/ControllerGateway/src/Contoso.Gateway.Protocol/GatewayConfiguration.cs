using System.Net;
using System.Text.Json;
using QuantLayer.BuildGuard.Traceability;

namespace Contoso.Gateway.Protocol;

/// <summary>A configuration file that could not be used, with the line of the problem.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message, long line)
        : base(message)
    {
        Line = line;
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line of the problem, 0 when unknown.</summary>
    public long Line { get; }
}

/// <summary>
/// The gateway's configuration: where it listens, which controllers may connect, the unit it
/// serves and its register map. Read from JSON; every value is validated.
/// </summary>
public sealed class GatewayConfiguration
{
    /// <summary>The address and port to listen on.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The controllers allowed to connect (required: the gateway never serves everyone).</summary>
    public required IReadOnlySet<IPAddress> AllowedClients { get; init; }

    /// <summary>The Modbus unit id served.</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>Whether write requests are refused.</summary>
    public bool ReadOnly { get; init; } = true;

    /// <summary>Initial register values by address.</summary>
    public required IReadOnlyDictionary<ushort, ushort> Registers { get; init; }

    /// <summary>Parses a configuration document.</summary>
    /// <exception cref="ConfigurationException">The document is invalid; the message says why.</exception>
    [Implements("SR-3")]
    [Implements("TD-3-M")]
    [Implements("TD-1-M")]
    public static GatewayConfiguration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            var listen = IPEndPoint.TryParse(Required(root, "listen").GetString() ?? string.Empty, out var endpoint)
                ? endpoint
                : throw new ConfigurationException("'listen' must be an address and port, for example \"192.168.10.2:502\".");
            if (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any))
            {
                throw new ConfigurationException("'listen' must name one interface address: the gateway does not listen on all interfaces.");
            }

            var clients = new HashSet<IPAddress>();
            foreach (var item in Required(root, "allowedClients").EnumerateArray())
            {
                clients.Add(IPAddress.TryParse(item.GetString(), out var address)
                    ? address
                    : throw new ConfigurationException($"'{item.GetString()}' in 'allowedClients' is not an IP address."));
            }

            if (clients.Count == 0)
            {
                throw new ConfigurationException("'allowedClients' is empty: list the controllers that may connect.");
            }

            var registers = new Dictionary<ushort, ushort>();
            foreach (var property in Required(root, "registers").EnumerateObject())
            {
                if (!ushort.TryParse(property.Name, out var address) || !property.Value.TryGetUInt16(out var value))
                {
                    throw new ConfigurationException($"register '{property.Name}' must map an address 0-65535 to a value 0-65535.");
                }

                registers[address] = value;
            }

            return new GatewayConfiguration
            {
                Listen = listen,
                AllowedClients = clients,
                UnitId = root.TryGetProperty("unitId", out var unit) ? unit.GetByte() : (byte)1,
                ReadOnly = !root.TryGetProperty("readOnly", out var readOnly) || readOnly.GetBoolean(),
                Registers = registers,
            };
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException("the configuration is not valid JSON: " + ex.Message, (ex.LineNumber ?? 0) + 1);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ConfigurationException("a value in the configuration has the wrong type: " + ex.Message);
        }
    }

    private static JsonElement Required(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) ? value : throw new ConfigurationException($"'{name}' is missing.");
}
