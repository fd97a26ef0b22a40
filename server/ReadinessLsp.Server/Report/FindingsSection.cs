using System.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// Every finding, grouped by risk family then file, most severe first; each opens to the hover
/// explanation, the related places, the fix as a diff and the comment that silences it.
/// </summary>
internal static class FindingsSection
{
    public static void Write(StringBuilder html, ReportContext context)
    {
        var findings = context.Ordered;
        html.Append("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings</h2>\n");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"empty\">No finding. The checklist below lists what reading the code cannot show.</p>\n</section>\n");
            return;
        }

        WriteFilters(html, findings);
        var families = findings.GroupBy(f => RiskFamilies.Of(f.Rule.Category))
            .OrderBy(g => g.Min(f => f.Severity))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => RiskFamilies.All.ToList().IndexOf(g.Key));
        foreach (var family in families)
        {
            html.Append($"<section class=\"family\" data-family=\"{family.Key.Id}\" aria-labelledby=\"fam-{family.Key.Id}\">\n");
            html.Append($"<h3 id=\"fam-{family.Key.Id}\">{Html.E(family.Key.Name)} <span class=\"n\">{family.Count()}</span></h3>\n");
            html.Append($"<p class=\"question\">{Html.E(family.Key.Question)}</p>\n");
            var files = family.GroupBy(f => f.Path, StringComparer.Ordinal)
                .OrderBy(g => g.Min(f => f.Severity))
                .ThenByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var file in files)
            {
                html.Append($"<div class=\"file\">\n<h4>{Html.E(context.Input.Display(file.Key))}</h4>\n");
                foreach (var finding in file.OrderBy(f => f.Severity).ThenBy(f => f.Range.Start))
                {
                    WriteFinding(html, context, finding, family.Key);
                }

                html.Append("</div>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("<p class=\"empty\" id=\"no-match\" hidden>No finding matches these filters.</p>\n</section>\n");
    }

    private static void WriteFilters(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        html.Append("<div class=\"filters\" role=\"search\">\n<div class=\"chips\" aria-label=\"Severity\">");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var n = findings.Count(f => f.Severity == severity);
            if (n > 0)
            {
                html.Append($"<button type=\"button\" class=\"chip sev-{severity.Name()}\" data-filter=\"sev\" data-value=\"{severity.Name()}\" aria-pressed=\"true\">{severity.Name()} <b>{n}</b></button>");
            }
        }

        html.Append("</div>\n<div class=\"chips\" aria-label=\"Risk family\">");
        foreach (var family in RiskFamilies.All)
        {
            var n = findings.Count(f => RiskFamilies.Of(f.Rule.Category) == family);
            if (n > 0)
            {
                html.Append($"<button type=\"button\" class=\"chip\" data-filter=\"family\" data-value=\"{family.Id}\" aria-pressed=\"true\">{Html.E(family.Name)} <b>{n}</b></button>");
            }
        }

        html.Append("</div>\n<div class=\"search-row\"><label class=\"search\"><span>Search</span><input type=\"search\" id=\"search\" placeholder=\"file, rule, setting, words\" autocomplete=\"off\"></label>");
        html.Append("<button type=\"button\" id=\"expand\" class=\"plain\">Open all</button></div>\n");
        html.Append($"<p class=\"shown\" id=\"shown\" aria-live=\"polite\">{Html.Plural(findings.Count, "finding")}</p>\n</div>\n");
    }

    private static void WriteFinding(StringBuilder html, ReportContext context, Finding finding, RiskFamily family)
    {
        var severity = finding.Severity.Name();
        var id = context.Ids[finding];
        html.Append($"<details class=\"finding sev-{severity}\" id=\"{id}\" data-sev=\"{severity}\" data-family=\"{family.Id}\">\n");
        html.Append($"<summary><span class=\"badge sev-{severity}\">{severity}</span><span class=\"what\"><span class=\"title\">{Html.E(finding.Rule.Title)}</span>");
        html.Append($"<span class=\"msg\">{Html.E(finding.Message)}</span></span>");
        html.Append($"<span class=\"where\">{Html.E(context.Input.Display(finding.Path))}:{finding.Range.Start.Line + 1}</span></summary>\n");
        html.Append("<div class=\"body\">\n");

        html.Append("<p class=\"at\">").Append(context.Location(finding.Path, finding.Range.Start)).Append($" <span class=\"rule\">{finding.RuleId} · {Html.E(finding.Rule.Category)}</span></p>\n");
        if (context.Line(finding.Path, finding.Range.Start.Line) is { } line && line.Trim().Length > 0)
        {
            html.Append($"<pre class=\"excerpt\"><span class=\"ln\">{finding.Range.Start.Line + 1}</span>{Html.E(Shorten(line.Trim()))}</pre>\n");
        }

        html.Append("<div class=\"hover\">").Append(MarkdownRenderer.ToHtml(finding.HoverMarkdown)).Append("</div>\n");

        if (finding.Related.Count > 0)
        {
            html.Append("<h5>Related places</h5>\n<ul class=\"related\">");
            foreach (var related in finding.Related)
            {
                html.Append("<li>").Append(context.Location(related.Path, related.Range.Start)).Append(" — ").Append(Html.E(related.Message)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        foreach (var fix in context.Input.FixesOf(finding))
        {
            WriteFix(html, context, finding, fix);
        }

        var comment = $"{(FileClassifier.Classify(finding.Path) == FileKind.EnvFile ? "#" : "//")} {InlineSuppressions.Marker} {finding.RuleId}: <reason>";
        html.Append("<h5>Not a problem here?</h5>\n<p class=\"suppress\">Put this comment on the line above (or at the end of line ")
            .Append(finding.Range.Start.Line + 1).Append("), with the reason:</p>\n");
        html.Append($"<div class=\"copyable\"><code>{Html.E(comment)}</code><button type=\"button\" class=\"copy plain\" data-copy=\"{Html.E(comment)}\">Copy</button></div>\n");
        html.Append("</div>\n</details>\n");
    }

    private static void WriteFix(StringBuilder html, ReportContext context, Finding finding, Fix fix)
    {
        var hunks = FixDiff.Of(fix, context.Input.Texts, context.Redactor.Line);
        if (hunks.Count == 0)
        {
            return;
        }

        html.Append($"<h5>Fix: {Html.E(finding.FixTitle(fix))}</h5>\n");
        if (finding.Rule.Fix?.Description is { Length: > 0 } description)
        {
            html.Append("<div class=\"fix-note\">").Append(MarkdownRenderer.ToHtml(description)).Append("</div>\n");
        }

        foreach (var hunk in hunks)
        {
            html.Append($"<div class=\"diff\"><div class=\"diff-file\">{Html.E(context.Input.Display(hunk.Path))}{(hunk.CreatesFile ? " (new file)" : string.Empty)}</div><pre>");
            foreach (var line in hunk.Lines)
            {
                var kind = line.Kind switch { '-' => "del", '+' => "add", _ => "ctx" };
                var number = line.Kind == '+' ? string.Empty : line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                html.Append($"<span class=\"{kind}\"><span class=\"ln\">{number}</span><span class=\"mark\">{(line.Kind == ' ' ? ' ' : line.Kind)}</span>{Html.E(line.Text)}\n</span>");
            }

            html.Append("</pre></div>\n");
        }
    }

    private static string Shorten(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length > 240 ? trimmed[..240] + "…" : trimmed;
    }
}
