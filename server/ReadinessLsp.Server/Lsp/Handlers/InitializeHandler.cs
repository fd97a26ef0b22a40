using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Records what the client can do and the workspace folders, and announces only what the server implements.</summary>
internal sealed class InitializeHandler(ServerContext context) : LspRequestHandler<InitializeParams, InitializeResult>
{
    public const string RescanCommand = "readiness.server.rescan";

    /// <summary>Returns the readiness report of the workspace as one HTML page (<see cref="ReportResult"/>).</summary>
    public const string ReportCommand = "readiness.server.report";

    public override string Method => "initialize";

    public override bool Mutates => true;

    public override Task<InitializeResult> HandleAsync(InitializeParams request, CancellationToken cancellationToken)
    {
        var state = context.State;
        state.Capabilities = request.Capabilities ?? state.Capabilities;
        state.InitializationOptions = request.InitializationOptions;
        state.Trace = request.Trace ?? TraceValue.Off;
        context.Roots.Set(RootsOf(request));
        context.Settings.SetEditorSettings(request.InitializationOptions, "initializationOptions");
        context.Publisher.PullMode = state.SupportsPullDiagnostics;
        if (request.ProcessId is int processId)
        {
            _ = ProcessWatcher.WatchAsync(processId, context.Options.ProcessWatchInterval, () =>
            {
                context.Log.Warning("The client process {ProcessId} is gone; exiting", processId);
                state.Exit(state.ShutdownRequested ? 0 : 1);
            }, state.Lifetime.Token);
        }

        context.Log.Information(
            "Initialized by {Client} with {Roots} workspace folder(s); diagnostics by {Mode}",
            request.ClientInfo?.Name ?? "an unnamed client",
            context.Roots.All.Count,
            state.SupportsPullDiagnostics ? "pull" : "push");
        state.Lifecycle = LifecycleState.Initialized;

        var capabilities = new ServerCapabilities(
            "utf-16",
            new TextDocumentSyncOptions(true, TextDocumentSyncKind.Incremental, new SaveOptions(false)),
            true,
            new CodeActionOptions([CodeActionKind.QuickFix, CodeActionKind.SourceFixAllReadiness], false),
            new ExecuteCommandOptions([RescanCommand, ReportCommand]),
            state.SupportsPullDiagnostics ? new DiagnosticOptions("readiness", true, false) : null,
            new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(true, true)));
        var version = typeof(InitializeHandler).Assembly.GetName().Version?.ToString(3);
        return Task.FromResult(new InitializeResult(capabilities, new ServerInfo("readiness", version)));
    }

    private static IEnumerable<string> RootsOf(InitializeParams request)
    {
        if (request.WorkspaceFolders is { Count: > 0 } folders)
        {
            return folders.Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>();
        }

        if (request.RootUri is not null && DocumentUri.ToPath(request.RootUri) is { } rootUri)
        {
            return [rootUri];
        }

        return string.IsNullOrEmpty(request.RootPath) ? [] : [request.RootPath];
    }
}
