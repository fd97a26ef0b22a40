using System.Collections.Concurrent;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Protocol;
using FileSystemWatcher = System.IO.FileSystemWatcher;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// Watches the workspace folders from the server itself when the client cannot watch files for us
/// (Neovim before 0.10, Helix, some Emacs setups), so a <c>git checkout</c> or an edit made in
/// another tool still reaches the analysis. Events are gathered for a moment and handed to the same
/// <see cref="FileChangeProcessor"/> that handles <c>workspace/didChangeWatchedFiles</c>.
/// </summary>
internal sealed class DiskWatcher(FileChangeProcessor changes, ILogger log) : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private static readonly string[] IgnoredSegments = ["bin", "obj", "node_modules", ".git", ".vs", ".idea"];

    private readonly ConcurrentDictionary<string, FileSystemWatcher> _watchers = new(PathNormalizer.Comparer);
    private readonly ConcurrentDictionary<string, FileChangeType> _pending = new(PathNormalizer.Comparer);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Timer? _timer;

    public void Watch(string root)
    {
        if (_watchers.ContainsKey(root) || !Directory.Exists(root))
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, e) => Queue(e.FullPath, FileChangeType.Created);
            watcher.Changed += (_, e) => Queue(e.FullPath, FileChangeType.Changed);
            watcher.Deleted += (_, e) => Queue(e.FullPath, FileChangeType.Deleted);
            watcher.Renamed += (_, e) =>
            {
                Queue(e.OldFullPath, FileChangeType.Deleted);
                Queue(e.FullPath, FileChangeType.Created);
            };
            watcher.Error += (_, e) => log.Warning(e.GetException(), "Watching {Root} for changes failed; changes made outside the editor are picked up on save or rescan", root);
            watcher.EnableRaisingEvents = true;
            _watchers[root] = watcher;
            log.Information("Watching {Root} for changes (the client does not watch files)", root);
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // inotify limits can refuse a large tree; analysis still works from the editor's events.
            log.Warning(e, "Cannot watch {Root} for changes; changes made outside the editor are picked up on save or rescan", root);
        }
    }

    public void Unwatch(string root)
    {
        if (_watchers.TryRemove(root, out var watcher))
        {
            watcher.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
        _timer?.Dispose();
    }

    /// <summary>Whether a path could matter: a file the engine reads, or a folder whose files it may have read.</summary>
    internal static bool IsRelevant(string path, FileChangeType type)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => IgnoredSegments.Contains(p, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        var name = Path.GetFileName(path);
        return FileClassifier.Classify(path) != FileKind.Other ||
            name.Equals(SettingsReader.FileName, StringComparison.OrdinalIgnoreCase) ||
            (type == FileChangeType.Deleted && !Path.HasExtension(name));
    }

    private void Queue(string path, FileChangeType type)
    {
        if (!IsRelevant(path, type))
        {
            return;
        }

        _pending[PathNormalizer.Normalize(path)] = type;
        var timer = _timer ??= new Timer(_ => _ = FlushAsync(), null, Timeout.Infinite, Timeout.Infinite);
        timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var batch = new List<(string, FileChangeType)>();
            foreach (var path in _pending.Keys)
            {
                if (_pending.TryRemove(path, out var type))
                {
                    batch.Add((path, type));
                }
            }

            if (batch.Count > 0)
            {
                await changes.ApplyAsync(batch);
            }
        }
        catch (Exception e)
        {
            log.Error(e, "Applying changes seen on disk failed");
        }
        finally
        {
            _flushing.Release();
        }
    }
}
