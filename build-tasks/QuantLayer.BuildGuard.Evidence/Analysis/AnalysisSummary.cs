using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Json;

namespace QuantLayer.BuildGuard.Evidence.Analysis;

/// <summary>How a finding was suppressed in source, as the compiler's SARIF log records it.</summary>
/// <param name="Kind">SARIF suppression kind ("inSource", "external").</param>
/// <param name="Type">"SuppressMessageAttribute", "Pragma Directive", ...</param>
/// <param name="Justification">The justification, or null when none was given.</param>
public sealed record Suppression(string Kind, string? Type, string? Justification);

/// <summary>One analyzer finding with a repository-relative location.</summary>
public sealed record Finding(string RuleId, string Level, string Message, string? Path, int Line, int Column, Suppression? Suppression);

/// <summary>Counts for one rule.</summary>
public sealed record RuleCount(string RuleId, int Reported, int Suppressed, int SuppressedWithoutJustification);

/// <summary>
/// The static-analysis evidence of one compilation (IEC 62443-4-1 SI-1, SI-2): the findings of
/// BuildGuard's rules and of every other rule at warning or error level, and every suppression
/// with its justification, read from the compiler's SARIF 2.1 log. Paths are relative to the
/// repository root and everything is sorted, so identical builds give identical files.
/// </summary>
public sealed class AnalysisSummary
{
    /// <summary>The format identifier written as <c>analysisType</c>.</summary>
    public const string AnalysisType = "https://quantlayer.io/buildguard/analysis/v1";

    /// <summary>Project name.</summary>
    public required string Name { get; init; }

    /// <summary>The compiler that produced the log ("Microsoft (R) Visual C# Compiler 5.9.0...").</summary>
    public string? Tool { get; init; }

    /// <summary>The findings, sorted by path, line, column and rule.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = Array.Empty<Finding>();

    /// <summary>Per-rule counts, sorted by rule id.</summary>
    public IReadOnlyList<RuleCount> Rules => Findings
        .GroupBy(f => f.RuleId, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new RuleCount(
            g.Key,
            g.Count(f => f.Suppression is null),
            g.Count(f => f.Suppression is not null),
            g.Count(f => f.Suppression is not null && string.IsNullOrWhiteSpace(f.Suppression.Justification))))
        .ToList();

    /// <summary>
    /// Reads a SARIF 2.1 log written by the C# compiler (<c>ErrorLog=path,version=2.1</c>). Keeps
    /// results whose rule id starts with "QLB" and, of other rules, those at warning or error
    /// level or suppressed. <paramref name="root"/> makes paths relative (outside it they stay absolute).
    /// Problems are QLB3007 diagnostics; the result is then null.
    /// </summary>
    public static AnalysisSummary? Read(string sarifPath, string name, string root, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(sarifPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"Cannot read the compiler's analysis log '{sarifPath}': {ex.Message} Build again; if you set ErrorLog yourself, make sure the path is writable.", sarifPath);
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root0 = document.RootElement;
            if (!root0.TryGetProperty("version", out var version) || version.GetString() != "2.1.0"
                || !root0.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"'{sarifPath}' is not a SARIF 2.1 log. If you set ErrorLog yourself, add ',version=2.1' to its value.", sarifPath);
                return null;
            }

            string? tool = null;
            var findings = new List<Finding>();
            foreach (var run in runs.EnumerateArray())
            {
                if (run.TryGetProperty("tool", out var t) && t.TryGetProperty("driver", out var driver) && driver.TryGetProperty("name", out var toolName))
                {
                    tool = toolName.GetString();
                    if (driver.TryGetProperty("semanticVersion", out var toolVersion))
                    {
                        tool += " " + toolVersion.GetString();
                    }
                }

                if (!run.TryGetProperty("results", out var results))
                {
                    continue;
                }

                foreach (var result in results.EnumerateArray())
                {
                    var finding = ReadResult(result, root);
                    if (finding is not null && (finding.RuleId.StartsWith("QLB", StringComparison.Ordinal) || finding.Level is "warning" or "error" || finding.Suppression is not null))
                    {
                        findings.Add(finding);
                    }
                }
            }

