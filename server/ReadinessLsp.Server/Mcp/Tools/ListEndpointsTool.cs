using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class ListEndpointsTool(McpWorkspace workspace, CheckResults results)
{
    [McpServerTool(Name = "list_endpoints", Title = "List the HTTP endpoints", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(EndpointList))]
    [Description("The app's endpoint inventory (controller actions, minimal APIs, Razor Pages handlers, SignalR hub methods): route and verbs, who may call it and why (the attribute, convention or fallback policy that decides), rate limiting, and whether it changes data. Least protected first. Use it to review access before adding or changing an endpoint.")]
    public async Task<CallToolResult> ListEndpointsAsync(
        [Description("Only endpoints anyone can call without signing in.")] bool anonymous = false,
        [Description("Only endpoints that change data (POST, PUT, PATCH, DELETE, a handler that saves or deletes, a hub method that broadcasts).")] bool changesData = false,
        [Description("Only handlers in this file or under this folder (workspace-relative).")] string? path = null,
        [Description("Endpoints per page, 1-100.")] int limit = 20,
        [Description("The nextCursor of a previous list_endpoints answer; the filters are then those of that answer.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var pageSize = ToolResult.Limit(limit);
        CheckRecord record;
        var offset = 0;
        if (cursor is not null)
        {
            (record, offset) = results.Resolve(cursor);
            if (record.Endpoints is null)
            {
                throw new McpException("That cursor belongs to a check: pass it to list_findings.");
            }
        }
        else
        {
            var state = await workspace.ReadyAsync(cancellationToken);
            var folder = path is null or "" or "." or "./" ? null : WorkspacePaths.Resolve(state.Roots, path);
            var inventory = Inventory.Of(state.Models.Get<EndpointIndex>());
            var matching = inventory.Ordered
                .Where(e => (!anonymous || e.Anonymous) && (!changesData || e.ChangesData) && (folder is null || PathNormalizer.IsUnder(folder, e.Endpoint.Path)))
                .Select(e => e.Endpoint)
                .ToList();
            record = results.Add(state, matching);
        }

        var counts = Inventory.Of(record.State.Models.Get<EndpointIndex>());
        var endpoints = record.Endpoints!;
        var page = endpoints.Skip(offset).Take(pageSize).Select(e => Item(record.State, e)).ToList();
        var next = record.CursorAfter(offset, page.Count);
        var result = new EndpointList(
            counts.Ordered.Count,
            counts.Anonymous,
            counts.ChangingData,
            counts.AnonymousChangingData,
            endpoints.Count,
            offset,
            page,
            next is not null,
            next);

        var text = new StringBuilder();
        text.Append($"{result.Total} endpoints: {result.Anonymous} anyone can call, {result.ChangingData} change data, {result.AnonymousChangingData} both.");
        if (endpoints.Count != counts.Ordered.Count)
        {
            text.Append($" {endpoints.Count} match the filters.");
        }

        text.Append('\n');
        if (page.Count > 0)
        {
            text.Append($"Showing {offset + 1}-{offset + page.Count} of {endpoints.Count}:\n");
        }

        foreach (var item in page)
        {
            text.Append(item.ToLine()).Append('\n');
        }

        if (next is not null)
        {
            text.Append($"Truncated: {endpoints.Count - offset - page.Count} more. Call list_endpoints with cursor \"{next}\".\n");
        }

        return ToolResult.Of(result, text.ToString());
    }

    /// <summary>
    /// The index's endpoints in the order shown (least protected, then data-changing, first) with the
    /// counts, computed once per built index: a large workspace has tens of thousands of endpoints,
    /// and the index is kept across calls until a file with endpoint facts changes.
    /// </summary>
    private sealed record Inventory(IReadOnlyList<(Endpoint Endpoint, bool Anonymous, bool ChangesData)> Ordered, int Anonymous, int ChangingData, int AnonymousChangingData)
    {
        private static readonly ConditionalWeakTable<EndpointIndex, Inventory> Built = [];

        public static Inventory Of(EndpointIndex index) => Built.GetValue(index, static index =>
        {
            // A handler that serves several apps is listed once, with its weakest answer: it is reachable that way.
            var ordered = index.All
                .Select(e => (Endpoint: e, Anonymous: e.IsAnonymous, e.ChangesData))
                .OrderBy(e => e.Endpoint.Authorization.Access)
                .ThenByDescending(e => e.ChangesData)
                .ThenBy(e => e.Endpoint.Path, StringComparer.Ordinal)
                .ThenBy(e => e.Endpoint.Span.Start)
                .DistinctBy(e => (e.Endpoint.Path, e.Endpoint.Member, e.Endpoint.Display, e.Endpoint.Span.Start))
                .ToList();
            return new Inventory(ordered, ordered.Count(e => e.Anonymous), ordered.Count(e => e.ChangesData), ordered.Count(e => e.Anonymous && e.ChangesData));
        });
    }

    private static EndpointItem Item(WorkspaceState state, Endpoint endpoint)
    {
        var auth = endpoint.Authorization;
        return new EndpointItem(
            endpoint.Display,
            endpoint.Kind switch { EndpointKind.Action => "action", EndpointKind.Minimal => "minimal", EndpointKind.Page => "page", _ => "hub-method" },
            endpoint.Member,
            WorkspacePaths.Display(state, endpoint.Path),
            endpoint.Span.Start.Line + 1,
            auth.Access switch { Access.Anyone => "anyone", Access.SignedIn => "signed-in", _ => "restricted" },
            auth.OnPurpose,
            auth.Because,
            [.. auth.Roles],
            [.. auth.Policies],
            endpoint.ChangesData,
            endpoint.RateLimit.Limited,
            endpoint.RateLimit.Policy,
            endpoint.RateLimit.Because,
            endpoint.App.Length == 0 ? null : WorkspacePaths.Display(state, endpoint.App));
    }
}

/// <summary>The answer of <c>list_endpoints</c>.</summary>
internal sealed record EndpointList(
    [property: Description("Endpoints in the workspace.")] int Total,
    int Anonymous,
    int ChangingData,
    int AnonymousChangingData,
    [property: Description("Endpoints that pass the filters.")] int Matching,
    int Offset,
    IReadOnlyList<EndpointItem> Endpoints,
    bool Truncated,
    [property: Description("For list_endpoints; null on the last page.")] string? NextCursor);

internal sealed record EndpointItem(
    [property: Description("Verbs and route, e.g. \"DELETE /api/orders/{id}\".")] string Endpoint,
    [property: Description("action, minimal, page or hub-method.")] string Kind,
    string Handler,
    string Path,
    int Line,
    [property: Description("Who may call it: anyone, signed-in or restricted (roles or policies).")] string Access,
    [property: Description("Anonymous on purpose ([AllowAnonymous]), not by omission.")] bool OnPurpose,
    [property: Description("What decides its access.")] string Why,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Policies,
    bool ChangesData,
    bool RateLimited,
    string? RateLimitPolicy,
    string RateLimitWhy,
    [property: Description("The web project it belongs to, when there are projects.")] string? App)
{
    /// <summary>One line for the text block: <c>POST /api/orders anyone (why) · changes data · no rate limit · OrdersController.Create Controllers/OrdersController.cs:42</c>.</summary>
    public string ToLine()
    {
        var who = Access switch
        {
            "anyone" => OnPurpose ? "anyone (on purpose)" : "anyone",
            "signed-in" => "signed-in users",
            _ => $"only {string.Join(", ", Roles.Select(r => $"role {r}").Concat(Policies.Select(p => $"policy {p}")).DefaultIfEmpty("a custom check"))}",
        };
        var rate = RateLimited ? $"rate limited{(RateLimitPolicy is null ? string.Empty : $" ({RateLimitPolicy})")}" : "no rate limit";
        return $"{Endpoint} {who}: {Why} · {(ChangesData ? "changes data" : "reads")} · {rate} · {Handler} {Path}:{Line}";
    }
}
