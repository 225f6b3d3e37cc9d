using System.Globalization;
using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Security update management (SUM-1..4) and the reproducibility verdict: change records
/// (<c>X.change.json</c>), the evidence ledger (given explicitly), the signed package, and the
/// report of <c>buildguard rebuild-check</c> (<c>rebuild-check.json</c>). Change records and the
/// ledger are optional inputs: the report says "not present" when there are none.
/// </summary>
internal sealed class UpdateEvidence
{
    private readonly List<EvidenceFileRef> _changeRefs = new();
    private readonly List<EvidenceFileRef> _ledgerRefs = new();
    private readonly List<EvidenceFileRef> _rebuildRefs = new();
    private readonly SortedSet<string> _differing = new(StringComparer.Ordinal);
    private int _rebuildReports;
    private int _reproducibleReports;
    private long _filesCompared;
    private long _filesDifferent;

    public static UpdateEvidence Read(ReportContext context, IReadOnlyList<string> ledgers)
    {
        var result = new UpdateEvidence();
        foreach (var (relative, full, kind) in context.OfKind(EvidenceKinds.ChangeRecord))
        {
            using var document = context.ReadJson(relative, full);
            if (document is null)
            {
                continue;
            }

            if (ReportContext.String(document.RootElement, "changeRecordType") != Change.ChangeRecord.RecordType)
            {
                context.Problem(relative, full, $"is not a BuildGuard change record (changeRecordType must be '{Change.ChangeRecord.RecordType}')");
                continue;
            }

            if (context.Use(relative, full, kind) is { } reference)
            {
                result._changeRefs.Add(reference);
            }
        }

        foreach (var ledger in ledgers)
        {
            result.ReadLedger(context, ledger);
        }

        foreach (var (relative, full, kind) in context.OfKind(EvidenceKinds.RebuildCheck))
        {
            result.ReadRebuildCheck(context, relative, full, kind);
        }

        return result;
    }

    public int ChangeRecords => _changeRefs.Count;

    public bool HasLedger => _ledgerRefs.Count > 0;

    public RequirementResult Sum(CatalogueRequirement requirement, IntegrityEvidence integrity, TraceEvidence trace, ComponentEvidence components)
    {
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("changeRecords", ChangeRecords),
        };
        if (ChangeRecords > 0)
        {
            figures.Add(ReportFigure.Of("changeRecordType", Change.ChangeRecord.RecordType));
        }

        var notes = new List<string>();
        if (ChangeRecords == 0)
        {
            notes.Add("Change record not present (X.change.json is written by release builds against a baseline).");
        }

        RequirementStatus status;
        string summary;
        IEnumerable<EvidenceFileRef> evidence = _changeRefs;
        switch (requirement.Id)
        {
            case "SUM-1":
                figures.Add(ReportFigure.Of("matricesWithTestResults", trace.MatricesWithResults));
                status = ChangeRecords > 0 && trace.MatricesWithResults > 0 ? RequirementStatus.Found
                    : ChangeRecords > 0 || trace.MatricesWithResults > 0 ? RequirementStatus.Partial : RequirementStatus.Missing;
                summary = $"{ChangeRecords} change record(s) say what changed; {trace.MatricesWithResults} traceability matrix(es) carry this build's test results.";
                notes.Add("Qualifying an update for the operator's environment (compatibility with their configurations) is not provable by a build.");
                break;
            case "SUM-2":
                status = ChangeRecords > 0 ? RequirementStatus.Found : RequirementStatus.Missing;
                summary = ChangeRecords > 0 ? $"{ChangeRecords} change record(s) document the update." : "No change record: the update's content is not documented by the build.";
                break;
            case "SUM-3":
                figures.Add(ReportFigure.Of("sboms", components.Sboms));
                status = ChangeRecords > 0 && components.Sboms > 0 ? RequirementStatus.Found
                    : ChangeRecords > 0 || components.Sboms > 0 ? RequirementStatus.Partial : RequirementStatus.Missing;
                summary = $"{components.Sboms} SBOM(s) list the dependent components; {ChangeRecords} change record(s) document what changed in them.";
                break;
            default: // SUM-4
                var packageBundles = integrity.Signed.Count(s => s.IsPackage && s.BundleKind != "statement");
                var bundles = integrity.Signed.Count(s => s.BundleKind != "statement");
                figures.Add(ReportFigure.Of("signatureBundles", bundles));
                figures.Add(ReportFigure.Of("packageSignatureBundles", packageBundles));
                figures.Add(ReportFigure.Of("ledger", HasLedger));
                if (!HasLedger)
                {
                    notes.Add("Evidence ledger not present.");
                }

                if (bundles == 0)
                {
                    notes.Add("No signature bundle: the operator cannot check that an update comes from the supplier unmodified.");
                }

                status = bundles > 0 && HasLedger ? RequirementStatus.Found : bundles > 0 || HasLedger ? RequirementStatus.Partial : RequirementStatus.Missing;
                summary = $"{bundles} signature bundle(s) ({packageBundles} for packages) let operators verify the delivered files offline; ledger {(HasLedger ? "present" : "not present")}.";
                evidence = integrity.SignedRefs.Where(r => r.Kind == EvidenceKinds.SigstoreBundle).Concat(_ledgerRefs);
                break;
        }

