using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Lsp.Workspace;
using Serilog;

namespace ReadinessLsp.Server.Lsp;

/// <summary>The services of one server instance, created together and handed to every handler.</summary>
internal sealed class ServerContext
{
    public ServerContext(ReadinessEngine engine, ServerOptions options, ILogger log)
    {
        Engine = engine;
        Options = options;
        Log = log;
        Client = new ClientChannel(log);
        Settings = new SettingsStore(log);
        Pipeline = new DiagnosticsPipeline(engine, State, Client, Documents, Settings, Roots, options, log);
        Scan = new WorkspaceScan(engine, State, Client, Documents, Settings, Roots, Pipeline, options, log);
        FileChanges = new FileChangeProcessor(engine, Documents, Settings, Roots, Pipeline, Scan, options, log);
        DiskWatcher = new DiskWatcher(FileChanges, log);
    }

    public ReadinessEngine Engine { get; }

    public ServerOptions Options { get; }

    public ILogger Log { get; }

    public ClientState State { get; } = new();

    public ClientChannel Client { get; }

    public DocumentStore Documents { get; } = new();

    public WorkspaceRoots Roots { get; } = new();

    public SettingsStore Settings { get; }

    public DiagnosticsPipeline Pipeline { get; }

    public WorkspaceScan Scan { get; }

    public FileChangeProcessor FileChanges { get; }

    /// <summary>The server's own file watching, used only when the client cannot watch files.</summary>
    public DiskWatcher DiskWatcher { get; }
}
