using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Analysis;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Implementation review and secure coding (SI-1, SI-2): the static-analysis summaries
/// (<c>buildguard/X.analysis.json</c>, written from the compiler's SARIF log): findings per rule,
/// BuildGuard's own findings, and every suppression with (or without) its justification.
/// </summary>
internal sealed class AnalysisEvidence
{
    private readonly List<EvidenceFileRef> _refs = new();
    private readonly List<AnalysisSummary> _summaries = new();

    public static AnalysisEvidence Read(ReportContext context)
    {
        var result = new AnalysisEvidence();
        foreach (var (relative, full, _) in context.OfKind(EvidenceKinds.Analysis))
        {
            if (context.ReadBytes(relative, full) is not { } bytes)
            {
                continue;
            }

            AnalysisSummary summary;
            try
            {
                summary = AnalysisSummary.Parse(bytes);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                context.Problem(relative, full, "is not a BuildGuard analysis summary (" + ex.Message.TrimEnd('.') + ")");
                continue;
            }

            result._summaries.Add(summary);
            if (context.Use(relative, full, EvidenceKinds.Analysis) is { } reference)
            {
                result._refs.Add(reference);
            }
        }

        return result;
    }

    public RequirementResult Result(CatalogueRequirement requirement, bool codingStandard)
    {
        var findings = _summaries.SelectMany(s => s.Findings).ToList();
        var reported = findings.Where(f => f.Suppression is null).ToList();
        var suppressed = findings.Where(f => f.Suppression is not null).ToList();
        var unjustified = suppressed.Count(f => string.IsNullOrWhiteSpace(f.Suppression!.Justification));
        var buildGuardReported = reported.Count(f => f.RuleId.StartsWith("QLB", StringComparison.Ordinal));
        var errors = reported.Count(f => f.Level == "error");
        var rules = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Count();
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("projectsAnalyzed", _summaries.Count),
            ReportFigure.Of("rulesWithFindings", rules),
            ReportFigure.Of("findingsReported", reported.Count),
            ReportFigure.Of("buildGuardFindingsReported", buildGuardReported),
            ReportFigure.Of("errorsReported", errors),
            ReportFigure.Of("suppressions", suppressed.Count),
            ReportFigure.Of("suppressionsWithJustification", suppressed.Count - unjustified),
            ReportFigure.Of("suppressionsWithoutJustification", unjustified),
        };
        var notes = new List<string>();
        if (_summaries.Count == 0)
        {
            return Make(requirement, RequirementStatus.Missing, "No static-analysis summary (buildguard/X.analysis.json): nothing records which rules ran and what they found. BuildGuard writes it in Release builds (BuildGuardAnalysisEvidence=true for others).", figures, notes);
        }

        var top = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => (Rule: g.Key, Reported: g.Count(f => f.Suppression is null), Suppressed: g.Count(f => f.Suppression is not null)))
            .OrderByDescending(r => r.Reported + r.Suppressed).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .Take(10)
            .Select(r => $"{r.Rule} ({r.Reported} reported, {r.Suppressed} suppressed)")
            .ToList();
        if (top.Count > 0)
        {
            notes.Add("Rules with the most findings: " + string.Join(", ", top) + ".");
        }

        if (codingStandard)
        {
            if (buildGuardReported > 0)
            {
                notes.Add($"{buildGuardReported} finding(s) of BuildGuard's secure-coding rules are open (neither fixed nor suppressed with a justification).");
            }

            return Make(
                requirement,
                buildGuardReported == 0 ? RequirementStatus.Found : RequirementStatus.Partial,
                $"BuildGuard's secure-coding rules ran on {_summaries.Count} project(s): {buildGuardReported} open finding(s), {suppressed.Count} suppressed.",
                figures,
                notes);
        }

        if (unjustified > 0)
        {
            notes.Add($"{unjustified} suppression(s) carry no justification: a reviewer cannot see why the finding was accepted.");
        }

        notes.Add("Human code review is not recorded by a build; the analyzers are the automated part of the implementation review.");
        return Make(
            requirement,
            unjustified == 0 ? RequirementStatus.Found : RequirementStatus.Partial,
            $"{_summaries.Count} project(s) analyzed: {reported.Count} finding(s) reported, {suppressed.Count} suppressed ({suppressed.Count - unjustified} with a justification).",
            figures,
            notes);
    }

    private RequirementResult Make(CatalogueRequirement requirement, RequirementStatus status, string summary, List<ReportFigure> figures, List<string> notes) => new()
    {
        Requirement = requirement,
        Status = status,
        Summary = summary,
        Figures = figures,
        Evidence = IntegrityEvidence.Sorted(_refs),
        Notes = notes,
    };
}
