using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// QLB1520: a Modbus/TCP or other fieldbus server that listens on every interface and accepts any
/// client. The heuristic:
/// <list type="number">
/// <item>A listener bound to all interfaces: <c>new TcpListener(IPAddress.Any | IPAddress.IPv6Any, port)</c>,
/// <c>new TcpListener(new IPEndPoint(Any, port))</c>, <c>new TcpListener(port)</c>,
/// <c>TcpListener.Create(port)</c>, <c>new UdpClient(port)</c>, <c>new UdpClient(new IPEndPoint(Any, port))</c>,
/// <c>socket.Bind(new IPEndPoint(Any, port))</c> (an address written as <c>IPAddress.Parse("0.0.0.0")</c>
/// or <c>"::"</c> counts as Any; an address from configuration does not);</item>
/// <item>that serves a fieldbus: the port is a constant among the registered fieldbus ports
/// (102 ISO-TSAP/S7/IEC 61850 MMS, 502 Modbus/TCP, 789 Red Lion Crimson, 1911 Niagara Fox, 1962 PCWorx,
/// 2222 EtherNet/IP I/O, 2404 IEC 60870-5-104, 5007 MELSEC, 5094 HART-IP, 9600 OMRON FINS,
/// 18245 GE SRTP, 20000 DNP3, 20547 ProConOS, 34962-34964 PROFINET, 44818 EtherNet/IP,
/// 47808 BACnet/IP), or the listener is handed to NModbus (<c>factory.CreateSlaveNetwork(listener)</c>,
/// <c>ModbusTcpSlave.CreateTcp(id, listener)</c>) in the same method;</item>
/// <item>and nothing in the declaring type reads <c>RemoteEndPoint</c> (the only way to check the
/// client's address against an allow-list).</item>
/// </list>
/// <c>EasyModbus.ModbusServer.Listen()</c> (bound to all interfaces on 502) is reported unless the
/// method sets its <c>LocalIPAddress</c> to a specific address.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FieldbusListenerAnalyzer : BuildGuardAnalyzer
{
    private static readonly ImmutableDictionary<long, string> FieldbusPorts = new Dictionary<long, string>
    {
        [102] = "ISO-TSAP (S7, IEC 61850 MMS)",
        [502] = "Modbus/TCP",
        [789] = "Red Lion Crimson",
        [1911] = "Niagara Fox",
        [1962] = "PCWorx",
        [2222] = "EtherNet/IP",
        [2404] = "IEC 60870-5-104",
        [5007] = "MELSEC",
        [5094] = "HART-IP",
        [9600] = "OMRON FINS",
        [18245] = "GE SRTP",
        [20000] = "DNP3",
        [20547] = "ProConOS",
        [34962] = "PROFINET",
        [34963] = "PROFINET",
        [34964] = "PROFINET",
        [44818] = "EtherNet/IP",
        [47808] = "BACnet/IP",
    }.ToImmutableDictionary();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.FieldbusListenerOnAllInterfaces);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var tcpListener = compilation.GetTypeByMetadataName("System.Net.Sockets.TcpListener");
        var udpClient = compilation.GetTypeByMetadataName("System.Net.Sockets.UdpClient");
        var socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        var ipEndPoint = compilation.GetTypeByMetadataName("System.Net.IPEndPoint");
        var easyModbus = compilation.GetTypeByMetadataName("EasyModbus.ModbusServer");
        if (tcpListener is null && udpClient is null && easyModbus is null)
        {
            return;
        }

        var checksRemote = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        bool TypeChecksRemoteEndPoint(INamedTypeSymbol? type)
        {
            for (var outer = type; outer is not null; outer = outer.ContainingType)
            {
                if (checksRemote.GetOrAdd(outer, t => ((INamedTypeSymbol)t).DeclaringSyntaxReferences.Any(r =>
                        r.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == "RemoteEndPoint"))))
                {
                    return true;
                }
            }

            return false;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var operation = ctx.Operation;
                ITypeSymbol? type = operation switch
                {
                    IObjectCreationOperation creation => creation.Type,
                    IInvocationOperation call => call.TargetMethod.ContainingType,
                    _ => null,
                };
                if (type is null || type.Name is not ("TcpListener" or "UdpClient" or "Socket" or "ModbusServer") && type.BaseType?.Name is not ("TcpListener" or "UdpClient"))
                {
                    return;
                }

                string? subject = null;
                string? protocol = null;
                if (operation is IInvocationOperation { TargetMethod.Name: "Listen", Instance: { } server } && type.InheritsFromOrEquals(easyModbus))
                {
                    if (ObjectTracker.AtUse(server).Writes.Any(w => w.Path is "LocalIPAddress" && !IsAnyAddress(w.Value)))
                    {
                        return;
                    }

                    subject = "EasyModbus ModbusServer.Listen()";
                    protocol = "Modbus/TCP";
                }
                else if (Binding(operation, type, tcpListener, udpClient, socket, ipEndPoint) is { } binding)
                {
                    protocol = binding.Port is { } port && FieldbusPorts.TryGetValue(port, out var name) ? name : null;
                    if (protocol is null && operation is IObjectCreationOperation listener && HandedToModbusLibrary(listener))
                    {
                        protocol = "Modbus/TCP";
                    }

                    if (protocol is null)
                    {
                        return;
                    }

                    subject = binding.Description;
                }

                if (subject is null || protocol is null || TypeChecksRemoteEndPoint(ctx.ContainingSymbol.ContainingType))
                {
                    return;
                }

                var location = operation is IInvocationOperation invoked ? invoked.CallLocation() : operation.Syntax.GetLocation();
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.FieldbusListenerOnAllInterfaces, location, subject, protocol));
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
    }

    /// <summary>An all-interfaces binding: what it is and its constant port, or null.</summary>
    private static (string Description, long? Port)? Binding(
        IOperation operation, ITypeSymbol type, INamedTypeSymbol? tcpListener, INamedTypeSymbol? udpClient, INamedTypeSymbol? socket, INamedTypeSymbol? ipEndPoint)
    {
        var isListener = type.InheritsFromOrEquals(tcpListener);
        var isUdp = type.InheritsFromOrEquals(udpClient);
        switch (operation)
        {
            case IObjectCreationOperation creation when isListener || isUdp:
            {
                var kind = isListener ? "TcpListener" : "UdpClient";
                var arguments = creation.Arguments;
                if (arguments.Length == 0)
                {
                    return null;
                }

                var first = arguments[0].Value;
                if (first.Type?.SpecialType == SpecialType.System_Int32)
                {
                    // new TcpListener(port) / new UdpClient(port[, family])
                    var port = first.ThroughLocal().ConstantInt64();
                    return (kind + " on all interfaces, port " + Show(port), port);
                }

                if (first.Type.InheritsFromOrEquals(ipEndPoint))
                {
                    return EndPoint(first, ipEndPoint) is { } endPoint ? (kind + " on " + endPoint.Address + ":" + Show(endPoint.Port), endPoint.Port) : null;
                }

                if (arguments.Length >= 2 && IsAnyAddress(first))
                {
                    var port = arguments[1].Value.ThroughLocal().ConstantInt64();
                    return (kind + " on " + AddressName(first) + ":" + Show(port), port);
                }

                return null;
            }

            case IInvocationOperation { TargetMethod.Name: "Create", TargetMethod.IsStatic: true, Arguments.Length: 1 } create when isListener:
            {
                var port = create.Arguments[0].Value.ThroughLocal().ConstantInt64();
                return ("TcpListener.Create on all interfaces, port " + Show(port), port);
            }

            case IInvocationOperation { TargetMethod.Name: "Bind", Arguments.Length: 1 } bind when type.InheritsFromOrEquals(socket):
                return EndPoint(bind.Arguments[0].Value, ipEndPoint) is { } bound ? ("Socket.Bind on " + bound.Address + ":" + Show(bound.Port), bound.Port) : null;

            default:
                return null;
        }
    }

    private static (string Address, long? Port)? EndPoint(IOperation value, INamedTypeSymbol? ipEndPoint)
    {
        if (value.ThroughLocal() is IObjectCreationOperation { Arguments.Length: 2 } creation && creation.Type.InheritsFromOrEquals(ipEndPoint)
            && IsAnyAddress(creation.Arguments[0].Value))
        {
            return (AddressName(creation.Arguments[0].Value), creation.Arguments[1].Value.ThroughLocal().ConstantInt64());
        }

        return null;
    }

    private static bool IsAnyAddress(IOperation value)
    {
        var inner = value.ThroughLocal();
        return inner switch
        {
            IFieldReferenceOperation { Field.Name: "Any" or "IPv6Any" } field => field.Field.ContainingType?.ToDisplayString() == "System.Net.IPAddress",
            IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse when parse.TargetMethod.ContainingType?.ToDisplayString() == "System.Net.IPAddress"
                => parse.Arguments[0].Value.ConstantString() is "0.0.0.0" or "::" or "[::]",
            _ => false,
        };
    }

    private static string AddressName(IOperation value)
        => value.ThroughLocal() is IFieldReferenceOperation field ? "IPAddress." + field.Field.Name : "0.0.0.0";

    private static string Show(long? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "(not constant)";

    /// <summary>True when the listener is passed to NModbus (CreateSlaveNetwork) or NModbus4 (ModbusTcpSlave.CreateTcp).</summary>
    private static bool HandedToModbusLibrary(IObjectCreationOperation listener)
    {
        var configuration = ObjectTracker.OfCreation(listener);
        foreach (var use in configuration.Uses)
        {
            var parent = use.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation call }
                && call.TargetMethod.Name is "CreateSlaveNetwork" or "CreateTcp" or "CreateTcpSlave"
                && (call.TargetMethod.ContainingType.IsInNamespace("NModbus") || call.TargetMethod.ContainingType.IsInNamespace("Modbus")))
            {
                return true;
            }
        }

        return false;
    }
}
