using System.Globalization;
using System.Text;
using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>
/// Writes a change record as deterministic JSON (fixed member order, sorted lists, no absolute
/// paths, no clock) and as Markdown for people.
/// </summary>
public static class ChangeRecordWriter
{
    /// <summary>The JSON document (<c>X.change.json</c>).</summary>
    public static byte[] ToJson(ChangeRecord record) => DeterministicJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("changeRecordType", ChangeRecord.RecordType);
        w.WriteStartObject("subject");
        w.WriteString("name", record.Name);
        w.WriteString("version", record.Version);
        w.WriteOptionalString("commit", record.Commit);
        Files(w, "artifacts", record.Artifacts);
        w.WriteEndObject();
        if (record.SourceDateEpoch is long epoch)
        {
            w.WriteNumber("sourceDateEpoch", epoch);
            w.WriteString("sourceDate", SourceDateEpoch.ToRfc3339(epoch));
        }

        if (record.Baseline is { } baseline)
        {
            w.WriteStartObject("baseline");
            w.WriteString("name", baseline.Name);
            w.WriteString("version", baseline.Version);
            w.WriteString("source", Path.GetFileName(baseline.Location.TrimEnd('/', '\\')));
            w.WriteOptionalString("commit", baseline.Commit);
            Files(w, "artifacts", BaselineFiles(baseline));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("baseline");
            w.WriteString("baselineReason", record.NoBaselineReason ?? "first release");
        }

        WriteSource(w, record);
        WriteApi(w, record);
        WriteSemVer(w, record.SemVer);
        WriteDependencies(w, record);
        WriteRequirements(w, record);

        w.WriteStartObject("build");
        w.WriteOptionalString("sdkVersion", record.SdkVersion);
        w.WriteOptionalString("buildGuardVersion", record.BuildGuardVersion);
        w.WriteString("reproducibility", record.Reproducibility);
        w.WriteEndObject();

        w.WriteStartObject("rollback");
        w.WriteBoolean("available", record.Baseline is not null);
        if (record.Baseline is { } target)
        {
            w.WriteString("version", target.Version);
            Files(w, "artifacts", BaselineFiles(target));
        }

        w.WriteBoolean("compatible", record.RollbackCompatible);
        Strings(w, "formatChanges", record.FormatChanges);
        w.WriteEndObject();

