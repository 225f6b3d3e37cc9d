using QuantLayer.BuildGuard.Evidence.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>A requirement whose revision changed.</summary>
public sealed record RevisedRequirement(string Id, int FromRevision, int ToRevision);

/// <summary>A requirement whose verifying tests or status changed.</summary>
public sealed record CoverageChange(string Id, string? FromStatus, string? ToStatus, IReadOnlyList<string> TestsAdded, IReadOnlyList<string> TestsRemoved);

/// <summary>The requirement side of a change record, from two traceability matrices.</summary>
public sealed class RequirementChanges
{
    /// <summary>Ids only in this release's matrix.</summary>
    public List<string> Added { get; } = new();

    /// <summary>Ids only in the baseline's.</summary>
    public List<string> Removed { get; } = new();

    /// <summary>Ids with a new revision.</summary>
    public List<RevisedRequirement> Revised { get; } = new();

    /// <summary>Ids whose tests or status changed.</summary>
    public List<CoverageChange> Coverage { get; } = new();
}

/// <summary>Compares two traceability matrices (<c>*.trace.json</c>, docs/traceability.md).</summary>
public static class RequirementsDiff
{
    /// <summary>
    /// The items of a release's matrices (one per test project), merged by
    /// <see cref="TraceMatrixFile.Merge"/>: id to (revision, status, tests). Throws
    /// <see cref="FormatException"/> naming the file.
    /// </summary>
    public static SortedDictionary<string, (int Revision, string? Status, SortedSet<string> Tests)> ReadMatrices(IEnumerable<string> files)
    {
        var matrices = new List<TraceMatrixFile>();
        foreach (var file in files)
        {
            try
            {
                matrices.Add(TraceMatrixFile.Read(file));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"'{file}' {ex.Message}", ex);
            }
        }

        var items = new SortedDictionary<string, (int, string?, SortedSet<string>)>(StringComparer.Ordinal);
        foreach (var pair in TraceMatrixFile.Merge(matrices))
        {
            items[pair.Key] = (pair.Value.Revision, pair.Value.Status, new SortedSet<string>(pair.Value.Tests.Select(t => t.Name), StringComparer.Ordinal));
        }

        return items;
    }

    /// <summary>Compares the baseline's matrix items with this release's.</summary>
    public static RequirementChanges Compare(
        SortedDictionary<string, (int Revision, string? Status, SortedSet<string> Tests)> baseline,
        SortedDictionary<string, (int Revision, string? Status, SortedSet<string> Tests)> current)
    {
        var changes = new RequirementChanges();
        foreach (var pair in current)
        {
            if (!baseline.TryGetValue(pair.Key, out var old))
            {
                changes.Added.Add(pair.Key);
                continue;
            }

            var now = pair.Value;
            if (old.Revision != now.Revision)
            {
                changes.Revised.Add(new RevisedRequirement(pair.Key, old.Revision, now.Revision));
            }

            var added = now.Tests.Except(old.Tests, StringComparer.Ordinal).ToList();
            var removed = old.Tests.Except(now.Tests, StringComparer.Ordinal).ToList();
            if (added.Count > 0 || removed.Count > 0 || old.Status != now.Status)
            {
                changes.Coverage.Add(new CoverageChange(pair.Key, old.Status, now.Status, added, removed));
            }
        }

        changes.Removed.AddRange(baseline.Keys.Where(k => !current.ContainsKey(k)));
        return changes;
    }
}
