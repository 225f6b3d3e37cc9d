using QuantLayer.BuildGuard.Evidence.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Requirements, threats and their tests (SR-2, SR-3, SR-4, SVV-1, SVV-2): the traceability
/// matrices (<c>X.trace.json</c>). A solution has one per test project (and one from
/// <c>buildguard trace</c>); an item counts with its best status over all of them
/// (<see cref="TraceMatrixFile.Merge"/>), the way the matrix itself credits any passing test.
/// </summary>
internal sealed class TraceEvidence
{
    private readonly List<EvidenceFileRef> _refs = new();
    private readonly List<TraceMatrixFile> _matrices = new();
    private SortedDictionary<string, TraceMatrixFileItem>? _items;

    public int Matrices { get; private set; }

    public int MatricesWithResults { get; private set; }

    public int ResultFiles { get; private set; }

    public static TraceEvidence Read(ReportContext context)
    {
        var result = new TraceEvidence();
        foreach (var (relative, full, _) in context.OfKind(EvidenceKinds.TraceMatrix))
        {
            result.ReadMatrix(context, relative, full);
        }

        return result;
    }

    public RequirementResult Sr2(CatalogueRequirement requirement)
    {
        var threats = Of("threat");
        var mitigations = Of("mitigation");
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("matrices", Matrices),
            ReportFigure.Of("threats", threats.Count),
            ReportFigure.Of("threatsMitigated", threats.Count(t => t.Status == "mitigated")),
            ReportFigure.Of("threatsUnmitigated", threats.Count(t => t.Status == "unmitigated")),
            ReportFigure.Of("threatsNotApplicable", threats.Count(t => t.Status == "not applicable")),
            ReportFigure.Of("mitigations", mitigations.Count),
        };
        var notes = new List<string> { "Whether the threat model is complete and reviewed is judged by people; the build shows it is parsed and linked." };
        if (Matrices == 0)
        {
            return Result(requirement, RequirementStatus.Missing, "No traceability matrix (X.trace.json): no threat model was parsed by the build.", figures, notes);
        }

        if (threats.Count == 0)
        {
            return Result(requirement, RequirementStatus.Missing, "The traceability matrices hold no threat: add a threat model (Threat Dragon, .tm7) or threats to the registry.", figures, notes);
        }

        var unmitigated = threats.Count(t => t.Status == "unmitigated");
        return Result(
            requirement,
            unmitigated == 0 ? RequirementStatus.Found : RequirementStatus.Partial,
            $"{threats.Count} threat(s) in the threat model, {threats.Count(t => t.Status == "mitigated")} mitigated by a covered mitigation, {unmitigated} unmitigated.",
            figures,
            notes);
    }

    public RequirementResult Sr3(CatalogueRequirement requirement, bool content)
    {
        var security = Of("security");
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("matrices", Matrices),
            ReportFigure.Of("securityRequirements", security.Count),
            ReportFigure.Of("functionalRequirements", Of("functional").Count),
            ReportFigure.Of("mitigations", Of("mitigation").Count),
        };
        var notes = new List<string>();
        if (content)
        {
            notes.Add("SR-4 asks for specific content (security capabilities, data handling, access control, ...): whether the registry covers it is a review matter; the build shows the requirements exist and are traced.");
        }

        if (security.Count == 0)
        {
            return Result(requirement, RequirementStatus.Missing, Matrices == 0 ? "No traceability matrix (X.trace.json): no requirement registry was parsed by the build." : "The registry holds no security requirement (kind security).", figures, notes);
        }

        return Result(
            requirement,
            content ? RequirementStatus.Partial : RequirementStatus.Found,
            $"{security.Count} security requirement(s) in the registry, traced to code and tests.",
            figures,
            notes);
    }

    public RequirementResult Svv(CatalogueRequirement requirement, string kind)
    {
        var items = Of(kind);
        var label = kind == "security" ? "security requirement" : "mitigation";
        var covered = items.Count(i => i.Status == "covered");
        var failing = items.Count(i => i.Status == "failing");
        var notRun = items.Count(i => i.Status == "not run");
        var missing = items.Count(i => i.Status == "missing");
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("matrices", Matrices),
            ReportFigure.Of("matricesWithTestResults", MatricesWithResults),
            ReportFigure.Of("testResultFiles", ResultFiles),
            ReportFigure.Of(kind == "security" ? "securityRequirements" : "mitigations", items.Count),
            ReportFigure.Of("covered", covered),
            ReportFigure.Of("failing", failing),
            ReportFigure.Of("notRun", notRun),
            ReportFigure.Of("uncovered", missing),
            ReportFigure.Of("tests", items.Sum(i => i.Tests)),
            ReportFigure.Of("testsFailed", items.Sum(i => i.Failed)),
        };
        var notes = new List<string>();
        if (Matrices > 0 && MatricesWithResults == 0)
        {
            notes.Add("No test results were joined: run dotnet test (or buildguard trace with the TRX files).");
        }

        if (kind == "mitigation")
        {
            var threats = Of("threat");
            figures.Add(ReportFigure.Of("threatsMitigated", threats.Count(t => t.Status == "mitigated")));
            figures.Add(ReportFigure.Of("threats", threats.Count));
        }

        if (items.Count == 0)
        {
            return Result(requirement, RequirementStatus.Missing, Matrices == 0 ? "No traceability matrix (X.trace.json) with test results." : $"The matrices hold no {label}.", figures, notes);
        }

        if (failing + notRun + missing > 0)
        {
            notes.Add($"{failing} failing, {notRun} not run, {missing} without an implementation or test.");
        }

        var complete = covered == items.Count && MatricesWithResults > 0;
        return Result(
            requirement,
            complete ? RequirementStatus.Found : covered > 0 ? RequirementStatus.Partial : RequirementStatus.Missing,
            $"{covered} of {items.Count} {label}(s) covered by passing tests; {failing} failing, {missing + notRun} uncovered or not run.",
            figures,
            notes);
    }

    private List<(string Kind, string Status, int Tests, int Failed)> Of(string kind)
        => (_items ??= TraceMatrixFile.Merge(_matrices)).Values
            .Where(i => i.Kind == kind)
            .Select(i => (i.Kind, i.Status, i.Tests.Count, i.Tests.Count(t => t.Result == "failed")))
            .ToList();

    private RequirementResult Result(CatalogueRequirement requirement, RequirementStatus status, string summary, List<ReportFigure> figures, List<string> notes) => new()
    {
        Requirement = requirement,
        Status = status,
        Summary = summary,
        Figures = figures,
        Evidence = IntegrityEvidence.Sorted(_refs),
        Notes = notes,
    };

    private void ReadMatrix(ReportContext context, string relative, string full)
    {
        using var document = context.ReadJson(relative, full);
        if (document is null)
        {
            return;
        }

        TraceMatrixFile matrix;
        try
        {
            matrix = TraceMatrixFile.Parse(document.RootElement);
        }
        catch (FormatException ex)
        {
            context.Problem(relative, full, ex.Message);
            return;
        }

        Matrices++;
        if (matrix.TestResults)
        {
            MatricesWithResults++;
        }

        ResultFiles += matrix.ResultFiles;
        if (context.Use(relative, full, EvidenceKinds.TraceMatrix) is { } reference)
        {
            _refs.Add(reference);
        }

        _matrices.Add(matrix);
        _items = null;
    }
}
