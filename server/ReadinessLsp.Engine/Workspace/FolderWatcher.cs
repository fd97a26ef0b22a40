using System.Collections.Concurrent;
using Serilog;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>What happened to a path on disk.</summary>
internal enum DiskChange
{
    Created,
    Changed,
    Deleted,
}

/// <summary>
/// Watches workspace folders for changes to the files the engine reads, so an edit made in another
/// tool, a <c>git checkout</c> or a generator reaches the analysis. Events are gathered until the
/// folder is quiet for a moment and handed over as one batch; <see cref="FlushAsync"/> hands over
/// what is pending at once, for a caller that must answer from the newest files. Used by the
/// language server (when the editor does not watch files) and by the MCP server.
/// </summary>
internal sealed class FolderWatcher(Func<IReadOnlyList<(string Path, DiskChange Change)>, Task> apply, ILogger log) : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private static readonly string[] IgnoredSegments = ["bin", "obj", "node_modules", ".git", ".vs", ".idea"];

    private readonly ConcurrentDictionary<string, FileSystemWatcher> _watchers = new(PathNormalizer.Comparer);
    private readonly ConcurrentDictionary<string, DiskChange> _pending = new(PathNormalizer.Comparer);
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
            watcher.Created += (_, e) => QueueCreated(e.FullPath);
            watcher.Changed += (_, e) => Queue(e.FullPath, DiskChange.Changed);
            watcher.Deleted += (_, e) => Queue(e.FullPath, DiskChange.Deleted);
            watcher.Renamed += (_, e) =>
            {
                Queue(e.OldFullPath, DiskChange.Deleted);
                Queue(e.FullPath, DiskChange.Created);
            };
            watcher.Error += (_, e) => log.Warning(e.GetException(), "Watching {Root} for changes failed; changes made on disk are picked up when files are checked again", root);
            watcher.EnableRaisingEvents = true;
            _watchers[root] = watcher;
            log.Information("Watching {Root} for changes", root);
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // inotify limits can refuse a large tree; analysis still works from explicit requests.
            log.Warning(e, "Cannot watch {Root} for changes; changes made on disk are picked up when files are checked again", root);
        }
    }

    public void Unwatch(string root)
    {
        if (_watchers.TryRemove(root, out var watcher))
        {
            watcher.Dispose();
        }
    }

    /// <summary>Hands over every pending event now, without waiting for the folder to be quiet.</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var batch = new List<(string, DiskChange)>();
            foreach (var path in _pending.Keys)
            {
                if (_pending.TryRemove(path, out var change))
                {
                    batch.Add((path, change));
                }
            }

            if (batch.Count > 0)
            {
                await apply(batch);
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
    internal static bool IsRelevant(string path, DiskChange change)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => IgnoredSegments.Contains(p, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return FileClassifier.Classify(path) != FileKind.Other ||
            (change == DiskChange.Deleted && !Path.HasExtension(Path.GetFileName(path)));
    }

    // inotify watches a new folder only once it has seen the folder appear, so files written into it
    // right away (a checkout, an unzip) raise no event of their own: list them instead.
    private void QueueCreated(string path)
    {
        if (!Directory.Exists(path))
        {
            Queue(path, DiskChange.Created);
            return;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                Queue(file, DiskChange.Created);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Information("Listing new folder {Folder} failed: {Reason}", path, e.Message);
        }
    }

    private void Queue(string path, DiskChange change)
    {
        if (!IsRelevant(path, change))
        {
            return;
        }

        _pending[PathNormalizer.Normalize(path)] = change;
        var timer = _timer ??= new Timer(_ => _ = FlushAsync(), null, Timeout.Infinite, Timeout.Infinite);
        timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }
}
