using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

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
    /// <summary>The items of a matrix: id to (revision, status, tests). Throws <see cref="FormatException"/>.</summary>
    public static SortedDictionary<string, (int Revision, string? Status, SortedSet<string> Tests)> ReadMatrices(IEnumerable<string> files)
    {
        var items = new SortedDictionary<string, (int, string?, SortedSet<string>)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file), DeterministicJson.ReadOptions);
                if (!document.RootElement.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"'{file}' is not a BuildGuard trace matrix (no items array)");
                }

                foreach (var item in array.EnumerateArray())
                {
                    var id = item.GetProperty("id").GetString()!;
                    var revision = item.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 1;
                    var status = item.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    var tests = new SortedSet<string>(StringComparer.Ordinal);
                    if (item.TryGetProperty("tests", out var testArray) && testArray.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var test in testArray.EnumerateArray())
                        {
                            if (test.TryGetProperty("name", out var name) && name.GetString() is { } n)
                            {
                                tests.Add(n);
                            }
                        }
                    }

                    if (items.TryGetValue(id, out var existing))
                    {
                        existing.Item3.UnionWith(tests);
                        items[id] = (Math.Max(existing.Item1, revision), Worse(existing.Item2, status), existing.Item3);
                    }
                    else
                    {
                        items[id] = (revision, status, tests);
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"'{file}' is not a BuildGuard trace matrix: {ex.Message}", ex);
            }
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

    // Several matrices (test projects) may list one item: keep the status that says less is proven.
    private static string? Worse(string? a, string? b) => a == "covered" ? b : a;
}
