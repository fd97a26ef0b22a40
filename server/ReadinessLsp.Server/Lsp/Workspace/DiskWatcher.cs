using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Protocol;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// Watches the workspace folders from the server itself when the client cannot watch files for us
/// (Neovim before 0.10, Helix, some Emacs setups), so a <c>git checkout</c> or an edit made in
/// another tool still reaches the analysis. The engine's <see cref="FolderWatcher"/> gathers the
/// events; they go to the same <see cref="FileChangeProcessor"/> that handles
/// <c>workspace/didChangeWatchedFiles</c>.
/// </summary>
internal sealed class DiskWatcher(FileChangeProcessor changes, ILogger log) : IDisposable
{
    private readonly FolderWatcher _watcher = new(batch => changes.ApplyAsync([.. batch.Select(e => (e.Path, ToLsp(e.Change)))]), log);

    public void Watch(string root) => _watcher.Watch(root);

    public void Unwatch(string root) => _watcher.Unwatch(root);

    public void Dispose() => _watcher.Dispose();

    private static FileChangeType ToLsp(DiskChange change) => change switch
    {
        DiskChange.Created => FileChangeType.Created,
        DiskChange.Deleted => FileChangeType.Deleted,
        _ => FileChangeType.Changed,
    };
}
