using System.ComponentModel;
using System.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>A finding as a list shows it: enough to decide what to look at, nothing more.</summary>
internal sealed record FindingItem(
    [property: Description("Stable id (fingerprint): the same when lines move.")] string Id,
    string Rule,
    string Severity,
    string Category,
    string Path,
    int Line,
    int Column,
    string Message,
    [property: Description("Title of the automatic fix, or null.")] string? Fix)
{
    /// <summary>
    /// The finding as listed. Its fix is materialised against <paramref name="texts"/>, so a fix
    /// that cannot be made safely to the files as they are now is not promised.
    /// </summary>
    public static FindingItem Of(WorkspaceState state, Finding finding, ITextSource texts) => new(
        finding.Fingerprint,
        finding.RuleId,
        finding.Severity.Name(),
        finding.Rule.Category,
        WorkspacePaths.Display(state, finding.Path),
        finding.Range.Start.Line + 1,
        finding.Range.Start.Character + 1,
        finding.Message,
        finding.Fixes.Count > 0 && state.MaterialisedFixes(finding, texts) is [var fix, ..] ? finding.FixTitle(fix) : null);

    /// <summary>One line for the text block: <c>error RDY2001 Program.cs:63:1 message [fix: title] id=...</c>.</summary>
    public string ToLine() =>
        $"{Severity} {Rule} {Path}:{Line}:{Column} {Message}{(Fix is null ? string.Empty : $" [fix: {Fix}]")} id={Id}";
}

/// <summary>How lists are ordered and written: most severe first, then by place.</summary>
internal static class FindingOrder
{
    public static IReadOnlyList<Finding> MostSevereFirst(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Range.Start.Line)
            .ThenBy(f => f.Range.Start.Character)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)];

    /// <summary>"3 error, 1 warning" over the severities present, most severe first.</summary>
    public static string Counts(IReadOnlyDictionary<string, int> bySeverity) =>
        bySeverity.Count == 0 ? "none" : string.Join(", ", bySeverity.Select(s => $"{s.Value} {s.Key}"));

    public static IReadOnlyDictionary<string, int> BySeverity(IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Severity).OrderBy(g => g.Key).ToDictionary(g => g.Key.Name(), g => g.Count());

    public static IReadOnlyDictionary<string, int> ByCategory(IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Rule.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The page's lines and, when there is more, how to get it.</summary>
    public static void AppendPage(StringBuilder text, IReadOnlyList<FindingItem> page, int offset, int total, string? nextCursor)
    {
        if (page.Count > 0)
        {
            text.Append($"Showing {offset + 1}-{offset + page.Count} of {total}:\n");
        }

        foreach (var item in page)
        {
            text.Append(item.ToLine()).Append('\n');
        }

        if (nextCursor is not null)
        {
            text.Append($"Truncated: {total - offset - page.Count} more. Call list_findings with cursor \"{nextCursor}\".\n");
        }
    }
}
