using System.Text.Json;
using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>What a change record is built from.</summary>
public sealed class ChangeRequest
{
    /// <summary>This release (read with <see cref="Release.FromPackage"/> or <see cref="Release.FromFolder"/>).</summary>
    public required Release Current { get; init; }

    /// <summary>
    /// The baseline: empty for the previous version found in <see cref="BaselineFeeds"/>, <c>none</c>
    /// for no baseline, a version number (looked up in the feeds), or a path to a nupkg or an evidence folder.
    /// </summary>
    public string? Baseline { get; init; }

    /// <summary>Folders that hold earlier releases' nupkgs (a local feed, the pack output folder).</summary>
    public IReadOnlyList<string> BaselineFeeds { get; init; } = Array.Empty<string>();

    /// <summary>Trace matrices of this release (<c>*.trace.json</c>).</summary>
    public IReadOnlyList<string> TraceMatrices { get; init; } = Array.Empty<string>();

    /// <summary>A folder inside the git work tree (the project folder).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The release commit (default: HEAD).</summary>
    public string? Commit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The issue id pattern (a .NET regular expression); default <see cref="SourceHistory.DefaultIssuePattern"/>.</summary>
    public string? IssuePattern { get; init; }

    /// <summary>The changelog file; default: CHANGELOG.md (or a usual variant) in the project folder, then the repository root.</summary>
    public string? ChangelogFile { get; init; }

    /// <summary>Whether a missing changelog entry is reported (QLB4002).</summary>
    public bool RequireChangelog { get; init; } = true;

    /// <summary>The rebuild-check report (<c>rebuild-check.json</c>), when the check ran.</summary>
    public string? RebuildCheckReport { get; init; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>BuildGuard's version.</summary>
    public string? BuildGuardVersion { get; init; }
}

/// <summary>
/// Builds a release's change record and applies the change-control gates: SemVer against the API
/// changes and declared breaks (QLB4000, QLB4001), version order (QLB4004), changelog (QLB4002),
/// dependency downgrades and new licences (QLB4005, QLB4006).
/// </summary>
public static class ChangeRecordBuilder
{
    /// <summary>Builds the record; gate findings and unreadable inputs go to <paramref name="diagnostics"/>.</summary>
    public static ChangeRecord Build(ChangeRequest request, DiagnosticBag diagnostics)
    {
        var current = request.Current;
        var repository = GitRepository.Discover(request.ProjectDirectory);
        var baseline = ResolveBaseline(request, diagnostics, out var noBaseline);
        var commit = request.Commit ?? repository?.HeadCommit();
        var record = new ChangeRecord
        {
            Name = current.Name,
            Version = current.Version,
            Commit = commit,
            SourceDateEpoch = request.SourceDateEpoch,
            Baseline = baseline,
            NoBaselineReason = noBaseline,
            SdkVersion = request.SdkVersion,
            BuildGuardVersion = request.BuildGuardVersion,
            Reproducibility = Reproducibility(request.RebuildCheckReport, commit),
        };
        record.Artifacts.AddRange(current.Artifacts.Select(a => new RecordFile(a.Name, a.Sha256)));

        ReadSource(request, repository, record, commit, diagnostics);
        CheckChangelog(request, repository, record, diagnostics);
        if (baseline is null)
        {
            record.SourceUnavailable ??= "no baseline";
            record.DependenciesUnavailable = "no baseline";
            record.RequirementsUnavailable = "no baseline";
            return record;
        }

        if (SbomDiff.CompareVersions(baseline.Version, current.Version) >= 0)
        {
            diagnostics.Warning(BuildDiagnosticIds.VersionNotIncreased, $"{current.Name} {current.Version} is not greater than the baseline {baseline.Version} ({Path.GetFileName(baseline.Location)}). Raise the version: every release needs a new, higher version number so operators can tell releases apart and roll back.", request.ProjectDirectory);
        }

        CompareApi(current, baseline, record, diagnostics);
        CompareDependencies(current, baseline, record, diagnostics);
        CompareRequirements(request, baseline, record, diagnostics);

        var breaking = record.Api.Where(c => c.Breaking).Select(c => $"{c.Assembly}: {c.Element}: {c.Reason}").ToList();
        if (record.Source is { } source)
        {
            breaking.AddRange(source.Commits.Where(c => c.BreakingChange is not null).Select(c => $"declared in {c.Id.Substring(0, Math.Min(12, c.Id.Length))}: BREAKING CHANGE: {c.BreakingChange}"));
        }

        record.SemVer = SemVerPolicy.Evaluate(baseline.Version, current.Version, breaking, record.Api.Count(c => c.Kind == ApiChangeKind.Added && !c.Breaking));
        if (!record.SemVer.Satisfied)
        {
            if (breaking.Count > 0)
            {
                var list = string.Join("; ", breaking.Take(10)) + (breaking.Count > 10 ? $"; and {breaking.Count - 10} more (see the change record)" : string.Empty);
                diagnostics.Warning(BuildDiagnosticIds.BreakingChangeWithoutMajor, $"{current.Name} {current.Version} has {breaking.Count} breaking change(s) since {baseline.Version} but is a {SemVerVerdict.Name(record.SemVer.Actual)} bump; a {SemVerVerdict.Name(record.SemVer.Required)} bump is required: {list}. Raise the version to the next {SemVerVerdict.Name(record.SemVer.Required)} version, or restore compatibility.", request.ProjectDirectory);
            }
            else if (record.SemVer.Required == Bump.Minor)
            {
                diagnostics.Warning(BuildDiagnosticIds.AdditionWithoutMinor, $"{current.Name} {current.Version} adds public API since {baseline.Version} ({record.SemVer.Reasons[0]}) but is a {SemVerVerdict.Name(record.SemVer.Actual)} bump. Raise the minor version: consumers who need the new API must be able to ask for it.", request.ProjectDirectory);
            }
        }

        return record;
    }

