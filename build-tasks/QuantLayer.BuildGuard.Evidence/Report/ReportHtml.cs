using System.Globalization;
using System.Net;
using System.Text;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Writes the report as one self-contained HTML page (<c>&lt;name&gt;.iec62443.html</c>): no script,
/// no external style, font or image, every text HTML-escaped, readable offline and printable. The
/// page says first that it is not a certificate, then lists every practice with its requirements'
/// status, figures, evidence files (SHA-256) and notes, then what a build cannot prove.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1.5rem;color:#1b1f24;background:#fff}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
        .meta{color:#57606a}.disclaimer{border-left:4px solid #bf8700;background:#fff8c5;padding:.6rem .9rem;margin:1rem 0}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.4rem .5rem;vertical-align:top;text-align:left}
        th{background:#f6f8fa}td.id{white-space:nowrap;font-weight:600}code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
        .badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;font-weight:600;white-space:nowrap}
        .s-found{background:#dafbe1;color:#116329}.s-partial{background:#fff8c5;color:#7d4e00}.s-missing{background:#ffebe9;color:#a40e26}.s-not-provable{background:#eaeef2;color:#424a53}
        ul.summary{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}dl{margin:.3rem 0;display:grid;grid-template-columns:auto 1fr;gap:0 .8rem}dt{color:#57606a}dd{margin:0}
        ul.files,ul.notes{margin:.3rem 0;padding-left:1.1rem}.small{font-size:.9em}
        @media print{.badge{border:1px solid #888}}
        """;

    /// <summary>Renders the page.</summary>
    public static byte[] Render(EvidenceReport report)
    {
        var html = new StringBuilder(16 * 1024);
        var title = "IEC 62443-4-1 evidence report: " + report.Name;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"QuantLayer BuildGuard\">\n<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">").Append(E(EvidenceReport.Standard)).Append(". ");
        if (report.SourceCommit is { } commit)
        {
            html.Append("Commit <code>").Append(E(commit)).Append("</code>. ");
        }

        if (report.SourceDateEpoch is { } epoch)
        {
            html.Append("Source date ").Append(E(SourceDateEpoch.ToRfc3339(epoch))).Append(". ");
        }

        if (report.BuildGuardVersion is { } version)
        {
            html.Append("BuildGuard ").Append(E(version)).Append('.');
        }

        html.Append("</p>\n<p class=\"disclaimer\"><strong>Not a certificate.</strong> ").Append(E(EvidenceReport.Disclaimer)).Append("</p>\n");
        html.Append("<ul class=\"summary\">");
        foreach (var status in new[] { RequirementStatus.Found, RequirementStatus.Partial, RequirementStatus.Missing, RequirementStatus.NotProvable })
        {
            html.Append("<li><b>").Append(report.Count(status).ToString(CultureInfo.InvariantCulture)).Append("</b> ").Append(Badge(status)).Append("</li>");
        }

        html.Append("<li><b>").Append(report.Problems.Count.ToString(CultureInfo.InvariantCulture)).Append("</b> input problem(s)</li></ul>\n</header>\n<main>\n");

        foreach (var practice in Iec62443Catalogue.Practices)
        {
            html.Append("<section id=\"practice-").Append(E(practice.Key)).Append("\">\n<h2>").Append(E(practice.Key + ": " + practice.Value)).Append("</h2>\n");
            html.Append("<table>\n<thead><tr><th>Requirement</th><th>Status</th><th>What the evidence shows</th><th>Evidence files (SHA-256)</th></tr></thead>\n<tbody>\n");
            foreach (var row in report.Requirements.Where(r => r.Requirement.Practice == practice.Key))
            {
                html.Append("<tr id=\"").Append(E(row.Requirement.Id)).Append("\"><td class=\"id\">").Append(E(row.Requirement.Id)).Append("<br><span class=\"small\">").Append(E(row.Requirement.Title)).Append("</span></td>");
                html.Append("<td>").Append(Badge(row.Status)).Append("</td><td>").Append(E(row.Summary));
                if (row.Figures.Count > 0)
                {
                    html.Append("<dl class=\"small\">");
                    foreach (var figure in row.Figures)
                    {
                        html.Append("<dt>").Append(E(figure.Name)).Append("</dt><dd>").Append(E(FigureText(figure.Value))).Append("</dd>");
                    }

                    html.Append("</dl>");
                }

                if (row.Notes.Count > 0)
                {
                    html.Append("<ul class=\"notes small\">");
                    foreach (var note in row.Notes)
                    {
                        html.Append("<li>").Append(E(note)).Append("</li>");
                    }

                    html.Append("</ul>");
                }

                html.Append("</td><td>").Append(Files(row.Evidence)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        var reproducibility = report.Reproducibility;
        html.Append("<section id=\"reproducibility\">\n<h2>Reproducibility (rebuild check)</h2>\n<p>").Append(Badge(reproducibility.Status)).Append(' ').Append(E(reproducibility.Summary)).Append("</p>\n");
        if (reproducibility.DifferingFiles.Count > 0)
        {
            html.Append("<ul class=\"files\">");
            foreach (var file in reproducibility.DifferingFiles)
            {
                html.Append("<li><code>").Append(E(file)).Append("</code></li>");
            }

            html.Append("</ul>\n");
        }

        html.Append(Files(reproducibility.Evidence)).Append("\n</section>\n");

        html.Append("<section id=\"not-provable\">\n<h2>What a build cannot prove</h2>\n<p>These requirements are about people and process. The supplier shows them to an assessor with other records (procedures, training records, review minutes, the issue tracker); nothing in this report is evidence for them.</p>\n<table>\n<thead><tr><th>Requirement</th><th>Why a build cannot prove it</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.Requirements.Where(r => r.Status == RequirementStatus.NotProvable))
        {
            html.Append("<tr><td class=\"id\">").Append(E(row.Requirement.Id)).Append("<br><span class=\"small\">").Append(E(row.Requirement.Title)).Append("</span></td><td>").Append(E(row.Summary)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");

        html.Append("<section id=\"problems\">\n<h2>Input problems</h2>\n");
        if (report.Problems.Count == 0)
        {
            html.Append("<p>None: every evidence file found could be read.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"files\">");
            foreach (var problem in report.Problems)
            {
                html.Append("<li><code>").Append(E(problem.File)).Append("</code> ").Append(E(problem.Message)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n<section id=\"inputs\">\n<h2>Every file read</h2>\n").Append(Files(report.Inputs)).Append("\n</section>\n</main>\n</body>\n</html>\n");
        return new UTF8Encoding(false).GetBytes(html.ToString());
    }

    private static string Files(IReadOnlyList<EvidenceFileRef> files)
    {
        if (files.Count == 0)
        {
            return "<span class=\"small\">none</span>";
        }

        var html = new StringBuilder("<ul class=\"files small\">");
        foreach (var file in files)
        {
            html.Append("<li><code>").Append(E(file.Location == EvidenceLocation.Repository ? "repository: " + file.Path : file.Path)).Append("</code> (").Append(E(file.Kind)).Append(")<br><code>").Append(E(file.Sha256)).Append("</code></li>");
        }

        return html.Append("</ul>").ToString();
    }

    private static string FigureText(object value) => value switch
    {
        bool flag => flag ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Badge(RequirementStatus status)
        => "<span class=\"badge s-" + EvidenceReport.StatusName(status) + "\">" + E(EvidenceReport.StatusLabel(status)) + "</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
