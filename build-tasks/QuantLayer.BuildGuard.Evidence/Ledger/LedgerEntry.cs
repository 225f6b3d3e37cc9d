using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>A file named by a ledger entry: its file name and SHA-256 (lower-case hex).</summary>
public sealed record LedgerFile(string Name, string Sha256);

/// <summary>
/// One release in the evidence ledger: name, version, source commit and the digests of its
/// artifacts, SBOM, Sigstore bundles and change record. Stored as one line of compact JSON with
/// a fixed member order; the line's UTF-8 bytes are the Merkle leaf.
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>The entry type URI.</summary>
    public const string EntryType = "https://quantlayer.io/buildguard/ledger-entry/v1";

    /// <summary>The released component (package id).</summary>
    public required string Name { get; init; }

    /// <summary>The released version.</summary>
    public required string Version { get; init; }

    /// <summary>The source commit, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The release's timestamp (SOURCE_DATE_EPOCH), when known.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The released artifacts (packages, assemblies).</summary>
    public IReadOnlyList<LedgerFile> Artifacts { get; init; } = Array.Empty<LedgerFile>();

    /// <summary>The SBOM(s).</summary>
    public IReadOnlyList<LedgerFile> Sboms { get; init; } = Array.Empty<LedgerFile>();

    /// <summary>The Sigstore bundles.</summary>
    public IReadOnlyList<LedgerFile> Bundles { get; init; } = Array.Empty<LedgerFile>();

    /// <summary>The change record(s) and their bundles.</summary>
    public IReadOnlyList<LedgerFile> ChangeRecords { get; init; } = Array.Empty<LedgerFile>();

    /// <summary>Every file of the entry.</summary>
    public IEnumerable<LedgerFile> AllFiles => Artifacts.Concat(Sboms).Concat(Bundles).Concat(ChangeRecords);

    /// <summary>The entry as one line of compact JSON (no newline): the leaf data.</summary>
    public byte[] ToLine() => Signing.CompactJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", EntryType);
        writer.WriteString("name", Name);
        writer.WriteString("version", Version);
        writer.WriteOptionalString("commit", Commit);
        if (SourceDateEpoch is long epoch)
        {
            writer.WriteNumber("sourceDateEpoch", epoch);
        }

        WriteFiles(writer, "artifacts", Artifacts);
        WriteFiles(writer, "sbom", Sboms);
        WriteFiles(writer, "bundles", Bundles);
        WriteFiles(writer, "changeRecord", ChangeRecords);
        writer.WriteEndObject();
    });

    /// <summary>Reads an entry line. Throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static LedgerEntry Parse(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line, DeterministicJson.ReadOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("an entry is a JSON object");
            }

            var type = String(root, "type");
            if (type != EntryType)
            {
                throw new FormatException($"the entry type is '{type}', expected '{EntryType}'");
            }

            return new LedgerEntry
            {
                Name = String(root, "name") ?? throw new FormatException("the entry has no name"),
                Version = String(root, "version") ?? throw new FormatException("the entry has no version"),
                Commit = String(root, "commit"),
                SourceDateEpoch = root.TryGetProperty("sourceDateEpoch", out var epoch) && epoch.ValueKind == JsonValueKind.Number ? epoch.GetInt64() : null,
                Artifacts = Files(root, "artifacts"),
                Sboms = Files(root, "sbom"),
                Bundles = Files(root, "bundles"),
                ChangeRecords = Files(root, "changeRecord"),
            };
        }
        catch (JsonException ex)
        {
            throw new FormatException("the entry is not valid JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("the entry has a member of the wrong type: " + ex.Message, ex);
        }
    }

    /// <summary>The entry line as text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToLine());

    private static void WriteFiles(Utf8JsonWriter writer, string name, IReadOnlyList<LedgerFile> files)
    {
        writer.WriteStartArray(name);
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("name", file.Name);
            writer.WriteString("sha256", file.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<LedgerFile> Files(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            return Array.Empty<LedgerFile>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' is not an array");
        }

        var files = new List<LedgerFile>();
        foreach (var item in array.EnumerateArray())
        {
            var fileName = String(item, "name") ?? throw new FormatException($"a file in '{name}' has no name");
            var sha = String(item, "sha256") ?? throw new FormatException($"'{fileName}' has no sha256");
            if (sha.Length != 64 || sha.Any(c => !(c is >= '0' and <= '9' or >= 'a' and <= 'f')))
            {
                throw new FormatException($"the sha256 of '{fileName}' is not 64 lower-case hex digits");
            }

            files.Add(new LedgerFile(fileName, sha));
        }

        return files;
    }
}