    private static Release? ResolveBaseline(ChangeRequest request, DiagnosticBag diagnostics, out string? reason)
    {
        reason = null;
        var spec = request.Baseline?.Trim() ?? string.Empty;
        var current = request.Current;
        string? package;
        if (string.Equals(spec, "none", StringComparison.OrdinalIgnoreCase))
        {
            reason = "BuildGuardBaseline is 'none'";
            return null;
        }

        if (spec.Length == 0)
        {
            package = Release.FindPrevious(request.BaselineFeeds, current.Name, current.Version);
            if (package is null)
            {
                reason = "first release: no earlier version of " + current.Name + " in the baseline feed";
                return null;
            }
        }
        else if (File.Exists(spec) || Directory.Exists(spec))
        {
            package = File.Exists(spec) ? spec : Release.FindPrevious(new[] { spec }, current.Name, current.Version);
            if (package is null)
            {
                return Load(() => Release.FromFolder(spec, current.Name, FolderVersion(spec)), spec, diagnostics);
            }
        }
        else if (NuGet.Versioning.NuGetVersion.TryParse(spec, out _))
        {
            package = Release.FindVersion(request.BaselineFeeds, current.Name, spec);
            if (package is null)
            {
                diagnostics.Warning(BuildDiagnosticIds.BaselineUnavailable, $"The baseline {current.Name} {spec} is not in the baseline feed ({string.Join(", ", request.BaselineFeeds)}). Put its .nupkg there (BuildGuardBaselineFeed), or set BuildGuardBaseline to the path of its .nupkg or evidence folder. The change record was written without a baseline.", request.ProjectDirectory);
                reason = "baseline " + spec + " not found";
                return null;
            }
        }
        else
        {
            diagnostics.Warning(BuildDiagnosticIds.BaselineUnavailable, $"BuildGuardBaseline '{spec}' is neither a version, an existing .nupkg or folder, nor 'none'. The change record was written without a baseline.", request.ProjectDirectory);
            reason = "baseline '" + spec + "' not found";
            return null;
        }

        var result = Load(() => Release.FromPackage(package), package, diagnostics);
        if (result is null)
        {
            reason = "baseline unreadable";
        }

        return result;
    }

    private static string FolderVersion(string folder)
    {
        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/', '\\'));
        var match = Regex.Match(name, @"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?");
        return match.Success ? match.Value : "0.0.0";
    }

