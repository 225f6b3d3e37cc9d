namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Secrets and credentials rule ids (QLB1400–1499).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>A hard-coded password passed to a credential API, put in a connection string or assigned to a password.</summary>
    public const string HardcodedPassword = "QLB1400";

    /// <summary>A hard-coded secret key, token or private key in code.</summary>
    public const string HardcodedSecret = "QLB1401";

    /// <summary>A secret in a configuration file (appsettings*.json, *.config).</summary>
    public const string SecretInConfiguration = "QLB1402";
}
