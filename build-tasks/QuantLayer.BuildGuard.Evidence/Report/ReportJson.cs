using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Json;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Writes the report as deterministic JSON (<c>&lt;name&gt;.iec62443.json</c>), the format the
/// package's schema (<c>schemas/iec62443-report.v1.schema.json</c>) documents: no clock (the only
/// time is SOURCE_DATE_EPOCH), no absolute path, fixed order everywhere.
/// </summary>
public static class ReportJson
{
    /// <summary>Serializes a report.</summary>
    public static byte[] Write(EvidenceReport report) => DeterministicJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("reportType", EvidenceReport.ReportType);
        writer.WriteString("standard", EvidenceReport.Standard);
        writer.WriteString("name", report.Name);
        writer.WriteOptionalString("sourceCommit", report.SourceCommit);
        if (report.SourceDateEpoch is { } epoch)
        {
            writer.WriteNumber("sourceDateEpoch", epoch);
            writer.WriteString("sourceDate", SourceDateEpoch.ToRfc3339(epoch));
        }

        writer.WriteOptionalString("buildGuardVersion", report.BuildGuardVersion);
        writer.WriteBoolean("repositoryRead", report.RepositoryRead);
        writer.WriteString("disclaimer", EvidenceReport.Disclaimer);

        writer.WriteStartObject("summary");
        writer.WriteNumber("requirements", report.Requirements.Count);
        foreach (var status in new[] { RequirementStatus.Found, RequirementStatus.Partial, RequirementStatus.Missing, RequirementStatus.NotProvable })
        {
            writer.WriteNumber(EvidenceReport.StatusName(status), report.Count(status));
        }

        writer.WriteNumber("problems", report.Problems.Count);
        writer.WriteEndObject();

        writer.WriteStartArray("practices");
        foreach (var practice in Iec62443Catalogue.Practices)
        {
            var rows = report.Requirements.Where(r => r.Requirement.Practice == practice.Key).ToList();
            writer.WriteStartObject();
            writer.WriteString("id", practice.Key);
            writer.WriteString("name", practice.Value);
            writer.WriteStartArray("requirements");
            foreach (var row in rows)
            {
                WriteRequirement(writer, row);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("notProvableByBuild");
        foreach (var row in report.Requirements.Where(r => r.Status == RequirementStatus.NotProvable))
        {
            writer.WriteStringValue(row.Requirement.Id);
        }

        writer.WriteEndArray();

        var reproducibility = report.Reproducibility;
        writer.WriteStartObject("reproducibility");
        writer.WriteString("status", EvidenceReport.StatusName(reproducibility.Status));
        writer.WriteString("summary", reproducibility.Summary);
        WriteFigures(writer, reproducibility.Figures);
        WriteEvidence(writer, "evidence", reproducibility.Evidence);
        writer.WriteStartArray("differingFiles");
        foreach (var file in reproducibility.DifferingFiles)
        {
            writer.WriteStringValue(file);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        WriteEvidence(writer, "inputs", report.Inputs);
        writer.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            writer.WriteStartObject();
            writer.WriteString("file", problem.File);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteRequirement(Utf8JsonWriter writer, RequirementResult row)
    {
        writer.WriteStartObject();
        writer.WriteString("id", row.Requirement.Id);
        writer.WriteString("title", row.Requirement.Title);
        writer.WriteString("status", EvidenceReport.StatusName(row.Status));
        writer.WriteString("summary", row.Summary);
        WriteFigures(writer, row.Figures);
        WriteEvidence(writer, "evidence", row.Evidence);
        writer.WriteStartArray("notes");
        foreach (var note in row.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter writer, IReadOnlyList<ReportFigure> figures)
    {
        writer.WriteStartObject("figures");
        foreach (var figure in figures)
        {
            switch (figure.Value)
            {
                case long number:
                    writer.WriteNumber(figure.Name, number);
                    break;
                case int number:
                    writer.WriteNumber(figure.Name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(figure.Name, flag);
                    break;
                default:
                    writer.WriteString(figure.Name, Convert.ToString(figure.Value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter writer, string name, IReadOnlyList<EvidenceFileRef> files)
    {
        writer.WriteStartArray(name);
        foreach (var file in files)
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            writer.WriteString("location", file.Location == EvidenceLocation.Evidence ? "evidence" : "repository");
            writer.WriteString("kind", file.Kind);
            writer.WriteString("sha256", file.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