        return new RequirementResult
        {
            Requirement = requirement,
            Status = status,
            Summary = summary,
            Figures = figures,
            Evidence = IntegrityEvidence.Sorted(evidence),
            Notes = notes,
        };
    }

    public ReproducibilityResult Reproducibility()
    {
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("rebuildChecks", _rebuildReports),
            ReportFigure.Of("filesCompared", _filesCompared),
            ReportFigure.Of("filesDifferent", _filesDifferent),
        };
        if (_rebuildReports == 0)
        {
            return new ReproducibilityResult
            {
                Status = RequirementStatus.Missing,
                Summary = "No rebuild check ran (buildguard rebuild-check, or dotnet build -t:BuildGuardRebuildCheck, writes buildguard/rebuild-check.json).",
                Figures = figures,
            };
        }

        var reproducible = _reproducibleReports == _rebuildReports;
        return new ReproducibilityResult
        {
            Status = reproducible ? RequirementStatus.Found : RequirementStatus.Partial,
            Summary = reproducible
                ? $"Reproducible: {_filesCompared.ToString(CultureInfo.InvariantCulture)} file(s) byte-identical in two builds of the commit."
                : $"Not reproducible: {_filesDifferent.ToString(CultureInfo.InvariantCulture)} of {_filesCompared.ToString(CultureInfo.InvariantCulture)} file(s) differ between two builds of the commit.",
            Figures = figures,
            Evidence = IntegrityEvidence.Sorted(_rebuildRefs),
            DifferingFiles = _differing.Take(50).ToList(),
        };
    }

    private void ReadLedger(ReportContext context, string ledger)
    {
        // The ledger's own files (Ledger/LedgerFiles): its entries and latest checkpoint; the
        // numbered checkpoints behind them are the ledger's history, checked by 'buildguard ledger verify'.
        var files = new Ledger.LedgerFiles(Path.GetFullPath(ledger));
        if (!files.Exists)
        {
            var relative = Manifest.EvidenceManifest.RelativePath(context.Root, files.Folder);
            context.Problem(relative, files.Folder, $"is not an evidence ledger (no {Ledger.LedgerFiles.EntriesName} or {Ledger.LedgerFiles.CheckpointName}): give the folder BuildGuardLedger names");
            return;
        }

        foreach (var file in new[] { files.Entries, files.LatestCheckpoint }.Where(File.Exists))
        {
            if (context.Use(Manifest.EvidenceManifest.RelativePath(context.Root, file), file, EvidenceKinds.Ledger) is { } reference)
            {
                _ledgerRefs.Add(reference);
            }
        }
    }

    private void ReadRebuildCheck(ReportContext context, string relative, string full, string kind)
    {
        using var document = context.ReadJson(relative, full);
        if (document is null)
        {
            return;
        }

        var root = document.RootElement;
        var reproducible = ReportContext.Boolean(root, "reproducible");
        var compared = ReportContext.Integer(root, "filesCompared");
        var different = ReportContext.Integer(root, "filesDifferent");
        if (ReportContext.String(root, "reportType") != QuantLayer.BuildGuard.Evidence.Reproducibility.RebuildReport.ReportType || reproducible is null || compared is null || different is null)
        {
            context.Problem(relative, full, $"is not a rebuild-check report (reportType '{QuantLayer.BuildGuard.Evidence.Reproducibility.RebuildReport.ReportType}' with reproducible, filesCompared and filesDifferent)");
            return;
        }

        _rebuildReports++;
        _reproducibleReports += reproducible.Value ? 1 : 0;
        _filesCompared += compared.Value;
        _filesDifferent += different.Value;
        foreach (var file in ReportContext.Array(root, "files"))
        {
            if (ReportContext.Boolean(file, "identical") == false && ReportContext.String(file, "path") is { } path)
            {
                _differing.Add(path);
            }
        }

        if (context.Use(relative, full, kind) is { } reference)
        {
            _rebuildRefs.Add(reference);
        }
    }
}