        w.WriteStartObject("changelog");
        w.WriteBoolean("found", record.ChangelogEntry is not null);
        w.WriteOptionalString("file", record.ChangelogFile);
        if (record.ChangelogEntry is { } entry)
        {
            w.WriteNumber("line", entry.Line);
            w.WriteString("heading", entry.Heading);
            w.WriteString("text", entry.Text);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The Markdown rendering (<c>X.change.md</c>).</summary>
    public static string ToMarkdown(ChangeRecord record)
    {
        var md = new StringBuilder();
        md.Append("# Change record: ").Append(record.Name).Append(' ').Append(record.Version).Append("\n\n");
        if (record.Baseline is { } baseline)
        {
            md.Append("Compared with **").Append(baseline.Version).Append("** (").Append(Code(Path.GetFileName(baseline.Location.TrimEnd('/', '\\')))).Append(").");
        }
        else
        {
            md.Append("No baseline: ").Append(record.NoBaselineReason ?? "first release").Append('.');
        }

        if (record.SourceDateEpoch is long epoch)
        {
            md.Append(" Source date ").Append(SourceDateEpoch.ToRfc3339(epoch)).Append('.');
        }

        md.Append("\n\n");
        if (record.SemVer is { } semver)
        {
            md.Append("## Version\n\n");
            md.Append("| | |\n| --- | --- |\n");
            md.Append("| bump made | ").Append(SemVerVerdict.Name(semver.Actual)).Append(" (").Append(semver.BaselineVersion).Append(" → ").Append(semver.Version).Append(") |\n");
            md.Append("| bump required | ").Append(SemVerVerdict.Name(semver.Required)).Append(" |\n");
            md.Append("| verdict | ").Append(semver.Satisfied ? "✅ sufficient" : "❌ not sufficient").Append(" |\n\n");
            foreach (var reason in semver.Reasons)
            {
                md.Append("- ").Append(Escape(reason)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Changelog\n\n");
        md.Append(record.ChangelogEntry is { } entry ? entry.Text + "\n\n" : "_No changelog entry for this version._\n\n");

        md.Append("## Public API\n\n");
        if (record.Api.Count == 0)
        {
            md.Append(record.Baseline is null ? "_No baseline to compare with._\n\n" : "No public API changes.\n\n");
        }
        else
        {
            md.Append("| | change | element | why |\n| --- | --- | --- | --- |\n");
            foreach (var change in SortedApi(record.Api))
            {
                md.Append("| ").Append(change.Breaking ? "**breaking**" : "compatible").Append(" | ").Append(change.Kind.ToString().ToLowerInvariant())
                    .Append(" | ").Append(Code(change.Element)).Append(" | ").Append(Escape(change.Reason)).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("## Dependencies\n\n");
        if (record.Dependencies is { } deps)
        {
            if (deps.IsEmpty)
            {
                md.Append("No dependency changes.\n\n");
            }
            else
            {
                md.Append("| change | package | from | to | licence |\n| --- | --- | --- | --- | --- |\n");
                void Rows(string kind, IEnumerable<DependencyChange> items)
                {
                    foreach (var d in items)
                    {
                        md.Append("| ").Append(kind).Append(" | ").Append(Code(d.Name)).Append(" | ").Append(d.FromVersion ?? string.Empty).Append(" | ").Append(d.ToVersion ?? string.Empty)
                            .Append(" | ").Append(Escape(d.FromLicense != d.ToLicense && d.FromLicense is not null && d.ToLicense is not null ? d.FromLicense + " → " + d.ToLicense : d.ToLicense ?? d.FromLicense ?? string.Empty)).Append(" |\n");
                    }
                }

                Rows("added", deps.Added);
                Rows("removed", deps.Removed);
                Rows("upgraded", deps.Upgraded);
                Rows("**downgraded**", deps.Downgraded);
                Rows("licence changed", deps.LicenseChanged.Where(l => !deps.Upgraded.Contains(l) && !deps.Downgraded.Contains(l)));
                md.Append('\n');
                if (deps.NewLicenses.Count > 0)
                {
                    md.Append("New licences: ").Append(string.Join(", ", deps.NewLicenses.Select(Code))).Append("\n\n");
                }
            }
        }
        else
        {
            md.Append('_').Append(record.DependenciesUnavailable ?? "not available").Append("_\n\n");
        }

        md.Append("## Requirements\n\n");
        if (record.Requirements is { } req)
        {
            md.Append("- added: ").Append(List(req.Added)).Append('\n');
            md.Append("- removed: ").Append(List(req.Removed)).Append('\n');
            md.Append("- revised: ").Append(List(req.Revised.Select(r => $"{r.Id} (rev {r.FromRevision} → {r.ToRevision})"))).Append('\n');
            md.Append("- coverage changed: ").Append(List(req.Coverage.Select(c => $"{c.Id} ({c.FromStatus ?? "?"} → {c.ToStatus ?? "?"})"))).Append("\n\n");
        }
        else
        {
            md.Append('_').Append(record.RequirementsUnavailable ?? "not available").Append("_\n\n");
        }

        md.Append("## Source\n\n");
        if (record.Source is { } source)
        {
            md.Append("Commits ").Append(Code(Short(source.From))).Append("..").Append(Code(Short(source.To))).Append(": ").Append(source.Commits.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" commit(s), ").Append(source.Files.Count.ToString(CultureInfo.InvariantCulture)).Append(" file(s) changed");
            if (source.Tags.Count > 0)
            {
                md.Append(", tags ").Append(string.Join(", ", source.Tags.Select(Code)));
            }

            md.Append(".\n\n");
            foreach (var commit in source.Commits)
            {
                md.Append("- ").Append(Code(Short(commit.Id))).Append(' ').Append(Escape(commit.Subject)).Append(" — ").Append(Escape(commit.Author));
                if (commit.Issues.Count > 0)
                {
                    md.Append(" (").Append(string.Join(", ", commit.Issues)).Append(')');
                }

                if (commit.BreakingChange is not null)
                {
                    md.Append(" **BREAKING:** ").Append(Escape(commit.BreakingChange));
                }

                md.Append('\n');
            }

            md.Append('\n');
        }
        else
        {
            md.Append('_').Append(record.SourceUnavailable ?? "not available").Append("_\n\n");
        }

        md.Append("## Build and rollback\n\n");
        md.Append("- .NET SDK ").Append(record.SdkVersion ?? "unknown").Append(", BuildGuard ").Append(record.BuildGuardVersion ?? "unknown").Append(", reproducibility: ").Append(record.Reproducibility).Append('\n');
        if (record.Baseline is { } rollback)
        {
            md.Append("- Roll back to ").Append(rollback.Version).Append(": ").Append(record.RollbackCompatible ? "compatible (no data or configuration format change declared)" : "**not compatible**: " + Escape(string.Join("; ", record.FormatChanges))).Append('\n');
            foreach (var (name, sha) in BaselineFiles(rollback).Select(f => (f.Name, f.Sha256)))
            {
                md.Append("  - ").Append(Code(name)).Append(" sha256 ").Append(Code(sha)).Append('\n');
            }
        }
        else
        {
            md.Append("- No earlier release to roll back to.\n");
        }

        foreach (var artifact in record.Artifacts)
        {
            md.Append("- Artifact ").Append(Code(artifact.Name)).Append(" sha256 ").Append(Code(artifact.Sha256)).Append('\n');
        }

        return md.ToString();
    }

    private static IEnumerable<ApiChange> SortedApi(IEnumerable<ApiChange> changes)
        => changes.OrderBy(c => c.Assembly, StringComparer.Ordinal).ThenBy(c => c.Breaking ? 0 : 1).ThenBy(c => c.Element, StringComparer.Ordinal).ThenBy(c => c.Reason, StringComparer.Ordinal);

    private static IEnumerable<RecordFile> BaselineFiles(Release baseline)
        => baseline.Artifacts.Select(a => new RecordFile(a.Name, a.Sha256));

    private static void WriteSource(Utf8JsonWriter w, ChangeRecord record)
    {
        w.WriteStartObject("source");
        w.WriteBoolean("available", record.Source is not null);
        if (record.Source is not { } source)
        {
            w.WriteString("reason", record.SourceUnavailable ?? "not available");
            w.WriteEndObject();
            return;
        }

        w.WriteString("from", source.From);
        w.WriteString("to", source.To);
        Strings(w, "tags", source.Tags);
        Strings(w, "issues", source.Issues);
        w.WriteStartArray("commits");
        foreach (var c in source.Commits)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("author", c.Author);
            w.WriteString("email", c.Email);
            w.WriteString("date", SourceDateEpoch.ToRfc3339(c.Time));
            w.WriteString("subject", c.Subject);
            Strings(w, "issues", c.Issues);
            w.WriteOptionalString("breakingChange", c.BreakingChange);
            w.WriteOptionalString("formatChange", c.FormatChange);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("files");
        foreach (var f in source.Files)
        {
            w.WriteStartObject();
            w.WriteString("status", f.Status);
            w.WriteString("path", f.Path);
            w.WriteOptionalString("oldPath", f.OldPath);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteApi(Utf8JsonWriter w, ChangeRecord record)
    {
        w.WriteStartObject("api");
        Strings(w, "assemblies", record.ApiAssemblies);
        w.WriteNumber("breaking", record.Api.Count(c => c.Breaking));
        w.WriteNumber("nonBreaking", record.Api.Count(c => !c.Breaking));
        w.WriteStartArray("changes");
        foreach (var c in SortedApi(record.Api))
        {
            w.WriteStartObject();
            w.WriteString("assembly", c.Assembly);
            w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
            w.WriteString("element", c.Element);
            w.WriteBoolean("breaking", c.Breaking);
            w.WriteString("reason", c.Reason);
            w.WriteOptionalString("before", c.Before);
            w.WriteOptionalString("after", c.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSemVer(Utf8JsonWriter w, SemVerVerdict? semver)
    {
        if (semver is null)
        {
            w.WriteNull("semver");
            return;
        }

        w.WriteStartObject("semver");
        w.WriteString("baselineVersion", semver.BaselineVersion);
        w.WriteString("version", semver.Version);
        w.WriteString("actualBump", SemVerVerdict.Name(semver.Actual));
        w.WriteString("requiredBump", SemVerVerdict.Name(semver.Required));
        w.WriteBoolean("satisfied", semver.Satisfied);
        Strings(w, "reasons", semver.Reasons);
        w.WriteEndObject();
    }

    private static void WriteDependencies(Utf8JsonWriter w, ChangeRecord record)
    {
        w.WriteStartObject("dependencies");
        w.WriteBoolean("available", record.Dependencies is not null);
        if (record.Dependencies is not { } deps)
        {
            w.WriteString("reason", record.DependenciesUnavailable ?? "not available");
            w.WriteEndObject();
            return;
        }

        void Items(string name, IEnumerable<DependencyChange> items)
        {
            w.WriteStartArray(name);
            foreach (var d in items.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteOptionalString("purl", d.Purl);
                w.WriteOptionalString("from", d.FromVersion);
                w.WriteOptionalString("to", d.ToVersion);
                w.WriteOptionalString("fromLicense", d.FromLicense);
                w.WriteOptionalString("toLicense", d.ToLicense);
                w.WriteOptionalString("scope", d.Scope);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Items("added", deps.Added);
        Items("removed", deps.Removed);
        Items("upgraded", deps.Upgraded);
        Items("downgraded", deps.Downgraded);
        Items("licenseChanged", deps.LicenseChanged);
        Strings(w, "newLicenses", deps.NewLicenses);
        w.WriteEndObject();
    }

    private static void WriteRequirements(Utf8JsonWriter w, ChangeRecord record)
    {
        w.WriteStartObject("requirements");
        w.WriteBoolean("available", record.Requirements is not null);
        if (record.Requirements is not { } req)
        {
            w.WriteString("reason", record.RequirementsUnavailable ?? "not available");
            w.WriteEndObject();
            return;
        }

        Strings(w, "added", req.Added);
        Strings(w, "removed", req.Removed);
        w.WriteStartArray("revised");
        foreach (var r in req.Revised)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteNumber("fromRevision", r.FromRevision);
            w.WriteNumber("toRevision", r.ToRevision);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("coverageChanged");
        foreach (var c in req.Coverage)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteOptionalString("fromStatus", c.FromStatus);
            w.WriteOptionalString("toStatus", c.ToStatus);
            Strings(w, "testsAdded", c.TestsAdded);
            Strings(w, "testsRemoved", c.TestsRemoved);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Files(Utf8JsonWriter w, string name, IEnumerable<RecordFile> files)
    {
        w.WriteStartArray(name);
        foreach (var f in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("sha256", f.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Short(string sha) => sha.Length > 12 ? sha.Substring(0, 12) : sha;

    private static string Code(string text) => "`" + text.Replace("`", "'") + "`";

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
