namespace ReadinessLsp.Server.Mcp;

/// <summary>The commands for coding agents: <c>mcp</c> (the MCP server) and <c>hook</c> (a post-edit hook).</summary>
internal static class AgentCommands
{
    public static Task<int> RunAsync(string[] args) => args[0] == "hook"
        ? Task.FromResult(HookCommand.Run(args[1..], Console.In, Console.Out, Console.Error))
        : McpCommand.RunAsync(args[1..]);
}
