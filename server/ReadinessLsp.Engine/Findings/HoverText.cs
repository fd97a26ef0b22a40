using System.Text;
using System.Text.RegularExpressions;


namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// The hover for findings at a position: the rule's explanation (what happens in production, why,
/// how to fix) and the link to its docs. Plain text for clients that do not render Markdown.
/// </summary>
internal static partial class HoverText
{
    public static string Markdown(IEnumerable<Finding> findings)
    {
        var sb = new StringBuilder();
        foreach (var finding in findings)
        {
            if (sb.Length > 0)
            {
                sb.Append("\n\n---\n\n");
            }

            sb.Append("**").Append(finding.Rule.Title).Append("** (").Append(finding.RuleId).Append(")\n\n");
            sb.Append(finding.HoverMarkdown).Append("\n\n");
            sb.Append('[').Append(finding.RuleId).Append(" documentation](").Append(finding.Rule.HelpUri).Append(')');
        }

        return sb.ToString();
    }

    public static string PlainText(string markdown)
    {
        var text = Link().Replace(markdown, "$1 ($2)");
        text = text.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
        text = Heading().Replace(text, string.Empty);
        return text.Replace("\n---\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?m)^#+\s*")]
    private static partial Regex Heading();
}