            return new AnalysisSummary
            {
                Name = name,
                Tool = tool,
                Findings = findings
                    .Distinct()
                    .OrderBy(f => f.Path, StringComparer.Ordinal)
                    .ThenBy(f => f.Line)
                    .ThenBy(f => f.Column)
                    .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                    .ThenBy(f => f.Message, StringComparer.Ordinal)
                    .ToList(),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"The compiler's analysis log '{sarifPath}' is not valid SARIF ({ex.Message}). If more than one compilation writes this file (ErrorLog set for the whole build, e.g. -p:ErrorLog=... on the command line), remove that setting: BuildGuard gives each project and target framework its own log. Otherwise delete the file and build again.", sarifPath);
            return null;
        }
    }

    /// <summary>Serializes the summary deterministically.</summary>
    public byte[] ToJson() => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("analysisType", AnalysisType);
        writer.WriteString("name", Name);
        writer.WriteOptionalString("tool", Tool);
        writer.WriteStartArray("rules");
        foreach (var rule in Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", rule.RuleId);
            writer.WriteNumber("reported", rule.Reported);
            writer.WriteNumber("suppressed", rule.Suppressed);
            writer.WriteNumber("suppressedWithoutJustification", rule.SuppressedWithoutJustification);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var finding in Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", finding.RuleId);
            writer.WriteString("level", finding.Level);
            writer.WriteString("message", finding.Message);
            writer.WriteOptionalString("path", finding.Path);
            if (finding.Line > 0)
            {
                writer.WriteNumber("line", finding.Line);
                writer.WriteNumber("column", finding.Column);
            }

            if (finding.Suppression is { } suppression)
            {
                writer.WriteStartObject("suppression");
                writer.WriteString("kind", suppression.Kind);
                writer.WriteOptionalString("type", suppression.Type);
                writer.WriteOptionalString("justification", suppression.Justification);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>Reads a summary written by <see cref="ToJson"/>.</summary>
    public static AnalysisSummary Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json, DeterministicJson.ReadOptions);
        var root = document.RootElement;
        if (!root.TryGetProperty("analysisType", out var type) || type.GetString() != AnalysisType)
        {
            throw new FormatException($"not a BuildGuard analysis summary (analysisType must be '{AnalysisType}')");
        }

        return new AnalysisSummary
        {
            Name = root.GetProperty("name").GetString()!,
            Tool = root.TryGetProperty("tool", out var tool) ? tool.GetString() : null,
            Findings = root.GetProperty("findings").EnumerateArray().Select(f => new Finding(
                f.GetProperty("ruleId").GetString()!,
                f.GetProperty("level").GetString()!,
                f.GetProperty("message").GetString()!,
                f.TryGetProperty("path", out var p) ? p.GetString() : null,
                f.TryGetProperty("line", out var l) ? l.GetInt32() : 0,
                f.TryGetProperty("column", out var c) ? c.GetInt32() : 0,
                f.TryGetProperty("suppression", out var s)
                    ? new Suppression(s.GetProperty("kind").GetString()!, s.TryGetProperty("type", out var st) ? st.GetString() : null, s.TryGetProperty("justification", out var sj) ? sj.GetString() : null)
                    : null)).ToList(),
        };
    }

    private static Finding? ReadResult(JsonElement result, string root)
    {
        if (!result.TryGetProperty("ruleId", out var ruleId) || ruleId.GetString() is not { Length: > 0 } id)
        {
            return null;
        }

        var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
        var message = result.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;
        string? path = null;
        int line = 0, column = 0;
        if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
            && locations[0].TryGetProperty("physicalLocation", out var physical))
        {
            if (physical.TryGetProperty("artifactLocation", out var artifact) && artifact.TryGetProperty("uri", out var uri))
            {
                path = RelativeTo(root, uri.GetString());
            }

            if (physical.TryGetProperty("region", out var region))
            {
                line = region.TryGetProperty("startLine", out var sl) ? sl.GetInt32() : 0;
                column = region.TryGetProperty("startColumn", out var sc) ? sc.GetInt32() : 0;
            }
        }

        Suppression? suppression = null;
        if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0)
        {
            var s = suppressions[0];
            suppression = new Suppression(
                s.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "inSource" : "inSource",
                s.TryGetProperty("properties", out var props) && props.TryGetProperty("suppressionType", out var st) ? st.GetString() : null,
                s.TryGetProperty("justification", out var j) ? j.GetString() : null);
        }

        // The message of a suppressed or reported finding never needs the machine's paths.
        message = message.Replace(root.TrimEnd('/', '\\') + "/", string.Empty);
        return new Finding(id, level, message, path, line, column, suppression);
    }

    private static string? RelativeTo(string root, string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var local = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
        if (!Path.IsPathRooted(local))
        {
            return local.Replace('\\', '/');
        }

        // Outside the repository (a source-only package in the NuGet folder, say) only the file
        // name is kept: the folder differs between machines and would break reproducibility.
        var relative = Manifest.EvidenceManifest.RelativePath(root, local);
        return relative.StartsWith("../", StringComparison.Ordinal) ? "(external)/" + Path.GetFileName(local) : relative;
    }
}
