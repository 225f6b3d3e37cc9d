using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the secrets and credentials rules (QLB1400–1499).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor HardcodedPassword = DescriptorFactory.Create(
        DiagnosticIds.HardcodedPassword,
        title: "Do not hard-code passwords",
        messageFormat: "Hard-coded password {0}; read it at run time from configuration outside source control, a secret store or the user",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "A password in the code is in every copy of the binary and of the repository; it cannot be changed without a release and is shared by every installation.",
        cwe: "CWE-259");

    public static readonly DiagnosticDescriptor HardcodedSecret = DescriptorFactory.Create(
        DiagnosticIds.HardcodedSecret,
        title: "Do not hard-code secret keys or tokens",
        messageFormat: "Hard-coded {0} {1}; load it at run time from a secret store (user secrets, environment, key vault)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "API keys, access tokens, signing keys and private keys in the code are in every copy of the binary and of the repository, are shared by every installation and cannot be rotated without a release.",
        cwe: "CWE-798");

    public static readonly DiagnosticDescriptor SecretInConfiguration = DescriptorFactory.Create(
        DiagnosticIds.SecretInConfiguration,
        title: "Do not keep secrets in configuration files",
        messageFormat: "'{0}' in {1} holds {2}; keep secrets out of files in source control (user secrets, environment variables, a key vault)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Configuration files such as appsettings.json and web.config are committed and shipped. A password, key or token in them is readable by everyone with the repository or the installation.",
        cwe: "CWE-798");
}
