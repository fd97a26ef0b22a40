using System.ComponentModel;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class ListFindingsTool(CheckResults results)
{
    [McpServerTool(Name = "list_findings", Title = "Next page of findings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FindingsPage))]
    [Description("The next page of a previous check_workspace or check_files answer, for its nextCursor. Pages come from that answer as it was; check again for the current state.")]
    public CallToolResult ListFindings(
        [Description("The nextCursor of a previous answer, unchanged.")] string cursor,
        [Description("Findings per page, 1-100.")] int limit = 20)
    {
        var pageSize = ToolResult.Limit(limit);
        var (record, offset) = results.Resolve(cursor);
        if (record.Endpoints is not null)
        {
            throw new McpException("That cursor belongs to list_endpoints: pass it there.");
        }

        var page = record.Findings.Skip(offset).Take(pageSize).Select(f => FindingItem.Of(record.State, f, record.Texts)).ToList();
        var next = record.CursorAfter(offset, page.Count);
        var result = new FindingsPage(record.Findings.Count, offset, page, next is not null, next);
        var text = new StringBuilder();
        FindingOrder.AppendPage(text, page, offset, record.Findings.Count, next);
        if (page.Count == 0)
        {
            text.Append($"No more findings: that answer had {record.Findings.Count}.\n");
        }

        return ToolResult.Of(result, text.ToString());
    }
}

/// <summary>The answer of <c>list_findings</c>.</summary>
internal sealed record FindingsPage(
    [property: Description("Findings in the answer the cursor belongs to.")] int Total,
    int Offset,
    IReadOnlyList<FindingItem> Findings,
    bool Truncated,
    [property: Description("Null on the last page.")] string? NextCursor);
