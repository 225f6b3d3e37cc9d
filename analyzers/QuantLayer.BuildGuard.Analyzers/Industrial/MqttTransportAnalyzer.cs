using System.Collections.Immutable;
using System.Net;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// QLB1510 and QLB1511: MQTTnet (3.x <c>MQTTnet.Client.Options</c>, 4.x <c>MQTTnet.Client</c>,
/// 5.x <c>MQTTnet</c> and <c>MQTTnet.Server</c>) without TLS, or with TLS that accepts any certificate.
/// <list type="bullet">
/// <item>QLB1510, client: a <c>MqttClientOptionsBuilder</c> chain (fluent or through a local)
/// ending in <c>Build()</c> that selects a transport (<c>WithTcpServer</c>,
/// <c>WithConnectionUri</c>, <c>WithWebSocketServer</c>, <c>WithEndPoint</c>) and never enables TLS
/// (<c>WithTls</c>, <c>WithTlsOptions</c> without <c>UseTls(false)</c>, an <c>mqtts://</c>,
/// <c>ssl://</c> or <c>wss://</c> URI). A broker on <c>localhost</c>/loopback is not reported, nor a
/// builder received from elsewhere (its TLS may be set there).</item>
/// <item>QLB1510, broker: <c>MqttServerOptionsBuilder.WithDefaultEndpoint()</c> (the plain TCP
/// listener) unless it is bound to loopback on IPv4 and IPv6;
/// <c>DefaultEndpointOptions.IsEnabled = true</c>; on MQTTnet 3.x, where the plain endpoint is on by
/// default, a builder chain without <c>WithoutDefaultEndpoint()</c>.</item>
/// <item>QLB1511: <c>WithAllowUntrustedCertificates()</c>, <c>WithIgnoreCertificateChainErrors()</c>,
/// <c>WithIgnoreCertificateRevocationErrors()</c> (or the properties set to true), and a
/// <c>CertificateValidationHandler</c> that returns true for every certificate.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MqttTransportAnalyzer : BuildGuardAnalyzer
{
    private static readonly string[] ClientBuilders = { "MQTTnet.MqttClientOptionsBuilder", "MQTTnet.Client.MqttClientOptionsBuilder", "MQTTnet.Client.Options.MqttClientOptionsBuilder" };

    private static readonly ImmutableHashSet<string> TrustOverrides = ImmutableHashSet.Create("AllowUntrustedCertificates", "IgnoreCertificateChainErrors", "IgnoreCertificateRevocationErrors");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MqttWithoutTls, Descriptors.MqttUntrustedCertificates);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var clientBuilders = ClientBuilders.Select(context.Compilation.GetTypeByMetadataName).Where(t => t is not null).Cast<INamedTypeSymbol>().ToImmutableArray();
        var serverBuilder = context.Compilation.GetTypeByMetadataName("MQTTnet.Server.MqttServerOptionsBuilder");
        if (clientBuilders.IsEmpty && serverBuilder is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                var owner = method.ContainingType;
                if (owner is null || !owner.IsInNamespace("MQTTnet"))
                {
                    return;
                }

                if (method.Name == "Build" && clientBuilders.Any(b => owner.InheritsFromOrEquals(b)))
                {
                    CheckClient(ctx, invocation);
                }
                else if (serverBuilder is not null && owner.InheritsFromOrEquals(serverBuilder))
                {
                    CheckServer(ctx, invocation, owner);
                }
                else if (TrustOverrides.Contains(method.Name.Replace("With", string.Empty)) && method.Name.StartsWith("With", StringComparison.Ordinal)
                         && (invocation.Arguments.Length == 0 || invocation.Arguments[0].Value.IsConstantTrue()))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttUntrustedCertificates, invocation.CallLocation(), method.Name + "()"));
                }
                else if (method.Name == "WithCertificateValidationHandler" && invocation.Arguments.Length > 0
                         && DelegateInspector.Resolve(invocation.Arguments[0].Value) is { } handler && DelegateInspector.AlwaysAccepts(handler))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttUntrustedCertificates, invocation.CallLocation(), "A certificate validation handler that returns true"));
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property || !property.Property.ContainingType.IsInNamespace("MQTTnet"))
                {
                    return;
                }

                var name = property.Property.Name;
                if (TrustOverrides.Contains(name) && assignment.Value.IsConstantTrue())
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttUntrustedCertificates, assignment.Syntax.GetLocation(), name + " = true"));
                }
                else if (name == "CertificateValidationHandler" && DelegateInspector.Resolve(assignment.Value) is { } handler && DelegateInspector.AlwaysAccepts(handler))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttUntrustedCertificates, assignment.Syntax.GetLocation(), "A CertificateValidationHandler that returns true"));
                }
                else if (name == "IsEnabled" && assignment.Value.IsConstantTrue()
                         && property.Instance is IPropertyReferenceOperation { Property.Name: "DefaultEndpointOptions" })
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttWithoutTls, assignment.Syntax.GetLocation(), "The MQTT broker's plain TCP endpoint (DefaultEndpointOptions.IsEnabled = true)", ServerAdvice));
                }
            },
            OperationKind.SimpleAssignment);
    }

    private enum Tls
    {
        NotSet,
        On,
        Off,
        Unknown,
    }

    private const string ClientAdvice = "enable TLS with .WithTlsOptions(o => o.UseTls()) (or an mqtts:// URI) and connect to the broker's TLS port (8883)";

    private const string ServerAdvice = "use WithEncryptedEndpoint() with a server certificate and WithoutDefaultEndpoint()";

    private static void CheckClient(OperationAnalysisContext context, IInvocationOperation build)
    {
        var chain = FluentChain.Of(build);
        if (!chain.IsComplete)
        {
            return;
        }

        IInvocationOperation? transport = null;
        var tls = Tls.NotSet;
        foreach (var call in chain.Calls)
        {
            switch (call.TargetMethod.Name)
            {
                case "WithTcpServer" or "WithEndPoint":
                    transport = call;
                    if (call.Arguments.Length > 0 && call.Arguments[0].Value.ConstantString() is { } host && IsLoopback(host))
                    {
                        return;
                    }

                    break;
                case "WithConnectionUri" or "WithWebSocketServer":
                    transport = call;
                    if (UriOf(call) is { } uri)
                    {
                        if (UriHostIsLoopback(uri))
                        {
                            return;
                        }

                        var scheme = uri.Split(':')[0].ToLowerInvariant();
                        if (scheme is "mqtts" or "ssl" or "wss")
                        {
                            tls = Tls.On;
                        }
                        else if (scheme is "mqtt" or "tcp" or "ws" && tls == Tls.NotSet)
                        {
                            tls = Tls.Off;
                        }
                    }

                    break;
                case "WithTls":
                    tls = TlsFromParameters(call);
                    break;
                case "WithTlsOptions":
                    tls = TlsFromOptions(call);
                    break;
            }
        }

        if (transport is null || tls is Tls.On or Tls.Unknown)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.MqttWithoutTls,
            transport.CallLocation(),
            "The MQTT client connection (" + transport.TargetMethod.Name + ")",
            ClientAdvice));
    }

    private static void CheckServer(OperationAnalysisContext context, IInvocationOperation invocation, INamedTypeSymbol builder)
    {
        var name = invocation.TargetMethod.Name;
        var version3 = builder.ContainingAssembly?.Identity.Version.Major == 3;
        if (name != "WithDefaultEndpoint" && !(version3 && name == "Build"))
        {
            return;
        }

        var chain = FluentChain.Of(invocation);
        if (name == "Build" && (!chain.IsComplete || chain.Last("WithoutDefaultEndpoint") is not null || chain.Last("WithDefaultEndpoint") is not null))
        {
            return;
        }

        if (chain.Last("WithoutDefaultEndpoint") is { } without && without.Syntax.SpanStart > invocation.Syntax.SpanStart)
        {
            return;
        }

        var v4 = chain.Last("WithDefaultEndpointBoundIPAddress");
        var v6 = chain.Last("WithDefaultEndpointBoundIPV6Address");
        if (v4 is not null && v6 is not null && IsLoopbackOrNone(v4) && IsLoopbackOrNone(v6))
        {
            return;
        }

        var subject = name == "Build"
            ? "The MQTT broker's plain TCP endpoint (on by default in MQTTnet 3)"
            : "The MQTT broker's plain TCP endpoint (WithDefaultEndpoint, port 1883)";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MqttWithoutTls, invocation.CallLocation(), subject, ServerAdvice));
    }

    private static bool IsLoopbackOrNone(IInvocationOperation call)
        => call.Arguments.Length > 0 && call.Arguments[0].Value.WalkDownConversion() is IFieldReferenceOperation { Field.Name: "Loopback" or "IPv6Loopback" or "None" or "IPv6None" } or IPropertyReferenceOperation { Property.Name: "Loopback" or "IPv6Loopback" or "None" or "IPv6None" };

    private static Tls TlsFromParameters(IInvocationOperation call)
    {
        if (call.Arguments.Length == 0)
        {
            return Tls.On;
        }

        var value = call.Arguments[0].Value.WalkDownConversion();
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            // WithTls(o => { o.UseTls = false; }) turns it off again.
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "UseTls" } } off && off.Value.IsConstantFalse())
                {
                    return Tls.Off;
                }
            }

            return Tls.On;
        }

        var configuration = ObjectTracker.AtUse(call.Arguments[0].Value);
        if (!configuration.OriginKnown)
        {
            return Tls.Unknown;
        }

        return configuration.Last("UseTls") is { } useTls && useTls.Value.IsConstantTrue() ? Tls.On : Tls.Off;
    }

    private static Tls TlsFromOptions(IInvocationOperation call)
    {
        if (call.Arguments.Length == 0)
        {
            return Tls.Unknown;
        }

        var value = call.Arguments[0].Value.WalkDownConversion();
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            // The options builder starts with UseTls = true; UseTls(false) turns it off.
            var on = true;
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "UseTls" } useTls)
                {
                    on = useTls.Arguments.Length == 0 || !useTls.Arguments[0].Value.IsConstantFalse();
                }
            }

            return on ? Tls.On : Tls.Off;
        }

        var configuration = ObjectTracker.AtUse(call.Arguments[0].Value);
        if (!configuration.OriginKnown)
        {
            return Tls.Unknown;
        }

        return configuration.Last("UseTls") is { } flag && flag.Value.IsConstantTrue() ? Tls.On : Tls.Off;
    }

    private static string? UriOf(IInvocationOperation call)
    {
        if (call.Arguments.Length == 0)
        {
            return null;
        }

        var value = call.Arguments[0].Value.WalkDownConversion();
        if (value.ConstantString() is { } text)
        {
            return text;
        }

        if (value is IObjectCreationOperation { Arguments.Length: > 0 } uri && uri.Type?.ToDisplayString() == "System.Uri")
        {
            return uri.Arguments[0].Value.ConstantString();
        }

        // WithWebSocketServer(o => o.WithUri("wss://..."))
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "WithUri", Arguments.Length: > 0 } withUri)
                {
                    return withUri.Arguments[0].Value.ConstantString();
                }

                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Uri" } } assignment)
                {
                    return assignment.Value.ConstantString();
                }
            }
        }

        return null;
    }

    private static bool UriHostIsLoopback(string uri)
    {
        var start = uri.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var rest = uri.Substring(start + 3);
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        var authority = end < 0 ? rest : rest.Substring(0, end);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority.Substring(at + 1);
        }

        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            return close > 0 && IsLoopback(authority.Substring(1, close - 1));
        }

        var colon = authority.IndexOf(':');
        return IsLoopback(colon < 0 ? authority : authority.Substring(0, colon));
    }

    private static bool IsLoopback(string host)
        => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
           || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
