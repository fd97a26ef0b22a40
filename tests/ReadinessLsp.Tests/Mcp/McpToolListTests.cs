using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Mcp;

/// <summary>
/// The tool list is an interface agents are built against: a snapshot keeps names, descriptions and
/// schemas from drifting silently (READINESS_UPDATE_SNAPSHOT=1 rewrites it; read the diff), and a
/// budget keeps what every agent loads into its context small.
/// </summary>
public sealed class McpToolListTests
{
    private static readonly string SnapshotPath = Path.Combine(RepoPaths.Root, "tests", "ReadinessLsp.Tests", "Mcp", "tool-list.snapshot.json");

    [Fact]
    public async Task The_tool_list_matches_its_snapshot()
    {
        using var workspace = new TempWorkspace();
        await using var server = await McpTestServer.StartAsync(workspace.Root);
        var tools = await server.Client.ListToolsAsync();
        var actual = new JsonArray([.. tools.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => JsonSerializer.SerializeToNode(t.ProtocolTool, McpJsonUtilities.DefaultOptions))]);
        var text = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        if (Environment.GetEnvironmentVariable("READINESS_UPDATE_SNAPSHOT") == "1")
        {
            File.WriteAllText(SnapshotPath, text);
        }

        Assert.True(File.Exists(SnapshotPath), $"{SnapshotPath} is missing; run with READINESS_UPDATE_SNAPSHOT=1 to write it");
        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public async Task Every_tool_is_snake_case_read_only_idempotent_and_closed_world_with_schemas()
    {
        using var workspace = new TempWorkspace();
        await using var server = await McpTestServer.StartAsync(workspace.Root);
        var tools = await server.Client.ListToolsAsync();

        Assert.Equal(["check_files", "check_workspace", "explain_finding", "get_fix", "list_endpoints", "list_findings"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", tool.Name);
            Assert.True(tool.Annotations?.ReadOnlyHint, tool.Name);
            Assert.False(tool.Annotations?.DestructiveHint, tool.Name);
            Assert.True(tool.Annotations?.IdempotentHint, tool.Name);
            Assert.False(tool.Annotations?.OpenWorldHint, tool.Name);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
            Assert.Equal("object", tool.OutputSchema?.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task The_tool_list_costs_little_context()
    {
        using var workspace = new TempWorkspace();
        await using var server = await McpTestServer.StartAsync(workspace.Root);
        var tools = await server.Client.ListToolsAsync();

        // What a client puts in the model's context: names, descriptions and input schemas.
        var prompt = tools.Sum(t => t.Name.Length + (t.Description?.Length ?? 0) + t.ProtocolTool.InputSchema.GetRawText().Length);
        Assert.True(prompt < 5000, $"the tools cost {prompt} characters of context");
    }
}