    private static Release? Load(Func<Release> load, string path, DiagnosticBag diagnostics)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Xml.XmlException or JsonException)
        {
            diagnostics.Warning(BuildDiagnosticIds.BaselineUnavailable, $"The baseline cannot be read: {ex.Message} Give a valid .nupkg or evidence folder in BuildGuardBaseline. The change record was written without a baseline.", path);
            return null;
        }
    }

    private static void ReadSource(ChangeRequest request, GitRepository? repository, ChangeRecord record, string? commit, DiagnosticBag diagnostics)
    {
        if (repository is null || commit is null)
        {
            record.SourceUnavailable = "not a git work tree";
            return;
        }

        if (record.Baseline is not { } baseline)
        {
            return;
        }

        try
        {
            var from = SourceHistory.BaselineCommit(repository, baseline.Commit, baseline.Version);
            if (from is null)
            {
                record.SourceUnavailable = $"the baseline's commit ({baseline.Commit ?? "not recorded"}) and tags v{baseline.Version} / {baseline.Version} are not in this clone (fetch the tags, or deepen a shallow clone)";
                diagnostics.Info(BuildDiagnosticIds.BaselineUnavailable, "No source range in the change record: " + record.SourceUnavailable + ".", request.ProjectDirectory);
                return;
            }

            var pattern = new Regex(string.IsNullOrWhiteSpace(request.IssuePattern) ? SourceHistory.DefaultIssuePattern : request.IssuePattern!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            record.Source = SourceHistory.Read(repository, from, commit, pattern);
            record.FormatChanges.AddRange(record.Source.Commits.Where(c => c.FormatChange is not null).Select(c => c.FormatChange!));
        }
        catch (ArgumentException ex)
        {
            diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"BuildGuardIssuePattern is not a valid regular expression: {ex.Message}", request.ProjectDirectory);
            record.SourceUnavailable = "invalid issue pattern";
        }
        catch (GitException ex)
        {
            record.SourceUnavailable = "git failed: " + ex.Message;
            diagnostics.Warning(BuildDiagnosticIds.BaselineUnavailable, "No source range in the change record: " + ex.Message, request.ProjectDirectory);
        }
    }

    private static void CheckChangelog(ChangeRequest request, GitRepository? repository, ChangeRecord record, DiagnosticBag diagnostics)
    {
        var file = Changelog.Locate(request.ChangelogFile, request.ProjectDirectory, repository?.WorkTree);
        if (file is null || !File.Exists(file))
        {
            if (request.RequireChangelog)
            {
                diagnostics.Warning(BuildDiagnosticIds.ChangelogEntryMissing, $"No changelog found for {record.Name} {record.Version} ({(file is null ? "no CHANGELOG.md in the project folder or the repository root" : "'" + file + "' does not exist")}). Add CHANGELOG.md with a '## [{record.Version}] - <date>' entry that says what changed for users (keepachangelog.com), or set BuildGuardChangelog.", file ?? request.ProjectDirectory);
            }

            return;
        }

        record.ChangelogFile = repository is not null && repository.Contains(file)
            ? file.Substring(repository.WorkTree.Length).TrimStart('/', '\\').Replace('\\', '/')
            : Path.GetFileName(file);
        record.ChangelogEntry = Changelog.Find(file, record.Version);
        if (record.ChangelogEntry is null && request.RequireChangelog)
        {
            diagnostics.Warning(BuildDiagnosticIds.ChangelogEntryMissing, $"The changelog has no entry for {record.Version}. Add a section '## [{record.Version}] - <date>' with what changed for users (Added / Changed / Fixed / Removed / Security) before releasing.", file, 1);
        }
    }

    private static void CompareApi(Release current, Release baseline, ChangeRecord record, DiagnosticBag diagnostics)
    {
        var before = ReadAll(baseline, diagnostics);
        var after = ReadAll(current, diagnostics);
        foreach (var pair in after)
        {
            record.ApiAssemblies.Add(pair.Key);
            if (before.TryGetValue(pair.Key, out var old))
            {
                record.Api.AddRange(ApiComparer.Compare(pair.Key, old, pair.Value));
            }
            else
            {
                record.Api.Add(new ApiChange(pair.Key, ApiChangeKind.Added, pair.Key, false, "assembly added", null, null));
            }
        }

        foreach (var pair in before)
        {
            if (!after.ContainsKey(pair.Key))
            {
                var framework = FrameworkOf(pair.Key);
                var moved = framework is not null && after.Keys.Any(k => FrameworkOf(k) == framework);
                record.Api.Add(new ApiChange(pair.Key, ApiChangeKind.Removed, pair.Key, true, moved || framework is null ? "assembly removed" : "target framework " + framework + " dropped: consumers on it can no longer use this version", null, null));
            }
        }
    }

    private static string? FrameworkOf(string label)
    {
        var parts = label.Split('/');
        return parts.Length >= 3 && parts[0] == "lib" ? parts[1] : null;
    }

    private static SortedDictionary<string, ApiAssembly> ReadAll(Release release, DiagnosticBag diagnostics)
    {
        var result = new SortedDictionary<string, ApiAssembly>(StringComparer.Ordinal);
        foreach (var assembly in release.Assemblies)
        {
            try
            {
                using var stream = assembly.Open();
                result[assembly.Label] = ApiReader.Read(stream);
            }
            catch (Exception ex) when (ex is BadImageFormatException or IOException or InvalidOperationException)
            {
                diagnostics.Warning(BuildDiagnosticIds.AssemblyUnreadable, $"'{assembly.Label}' in {release.Name} {release.Version} cannot be read as a .NET assembly ({ex.Message}); its API is not compared.", release.Location);
            }
        }

        return result;
    }

    private static void CompareDependencies(Release current, Release baseline, ChangeRecord record, DiagnosticBag diagnostics)
    {
        if (current.Sbom is null || baseline.Sbom is null)
        {
            record.DependenciesUnavailable = current.Sbom is null ? "this release has no SBOM (BuildGuardSbom)" : "the baseline has no SBOM";
            return;
        }

        var diff = SbomDiff.Compare(baseline.Sbom, current.Sbom);
        record.Dependencies = diff;
        foreach (var down in diff.Downgraded)
        {
            diagnostics.Warning(BuildDiagnosticIds.DependencyDowngraded, $"{down.Name} was downgraded from {down.FromVersion} to {down.ToVersion} since {baseline.Version}: a downgrade can bring back fixed vulnerabilities. Upgrade it again, or record why in the changelog and suppress with NoWarn.", current.SbomLocation ?? current.Location);
        }

        foreach (var license in diff.NewLicenses)
        {
            var packages = string.Join(", ", diff.Added.Concat(diff.LicenseChanged).Concat(diff.Upgraded).Where(d => d.ToLicense == license).Select(d => d.Name).Distinct());
            diagnostics.Warning(BuildDiagnosticIds.NewLicense, $"The licence '{license}' is new in this release ({(packages.Length == 0 ? "see the SBOM" : packages)}): have it reviewed, then list it in BuildGuardAllowedLicenses.", current.SbomLocation ?? current.Location);
        }
    }

    private static void CompareRequirements(ChangeRequest request, Release baseline, ChangeRecord record, DiagnosticBag diagnostics)
    {
        if (request.TraceMatrices.Count == 0 || baseline.TraceMatrices.Count == 0)
        {
            record.RequirementsUnavailable = request.TraceMatrices.Count == 0 ? "no trace matrix for this release (BuildGuardChangeTraceMatrix)" : "the baseline has no trace matrix";
            return;
        }

        try
        {
            record.Requirements = RequirementsDiff.Compare(RequirementsDiff.ReadMatrices(baseline.TraceMatrices), RequirementsDiff.ReadMatrices(request.TraceMatrices));
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            record.RequirementsUnavailable = ex.Message;
            diagnostics.Warning(BuildDiagnosticIds.InputUnreadable, "The requirement changes are not in the change record: " + ex.Message, request.ProjectDirectory);
        }
    }

    private static string Reproducibility(string? report, string? commit)
    {
        if (report is null || !File.Exists(report))
        {
            return "not-run";
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(report), DeterministicJson.ReadOptions);
            var root = document.RootElement;
            if (commit is not null && root.TryGetProperty("commit", out var c) && c.GetString() != commit)
            {
                return "not-run";
            }

            return root.TryGetProperty("reproducible", out var r) && r.ValueKind == JsonValueKind.True ? "reproducible" : "not-reproducible";
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            return "not-run";
        }
    }
}
