using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Workspace;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Re-analyses files changed on disk (git checkout, another tool) and whatever depends on them.</summary>
internal sealed class DidChangeWatchedFilesHandler(ServerContext context) : LspNotificationHandler<DidChangeWatchedFilesParams>
{
    public override string Method => "workspace/didChangeWatchedFiles";

    public override Task HandleAsync(DidChangeWatchedFilesParams notification, CancellationToken cancellationToken) =>
        context.FileChanges.ApplyAsync([.. (notification.Changes ?? []).Select(FileChangeProcessor.FromEvent).OfType<(string, FileChangeType)>()]);
}
