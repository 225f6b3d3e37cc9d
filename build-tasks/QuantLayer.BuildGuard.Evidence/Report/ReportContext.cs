using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// What the report's readers share: the evidence files found, the digests computed (each file is
/// hashed once), the inputs used and the problems met. A problem is a QLB3090 warning naming the
/// file and a line in the report; nothing a reader meets throws past it.
/// </summary>
internal sealed class ReportContext
{
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly Dictionary<(EvidenceLocation, string), EvidenceFileRef> _inputs = new();
    private readonly List<ReportProblem> _problems = new();

    public ReportContext(string root, IReadOnlyList<(string Relative, string Full, string Kind)> files, DiagnosticBag diagnostics)
    {
        Root = root;
        Files = files;
        Diagnostics = diagnostics;
    }

    /// <summary>The evidence root (full path).</summary>
    public string Root { get; }

    /// <summary>The evidence files found.</summary>
    public IReadOnlyList<(string Relative, string Full, string Kind)> Files { get; }

    /// <summary>Where warnings go.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>The inputs used, sorted.</summary>
    public IReadOnlyList<EvidenceFileRef> Inputs => _inputs.Values
        .OrderBy(r => r.Location)
        .ThenBy(r => r.Path, StringComparer.Ordinal)
        .ThenBy(r => r.Kind, StringComparer.Ordinal)
        .ToList();

    /// <summary>The problems, sorted.</summary>
    public IReadOnlyList<ReportProblem> Problems => _problems
        .Distinct()
        .OrderBy(p => p.File, StringComparer.Ordinal)
        .ThenBy(p => p.Message, StringComparer.Ordinal)
        .ToList();

    /// <summary>The files of one kind.</summary>
    public IEnumerable<(string Relative, string Full, string Kind)> OfKind(string kind) => Files.Where(f => f.Kind == kind);

    /// <summary>The SHA-256 of a file (hashed once, or taken from <see cref="ReadBytes"/>), or null when it cannot be read.</summary>
    public string? Sha256(string fullPath)
    {
        if (_digests.TryGetValue(fullPath, out var known))
        {
            return known;
        }

        try
        {
            var digest = FileDigest.Sha256OfFile(fullPath);
            _digests[fullPath] = digest;
            return digest;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Records a file as an input and returns its reference (null when it cannot be read: a problem is recorded).</summary>
    public EvidenceFileRef? Use(string relative, string full, string kind, EvidenceLocation location = EvidenceLocation.Evidence)
    {
        var digest = Sha256(full);
        if (digest is null)
        {
            Problem(relative, full, "cannot be read");
            return null;
        }

        var reference = new EvidenceFileRef(relative, kind, digest, location);
        _inputs[(location, relative + "\n" + kind)] = reference;
        return reference;
    }

    /// <summary>Records a problem with an input: a line in the report and a QLB3090 warning naming the file.</summary>
    public void Problem(string relative, string full, string message)
    {
        _problems.Add(new ReportProblem(relative, message));
        Diagnostics.Warning(
            BuildDiagnosticIds.ReportInputUnreadable,
            $"The evidence report cannot use '{relative}': {message}. The report lists it under problems and treats its evidence as absent; rebuild to rewrite the file, or remove it if it does not belong there.",
            full);
    }

    /// <summary>
    /// Reads a file for a reader, once: its bytes, whose SHA-256 <see cref="Use"/> then records, so
    /// the digest in the report is of exactly the bytes that were judged (a file rewritten between
    /// reading and hashing cannot give one the other's digest). An unreadable file is a recorded
    /// problem, and the result is then null.
    /// </summary>
    public byte[]? ReadBytes(string relative, string full)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Problem(relative, full, "cannot be read (" + ex.Message.TrimEnd('.') + ")");
            return null;
        }

        _digests[full] = FileDigest.Sha256Hex(bytes);
        return bytes;
    }

    /// <summary>Reads a JSON file (see <see cref="ReadBytes"/>). Problems (unreadable, not JSON) are recorded; the result is then null.</summary>
    public JsonDocument? ReadJson(string relative, string full)
    {
        if (ReadBytes(relative, full) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes, DeterministicJson.ReadOptions);
        }
        catch (JsonException ex)
        {
            Problem(relative, full, "is not valid JSON (" + ex.Message.TrimEnd('.') + ")");
            return null;
        }
    }

    /// <summary>A string property, or null.</summary>
    public static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An object or array property, or null.</summary>
    public static JsonElement? Child(JsonElement element, string name, JsonValueKind kind)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    /// <summary>An integer property, or null.</summary>
    public static long? Integer(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <summary>A boolean property, or null.</summary>
    public static bool? Boolean(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>The elements of an array property (empty when absent or not an array).</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name)
        => Child(element, name, JsonValueKind.Array) is { } array ? array.EnumerateArray() : Enumerable.Empty<JsonElement>();
}
