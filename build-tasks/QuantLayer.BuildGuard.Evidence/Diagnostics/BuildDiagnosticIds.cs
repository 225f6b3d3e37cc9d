namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>
/// Diagnostic ids reported by the build (MSBuild tasks) and the CLI. Analyzer ids live in the
/// analyzer assembly's <c>DiagnosticIds</c>. Never renumber or reuse an id.
/// Sub-ranges: QLB3000–3009 build integrity and reproducibility, QLB3010–3029 SBOM,
/// QLB3030–3059 signing and keys, QLB3060–3079 traceability in the build, QLB3080–3089 the package reference, QLB3090–3099 the evidence report, QLB4000–4099 change
/// control and the ledger, QLB5000–5099 dependencies, licences and vulnerabilities. One partial
/// file per area (<c>BuildDiagnosticIds.&lt;Area&gt;.cs</c>); every id has a page docs/rules/QLBnnnn.md.
/// </summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>BuildGuard failed unexpectedly; the message says where.</summary>
    public const string InternalError = "QLB3000";

    /// <summary>A Release build turned determinism off.</summary>
    public const string DeterminismDisabled = "QLB3001";

    /// <summary>No SDK version pinned in global.json.</summary>
    public const string SdkNotPinned = "QLB3002";

    /// <summary>No NuGet lock file.</summary>
    public const string NoLockFile = "QLB3003";

    /// <summary>The lock file is not enforced in CI (RestoreLockedMode).</summary>
    public const string LockFileNotEnforced = "QLB3004";

    /// <summary>No source commit time: timestamps cannot be reproducible.</summary>
    public const string NoCommitTime = "QLB3005";

    /// <summary>An evidence file could not be written.</summary>
    public const string CannotWriteEvidence = "QLB3006";

    /// <summary>A required input is missing or unreadable.</summary>
    public const string InputUnreadable = "QLB3007";

    /// <summary>The rebuild check found files that differ.</summary>
    public const string NotReproducible = "QLB3008";

    /// <summary>The rebuild check could not run.</summary>
    public const string RebuildCheckFailed = "QLB3009";

    /// <summary>Every id declared here, for convention tests and docs.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(BuildDiagnosticIds)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The documentation page of an id.</summary>
    public static string HelpLink(string id) => "https://github.com/QuantLayer/BuildGuard/blob/main/docs/rules/" + id + ".md";
}
