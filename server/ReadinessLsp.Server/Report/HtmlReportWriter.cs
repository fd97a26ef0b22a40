using System.Globalization;
using System.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// The readiness report: one self-contained HTML page a founder reads before launch. Verdict and
/// counts first, then the findings, who can call what, configuration by environment, a checklist of
/// what static analysis cannot see, and what the run did. Style and script are inline and allowed
/// by hash in the page's content security policy; nothing loads from anywhere, so the same page
/// works as a file, printed, and in an editor's webview.
/// </summary>
internal static class HtmlReportWriter
{
    private const int FixFirst = 5;

    public static void Write(ReportInput input, RuleCatalogue catalogue, TextWriter output, DateTimeOffset? generated = null) =>
        output.Write(Render(input, catalogue, generated ?? DateTimeOffset.UtcNow));

    public static string Render(ReportInput input, RuleCatalogue catalogue, DateTimeOffset generated)
    {
        var context = new ReportContext(input);
        var body = new StringBuilder(64 * 1024);
        var name = string.Join(", ", input.State.Roots.Select(r => Path.GetFileName(r.Path)));
        var endpoints = EndpointMapSection.Ordered(context);
        WriteHeader(body, input, name);
        body.Append("<main>\n");
        WriteVerdict(body, context, endpoints);
        WriteChart(body, context.Ordered);
        FindingsSection.Write(body, context);
        EndpointMapSection.Write(body, context, endpoints);
        ConfigurationSection.Write(body, context);
        RunSection.WriteChecklist(body);
        RunSection.Write(body, context, catalogue, generated);
        body.Append("</main>\n");

        return ReportAssets.Template
            .Replace("{{csp}}", ReportAssets.ContentSecurityPolicy, StringComparison.Ordinal)
            .Replace("{{title}}", Html.E($"Readiness report — {name}"), StringComparison.Ordinal)
            .Replace("{{style}}", ReportAssets.Style, StringComparison.Ordinal)
            .Replace("{{script}}", ReportAssets.Script, StringComparison.Ordinal)
            .Replace("{{body}}", body.ToString(), StringComparison.Ordinal);
    }

    private static void WriteHeader(StringBuilder html, ReportInput input, string name)
    {
        html.Append("<header class=\"top\">\n<div class=\"brand\">Readiness report</div>\n");
        html.Append($"<div class=\"app\">{Html.E(name)}</div>\n");
        html.Append("<nav aria-label=\"Sections\"><a href=\"#findings\">Findings</a><a href=\"#endpoints\">Who can call what</a><a href=\"#configuration\">Configuration</a><a href=\"#checklist\">Checklist</a><a href=\"#run\">About this run</a></nav>\n");
        html.Append("</header>\n");
    }

    private static void WriteVerdict(StringBuilder html, ReportContext context, IReadOnlyList<Engine.Model.Http.Endpoint> endpoints)
    {
        var findings = context.Ordered;
        var verdict = Verdict.Of(findings);
        html.Append($"<section id=\"verdict\" class=\"verdict v-{verdict.Level}\" aria-labelledby=\"verdict-h\">\n");
        html.Append($"<h1 id=\"verdict-h\">{Html.E(verdict.Headline)}</h1>\n<p class=\"detail\">{Html.E(verdict.Detail)}</p>\n");
        html.Append("<div class=\"counts\">");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var n = findings.Count(f => f.Severity == severity);
            html.Append($"<a class=\"count sev-{severity.Name()}{(n == 0 ? " zero" : string.Empty)}\" href=\"#findings\" data-only-sev=\"{severity.Name()}\">");
            html.Append($"<b>{n}</b><span class=\"label\">{Html.E(SeverityLabel(severity, n))}</span><span class=\"means\">{Html.E(SeverityMeaning(severity))}</span></a>");
        }

        html.Append("</div>\n");
        if (EndpointMapSection.Summary(endpoints) is { } reach)
        {
            html.Append($"<p class=\"reach\"><a href=\"#endpoints\">Who can call what</a>: {Html.E(reach)}</p>\n");
        }

