using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Transport;

/// <summary>
/// QLB1303: an <c>http://</c> URL (string literal or interpolated string) used for credentials or
/// software updates. The heuristic, all of it decided from the code, never from the network:
/// <list type="number">
/// <item>The host is not loopback (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>,
/// <c>*.localhost</c>), not a reserved example or test name (<c>example.com/.net/.org</c>,
/// <c>*.example</c>, <c>*.test</c>, <c>*.invalid</c>), and not a well-known XML namespace host
/// (<c>www.w3.org</c>, <c>schemas.xmlsoap.org</c>, <c>schemas.microsoft.com</c>,
/// <c>opcfoundation.org</c>, <c>purl.org</c>): those are names, not endpoints.</item>
/// <item>And its use is evidently for credentials or updates, by one of:
/// a password in the URL (<c>http://user:pw@host</c>); a credential in the query
/// (<c>password=</c>, <c>token=</c>, <c>access_token=</c>, <c>api_key=</c>, <c>secret=</c> ...);
/// an authentication path segment (<c>login</c>, <c>signin</c>, <c>auth</c>, <c>oauth</c>,
/// <c>token</c>, <c>authorize</c> ...); an update path (<c>update(s)</c>, <c>firmware</c>,
/// <c>appcast</c> segments, or a last segment ending in <c>.exe .msi .msix .appinstaller .msu .cab
/// .nupkg .zip .bin .hex .img .fw .swu .dfu</c>); the variable, field, property or parameter it is
/// given to named with one of the words update, firmware, appcast, login, logon, sign-in, auth,
/// oauth, authority, authorization, authentication, token, credential(s), password, secret,
/// api-key; or the URL reaches a <c>System.Net</c> API in a method that also attaches credentials
/// (<c>NetworkCredential</c>, <c>Credentials =</c>, <c>UseDefaultCredentials = true</c>, an
/// <c>Authorization</c> header).</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlaintextHttpAnalyzer : BuildGuardAnalyzer
{
    private const string HolePlaceholder = "\u0001";

    private static readonly ImmutableHashSet<string> QueryCredentialNames = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "password", "passwd", "pwd", "pass", "secret", "client_secret", "token", "access_token", "id_token", "refresh_token",
        "api_key", "apikey", "api-key", "key_secret", "auth", "sessionid", "session_id");

    private static readonly ImmutableHashSet<string> AuthSegments = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "login", "logon", "signin", "sign-in", "auth", "authenticate", "authentication", "authorize", "oauth", "oauth2", "token", "sso", "saml", "openid-configuration");

    private static readonly ImmutableHashSet<string> UpdateSegments = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "update", "updates", "autoupdate", "firmware", "appcast", "appcast.xml");

    private static readonly string[] UpdateExtensions =
    {
        ".exe", ".msi", ".msix", ".msixbundle", ".appx", ".appinstaller", ".msu", ".cab", ".nupkg", ".zip", ".bin", ".hex", ".img", ".fw", ".swu", ".dfu",
    };

    private static readonly ImmutableHashSet<string> UpdateWords = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "update", "updates", "updater", "firmware", "appcast");

    private static readonly ImmutableHashSet<string> CredentialWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "login", "logon", "signin", "auth", "oauth", "authority", "authorization", "authentication", "authenticate", "token", "tokens",
        "credential", "credentials", "password", "passwd", "secret", "apikey");

    private static readonly string[] NamespaceHosts = { "www.w3.org", "w3.org", "schemas.xmlsoap.org", "schemas.microsoft.com", "opcfoundation.org", "purl.org", "xmlns.com", "json-schema.org", "schemas.openxmlformats.org", "docs.oasis-open.org" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PlaintextHttpEndpoint);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        context.RegisterOperationAction(
            ctx =>
            {
                string? text = null;
                switch (ctx.Operation)
                {
                    case ILiteralOperation literal when literal.Parent is not IInterpolatedStringTextOperation && literal.ConstantValue.Value is string s:
                        text = s;
                        break;
                    case IInterpolatedStringOperation interpolated:
                        text = Flatten(interpolated);
                        break;
                }

                if (text is null || !text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.Length < 8)
                {
                    return;
                }

                if (Analyze(text, ctx.Operation) is { } reason)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.PlaintextHttpEndpoint, ctx.Operation.Syntax.GetLocation(), Redact(text), reason));
                }
            },
            OperationKind.Literal,
            OperationKind.InterpolatedString);
    }

    private static string? Flatten(IInterpolatedStringOperation interpolated)
    {
        var builder = new StringBuilder();
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text })
            {
                builder.Append(text);
            }
            else
            {
                builder.Append(part.ConstantValue.HasValue ? part.ConstantValue.Value as string : HolePlaceholder);
            }
        }

        return builder.ToString();
    }

    private static string? Analyze(string url, IOperation operation)
    {
        var afterScheme = url.Substring("http://".Length);
        var authorityEnd = afterScheme.IndexOfAny(new[] { '/', '?', '#' });
        var authority = authorityEnd < 0 ? afterScheme : afterScheme.Substring(0, authorityEnd);
        var rest = authorityEnd < 0 ? string.Empty : afterScheme.Substring(authorityEnd);

        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : authority.Substring(0, at);
        var hostPort = at < 0 ? authority : authority.Substring(at + 1);
        var host = HostOf(hostPort);
        if (host.Length == 0 || IsExcludedHost(host))
        {
            return null;
        }

        if (userInfo.IndexOf(':') is var colon && colon >= 0 && colon < userInfo.Length - 1)
        {
            return "with a password in the URL";
        }

        var queryStart = rest.IndexOf('?');
        var path = queryStart < 0 ? rest : rest.Substring(0, queryStart);
        var fragment = path.IndexOf('#');
        if (fragment >= 0)
        {
            path = path.Substring(0, fragment);
        }

        if (queryStart >= 0)
        {
            foreach (var pair in rest.Substring(queryStart + 1).Split('&', '#'))
            {
                var name = pair.Split('=')[0];
                if (QueryCredentialNames.Contains(name))
                {
                    return "with credentials in the query string ('" + name + "=')";
                }
            }
        }

        var segments = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (AuthSegments.Contains(segment))
            {
                return "for authentication ('/" + segment + "')";
            }

            if (UpdateSegments.Contains(segment))
            {
                return "for software or firmware updates ('/" + segment + "')";
            }
        }

        if (segments.Length > 0)
        {
            var last = segments[segments.Length - 1];
            foreach (var extension in UpdateExtensions)
            {
                if (last.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && !last.Contains(HolePlaceholder))
                {
                    return "to download software or firmware ('" + last + "')";
                }
            }
        }

        if (ReceivingName(operation) is { } receiver)
        {
            var words = Words(receiver);
            if (words.Any(UpdateWords.Contains))
            {
                return "for updates ('" + receiver + "')";
            }

            if (words.Any(CredentialWords.Contains) || HasBigram(words, "sign", "in") || HasBigram(words, "log", "in") || HasBigram(words, "api", "key"))
            {
                return "for credentials ('" + receiver + "')";
            }
        }

        if (ReachesNetworkApi(operation, 0) && CredentialAttachment(operation.Root()) is { } line)
        {
            return "by a request that sends credentials (line " + line.ToString(CultureInfo.InvariantCulture) + ")";
        }

        return null;
    }

    private static string HostOf(string hostPort)
    {
        if (hostPort.StartsWith("[", StringComparison.Ordinal))
        {
            var close = hostPort.IndexOf(']');
            return close < 0 ? hostPort : hostPort.Substring(1, close - 1);
        }

        var colon = hostPort.IndexOf(':');
        return (colon < 0 ? hostPort : hostPort.Substring(0, colon)).ToLowerInvariant();
    }

    private static bool IsExcludedHost(string host)
    {
        if (host.Contains(HolePlaceholder))
        {
            return false;
        }

        if (host is "localhost" or "::1" or "0.0.0.0" || host.EndsWith(".localhost", StringComparison.Ordinal)
            || host is "example.com" or "example.net" or "example.org"
            || host.EndsWith(".example.com", StringComparison.Ordinal) || host.EndsWith(".example.net", StringComparison.Ordinal) || host.EndsWith(".example.org", StringComparison.Ordinal)
            || host.EndsWith(".example", StringComparison.Ordinal) || host.EndsWith(".test", StringComparison.Ordinal) || host.EndsWith(".invalid", StringComparison.Ordinal))
        {
            return true;
        }

        if (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
        {
            return true;
        }

        foreach (var namespaceHost in NamespaceHosts)
        {
            if (host == namespaceHost || host.EndsWith("." + namespaceHost, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of the variable, field, property or parameter the URL (or a Uri made from it) is given to.</summary>
    private static string? ReceivingName(IOperation operation)
    {
        var current = operation;
        for (var depth = 0; depth < 4; depth++)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol.Name;
                case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                    return field.InitializedFields[0].Name;
                case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                    return property.InitializedProperties[0].Name;
                case IParameterInitializerOperation parameter:
                    return parameter.Parameter.Name;
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return assignment.Target switch
                    {
                        IPropertyReferenceOperation p => p.Property.Name,
                        IFieldReferenceOperation f => f.Field.Name,
                        ILocalReferenceOperation l => l.Local.Name,
                        _ => null,
                    };
                case IArgumentOperation { Parent: IObjectCreationOperation creation } when creation.Type?.ToDisplayString() == "System.Uri":
                    current = creation;
                    continue;
                case IArgumentOperation argument when argument.Parameter is { } target:
                    return target.Name is "uriString" or "requestUri" or "address" or "uri" or "url" or "value" ? null : target.Name;
                default:
                    return null;
            }
        }

        return null;
    }

    private static IEnumerable<string> WordsOf(string identifier)
    {
        var word = new StringBuilder();
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            var boundary = word.Length > 0 && char.IsUpper(c)
                && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1])));
            if (boundary)
            {
                yield return word.ToString();
                word.Clear();
            }

            word.Append(char.ToLowerInvariant(c));
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static List<string> Words(string identifier) => WordsOf(identifier).ToList();

    private static bool HasBigram(List<string> words, string first, string second)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == first && words[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the URL is passed (directly, through <c>new Uri(...)</c> or a local) to a System.Net API.</summary>
    private static bool ReachesNetworkApi(IOperation operation, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        var current = operation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IArgumentOperation { Parent: IObjectCreationOperation creation } when creation.Type?.ToDisplayString() == "System.Uri":
                return ReachesNetworkApi(creation, depth + 1);
            case IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol method }:
                return method.ContainingType.IsInNamespace("System.Net");
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when assignment.Value == current:
                return property.Property.ContainingType.IsInNamespace("System.Net");
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                foreach (var use in current.Root().Descendants())
                {
                    if (use is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                        && ReachesNetworkApi(reference, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The line of the first place the method attaches credentials to a request, or null.</summary>
    private static int? CredentialAttachment(IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when creation.Type?.ToDisplayString() is "System.Net.NetworkCredential" or "System.Net.Http.Headers.AuthenticationHeaderValue":
                    return operation.Line();
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when property.Property.ContainingType.IsInNamespace("System.Net"):
                    if (property.Property.Name is "Credentials" or "Authorization" && !assignment.Value.IsNull())
                    {
                        return operation.Line();
                    }

                    if (property.Property.Name is "UseDefaultCredentials" or "PreAuthenticate" && assignment.Value.IsConstantTrue())
                    {
                        return operation.Line();
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation" } call
                    when call.Arguments.Length > 0 && call.Arguments[0].Value.ConstantString() is { } header
                         && string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase):
                    return operation.Line();
            }
        }

        return null;
    }

    /// <summary>The URL for the message, with any password in it replaced.</summary>
    private static string Redact(string url)
    {
        var shown = url.Replace(HolePlaceholder, "{…}");
        var schemeEnd = "http://".Length;
        var at = shown.IndexOf('@', schemeEnd);
        var slash = shown.IndexOf('/', schemeEnd);
        if (at > 0 && (slash < 0 || at < slash))
        {
            var colon = shown.IndexOf(':', schemeEnd);
            if (colon > 0 && colon < at)
            {
                shown = shown.Substring(0, colon + 1) + "***" + shown.Substring(at);
            }
        }

        var query = shown.IndexOf('?');
        if (query >= 0)
        {
            var parts = shown.Substring(query + 1).Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=');
                if (eq > 0 && QueryCredentialNames.Contains(parts[i].Substring(0, eq)))
                {
                    parts[i] = parts[i].Substring(0, eq + 1) + "***";
                }
            }

            shown = shown.Substring(0, query + 1) + string.Join("&", parts);
        }

        return shown;
    }
}
