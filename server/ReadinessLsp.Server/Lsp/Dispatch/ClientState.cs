using System.Text.Json;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Dispatch;

internal enum LifecycleState
{
    Created,
    Initialized,
    ShuttingDown,
}

/// <summary>
/// What the server knows about the client and the lifecycle: capabilities from initialize, trace
/// level, and the exit code once the client says exit (0 after shutdown, 1 without).
/// </summary>
internal sealed class ClientState
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LifecycleState Lifecycle { get; set; } = LifecycleState.Created;

    public ClientCapabilities Capabilities { get; set; } = new(null, null, null, null);

    public JsonElement? InitializationOptions { get; set; }

    public string Trace { get; set; } = TraceValue.Off;

    public Task<int> Exited => _exit.Task;

    /// <summary>Cancelled when the server stops, for everything it started in the background.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    public bool ShutdownRequested => Lifecycle == LifecycleState.ShuttingDown;

    public void Exit(int code)
    {
        Lifetime.Cancel();
        _exit.TrySetResult(code);
    }

    // Client capability shortcuts, so handlers read intent rather than null-chasing.

    public bool SupportsMarkdownHover =>
        Capabilities.TextDocument?.Hover?.ContentFormat?.Contains(MarkupKind.Markdown) ?? false;

    public bool SupportsPullDiagnostics => Capabilities.TextDocument?.Diagnostic is not null;

    public bool SupportsDiagnosticRefresh => Capabilities.Workspace?.Diagnostics?.RefreshSupport == true;

    public bool SupportsDocumentChanges => Capabilities.Workspace?.WorkspaceEdit?.DocumentChanges == true;

    public bool SupportsCreateFile =>
        SupportsDocumentChanges && (Capabilities.Workspace?.WorkspaceEdit?.ResourceOperations?.Contains("create") ?? false);

    public bool SupportsWatcherRegistration => Capabilities.Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;

    public bool SupportsConfigurationPull => Capabilities.Workspace?.Configuration == true;

    public bool SupportsWorkDoneProgress => Capabilities.Window?.WorkDoneProgress == true;

    public bool SupportsRelatedInformation => Capabilities.TextDocument?.PublishDiagnostics?.RelatedInformation ?? true;
}
