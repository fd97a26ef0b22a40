using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Takes the editor's text for a document and analyses it at once, ahead of the background scan.</summary>
internal sealed class DidOpenTextDocumentHandler(ServerContext context) : LspNotificationHandler<DidOpenTextDocumentParams>
{
    public override string Method => "textDocument/didOpen";

    public override Task HandleAsync(DidOpenTextDocumentParams notification, CancellationToken cancellationToken)
    {
        var item = notification.TextDocument;
        if (DocumentUri.ToPath(item.Uri) is not { } path)
        {
            return Task.CompletedTask; // untitled: or another scheme with no file behind it.
        }

        context.Documents.Open(item.Uri, path, item.Version, item.Text ?? string.Empty);
        context.Scheduler.Forget(path);
        context.Scheduler.Schedule(path, debounce: false);
        return Task.CompletedTask;
    }
}
