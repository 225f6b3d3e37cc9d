using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>A symbol that implements an item.</summary>
public sealed record TraceImplementation(string Symbol, string Assembly, int Revision);

/// <summary>A test that verifies an item, with its result ("passed", "failed", "skipped", "not run").</summary>
public sealed record TraceTest(string Name, string Assembly, int Revision, string Result, int Passed, int Failed, int Skipped);

/// <summary>A tag that names another revision than the current one: it does not count.</summary>
public sealed record TraceOutdatedLink(string Relation, string Symbol, string Assembly, int Revision);

/// <summary>One row of the matrix: an item, what implements and verifies it, and its status.</summary>
public sealed class TraceEntry
{
    /// <summary>Creates an entry.</summary>
    public TraceEntry(RequirementItem item, IReadOnlyList<TraceImplementation> implementations, IReadOnlyList<TraceTest> tests, IReadOnlyList<TraceOutdatedLink> outdated, IReadOnlyList<string> mitigatedBy, string status, IReadOnlyList<string> missing)
    {
        Item = item;
        Implementations = implementations;
        Tests = tests;
        Outdated = outdated;
        MitigatedBy = mitigatedBy;
        Status = status;
        Missing = missing;
    }

    /// <summary>The registry item.</summary>
    public RequirementItem Item { get; }

    /// <summary>Symbols tagged [Implements] at the current revision (or without a revision).</summary>
    public IReadOnlyList<TraceImplementation> Implementations { get; }

    /// <summary>Tests that verify the item at the current revision, with results.</summary>
    public IReadOnlyList<TraceTest> Tests { get; }

    /// <summary>Links to other revisions.</summary>
    public IReadOnlyList<TraceOutdatedLink> Outdated { get; }

    /// <summary>For a threat: the mitigations that cover it.</summary>
    public IReadOnlyList<string> MitigatedBy { get; }

    /// <summary>
    /// covered (everything it needs is there, tests passed), missing (an implementation, test or
    /// mitigation is missing), failing (tests exist, none passed), not run (tests exist, no
    /// results), mitigated / unmitigated (threats), not applicable (threats).
    /// </summary>
    public string Status { get; }

    /// <summary>What is missing, in words ("implementation", "passing test", ...).</summary>
    public IReadOnlyList<string> Missing { get; }
}

/// <summary>Options of a matrix: who it is for and whether test results were joined.</summary>
public sealed class TraceMatrixOptions
{
    /// <summary>Project or solution name.</summary>
    public string Name { get; init; } = "trace";

    /// <summary>Source commit.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }
}

/// <summary>
/// The traceability matrix: every registry item with its implementing symbols, its tests and their
/// last results, threats with their mitigations, and the tags that name unknown ids. Built from the
/// registry, the tags read from assemblies, and (after the tests ran) the test results.
/// </summary>
public sealed class TraceMatrix
{
    private TraceMatrix(TraceMatrixOptions options, IReadOnlyList<TraceEntry> entries, IReadOnlyList<TraceTag> unknownTags, IReadOnlyList<string> registryFiles, IReadOnlyList<string> resultFiles, bool hasResults)
    {
        Options = options;
        Entries = entries;
        UnknownTags = unknownTags;
        RegistryFiles = registryFiles;
        ResultFiles = resultFiles;
        HasTestResults = hasResults;
    }

    /// <summary>The options.</summary>
    public TraceMatrixOptions Options { get; }

    /// <summary>The rows, in id order.</summary>
    public IReadOnlyList<TraceEntry> Entries { get; }

    /// <summary>Tags whose id is not in the registry.</summary>
    public IReadOnlyList<TraceTag> UnknownTags { get; }

    /// <summary>The registry files.</summary>
    public IReadOnlyList<string> RegistryFiles { get; }

    /// <summary>The test result files joined.</summary>
    public IReadOnlyList<string> ResultFiles { get; }

    /// <summary>True when test results were joined (after <c>dotnet test</c>).</summary>
    public bool HasTestResults { get; }

    /// <summary>Builds the matrix. <paramref name="results"/> is null before the tests ran.</summary>
    public static TraceMatrix Build(RequirementRegistry registry, IEnumerable<TraceTag> tags, TestResultSet? results, TraceMatrixOptions options)
    {
        var byId = new Dictionary<string, List<TraceTag>>(StringComparer.Ordinal);
        var unknown = new List<TraceTag>();
        foreach (var tag in TraceTagFile.Sort(tags))
        {
            if (registry.Find(tag.RequirementId) is null)
            {
                unknown.Add(tag);
                continue;
            }

            if (!byId.TryGetValue(tag.RequirementId, out var list))
            {
                byId[tag.RequirementId] = list = new List<TraceTag>();
            }

            list.Add(tag);
        }

        var mitigations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in registry.Items)
        {
            if (item.Kind != RequirementKind.Mitigation)
            {
                continue;
            }

            foreach (var threat in item.Covers)
            {
                if (!mitigations.TryGetValue(threat, out var list))
                {
                    mitigations[threat] = list = new List<string>();
                }

                list.Add(item.Id);
            }
        }

