using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Builds the IEC 62443-4-1 evidence report from an evidence folder: finds the evidence files,
/// reads each with the reader of its format, and maps what it found to every requirement of the
/// standard. Malformed or unreadable inputs become QLB3090 warnings and a line under the report's
/// problems; nothing throws for bad input.
/// </summary>
public static class EvidenceReportBuilder
{
    /// <summary>Builds the report. Throws only for an evidence folder that does not exist (<see cref="DirectoryNotFoundException"/>).</summary>
    public static EvidenceReport Build(ReportRequest request, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(request.EvidenceFolder))
        {
            throw new DirectoryNotFoundException($"The evidence folder '{request.EvidenceFolder}' does not exist.");
        }

        var root = EvidenceDiscovery.ResolveRoot(request.EvidenceFolder);
        var context = new ReportContext(root, EvidenceDiscovery.Find(root), diagnostics);
        var integrity = IntegrityEvidence.Read(context);
        var components = ComponentEvidence.Read(context);
        var trace = TraceEvidence.Read(context);
        var analysis = AnalysisEvidence.Read(context);
        var updates = UpdateEvidence.Read(context, request.Ledgers);
        var repositoryRoot = request.UseRepository ? request.RepositoryRoot ?? DiscoverRepository(root) : null;
        var repository = RepositoryEvidence.Read(context, repositoryRoot is null ? null : Path.GetFullPath(repositoryRoot));

        if (context.Files.Count == 0)
        {
            diagnostics.Warning(
                BuildDiagnosticIds.ReportNoEvidence,
                $"'{root}' holds no BuildGuard evidence (no *.manifest.json, *.cdx.json, *.sigstore.json, *.analysis.json, *.trace.json, *.change.json or rebuild-check.json). Give the output folder of a build with BuildGuard (bin/Release/net8.0), a package folder, or a release folder; the report lists every requirement as missing.",
                root);
        }

        var results = new List<RequirementResult>();
        foreach (var requirement in Iec62443Catalogue.All)
        {
            results.Add(requirement.Id switch
            {
                "SM-6" => integrity.Sm6(requirement),
                "SM-8" => integrity.Sm8(requirement),
                "SM-9" or "SM-10" => components.Result(requirement),
                "SR-2" => trace.Sr2(requirement),
                "SR-3" => trace.Sr3(requirement, content: false),
                "SR-4" => trace.Sr3(requirement, content: true),
                "SI-1" => analysis.Result(requirement, codingStandard: false),
                "SI-2" => analysis.Result(requirement, codingStandard: true),
                "SVV-1" => trace.Svv(requirement, "security"),
                "SVV-2" => trace.Svv(requirement, "mitigation"),
                "DM-1" => repository.Dm1(requirement),
                "SUM-1" or "SUM-2" or "SUM-3" or "SUM-4" => updates.Sum(requirement, integrity, trace, components),
                _ when requirement.Id.StartsWith("SG-", StringComparison.Ordinal) => repository.Sg(requirement),
                _ => NotProvable(requirement),
            });
        }

        var commits = integrity.Commits.Distinct(StringComparer.Ordinal).ToList();
        var dates = integrity.SourceDates.Distinct().ToList();
        var name = request.Name
            ?? integrity.ManifestNames.Where(n => n.Length > 0).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault()
            ?? Path.GetFileName(root);
        return new EvidenceReport
        {
            Name = name,
            SourceCommit = commits.Count == 1 ? commits[0] : null,
            SourceDateEpoch = request.SourceDateEpoch ?? (dates.Count == 1 ? dates[0] : null),
            BuildGuardVersion = request.BuildGuardVersion,
            RepositoryRead = repository.Root is not null,
            Requirements = results,
            Reproducibility = updates.Reproducibility(),
            Inputs = context.Inputs,
            Problems = context.Problems,
        };
    }

    private static RequirementResult NotProvable(CatalogueRequirement requirement) => new()
    {
        Requirement = requirement,
        Status = RequirementStatus.NotProvable,
        Summary = requirement.NotProvableReason!,
    };

    private static string? DiscoverRepository(string root)
    {
        try
        {
            return GitRepository.Discover(root)?.WorkTree;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
