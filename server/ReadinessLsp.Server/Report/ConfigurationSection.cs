using System.Text;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Server.Report;

/// <summary>Settings that differ between Development and Production or are missing, with their effective values and sources.</summary>
internal static class ConfigurationSection
{
    public static void Write(StringBuilder html, ReportContext context)
    {
        var tables = ConfigurationByEnvironment.Build(context.Input.State.Models);
        html.Append("<section id=\"configuration\" aria-labelledby=\"config-h\">\n<h2 id=\"config-h\">Configuration by environment</h2>\n");
        html.Append("<p class=\"lead\">Settings whose value in Production is not the one you test with, or that are missing. ");
        html.Append("Development reads <code>appsettings.json</code>, <code>appsettings.Development.json</code>, the <code>.env</code> file and the Development launch profile; ");
        html.Append("Production reads <code>appsettings.json</code> and <code>appsettings.Production.json</code>, plus whatever the server's environment sets, which this report cannot see. Secrets are masked.</p>\n");
        if (tables.Count == 0)
        {
            html.Append("<p class=\"empty\">No setting differs between Development and Production, and every setting the code reads is defined.</p>\n</section>\n");
            return;
        }

        foreach (var table in tables)
        {
            if (tables.Count > 1 || table.Folder != context.Input.State.Roots.FirstOrDefault()?.Path)
            {
                html.Append($"<h3>{Html.E(AppName(context, table.Folder))}</h3>\n");
            }

            html.Append("<div class=\"table-wrap\"><table class=\"settings\">\n<thead><tr><th scope=\"col\">Setting</th><th scope=\"col\">Development</th><th scope=\"col\">Production</th><th scope=\"col\">What it means</th></tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                html.Append($"<tr class=\"st-{Status(row.Status).Class}\"><th scope=\"row\"><code>{Html.E(row.Key)}</code></th>");
                html.Append("<td data-label=\"Development\">").Append(Cell(context, row.Development)).Append("</td>");
                html.Append("<td data-label=\"Production\">").Append(Cell(context, row.Production)).Append("</td>");
                html.Append($"<td class=\"means\"><span class=\"status\">{Html.E(Status(row.Status).Label)}</span> {Explain(context, row)}</td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
        }

        html.Append("</section>\n");
    }

    private static string Cell(ReportContext context, EnvironmentValue? value)
    {
        if (value is null)
        {
            return "<span class=\"unset\">not set</span>";
        }

        var shown = value.Display.Length == 0 ? "<span class=\"unset\">empty</span>" : $"<code class=\"value\">{Html.E(value.Display)}</code>";
        var secret = value.IsSecret ? " <span class=\"secret\" title=\"A secret: only a masked prefix is shown\">secret</span>" : string.Empty;
        return $"{shown}{secret}<br><span class=\"src\">{context.Location(value.Source.Path, value.Source.Range.Start, SourceLabel(context, value.Source))}</span>";
    }

    private static string SourceLabel(ReportContext context, ConfigDefinition source)
    {
        var where = $"{context.Input.Display(source.Path)}:{source.Range.Start.Line + 1}";
        return source.Source == ConfigSourceKind.LaunchSettings && source.Environment is { } env ? $"{where} ({env} profile)" : where;
    }

    private static string Explain(ReportContext context, SettingRow row)
    {
        var reads = row.Reads.Count == 0
            ? string.Empty
            : " Read in " + string.Join(", ", row.Reads.Take(3).Select(r => context.Location(r.Path, r.Range.Start))) + (row.Reads.Count > 3 ? $" and {row.Reads.Count - 3} more" : string.Empty) + ".";
        return row.Status switch
        {
            SettingStatus.DefinedNowhere => "No settings file defines it and the code gives no default: it is null unless the server sets it." + reads,
            SettingStatus.MissingInProduction when row.EnvironmentOnly.Count > 0 =>
                $"Set only as an environment variable ({string.Join(", ", row.EnvironmentOnly.Select(d => Html.E(context.Input.Display(d.Path))).Distinct())}): set it on the production server too." + reads,
            SettingStatus.MissingInProduction => "Production gets nothing unless the server's environment sets it." + reads,
            SettingStatus.MissingInDevelopment => "Only Production's settings define it." + reads,
            _ => "Production runs with a different value from the one you test with." + reads,
        };
    }

    private static (string Class, string Label) Status(SettingStatus status) => status switch
    {
        SettingStatus.DefinedNowhere => ("nowhere", "Defined nowhere."),
        SettingStatus.MissingInProduction => ("missing", "Missing in Production."),
        SettingStatus.MissingInDevelopment => ("prod-only", "Production only."),
        _ => ("differs", "Differs."),
    };

    private static string AppName(ReportContext context, string folder)
    {
        var root = context.Input.State.RootOf(folder);
        if (root is null || root.Path == folder)
        {
            return root is null ? folder : Path.GetFileName(folder);
        }

        return context.Input.Display(folder);
    }
}
