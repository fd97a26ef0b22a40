using System.ComponentModel;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class CheckWorkspaceTool(McpWorkspace workspace, CheckResults results)
{
    [McpServerTool(Name = "check_workspace", Title = "Check the whole workspace", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(WorkspaceCheck))]
    [Description("Production-readiness findings for the whole workspace (C#, appsettings*.json, launchSettings.json, .env): counts by severity and category, then the first page, most severe first. Answers from the server's warm state, current with the disk. Filters narrow the page, not the counts.")]
    public async Task<CallToolResult> CheckWorkspaceAsync(
        [Description("Lowest severity to list: error, warning, info or hint.")] string severity = "hint",
        [Description("Only this category, e.g. access-control, secrets, configuration, database-scale.")] string? category = null,
        [Description("Only this file, or files under this folder (workspace-relative).")] string? path = null,
        [Description("Findings per page, 1-100.")] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        if (!SeverityNames.TryParse(severity, out var minimum))
        {
            throw new McpException($"Unknown severity '{severity}'. Use error, warning, info or hint.");
        }

        if (category is not null && !RuleCategory.All.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            throw new McpException($"Unknown category '{category}'. Use one of: {string.Join(", ", RuleCategory.All)}.");
        }

        var pageSize = ToolResult.Limit(limit);
        var state = await workspace.ReadyAsync(cancellationToken);
        var folder = path is null or "" or "." or "./" ? null : WorkspacePaths.Resolve(state.Roots, path);
        var all = state.AllFindings.ToList();
        var matching = FindingOrder.MostSevereFirst(all.Where(f =>
            f.Severity <= minimum &&
            (category is null || f.Rule.Category.Equals(category, StringComparison.OrdinalIgnoreCase)) &&
            (folder is null || PathNormalizer.IsUnder(folder, f.Path))));
        var record = results.Add(state, DiskTextSource.Instance, matching);
        var page = matching.Take(pageSize).Select(f => FindingItem.Of(state, f, DiskTextSource.Instance)).ToList();
        var next = record.CursorAfter(0, page.Count);
        var result = new WorkspaceCheck(
            state.Files.Count,
            workspace.Skipped.Count,
            all.Count,
            FindingOrder.BySeverity(all),
            FindingOrder.ByCategory(all),
            matching.Count,
            page,
            next is not null,
            next);

        var text = new StringBuilder();
        text.Append($"{all.Count} findings in {state.Findings.Count} of {state.Files.Count} files ({FindingOrder.Counts(result.BySeverity)}).");
        if (result.ByCategory.Count > 0)
        {
            text.Append($" By category: {string.Join(", ", result.ByCategory.Select(c => $"{c.Key} {c.Value}"))}.");
        }

        if (matching.Count != all.Count)
        {
            text.Append($" {matching.Count} match the filters.");
        }

        text.Append('\n');
        FindingOrder.AppendPage(text, page, 0, matching.Count, next);
        if (all.Count > 0)
        {
            text.Append("explain_finding(id) says why; get_fix(id) gives the edit.\n");
        }

        return ToolResult.Of(result, text.ToString());
    }
}

/// <summary>The answer of <c>check_workspace</c>.</summary>
internal sealed record WorkspaceCheck(
    int FilesAnalyzed,
    [property: Description("Listed but not analysed (too large, binary).")] int FilesSkipped,
    [property: Description("Findings in the whole workspace.")] int Total,
    IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyDictionary<string, int> ByCategory,
    [property: Description("Findings that pass the filters.")] int Matching,
    IReadOnlyList<FindingItem> Findings,
    bool Truncated,
    [property: Description("For list_findings; null on the last page.")] string? NextCursor);
