using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Applies incremental edits in order and schedules a debounced analysis of the new text.</summary>
internal sealed class DidChangeTextDocumentHandler(ServerContext context) : LspNotificationHandler<DidChangeTextDocumentParams>
{
    public override string Method => "textDocument/didChange";

    public override Task HandleAsync(DidChangeTextDocumentParams notification, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(notification.TextDocument.Uri) is not { } path)
        {
            return Task.CompletedTask;
        }

        if (context.Documents.Change(path, notification.TextDocument.Version, notification.ContentChanges ?? []) is null)
        {
            context.Log.Warning("didChange for {Uri}, which is not open", notification.TextDocument.Uri);
            return Task.CompletedTask;
        }

        context.Scheduler.Schedule(path, debounce: true);
        return Task.CompletedTask;
    }
}
