using System.Collections.Concurrent;
using ModelContextProtocol;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// The MCP server's one <see cref="WorkspaceState"/>: loaded with the engine's loader when the
/// server starts, held in memory across calls, and kept current by watching the folders, by
/// noticing files whose size or time changed since they were read, and by re-reading the files a
/// call names. Every change is committed under one lock; readers take an immutable snapshot.
/// </summary>
internal sealed class McpWorkspace : IDisposable
{
    private readonly ReadinessEngine _engine;
    private readonly McpOptions _options;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FolderWatcher _watcher;
    private readonly DiskFileReader _reader;
    private readonly ConcurrentDictionary<string, FileStamp> _stamps = new(PathNormalizer.Comparer);
    private readonly System.Diagnostics.Stopwatch _loading = new();
    private volatile WorkspaceState _current;
    private volatile IReadOnlyList<SkippedFile> _skipped = [];
    private volatile int _loadedFiles;
    private volatile int _listedFiles;

    public McpWorkspace(ReadinessEngine engine, McpOptions options, ILogger log)
    {
        _engine = engine;
        _options = options;
        _log = log;
        _watcher = new FolderWatcher(ApplyDiskChangesAsync, log);
        _reader = new DiskFileReader(engine, options.MaxFileBytes, log);
        _current = WorkspaceState.Empty(engine, [.. options.Roots.Select(r => new WorkspaceRoot(r, ReadinessSettings.Default))]);
    }

    public ReadinessEngine Engine => _engine;

    /// <summary>The latest committed state, which may lag the disk by a moment; tools use <see cref="ReadyAsync"/>.</summary>
    public WorkspaceState Current => _current;

    /// <summary>Files listed but not analysed (too large, binary), with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped => _skipped;

    /// <summary>Reads every root. Called once, when the server starts; calls wait for it.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            _loading.Start();
            var roots = LoadRoots(_options.Roots);
            if (_options.Watch)
            {
                // Watch before reading, so a file changed while the load runs is read again after it.
                foreach (var root in roots)
                {
                    _watcher.Watch(root.Path);
                }
            }

            var loaded = await new WorkspaceLoader(_engine, _options.MaxFileBytes, _log)
                .LoadAsync([.. roots.Select(r => (r.Path, r.Settings.Exclude))], skip: SkipNone, progress: (done, total) => (_loadedFiles, _listedFiles) = (done, total), cancellationToken: cancellationToken);
            await _lock.WaitAsync(cancellationToken);
            try
            {
                _current = WorkspaceState.Create(_engine, roots, loaded.Analyses);
                _skipped = loaded.Skipped;
                Stamp(loaded.Analyses.Select(a => a.Path));
            }
            finally
            {
                _lock.Release();
            }

