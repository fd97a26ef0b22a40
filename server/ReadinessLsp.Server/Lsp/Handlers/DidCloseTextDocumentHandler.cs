using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// Drops the editor's text: a workspace file goes back to its saved content on disk (unsaved
/// edits are gone), anything else loses its diagnostics.
/// </summary>
internal sealed class DidCloseTextDocumentHandler(ServerContext context) : LspNotificationHandler<DidCloseTextDocumentParams>
{
    public override string Method => "textDocument/didClose";

    public override async Task HandleAsync(DidCloseTextDocumentParams notification, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(notification.TextDocument.Uri) is not { } path)
        {
            return;
        }

        context.Documents.Close(path);
        context.Scheduler.Forget(path);
        var root = context.Roots.RootOf(path);
        if (root is not null && File.Exists(path) && new FileLister(context.Settings.For(root).Exclude, context.Log).Includes(root, path))
        {
            await context.FileChanges.ApplyAsync([(path, FileChangeType.Changed)]);
        }
        else
        {
            await context.Workspace.CommitAsync([], [path]);
        }
    }
}
