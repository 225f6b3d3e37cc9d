using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>Which files to write.</summary>
[Flags]
public enum ReportFormat
{
    /// <summary><c>&lt;name&gt;.iec62443.json</c>.</summary>
    Json = 1,

    /// <summary><c>&lt;name&gt;.iec62443.html</c>.</summary>
    Html = 2,

    /// <summary>Both.</summary>
    Both = Json | Html,
}

/// <summary>Writes the report's files and evaluates its gate.</summary>
public static class ReportOutput
{
    /// <summary>Parses "json", "html" or "both" (any case), or null.</summary>
    public static ReportFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "json" => ReportFormat.Json,
        "html" => ReportFormat.Html,
        "both" or "" or null => ReportFormat.Both,
        _ => null,
    };

    /// <summary>
    /// Writes <c>&lt;name&gt;.iec62443.json</c> and/or <c>.html</c> into <paramref name="directory"/>,
    /// atomically. Returns the paths written; a file that cannot be written is a QLB3006 error.
    /// </summary>
    public static IReadOnlyList<string> Write(EvidenceReport report, string directory, ReportFormat format, DiagnosticBag diagnostics)
    {
        var written = new List<string>();
        var basePath = Path.Combine(directory, report.Name);
        if ((format & ReportFormat.Json) != 0 && AtomicFile.TryWriteAllBytes(basePath + EvidenceReport.JsonSuffix, ReportJson.Write(report), diagnostics))
        {
            written.Add(basePath + EvidenceReport.JsonSuffix);
        }

        if ((format & ReportFormat.Html) != 0 && AtomicFile.TryWriteAllBytes(basePath + EvidenceReport.HtmlSuffix, ReportHtml.Render(report), diagnostics))
        {
            written.Add(basePath + EvidenceReport.HtmlSuffix);
        }

        return written;
    }

    /// <summary>
    /// Parses a gate setting: statuses separated by ';' or ',' (<c>missing</c>, <c>partial</c>).
    /// Empty or "none": no gate. An unknown word is a QLB3094 error saying what is accepted.
    /// </summary>
    public static IReadOnlyList<RequirementStatus> ParseGate(string? text, DiagnosticBag diagnostics)
    {
        var statuses = new List<RequirementStatus>();
        foreach (var word in (text ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).Where(w => w.Length > 0))
        {
            if (string.Equals(word, "none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var status = EvidenceReport.ParseStatus(word);
            if (status is null or RequirementStatus.Found or RequirementStatus.NotProvable)
            {
                diagnostics.Error(BuildDiagnosticIds.ReportGateFailed, $"'{word}' is not a status the report's gate can fail on; use 'missing', 'partial' or both ('missing;partial'), or 'none'.");
                continue;
            }

            if (!statuses.Contains(status.Value))
            {
                statuses.Add(status.Value);
            }
        }

        return statuses;
    }

    /// <summary>One QLB3094 error per requirement whose status is in <paramref name="failOn"/>; returns their number.</summary>
    public static int Gate(EvidenceReport report, IReadOnlyList<RequirementStatus> failOn, string reportPath, DiagnosticBag diagnostics)
    {
        var failures = 0;
        foreach (var row in report.Requirements.Where(r => failOn.Contains(r.Status)))
        {
            failures++;
            diagnostics.Error(
                BuildDiagnosticIds.ReportGateFailed,
                $"IEC 62443-4-1 {row.Requirement.Id} ({row.Requirement.Title}) is {EvidenceReport.StatusLabel(row.Status)}: {row.Summary}",
                reportPath);
        }

        return failures;
    }
}
