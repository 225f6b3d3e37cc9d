namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Injection rule ids found by taint tracking (QLB1000–1099).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>Untrusted data in SQL text (ADO.NET, Dapper, EF Core raw SQL).</summary>
    public const string SqlInjection = "QLB1000";

    /// <summary>Untrusted data in a process file name or command line.</summary>
    public const string CommandInjection = "QLB1001";

    /// <summary>Untrusted data in a file system path (incl. zip slip).</summary>
    public const string PathTraversal = "QLB1002";

    /// <summary>Untrusted data in an LDAP filter or path.</summary>
    public const string LdapInjection = "QLB1003";

    /// <summary>Untrusted data in an XPath expression.</summary>
    public const string XPathInjection = "QLB1004";

    /// <summary>Untrusted data written or parsed as raw XML markup.</summary>
    public const string XmlInjection = "QLB1005";

    /// <summary>Untrusted data in a log message (CR/LF log forging).</summary>
    public const string LogForging = "QLB1006";

    /// <summary>Untrusted data chooses the URL or host of an outgoing request.</summary>
    public const string ServerSideRequestForgery = "QLB1007";

    /// <summary>Untrusted data chooses a redirect target.</summary>
    public const string OpenRedirect = "QLB1008";

    /// <summary>Untrusted data used as a regular expression pattern.</summary>
    public const string RegexInjection = "QLB1009";

    /// <summary>Untrusted input matched by a backtracking pattern without a timeout.</summary>
    public const string RegexDenialOfService = "QLB1010";

    /// <summary>Untrusted data used as a composite format string.</summary>
    public const string FormatStringInjection = "QLB1011";

    /// <summary>Untrusted data names a type, assembly or member to load or invoke.</summary>
    public const string UnsafeReflection = "QLB1012";

    /// <summary>Untrusted data deserialized by a type-embedding serializer.</summary>
    public const string UnsafeDeserialization = "QLB1013";

    /// <summary>The taint configuration file (buildguard.taint.json) is malformed.</summary>
    public const string TaintConfigurationInvalid = "QLB1099";
}
