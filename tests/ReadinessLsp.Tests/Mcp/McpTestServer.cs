using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Nerdbank.Streams;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Mcp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Mcp;

/// <summary>The MCP server in process, its client over an in-memory duplex pipe: the whole protocol, no process.</summary>
internal sealed class McpTestServer : IAsyncDisposable
{
    private McpTestServer(IHost host, McpClient client)
    {
        Host = host;
        Client = client;
    }

    public IHost Host { get; }

    public McpClient Client { get; }

    // A busy test machine may take a while over the first load; these tests are not about that.
    public static Task<McpTestServer> StartAsync(params string[] roots) =>
        StartAsync(new McpOptions([.. roots.Select(PathNormalizer.Normalize)]) { LoadWait = TimeSpan.FromMinutes(5) });

    public static async Task<McpTestServer> StartAsync(McpOptions options)
    {
        var (serverSide, clientSide) = FullDuplexStream.CreatePair();
        var log = Serilog.Core.Logger.None;
        var host = McpServerHost.Build(options, ReadinessEngine.CreateDefault(log), log, server => server.WithStreamServerTransport(serverSide, serverSide));
        await host.StartAsync();
        var client = await McpClient.CreateAsync(new StreamClientTransport(clientSide, clientSide));
        return new McpTestServer(host, client);
    }

    /// <summary>Calls a tool; the result may be a tool error (IsError), which tests inspect.</summary>
    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null, CancellationToken cancellationToken = default)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return await Client.CallToolAsync(tool, args, cancellationToken: cancellationToken);
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.False(result.IsError == true, $"{tool} failed: {McpAssert.Text(result)}");
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Host.StopAsync();
        Host.Dispose();
    }
}

internal static class McpAssert
{
    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>The call failed as a tool error whose text contains <paramref name="expected"/>.</summary>
    public static void ToolError(CallToolResult result, string expected)
    {
        Assert.True(result.IsError == true, $"expected a tool error, got: {Text(result)}");
        Assert.Contains(expected, Text(result), StringComparison.Ordinal);
    }
}

/// <summary>A throwaway copy of the sample app, so tests can edit it.</summary>
internal static class SampleCopy
{
    public static TempWorkspace VibeShop()
    {
        var workspace = new TempWorkspace();
        var source = Path.Combine(RepoPaths.Samples, "VibeShop");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(workspace.Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return workspace;
    }
}
