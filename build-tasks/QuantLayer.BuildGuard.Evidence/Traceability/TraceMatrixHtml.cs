using System.Globalization;
using System.Net;
using System.Text;
using QuantLayer.BuildGuard.Evidence.SourceControl;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>
/// Writes the matrix as one self-contained HTML page (<c>X.trace.html</c>: no external scripts,
/// styles or fonts, so it opens offline and can be attached to a release): requirement →
/// implementing symbols → tests → last result, and threat → mitigations → tests. Every row is in
/// the HTML itself (readable without JavaScript); a small inline script filters by text, kind and
/// status, and keeps the filter in the address's fragment (<c>#q=SR-1&amp;kind=security&amp;status=missing</c>)
/// so a filtered view can be shared as a link.
/// </summary>
public static class TraceMatrixHtml
{
    private static readonly string[] Statuses = { "covered", "missing", "failing", "not run", "mitigated", "unmitigated", "not applicable" };

    /// <summary>Renders the page.</summary>
    public static byte[] Render(TraceMatrix matrix)
    {
        var html = new StringBuilder(4096 + (matrix.Entries.Count * 600));
        var title = "Traceability matrix: " + matrix.Options.Name;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"QuantLayer BuildGuard\">\n<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">");
        if (matrix.Options.SourceCommit is { } commit)
        {
            html.Append("Commit <code>").Append(E(commit)).Append("</code>. ");
        }

        if (matrix.Options.SourceDateEpoch is { } epoch)
        {
            html.Append("Source date ").Append(E(SourceDateEpoch.ToRfc3339(epoch))).Append(". ");
        }

        html.Append(matrix.HasTestResults
            ? "Test results joined from " + matrix.ResultFiles.Count.ToString(CultureInfo.InvariantCulture) + " file(s)."
            : "No test results joined yet (tests show \"not run\"): run dotnet test.");
        html.Append("</p>\n<ul class=\"summary\">");
        foreach (var pair in TraceMatrixWriter.Summary(matrix))
        {
            html.Append("<li><b>").Append(pair.Value.ToString(CultureInfo.InvariantCulture)).Append("</b> ").Append(E(pair.Key)).Append("</li>");
        }

        html.Append("</ul>\n</header>\n");
        html.Append("<form id=\"filters\" role=\"search\" onsubmit=\"return false\">\n");
        html.Append("<label>Filter <input id=\"q\" type=\"search\" placeholder=\"id, title, symbol or test\" autocomplete=\"off\"></label>\n");
        html.Append("<label>Kind <select id=\"kind\"><option value=\"\">all</option>");
        foreach (var kind in new[] { RequirementKind.SecurityRequirement, RequirementKind.FunctionalRequirement, RequirementKind.Threat, RequirementKind.Mitigation })
        {
            var name = RequirementItem.KindName(kind);
            html.Append("<option value=\"").Append(name).Append("\">").Append(name).Append("</option>");
        }

        html.Append("</select></label>\n<label>Status <select id=\"status\"><option value=\"\">all</option>");
        foreach (var status in Statuses)
        {
            html.Append("<option value=\"").Append(E(status)).Append("\">").Append(E(status)).Append("</option>");
        }

        html.Append("</select></label>\n<output id=\"shown\" aria-live=\"polite\"></output>\n</form>\n");

        html.Append("<h2>Requirements and mitigations</h2>\n<table id=\"requirements\">\n<thead><tr><th>Id</th><th>Rev</th><th>Kind</th><th>Title</th><th>Status</th><th>Implemented by</th><th>Tests (last result)</th></tr></thead>\n<tbody>\n");
        foreach (var entry in matrix.Entries.Where(e => e.Item.Kind != RequirementKind.Threat))
        {
            Row(html, entry);
            html.Append("<td>").Append(Implementations(entry)).Append("</td><td>").Append(Tests(entry)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<h2>Threats → mitigations → tests</h2>\n<table id=\"threats\">\n<thead><tr><th>Id</th><th>Rev</th><th>Kind</th><th>Title</th><th>Status</th><th>Where</th><th>Mitigations and their tests</th></tr></thead>\n<tbody>\n");
        var byId = matrix.Entries.ToDictionary(e => e.Item.Id, StringComparer.Ordinal);
        foreach (var entry in matrix.Entries.Where(e => e.Item.Kind == RequirementKind.Threat))
        {
            var extra = new StringBuilder();
            foreach (var mitigationId in entry.MitigatedBy)
            {
                if (byId.TryGetValue(mitigationId, out var mitigation))
                {
                    extra.Append(' ').Append(mitigation.Item.Id).Append(' ').Append(mitigation.Item.Title);
                    foreach (var test in mitigation.Tests)
                    {
                        extra.Append(' ').Append(test.Name);
                    }
                }
            }

            Row(html, entry, extra.ToString());
            html.Append("<td>").Append(E(entry.Item.Context ?? string.Empty)).Append("</td><td>");
            if (entry.MitigatedBy.Count == 0)
            {
                html.Append("<span class=\"none\">no mitigation</span>");
            }
            else
            {
                html.Append("<ul class=\"mitigations\">");
                foreach (var mitigationId in entry.MitigatedBy)
                {
                    var mitigation = byId[mitigationId];
                    html.Append("<li><a href=\"#").Append(E(Anchor(mitigationId))).Append("\">").Append(E(mitigationId)).Append("</a> ")
                        .Append(E(mitigation.Item.Title)).Append(' ').Append(Badge(mitigation.Status)).Append(Tests(mitigation)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (matrix.UnknownTags.Count > 0)
        {
            html.Append("<h2>Tags naming ids that are not in the registry</h2>\n<ul id=\"unknown\">");
            foreach (var tag in matrix.UnknownTags)
            {
                html.Append("<li><code>").Append(E(tag.RequirementId)).Append("</code> on <code>").Append(E(tag.Symbol)).Append("</code> (").Append(E(tag.Assembly)).Append(")</li>");
            }

            html.Append("</ul>\n");
        }

        html.Append("<footer>Registry: ").Append(E(string.Join(", ", matrix.RegistryFiles))).Append(". Written by QuantLayer BuildGuard.</footer>\n");
        html.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return new UTF8Encoding(false).GetBytes(html.ToString());
    }

    private static void Row(StringBuilder html, TraceEntry entry, string extraSearchText = "")
    {
        var item = entry.Item;
        var search = new StringBuilder(item.Id).Append(' ').Append(item.Title);
        foreach (var implementation in entry.Implementations)
        {
            search.Append(' ').Append(implementation.Symbol);
        }

        foreach (var test in entry.Tests)
        {
            search.Append(' ').Append(test.Name);
        }

        search.Append(extraSearchText);
        html.Append("<tr class=\"item\" id=\"").Append(E(Anchor(item.Id))).Append("\" data-id=\"").Append(E(item.Id))
            .Append("\" data-kind=\"").Append(RequirementItem.KindName(item.Kind))
            .Append("\" data-status=\"").Append(E(entry.Status))
            .Append("\" data-search=\"").Append(E(search.ToString().ToLowerInvariant())).Append("\">");
        html.Append("<td><code>").Append(E(item.Id)).Append("</code></td><td>").Append(item.Revision.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
            .Append(RequirementItem.KindName(item.Kind)).Append("</td><td>").Append(E(item.Title));
        if (item.Location.File.Length > 0)
        {
            html.Append("<div class=\"src\">").Append(E(item.Location.File)).Append(item.Location.Line > 0 ? ":" + item.Location.Line.ToString(CultureInfo.InvariantCulture) : string.Empty).Append("</div>");
        }

        html.Append("</td><td>").Append(Badge(entry.Status));
        if (entry.Missing.Count > 0)
        {
            html.Append("<div class=\"missing\">missing: ").Append(E(string.Join(", ", entry.Missing))).Append("</div>");
        }

        if (entry.Outdated.Count > 0)
        {
            html.Append("<div class=\"outdated\">outdated: ").Append(E(string.Join(", ", entry.Outdated.Select(o => o.Symbol + " (rev " + o.Revision.ToString(CultureInfo.InvariantCulture) + ")")))).Append("</div>");
        }

        html.Append("</td>");
    }

    private static string Implementations(TraceEntry entry)
    {
        if (entry.Implementations.Count == 0)
        {
            return "<span class=\"none\">none</span>";
        }

        var builder = new StringBuilder("<ul>");
        foreach (var implementation in entry.Implementations)
        {
            builder.Append("<li><code>").Append(E(implementation.Symbol)).Append("</code> <span class=\"asm\">").Append(E(implementation.Assembly)).Append("</span></li>");
        }

        return builder.Append("</ul>").ToString();
    }

    private static string Tests(TraceEntry entry)
    {
        if (entry.Tests.Count == 0)
        {
            return "<span class=\"none\">no test</span>";
        }

        var builder = new StringBuilder("<ul class=\"tests\">");
        foreach (var test in entry.Tests)
        {
            builder.Append("<li><code>").Append(E(test.Name)).Append("</code> ").Append(Badge(test.Result));
            if (test.Passed + test.Failed + test.Skipped > 1)
            {
                builder.Append(" <span class=\"cases\">").Append(test.Passed.ToString(CultureInfo.InvariantCulture)).Append(" passed, ")
                    .Append(test.Failed.ToString(CultureInfo.InvariantCulture)).Append(" failed, ")
                    .Append(test.Skipped.ToString(CultureInfo.InvariantCulture)).Append(" skipped</span>");
            }

            builder.Append("</li>");
        }

        return builder.Append("</ul>").ToString();
    }

    private static string Badge(string status) => "<span class=\"badge s-" + E(status.Replace(' ', '-')) + "\">" + E(status) + "</span>";

    private static string Anchor(string id) => "item-" + id;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
        h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
        .meta{color:#57606a;margin:.2rem 0}.summary{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
        form{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:center;position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #d0d7de}
        input,select{font:inherit;padding:.2rem .4rem}input[type=search]{min-width:18rem}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa;position:sticky;top:2.8rem}ul{margin:0;padding-left:1rem}code{font-size:.92em;overflow-wrap:anywhere}
        td:first-child{white-space:nowrap}td:first-child code{overflow-wrap:normal}
        .src,.asm,.cases{color:#57606a;font-size:.85em}.none{color:#8c959f}.missing{color:#cf222e;font-size:.9em}.outdated{color:#9a6700;font-size:.9em}
        .badge{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.85em;border:1px solid currentColor}
        .s-covered,.s-passed,.s-mitigated{color:#1a7f37}.s-missing,.s-failing,.s-failed,.s-unmitigated{color:#cf222e}
        .s-not-run,.s-skipped,.s-not-applicable{color:#9a6700}
        tr[hidden]{display:none}footer{margin-top:2rem;color:#57606a;font-size:.85em}
        """;

    private const string Script = """
        (function () {
          'use strict';
          var q = document.getElementById('q');
          var kind = document.getElementById('kind');
          var status = document.getElementById('status');
          var shown = document.getElementById('shown');
          var rows = Array.prototype.slice.call(document.querySelectorAll('tr.item'));
          function apply(updateHash) {
            var text = q.value.trim().toLowerCase();
            var words = text.length ? text.split(/\s+/) : [];
            var visible = 0;
            rows.forEach(function (row) {
              var match = (!kind.value || row.getAttribute('data-kind') === kind.value)
                && (!status.value || row.getAttribute('data-status') === status.value)
                && words.every(function (w) { return row.getAttribute('data-search').indexOf(w) >= 0; });
              row.hidden = !match;
              if (match) { visible++; }
            });
            shown.textContent = visible + ' of ' + rows.length + ' items shown';
            if (updateHash && window.history && history.replaceState) {
              var params = new URLSearchParams();
              if (q.value.trim()) { params.set('q', q.value.trim()); }
              if (kind.value) { params.set('kind', kind.value); }
              if (status.value) { params.set('status', status.value); }
              var hash = params.toString();
              history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
            }
          }
          function fromHash() {
            var params = new URLSearchParams(location.hash.replace(/^#/, ''));
            if (params.has('q') || params.has('kind') || params.has('status')) {
              q.value = params.get('q') || '';
              kind.value = params.get('kind') || '';
              status.value = params.get('status') || '';
            }
            apply(false);
          }
          q.addEventListener('input', function () { apply(true); });
          kind.addEventListener('change', function () { apply(true); });
          status.addEventListener('change', function () { apply(true); });
          window.addEventListener('hashchange', fromHash);
          fromHash();
        }());
        """;
}