            _log.Information("Loaded {Files} files from {Roots} in {Elapsed} ms: {Findings} findings", loaded.Analyses.Count, roots.Select(r => r.Path), _loading.ElapsedMilliseconds, _current.Findings.Sum(f => f.Value.Count));
            _loaded.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            _log.Error(e, "Loading the workspace failed");
            _loaded.TrySetException(e);
        }
    }

    /// <summary>
    /// The newest state: waits for the first load, then takes in what changed on disk since the last
    /// call: pending watcher events, and files whose size or time changed since they were read
    /// (every file, or only <paramref name="verify"/>: a stat of every file costs a few
    /// milliseconds in a large workspace, and the watcher reports edits within milliseconds anyway).
    /// </summary>
    public async Task<WorkspaceState> ReadyAsync(CancellationToken cancellationToken, IEnumerable<string>? verify = null)
    {
        await LoadedAsync(cancellationToken);
        await _watcher.FlushAsync();
        var stale = (verify ?? _current.Files.Keys).Where(IsStale).ToList();
        if (stale.Count > 0)
        {
            await ApplyAsync(stale, cancellationToken);
        }

        return _current;
    }

    /// <summary>Reads <paramref name="paths"/> from disk again and commits them: a call that names files answers from them as they are now.</summary>
    public async Task<(WorkspaceState State, IReadOnlyDictionary<string, string> Unread)> ReadFromDiskAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken, verify: []);
        var unread = await CommitAsync(paths, cancellationToken);
        return (_current, unread);
    }

    /// <summary>
    /// Waits for the first load, but not past <see cref="McpOptions.LoadWait"/>: clients give up on
    /// a call after a while (a minute in the TypeScript SDK), and an agent told to call again soon
    /// does better than one whose call timed out.
    /// </summary>
    private async Task LoadedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _loaded.Task.WaitAsync(_options.LoadWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new McpException($"The workspace is still being read ({_loadedFiles:N0} of {_listedFiles:N0} files after {_loading.Elapsed.TotalSeconds:N0} s). Call again in a few seconds.");
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _lock.Dispose();
    }

    private bool SkipNone(string path)
    {
        _options.BeforeLoad?.Invoke(path);
        return false;
    }

    /// <summary>The watcher's batches: what happened matters less than what the disk holds now.</summary>
    internal Task ApplyDiskChangesAsync(IReadOnlyList<(string Path, DiskChange Change)> changes) => ApplyAsync([.. changes.Select(c => c.Path)], CancellationToken.None);

    private async Task ApplyAsync(IReadOnlyList<string> changes, CancellationToken cancellationToken)
    {
        // Changes seen while the first load runs are applied after it, over what it read.
        await ((Task)_loaded.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_loaded.Task.IsCompletedSuccessfully)
        {
            return;
        }

        // A changed .gitignore or readiness.json changes which files belong to the workspace: read the root again.
        var reload = changes
            .Where(c => Path.GetFileName(c) is ".gitignore" || (Path.GetFileName(c).Equals(SettingsReader.FileName, StringComparison.OrdinalIgnoreCase) && _current.Roots.Any(r => PathNormalizer.Comparer.Equals(r.Path, Path.GetDirectoryName(c)))))
            .Select(c => _current.RootOf(c)?.Path)
            .OfType<string>()
            .Distinct(PathNormalizer.Comparer)
            .ToList();
        if (reload.Count > 0)
        {
            await ReloadRootsAsync(reload, cancellationToken);
        }

        await CommitAsync(changes.Where(c => !reload.Any(r => PathNormalizer.IsUnder(r, c))), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, string>> CommitAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var unread = new Dictionary<string, string>(PathNormalizer.Comparer);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var state = _current;
            var updates = new List<FileAnalysis>();
            var removed = new List<string>();
            foreach (var path in paths)
            {
                if (state.RootOf(path) is not { } root)
                {
                    continue;
                }

                var stamp = FileStamp.Of(path);
                var read = _reader.Read(root.Path, root.Settings.Exclude, path, state.Files.Keys, cancellationToken);
                removed.AddRange(read.Removed);
                if (read.Analysis is not null)
                {
                    updates.Add(read.Analysis);
                    _stamps[path] = stamp;
                }
                else
                {
                    unread[path] = read.SkipReason ?? (File.Exists(path) ? "the workspace leaves it out (.gitignore, an exclude in readiness.json, or not a file the engine reads)" : "the file does not exist");
                }
            }

            foreach (var path in removed)
            {
                _stamps.TryRemove(path, out _);
            }

            if (updates.Count > 0 || removed.Any(state.Files.ContainsKey))
            {
                var change = state.With(updates, removed);
                _current = change.State;
                _log.Debug("Committed {Updates} file(s), {Removed} removed: {Affected} re-resolved", updates.Count, removed.Count, change.Affected.Count);
            }
        }
        finally
        {
            _lock.Release();
        }

        return unread;
    }

    private async Task ReloadRootsAsync(IReadOnlyList<string> rootPaths, CancellationToken cancellationToken)
    {
        var reloaded = LoadRoots(rootPaths);
        var loaded = await new WorkspaceLoader(_engine, _options.MaxFileBytes, _log)
            .LoadAsync([.. reloaded.Select(r => (r.Path, r.Settings.Exclude))], cancellationToken: cancellationToken);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var roots = _current.Roots.Select(r => reloaded.FirstOrDefault(n => PathNormalizer.Comparer.Equals(n.Path, r.Path)) ?? r).ToList();
            var listed = loaded.Analyses.Select(a => a.Path).ToHashSet(PathNormalizer.Comparer);
            var gone = _current.Files.Keys.Where(p => rootPaths.Any(r => PathNormalizer.IsUnder(r, p)) && !listed.Contains(p)).ToList();
            _current = _current.WithRoots(roots).With(loaded.Analyses, gone).State;
            _skipped = [.. _skipped.Where(s => !rootPaths.Any(r => PathNormalizer.IsUnder(r, s.Path))), .. loaded.Skipped];
            Stamp(listed);
            _log.Information("Read {Roots} again after a .gitignore or readiness.json change: {Files} files", rootPaths, listed.Count);
        }
        finally
        {
            _lock.Release();
        }
    }

    private List<WorkspaceRoot> LoadRoots(IEnumerable<string> paths)
    {
        var roots = new List<WorkspaceRoot>();
        foreach (var path in paths)
        {
            var (root, problems) = WorkspaceRoot.Load(path);
            foreach (var problem in problems)
            {
                _log.Warning("Settings: {Problem}", problem);
            }

            roots.Add(root);
        }

        return roots;
    }

    private void Stamp(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _stamps[path] = FileStamp.Of(path);
        }
    }

    private bool IsStale(string path) => !_stamps.TryGetValue(path, out var stamp) || stamp != FileStamp.Of(path);

    /// <summary>What a file looked like when it was read: enough to notice an edit without reading it.</summary>
    private readonly record struct FileStamp(long Length, DateTime Written)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        }
    }
}

/// <summary>What the <c>mcp</c> command was started with.</summary>
/// <param name="BeforeLoad">Called before the first load reads each file (tests hold the load with it).</param>
internal sealed record McpOptions(IReadOnlyList<string> Roots, long MaxFileBytes = DocumentLoader.DefaultMaxFileBytes, bool Watch = true, Action<string>? BeforeLoad = null)
{
    /// <summary>How long a call waits for the first load before it answers "call again".</summary>
    public TimeSpan LoadWait { get; init; } = TimeSpan.FromSeconds(20);
}