        // Requirements and mitigations first (threats need their mitigations' status).
        var entries = new Dictionary<string, TraceEntry>(StringComparer.Ordinal);
        foreach (var item in registry.Items.Where(i => i.Kind != RequirementKind.Threat))
        {
            entries[item.Id] = BuildEntry(item, byId.TryGetValue(item.Id, out var t) ? t : new List<TraceTag>(), results);
        }

        foreach (var item in registry.Items.Where(i => i.Kind == RequirementKind.Threat))
        {
            var covering = mitigations.TryGetValue(item.Id, out var m) ? m.OrderBy(x => x, StringComparer.Ordinal).ToList() : new List<string>();
            var baseEntry = BuildEntry(item, byId.TryGetValue(item.Id, out var t) ? t : new List<TraceTag>(), results);
            string status;
            var missing = new List<string>();
            if (IsNotApplicable(item.Status))
            {
                status = "not applicable";
            }
            else if (covering.Count == 0)
            {
                status = "unmitigated";
                missing.Add("mitigation");
            }
            else if (covering.Any(id => entries.TryGetValue(id, out var e) && e.Status == "covered"))
            {
                status = "mitigated";
            }
            else
            {
                status = "unmitigated";
                missing.Add("covered mitigation");
            }

            entries[item.Id] = new TraceEntry(item, baseEntry.Implementations, baseEntry.Tests, baseEntry.Outdated, covering, status, missing);
        }

        var ordered = entries.Values.OrderBy(e => e.Item.Id, StringComparer.Ordinal).ToList();
        return new TraceMatrix(
            options,
            ordered,
            unknown,
            registry.Files.OrderBy(f => f, StringComparer.Ordinal).ToList(),
            results?.Files.OrderBy(f => f, StringComparer.Ordinal).ToList() ?? new List<string>(),
            results is not null);
    }

    private static bool IsNotApplicable(string? status)
        => status is not null && Normalize(status) is "notapplicable" or "na" or "falsepositive";

    private static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static TraceEntry BuildEntry(RequirementItem item, List<TraceTag> tags, TestResultSet? results)
    {
        var implementations = new List<TraceImplementation>();
        var tests = new List<TraceTest>();
        var outdated = new List<TraceOutdatedLink>();
        foreach (var tag in tags)
        {
            if (tag.Revision != 0 && tag.Revision != item.Revision)
            {
                outdated.Add(new TraceOutdatedLink(tag.Relation == TraceRelation.Implements ? "implements" : "verifies", tag.Symbol, tag.Assembly, tag.Revision));
                continue;
            }

            if (tag.Relation == TraceRelation.Implements)
            {
                if (!implementations.Any(i => i.Symbol == tag.Symbol && i.Assembly == tag.Assembly))
                {
                    implementations.Add(new TraceImplementation(tag.Symbol, tag.Assembly, tag.Revision));
                }

                continue;
            }

            var name = tag.TestName ?? tag.Symbol;
            if (tests.Any(t => t.Name == name && t.Assembly == tag.Assembly))
            {
                continue;
            }

            var outcome = results?.Find(name);
            tests.Add(outcome is null
                ? new TraceTest(name, tag.Assembly, tag.Revision, "not run", 0, 0, 0)
                : new TraceTest(name, tag.Assembly, tag.Revision, outcome.Result, outcome.Passed, outcome.Failed, outcome.Skipped));
        }

        var missing = new List<string>();
        var needsImplementation = (item.Needs & RequirementNeeds.Implementation) != 0;
        var needsTest = (item.Needs & RequirementNeeds.Test) != 0;
        if (needsImplementation && implementations.Count == 0)
        {
            missing.Add("implementation");
        }

        var anyPassed = tests.Any(t => t.Result == "passed");
        if (needsTest && tests.Count == 0)
        {
            missing.Add("test");
        }
        else if (needsTest && !anyPassed)
        {
            missing.Add("passing test");
        }

        var status = missing.Contains("implementation") || missing.Contains("test") ? "missing"
            : needsTest && !anyPassed ? (tests.Any(t => t.Result == "failed") ? "failing" : "not run")
            : "covered";
        return new TraceEntry(item, implementations, tests, outdated, Array.Empty<string>(), status, missing);
    }
}
