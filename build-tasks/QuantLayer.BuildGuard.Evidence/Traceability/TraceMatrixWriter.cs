using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.SourceControl;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>
/// Writes the matrix as JSON (<c>X.trace.json</c>, stable and deterministic: sorted, relative paths,
/// no clock) and CSV (<c>X.trace.csv</c>, one row per item, RFC 4180).
/// </summary>
public static class TraceMatrixWriter
{
    /// <summary>The format identifier written as <c>traceMatrixType</c>.</summary>
    public const string MatrixType = "https://quantlayer.io/buildguard/trace-matrix/v1";

    /// <summary>The summary counts: items, and items per status.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Summary(TraceMatrix matrix)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in matrix.Entries)
        {
            counts[entry.Status] = counts.TryGetValue(entry.Status, out var n) ? n + 1 : 1;
        }

        var list = new List<KeyValuePair<string, int>> { new("items", matrix.Entries.Count) };
        list.AddRange(counts);
        return list;
    }

    /// <summary>The JSON matrix.</summary>
    public static byte[] ToJson(TraceMatrix matrix) => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("traceMatrixType", MatrixType);
        writer.WriteString("name", matrix.Options.Name);
        writer.WriteOptionalString("sourceCommit", matrix.Options.SourceCommit);
        if (matrix.Options.SourceDateEpoch is { } epoch)
        {
            writer.WriteNumber("sourceDateEpoch", epoch);
            writer.WriteString("sourceDate", SourceDateEpoch.ToRfc3339(epoch));
        }

        writer.WriteBoolean("testResults", matrix.HasTestResults);
        writer.WriteStartObject("summary");
        foreach (var pair in Summary(matrix))
        {
            writer.WriteNumber(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
        WriteStrings(writer, "registryFiles", matrix.RegistryFiles);
        WriteStrings(writer, "resultFiles", matrix.ResultFiles);
        writer.WriteStartArray("items");
        foreach (var entry in matrix.Entries)
        {
            var item = entry.Item;
            writer.WriteStartObject();
            writer.WriteString("id", item.Id);
            writer.WriteNumber("revision", item.Revision);
            writer.WriteString("kind", RequirementItem.KindName(item.Kind));
            writer.WriteString("title", item.Title);
            writer.WriteStartArray("needs");
            if ((item.Needs & RequirementNeeds.Implementation) != 0)
            {
                writer.WriteStringValue("implementation");
            }

            if ((item.Needs & RequirementNeeds.Test) != 0)
            {
                writer.WriteStringValue("test");
            }

            writer.WriteEndArray();
            writer.WriteString("status", entry.Status);
            WriteStrings(writer, "missing", entry.Missing);
            writer.WriteOptionalString("threatStatus", item.Status);
            writer.WriteOptionalString("context", item.Context);
            writer.WriteStartObject("source");
            writer.WriteString("file", item.Location.File);
            writer.WriteNumber("line", item.Location.Line);
            writer.WriteEndObject();
            WriteStrings(writer, "covers", item.Covers);
            WriteStrings(writer, "derivesFrom", item.DerivesFrom);
            WriteStrings(writer, "mitigatedBy", entry.MitigatedBy);
            writer.WriteStartArray("implementations");
            foreach (var implementation in entry.Implementations)
            {
                writer.WriteStartObject();
                writer.WriteString("symbol", implementation.Symbol);
                writer.WriteString("assembly", implementation.Assembly);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("tests");
            foreach (var test in entry.Tests)
            {
                writer.WriteStartObject();
                writer.WriteString("name", test.Name);
                writer.WriteString("assembly", test.Assembly);
                writer.WriteString("result", test.Result);
                writer.WriteNumber("passed", test.Passed);
                writer.WriteNumber("failed", test.Failed);
                writer.WriteNumber("skipped", test.Skipped);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("outdated");
            foreach (var link in entry.Outdated)
            {
                writer.WriteStartObject();
                writer.WriteString("relation", link.Relation);
                writer.WriteString("symbol", link.Symbol);
                writer.WriteString("assembly", link.Assembly);
                writer.WriteNumber("revision", link.Revision);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unknownTags");
        foreach (var tag in matrix.UnknownTags)
        {
            writer.WriteStartObject();
            writer.WriteString("id", tag.RequirementId);
            writer.WriteString("relation", tag.Relation == TraceRelation.Implements ? "implements" : "verifies");
            writer.WriteString("symbol", tag.Symbol);
            writer.WriteString("assembly", tag.Assembly);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The CSV matrix (header row, then one row per item; lists joined with "; ").</summary>
    public static byte[] ToCsv(TraceMatrix matrix)
    {
        var builder = new StringBuilder();
        builder.Append("id,revision,kind,title,status,missing,implementations,tests,covers,mitigated_by,derives_from,source\n");
        foreach (var entry in matrix.Entries)
        {
            var item = entry.Item;
            var cells = new[]
            {
                item.Id,
                item.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RequirementItem.KindName(item.Kind),
                item.Title,
                entry.Status,
                string.Join("; ", entry.Missing),
                string.Join("; ", entry.Implementations.Select(i => i.Symbol)),
                string.Join("; ", entry.Tests.Select(t => t.Name + " (" + t.Result + ")")),
                string.Join("; ", item.Covers),
                string.Join("; ", entry.MitigatedBy),
                string.Join("; ", item.DerivesFrom),
                item.Location.File + (item.Location.Line > 0 ? ":" + item.Location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty),
            };
            builder.Append(string.Join(",", cells.Select(c => CsvRegistryParser.Quote(c)))).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(builder.ToString());
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
