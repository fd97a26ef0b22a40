using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Folders added to a multi-root workspace are scanned; removed ones lose their diagnostics.</summary>
internal sealed class DidChangeWorkspaceFoldersHandler(ServerContext context) : LspNotificationHandler<DidChangeWorkspaceFoldersParams>
{
    public override string Method => "workspace/didChangeWorkspaceFolders";

    public override async Task HandleAsync(DidChangeWorkspaceFoldersParams notification, CancellationToken cancellationToken)
    {
        var removed = (notification.Event?.Removed ?? []).Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>().ToList();
        var added = (notification.Event?.Added ?? []).Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>().ToList();
        foreach (var root in removed)
        {
            context.Roots.Remove(root);
            context.DiskWatcher.Unwatch(root);
        }

        foreach (var root in added)
        {
            context.Roots.Add(root);
            if (!context.State.SupportsWatcherRegistration)
            {
                context.DiskWatcher.Watch(root);
            }
        }

        var orphaned = context.Workspace.Current.Files.Keys.Where(p => context.Roots.RootOf(p) is null && !context.Documents.IsOpen(p)).ToList();
        await context.Workspace.CommitAsync([], orphaned);
        await context.Workspace.ReconfigureAsync();
        if (added.Count > 0)
        {
            _ = context.Scan.Start(added);
        }
    }
}
