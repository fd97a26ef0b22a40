using System.Globalization;
using System.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Server.Cli;

namespace ReadinessLsp.Server.Report;

/// <summary>The pre-launch checklist, and what the run did: files read and skipped, rules switched off, version, time.</summary>
internal static class RunSection
{
    public static void WriteChecklist(StringBuilder html)
    {
        html.Append("<section id=\"checklist\" aria-labelledby=\"checklist-h\">\n<h2 id=\"checklist-h\">Before launch: what reading the code cannot show</h2>\n");
        html.Append("<div class=\"checklist\">").Append(MarkdownRenderer.ToHtml(ReportAssets.Checklist)).Append("</div>\n</section>\n");
    }

    public static void Write(StringBuilder html, ReportContext context, RuleCatalogue catalogue, DateTimeOffset generated)
    {
        var input = context.Input;
        html.Append("<section id=\"run\" aria-labelledby=\"run-h\">\n<h2 id=\"run-h\">About this run</h2>\n<dl class=\"facts\">\n");
        Fact(html, input.State.Roots.Count == 1 ? "Folder" : "Folders", string.Join(", ", input.State.Roots.Select(r => Html.E(Path.GetFileName(r.Path)))));
        Fact(html, "Files analysed", input.State.Files.Count.ToString("N0", CultureInfo.InvariantCulture));
        var seconds = input.Elapsed is { } elapsed ? $"{elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s" : null;
        Fact(html, "Time taken", input.EditorLinks ? $"{(seconds is null ? string.Empty : seconds + " for the last full scan; ")}kept up to date while you edit" : seconds ?? "—");
        Fact(html, "Rules", catalogue.Rules.Count.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Tool", $"{ToolInfo.Name} {Html.E(ToolInfo.Version)}");
        Fact(html, "Generated", generated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        html.Append("</dl>\n");

        html.Append("<h3>Rules switched off</h3>\n");
        var changed = input.State.Roots.SelectMany(r => r.Settings.Enabled
                ? r.Settings.Rules.Select(s => (Root: r.Path, Id: s.Key, s.Value.Off, s.Value.Severity))
                : [(r.Path, "*", true, null)])
            .Where(x => x.Off || x.Severity is not null)
            .ToList();
        var off = changed.Where(x => x.Off).ToList();
        if (off.Count == 0)
        {
            html.Append("<p>None: every rule ran.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"plain-list\">");
            foreach (var (root, id, _, _) in off)
            {
                var title = catalogue.TryGet(id, out var rule) ? $" — {Html.E(rule.Title)}" : string.Empty;
                html.Append(id == "*" ? $"<li>Every rule, in {Html.E(root)} (<code>\"enable\": false</code>)</li>" : $"<li><code>{Html.E(id)}</code>{title}</li>");
            }

            html.Append("</ul>\n");
        }

        var raised = changed.Where(x => !x.Off).ToList();
        if (raised.Count > 0)
        {
            html.Append("<p>Severity changed by settings: ")
                .Append(string.Join(", ", raised.Select(x => $"<code>{Html.E(x.Id)}</code> → {x.Severity!.Value.Name()}")))
                .Append(".</p>\n");
        }

        html.Append("<h3>Files skipped</h3>\n");
        if (input.Skipped.Count == 0)
        {
            html.Append("<p>None.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"plain-list\">");
            foreach (var skipped in input.Skipped.OrderBy(s => s.Path, StringComparer.Ordinal))
            {
                html.Append($"<li><code>{Html.E(input.Display(skipped.Path))}</code> — {Html.E(skipped.Reason)}</li>");
            }

            html.Append("</ul>\n");
        }

        html.Append("<p class=\"note\">Git-ignored files and <code>bin</code>, <code>obj</code>, <code>node_modules</code> and <code>.git</code> folders are not read.</p>\n</section>\n");
    }

    private static void Fact(StringBuilder html, string name, string valueHtml) =>
        html.Append($"<div><dt>{name}</dt><dd>{valueHtml}</dd></div>\n");
}
