using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// The editor's text is already analysed, so a save matters only to clients without file
/// watchers: for them it stands in for the watcher event (settings file, .gitignore).
/// </summary>
internal sealed class DidSaveTextDocumentHandler(ServerContext context) : LspNotificationHandler<DidSaveTextDocumentParams>
{
    public override string Method => "textDocument/didSave";

    public override Task HandleAsync(DidSaveTextDocumentParams notification, CancellationToken cancellationToken)
    {
        if (context.State.SupportsWatcherRegistration || DocumentUri.ToPath(notification.TextDocument.Uri) is not { } path)
        {
            return Task.CompletedTask;
        }

        return context.FileChanges.ApplyAsync([(path, FileChangeType.Changed)]);
    }
}
