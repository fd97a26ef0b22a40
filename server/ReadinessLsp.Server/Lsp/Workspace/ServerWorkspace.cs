using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// The server's one <see cref="WorkspaceState"/>. Every change (an analysed edit, a file from the
/// disk, the scan's results, new settings or folders) is committed here under one lock, in order;
/// the new state says which files' findings may have changed, and those are published. Readers
/// (hover, code actions) take <see cref="Current"/>, an immutable snapshot, without locking.
/// </summary>
internal sealed class ServerWorkspace(
    ReadinessEngine engine,
    DocumentStore documents,
    SettingsStore settings,
    WorkspaceFolders roots,
    DiagnosticsPublisher publisher,
    ILogger log)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile WorkspaceState _current = WorkspaceState.Empty(engine, []);
    private volatile TaskCompletionSource _committed = NewSignal();

    /// <summary>The latest committed state; immutable, safe to read from any thread.</summary>
    public WorkspaceState Current => _current;

    /// <summary>Completes at the next commit, for readers waiting on an open document's newest text.</summary>
    public Task NextCommit => _committed.Task;

    /// <summary>
    /// Commits new analyses and removed files and publishes what changed. An analysis of text older
    /// than the editor's newest version of the document is dropped: its newer analysis will follow.
    /// </summary>
    public async Task CommitAsync(IReadOnlyCollection<FileAnalysis> updates, IReadOnlyCollection<string> removed)
    {
        await _lock.WaitAsync();
        try
        {
            var current = updates.Where(IsCurrent).ToList();
            var gone = removed.Where(p => !documents.IsOpen(p)).ToList();
            if (current.Count == 0 && gone.Count == 0)
            {
                return;
            }

            // Folders added or removed since the last commit: resolve everything against the new roots first.
            var rootsNow = CurrentRoots();
            var reconfigured = !rootsNow.Select(r => r.Path).SequenceEqual(_current.Roots.Select(r => r.Path));
            var change = (reconfigured ? _current.WithRoots(rootsNow) : _current).With(current, gone);
            _current = change.State;
            log.Debug("Committed {Updates} file(s), {Removed} removed: {Affected} re-resolved", current.Count, gone.Count, change.Affected.Count);
            var targets = reconfigured ? AllPaths(change.State, change.Affected) : change.Affected;
            await publisher.PublishAsync(change.State, targets, current.Where(a => a.Version is not null).Select(a => a.Path).ToHashSet(PathNormalizer.Comparer));
        }
        finally
        {
            Signal();
            _lock.Release();
        }
    }

    /// <summary>Folders or settings changed: every file is re-resolved (nothing re-read) and republished.</summary>
    public async Task ReconfigureAsync()
    {
        await _lock.WaitAsync();
        try
        {
            _current = _current.WithRoots(CurrentRoots());
            await publisher.PublishAsync(_current, AllPaths(_current, []), new HashSet<string>());
        }
        finally
        {
            Signal();
            _lock.Release();
        }
    }

    /// <summary>Replaces what the scan of <paramref name="scanRoots"/> found, and forgets files under them it no longer lists.</summary>
    public Task CommitScanAsync(IReadOnlyList<string> scanRoots, IReadOnlyCollection<FileAnalysis> results)
    {
        var scanned = new HashSet<string>(results.Select(r => r.Path), PathNormalizer.Comparer);
        var gone = _current.Files.Keys.Where(p => scanRoots.Any(r => PathNormalizer.IsUnder(r, p)) && !scanned.Contains(p) && !documents.IsOpen(p)).ToList();
        return CommitAsync(results, gone);
    }

    /// <summary>The roots with the settings in effect for each (workspace file under editor settings).</summary>
    public IReadOnlyList<WorkspaceRoot> CurrentRoots() => [.. roots.All.Select(r => new WorkspaceRoot(r, settings.For(r)))];

    // Every file the state knows, and files whose findings were published and may need clearing.
    private IReadOnlySet<string> AllPaths(WorkspaceState state, IEnumerable<string> extra) =>
        state.Files.Keys.Concat(publisher.PublishedPaths).Concat(extra).ToHashSet(PathNormalizer.Comparer);

    private bool IsCurrent(FileAnalysis analysis)
    {
        var open = documents.TryGet(analysis.Path);
        return analysis.Version is null ? open is null : open?.Version == analysis.Version;
    }

    private void Signal()
    {
        var previous = _committed;
        _committed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
