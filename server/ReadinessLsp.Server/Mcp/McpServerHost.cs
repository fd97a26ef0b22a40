using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Cli;
using ReadinessLsp.Server.Mcp.Tools;
using Serilog.Extensions.Logging;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// The MCP server as a .NET host. The host is empty: no configuration sources, so the
/// <c>appsettings.json</c> of the workspace (or of whatever folder the agent starts the server in)
/// is never read as the server's own configuration, and the content root is the tool's own folder.
/// Logging goes to Serilog, which writes to stderr only.
/// </summary>
internal static class McpServerHost
{
    public static IHost Build(McpOptions options, ReadinessEngine engine, Serilog.ILogger log, Action<IMcpServerBuilder> transport)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "readiness",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Logging.ClearProviders().AddProvider(new SerilogLoggerProvider(log)).SetMinimumLevel(LogLevel.Trace);
        builder.Services
            .AddSingleton(engine)
            .AddSingleton(options)
            .AddSingleton(log)
            .AddSingleton<McpWorkspace>()
            .AddSingleton<CheckResults>()
            .AddSingleton<FindingLookup>()
            .AddHostedService<WorkspaceLoad>();

        var server = builder.Services.AddMcpServer(o =>
        {
            o.ServerInfo = new Implementation { Name = "readiness", Title = "Readiness", Version = ToolInfo.Version };
            o.ServerInstructions = ServerInstructions.Text;
        });
        transport(server);
        server
            .WithTools<CheckWorkspaceTool>()
            .WithTools<CheckFilesTool>()
            .WithTools<ListFindingsTool>()
            .WithTools<ExplainFindingTool>()
            .WithTools<GetFixTool>()
            .WithTools<ListEndpointsTool>()
            .WithResources<RuleResources>();
        return builder.Build();
    }

    /// <summary>Starts reading the workspace as soon as the server starts, so the first call finds it warm.</summary>
    private sealed class WorkspaceLoad(McpWorkspace workspace) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => workspace.LoadAsync(stoppingToken);
    }
}
