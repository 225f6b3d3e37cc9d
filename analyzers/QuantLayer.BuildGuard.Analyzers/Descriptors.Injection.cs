using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the injection rules found by taint tracking (QLB1000–1099).</summary>
internal static partial class Descriptors
{
    /// <summary>Taint findings are reported when the whole compilation has been summarized.</summary>
    private const string CompilationEnd = WellKnownDiagnosticTags.CompilationEnd;

    public static readonly DiagnosticDescriptor SqlInjection = DescriptorFactory.Create(
        DiagnosticIds.SqlInjection,
        title: "Untrusted data reaches SQL text",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (SQL injection); pass the value as a command parameter (@name / SqlParameter, Dapper parameters, FromSqlInterpolated) instead of building SQL text",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Building SQL text from data an attacker controls lets the attacker change the query: read or modify other rows, drop tables, or run stored procedures. Parameterized commands keep data out of the SQL grammar.",
        cwe: "CWE-89",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor CommandInjection = DescriptorFactory.Create(
        DiagnosticIds.CommandInjection,
        title: "Untrusted data reaches an OS command",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (OS command injection); do not let input choose the program; pass input as separate ProcessStartInfo.ArgumentList items after validating it against an allow-list",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A process file name or command line built from untrusted data lets an attacker run other programs or inject extra arguments and shell operators.",
        cwe: "CWE-78",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor PathTraversal = DescriptorFactory.Create(
        DiagnosticIds.PathTraversal,
        title: "Untrusted data reaches a file system path",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (path traversal); reduce the input to a file name (Path.GetFileName) or resolve it with Path.GetFullPath and check that it stays under the intended folder",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A path built from untrusted data (a request value, an archive entry name) can contain '..' or an absolute path and reach files outside the intended folder: read secrets, overwrite binaries or configuration (zip slip).",
        cwe: "CWE-22",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor LdapInjection = DescriptorFactory.Create(
        DiagnosticIds.LdapInjection,
        title: "Untrusted data reaches an LDAP filter or path",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (LDAP injection); escape the value for LDAP filters (RFC 4515) or distinguished names (RFC 4514), or check it against an allow-list",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "LDAP filters and distinguished names built from untrusted data let an attacker widen a search (e.g. '*)(uid=*') or address other directory objects.",
        cwe: "CWE-90",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor XPathInjection = DescriptorFactory.Create(
        DiagnosticIds.XPathInjection,
        title: "Untrusted data reaches an XPath expression",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (XPath injection); use a precompiled XPath expression with variables (XsltContext) or check the value against an allow-list",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "An XPath expression built from untrusted data lets an attacker change the query and read other nodes of the document, e.g. bypass a user/password lookup.",
        cwe: "CWE-643",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor XmlInjection = DescriptorFactory.Create(
        DiagnosticIds.XmlInjection,
        title: "Untrusted data is written as raw XML",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (XML injection); write values with XmlWriter.WriteString/WriteAttributeString or XElement, or escape them (SecurityElement.Escape)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Raw XML written or parsed from strings that embed untrusted data lets an attacker add elements and attributes, change the meaning of the document or break its consumers.",
        cwe: "CWE-91",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor LogForging = DescriptorFactory.Create(
        DiagnosticIds.LogForging,
        title: "Untrusted data is written into a log message",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (log forging); pass the value as a structured logging argument or remove CR/LF characters before logging it",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Untrusted data in a log message can carry CR/LF characters and forge extra log entries, hiding an attack or misleading the people and tools that read the log.",
        cwe: "CWE-117",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor ServerSideRequestForgery = DescriptorFactory.Create(
        DiagnosticIds.ServerSideRequestForgery,
        title: "Untrusted data chooses the target of an outgoing request",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (server-side request forgery); build the URL from a fixed scheme and host and check the host against an allow-list before sending",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "When untrusted data chooses the URL or host of an outgoing request, an attacker can make the server call internal services (metadata endpoints, PLC web interfaces, admin APIs) that are not reachable from outside.",
        cwe: "CWE-918",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor OpenRedirect = DescriptorFactory.Create(
        DiagnosticIds.OpenRedirect,
        title: "Untrusted data chooses a redirect target",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (open redirect); redirect only to local URLs (LocalRedirect, Url.IsLocalUrl) or to targets from an allow-list",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Redirecting to a URL taken from the request lets an attacker send users from a trusted site to a phishing page.",
        cwe: "CWE-601",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor RegexInjection = DescriptorFactory.Create(
        DiagnosticIds.RegexInjection,
        title: "Untrusted data is used as a regular expression",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (regex injection); escape the value with Regex.Escape or match it as plain text",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A pattern built from untrusted data lets an attacker change what is matched and submit patterns that backtrack for minutes (denial of service).",
        cwe: "CWE-730",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor RegexDenialOfService = DescriptorFactory.Create(
        DiagnosticIds.RegexDenialOfService,
        title: "Untrusted input is matched by a backtracking pattern without a timeout",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (regular expression denial of service); give the Regex a match timeout, use RegexOptions.NonBacktracking, or rewrite the pattern without nested quantifiers",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A pattern with nested quantifiers can take exponential time on crafted input. Matching untrusted input with it and no timeout lets one request occupy a thread indefinitely.",
        cwe: "CWE-1333",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor FormatStringInjection = DescriptorFactory.Create(
        DiagnosticIds.FormatStringInjection,
        title: "Untrusted data is used as a format string",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (format string injection); use a constant format string and pass the value as an argument",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A composite format string from untrusted data can throw FormatException (denial of service) or expose the other format arguments.",
        cwe: "CWE-134",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor UnsafeReflection = DescriptorFactory.Create(
        DiagnosticIds.UnsafeReflection,
        title: "Untrusted data names a type, assembly or member to load",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (unsafe reflection); map the input to a type through an allow-list (a dictionary of known types) instead of loading it by name",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Loading a type, assembly or member chosen by untrusted data lets an attacker instantiate unexpected types or load their own code.",
        cwe: "CWE-470",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor UnsafeDeserialization = DescriptorFactory.Create(
        DiagnosticIds.UnsafeDeserialization,
        title: "Untrusted data is deserialized by a type-embedding serializer",
        messageFormat: "Data from {0} in {1} reaches {2}{3} (unsafe deserialization); use a serializer that does not embed type names (System.Text.Json, DataContractSerializer with known types) or TypeNameHandling.None",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter and Json.NET with TypeNameHandling create the types named in the data: untrusted data gets arbitrary code execution through gadget chains.",
        cwe: "CWE-502",
        isEnabledByDefault: true,
        "Taint",
        CompilationEnd);

    public static readonly DiagnosticDescriptor TaintConfigurationInvalid = DescriptorFactory.Create(
        DiagnosticIds.TaintConfigurationInvalid,
        title: "The taint configuration file is malformed",
        messageFormat: "{0}",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "buildguard.taint.json (an AdditionalFiles item) declares extra taint sources, sinks, sanitizers and pass-throughs. An entry that cannot be read is ignored and reported here with its line, so a supplier never believes a validator or protocol reader is modelled when it is not.",
        cwe: null,
        isEnabledByDefault: true,
        "Configuration",
        CompilationEnd);
}
