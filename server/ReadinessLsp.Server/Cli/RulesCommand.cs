using System.Text;
using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// <c>readiness rules [--markdown]</c>: the catalogue as a table. The README's rules table is this
/// command's Markdown output, and a test keeps the two equal.
/// </summary>
internal static class RulesCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.FirstOrDefault(a => a != "--markdown") is { } unknown)
        {
            stderr.WriteLine($"readiness: unknown option '{unknown}' for rules (only --markdown)");
            return 2;
        }

        stdout.Write(args.Contains("--markdown") ? Markdown(RuleCatalogue.Default) : Text(RuleCatalogue.Default));
        return 0;
    }

    public static string Markdown(RuleCatalogue catalogue)
    {
        var sb = new StringBuilder();
        sb.Append("| Rule | Title | Severity | Category | Files | Fix |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var rule in catalogue.Rules)
        {
            sb.Append($"| <a id=\"{rule.DocsAnchor}\"></a>{rule.Id} | {rule.Title} — {Escape(rule.Summary)} | {SeverityText(rule)} | {rule.Category} | {string.Join(", ", rule.AppliesTo)} | {(rule.Fix is null ? "—" : Escape(rule.Fix.Title))} |\n");
        }

        return sb.ToString();
    }

    private static string Text(RuleCatalogue catalogue)
    {
        var sb = new StringBuilder();
        foreach (var rule in catalogue.Rules)
        {
            sb.Append($"{rule.Id}  {rule.DefaultSeverity.Name(),-7}  {rule.Category,-15}  {rule.Title}{(rule.EnabledByDefault ? string.Empty : " (off by default)")}\n");
        }

        return sb.ToString();
    }

    // An opt-in rule says so where its severity is shown: it reports nothing until switched on.
    private static string SeverityText(RuleDescriptor rule) =>
        rule.EnabledByDefault ? rule.DefaultSeverity.Name() : $"{rule.DefaultSeverity.Name()}, off by default";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
