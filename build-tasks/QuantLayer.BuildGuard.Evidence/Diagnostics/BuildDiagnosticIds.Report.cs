namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>The IEC 62443-4-1 evidence report (QLB3090–3099).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>An evidence file the report reads is unreadable or malformed; the report says so and goes on.</summary>
    public const string ReportInputUnreadable = "QLB3090";

    /// <summary>The folder given to the report holds no BuildGuard evidence at all.</summary>
    public const string ReportNoEvidence = "QLB3091";

    /// <summary>A file listed in an evidence manifest is absent or no longer has the recorded SHA-256.</summary>
    public const string ReportManifestMismatch = "QLB3092";

    /// <summary>A signature bundle or in-toto statement names a subject whose file is absent or has another SHA-256.</summary>
    public const string ReportSubjectMismatch = "QLB3093";

    /// <summary>The report's gate (<c>--fail-on</c>, <c>BuildGuardReportFailOn</c>) found requirements with the given status.</summary>
    public const string ReportGateFailed = "QLB3094";
}
