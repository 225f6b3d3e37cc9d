using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>A test of a matrix item as the file records it.</summary>
/// <param name="Name">The test's full name.</param>
/// <param name="Result">"passed", "failed", "skipped" or "not run".</param>
public sealed record TraceMatrixFileTest(string Name, string? Result);

/// <summary>One item of a traceability matrix file: what other evidence needs of it.</summary>
/// <param name="Id">The registry id.</param>
/// <param name="Kind">"security", "functional", "mitigation", "threat", ….</param>
/// <param name="Revision">The item's revision (1 when the file does not say).</param>
/// <param name="Status">"covered", "failing", "not run", "missing"; for threats "mitigated", "not applicable", "unmitigated".</param>
/// <param name="Tests">The tests that verify it, by name.</param>
public sealed record TraceMatrixFileItem(string Id, string Kind, int Revision, string Status, IReadOnlyList<TraceMatrixFileTest> Tests);

/// <summary>
/// Reads <c>*.trace.json</c> (written by <see cref="TraceMatrixWriter"/>, docs/traceability.md) for
/// the evidence built on it: the change record's requirement diff and the evidence report. One
/// reader, and one rule for an item that several matrices list (<see cref="Merge"/>).
/// </summary>
public sealed class TraceMatrixFile
{
    private static readonly string[] RequirementOrder = { "covered", "failing", "not run", "missing" };
    private static readonly string[] ThreatOrder = { "mitigated", "not applicable", "unmitigated" };

    /// <summary>True when the matrix joined test results (a TRX was read).</summary>
    public bool TestResults { get; private init; }

    /// <summary>How many test result files the matrix joined.</summary>
    public int ResultFiles { get; private init; }

    /// <summary>The items, in the file's order.</summary>
    public IReadOnlyList<TraceMatrixFileItem> Items { get; private init; } = Array.Empty<TraceMatrixFileItem>();

    /// <summary>
    /// Reads a matrix file. Throws <see cref="FormatException"/> whose message completes a sentence
    /// about the file ("is not JSON: …", "has an item without id, kind or status"), or <see cref="IOException"/>.
    /// </summary>
    public static TraceMatrixFile Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), DeterministicJson.ReadOptions);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException("is not JSON: " + ex.Message, ex);
        }
    }

    /// <summary>Reads a parsed matrix. Throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TraceMatrixFile Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("traceMatrixType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != TraceMatrixWriter.MatrixType)
        {
            throw new FormatException($"is not a BuildGuard traceability matrix (traceMatrixType must be '{TraceMatrixWriter.MatrixType}')");
        }

        if (!root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("is not a BuildGuard traceability matrix (it has no items array)");
        }

        var items = new List<TraceMatrixFileItem>();
        foreach (var item in array.EnumerateArray())
        {
            var id = String(item, "id");
            var kind = String(item, "kind");
            var status = String(item, "status");
            if (id is null || kind is null || status is null)
            {
                throw new FormatException("has an item without id, kind or status");
            }

            var revision = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : 1;
            var tests = new List<TraceMatrixFileTest>();
            if (item.TryGetProperty("tests", out var testArray) && testArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var test in testArray.EnumerateArray())
                {
                    if (String(test, "name") is { } name)
                    {
                        tests.Add(new TraceMatrixFileTest(name, String(test, "result")));
                    }
                }
            }

            items.Add(new TraceMatrixFileItem(id, kind, revision, status, tests));
        }

        return new TraceMatrixFile
        {
            TestResults = root.TryGetProperty("testResults", out var results) && results.ValueKind == JsonValueKind.True,
            ResultFiles = root.TryGetProperty("resultFiles", out var files) && files.ValueKind == JsonValueKind.Array ? files.GetArrayLength() : 0,
            Items = items,
        };
    }

    /// <summary>
    /// The items of several matrices (one per test project; each lists every registry item) by id.
    /// An item proven by one test project is proven for the solution: the merged status is the one
    /// that proves most (covered, then failing, not run, missing; for threats mitigated, not
    /// applicable, unmitigated), the tests are the union by name, the revision the highest.
    /// </summary>
    public static SortedDictionary<string, TraceMatrixFileItem> Merge(IEnumerable<TraceMatrixFile> matrices)
    {
        var merged = new SortedDictionary<string, TraceMatrixFileItem>(StringComparer.Ordinal);
        foreach (var item in matrices.SelectMany(m => m.Items))
        {
            if (!merged.TryGetValue(item.Id, out var known))
            {
                merged[item.Id] = item;
                continue;
            }

            var order = known.Kind == "threat" ? ThreatOrder : RequirementOrder;
            var tests = known.Tests.Concat(item.Tests)
                .GroupBy(t => t.Name, StringComparer.Ordinal)
                .Select(g => g.FirstOrDefault(t => t.Result == "failed") ?? g.First())
                .ToList();
            merged[item.Id] = known with
            {
                Revision = Math.Max(known.Revision, item.Revision),
                Status = Rank(order, item.Status) < Rank(order, known.Status) ? item.Status : known.Status,
                Tests = tests,
            };
        }

        return merged;
    }

    private static int Rank(string[] order, string status)
    {
        var index = Array.IndexOf(order, status);
        return index < 0 ? order.Length : index;
    }

    private static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