        // One line per rule, most severe and most exposed family first: three copies of one mistake are one thing to fix.
        var first = findings.Where(f => f.Severity <= Severity.Warning)
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Min(f => f.Severity))
            .ThenBy(g => RiskFamilies.All.ToList().IndexOf(RiskFamilies.Of(g.First().Rule.Category)))
            .ThenByDescending(g => g.Count())
            .Take(FixFirst)
            .ToList();
        if (first.Count > 0)
        {
            html.Append("<h2 class=\"first-h\">Fix first</h2>\n<ol class=\"fix-first\">");
            foreach (var rule in first)
            {
                var finding = rule.First();
                var more = rule.Count() > 1 ? $" and {rule.Count() - 1} more" : string.Empty;
                html.Append($"<li><a href=\"#{context.Ids[finding]}\" data-open=\"{context.Ids[finding]}\"><span class=\"badge sev-{finding.Severity.Name()}\">{finding.Severity.Name()}</span> {Html.E(finding.Rule.Title)}</a> <span class=\"where\">{Html.E(context.Input.Display(finding.Path))}:{finding.Range.Start.Line + 1}{more}</span></li>");
            }

            html.Append("</ol>\n");
        }

        html.Append("</section>\n");
    }

    private static string SeverityLabel(Severity severity, int n) => severity switch
    {
        Severity.Error => n == 1 ? "error" : "errors",
        Severity.Warning => n == 1 ? "warning" : "warnings",
        Severity.Info => "info",
        _ => n == 1 ? "hint" : "hints",
    };

    private static string SeverityMeaning(Severity severity) => severity switch
    {
        Severity.Error => "let someone in, leak data or stop the app",
        Severity.Warning => "break under load, corrupt data or differ in production",
        Severity.Info => "worth fixing as you grow",
        _ => "hygiene",
    };

    /// <summary>
    /// Findings per family, stacked by severity, as inline SVG (every family shown, even at zero).
    /// Drawn twice: labels beside the bars for wide screens and paper, above them for phones, so
    /// the text stays readable at either width.
    /// </summary>
    private static void WriteChart(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        var counts = RiskFamilies.All.Select(f => (Family: f, Findings: findings.Where(x => RiskFamilies.Of(x.Rule.Category) == f).ToList())).ToList();
        html.Append("<section id=\"chart\" aria-labelledby=\"chart-h\">\n<h2 id=\"chart-h\">By risk family</h2>\n");
        var summary = string.Join("; ", counts.Select(c => $"{c.Family.Name}: {c.Findings.Count}"));
        WriteChartSvg(html, counts, summary, wide: true);
        WriteChartSvg(html, counts, summary, wide: false);
        var quiet = counts.Where(c => c.Findings.Count == 0).Select(c => c.Family.Name.ToLowerInvariant()).ToList();
        if (quiet.Count > 0)
        {
            html.Append($"<p class=\"note\">Nothing found in {Html.E(string.Join(", ", quiet))}. The rules look for known shapes of each risk; none found is good news, not proof.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void WriteChartSvg(StringBuilder html, IReadOnlyList<(RiskFamily Family, List<Finding> Findings)> counts, string summary, bool wide)
    {
        // Wide: label | bar | count on one line. Narrow: the label above a full-width bar.
        var (labelWidth, barWidth, rowHeight, barOffset) = wide ? (210, 330, 34, 6) : (0, 300, 46, 22);
        var max = Math.Max(1, counts.Max(c => c.Findings.Count));
        var height = 8 + (counts.Count * rowHeight) + 24;
        var id = wide ? "chart-wide" : "chart-narrow";
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart {(wide ? "wide" : "narrow")}\" viewBox=\"0 0 {labelWidth + barWidth + 40} {height}\" role=\"img\" aria-labelledby=\"{id}\">");
        html.Append($"<title id=\"{id}\">Findings by risk family: {Html.E(summary)}</title>");
        for (var i = 0; i < counts.Count; i++)
        {
            var (family, mine) = counts[i];
            var y = 8 + (i * rowHeight);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"row{(mine.Count == 0 ? " zero" : string.Empty)}\" data-family=\"{family.Id}\">");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"0\" y=\"{y + (wide ? 21 : 15)}\">{Html.E(family.Name)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{labelWidth}\" y=\"{y + barOffset}\" width=\"{barWidth}\" height=\"18\" rx=\"3\"/>");
            double x = labelWidth;
            foreach (var severity in Enum.GetValues<Severity>())
            {
                var n = mine.Count(f => f.Severity == severity);
                if (n > 0)
                {
                    var width = (double)n / max * barWidth;
                    html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar sev-{severity.Name()}\" x=\"{x:0.#}\" y=\"{y + barOffset}\" width=\"{width:0.#}\" height=\"18\"><title>{Html.E(family.Name)}: {n} {severity.Name()}</title></rect>");
                    x += width;
                }
            }

            html.Append(CultureInfo.InvariantCulture, $"<text class=\"n\" x=\"{x + 8:0.#}\" y=\"{y + barOffset + 14}\">{mine.Count}</text></g>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" transform=\"translate({labelWidth},{height - 10})\">");
        var lx = 0;
        foreach (var severity in Enum.GetValues<Severity>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar sev-{severity.Name()}\" x=\"{lx}\" y=\"-9\" width=\"10\" height=\"10\"/><text x=\"{lx + 14}\" y=\"0\">{severity.Name()}</text>");
            lx += 74;
        }

        html.Append("</g></svg>\n");
    }
}
