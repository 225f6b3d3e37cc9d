namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>Traceability in the build and the CLI (QLB3060–3079).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>The traceability gate failed: an item lacks an implementation or a passing test (one diagnostic per item).</summary>
    public const string TraceGateFailed = "QLB3060";

    /// <summary>A registry file has problems (reported by the CLI; in the build the analyzers report them at the line).</summary>
    public const string RegistryProblem = "QLB3061";

    /// <summary>A test results file (TRX) cannot be read.</summary>
    public const string TestResultsUnreadable = "QLB3062";

    /// <summary>Tests ran but no test results file was found to join.</summary>
    public const string NoTestResults = "QLB3063";

    /// <summary>An assembly carries a tag with an id that is not in the registry (CLI; the analyzers report it in the IDE).</summary>
    public const string UnknownTraceId = "QLB3064";
}
