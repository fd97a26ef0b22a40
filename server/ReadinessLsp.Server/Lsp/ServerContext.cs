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
        Publisher = new DiagnosticsPublisher(State, Client, Documents);
        Workspace = new ServerWorkspace(engine, Documents, Settings, Roots, Publisher, log);
        Scheduler = new OpenDocumentScheduler(engine, State, Documents, Workspace, options, log);
        Scan = new BackgroundScan(engine, State, Client, Documents, Settings, Roots, Workspace, Scheduler, options, log);
        FileChanges = new FileChangeProcessor(engine, Documents, Settings, Roots, Workspace, Scan, options, log);
        DiskWatcher = new DiskWatcher(FileChanges, log);
    }

    public ReadinessEngine Engine { get; }

    public ServerOptions Options { get; }

    public ILogger Log { get; }

    public ClientState State { get; } = new();

    public ClientChannel Client { get; }

    public DocumentStore Documents { get; } = new();

    public WorkspaceFolders Roots { get; } = new();

    public SettingsStore Settings { get; }

    /// <summary>The one workspace state; every change is committed here and published.</summary>
    public ServerWorkspace Workspace { get; }

    /// <summary>Sends findings to the client (push or pull).</summary>
    public DiagnosticsPublisher Publisher { get; }

    /// <summary>Debounced analysis of the editor's open documents.</summary>
    public OpenDocumentScheduler Scheduler { get; }

    public BackgroundScan Scan { get; }

    public FileChangeProcessor FileChanges { get; }

    /// <summary>The server's own file watching, used only when the client cannot watch files.</summary>
    public DiskWatcher DiskWatcher { get; }
}
