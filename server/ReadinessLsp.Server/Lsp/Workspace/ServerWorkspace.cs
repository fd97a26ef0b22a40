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

    // Guarded by _lock: commits made while a scan's result is being merged outside the lock, to
    // replay on top of it (kept only while such a merge is in flight).
    private readonly List<LoggedCommit> _log = [];
    private long _sequence;
    private int _merging;

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
            Log(new LoggedCommit(++_sequence, current, gone, reconfigured));
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
            Log(new LoggedCommit(++_sequence, [], [], Reconfigured: true));
            await publisher.PublishAsync(_current, AllPaths(_current, []), new HashSet<string>());
        }
        finally
        {
            Signal();
            _lock.Release();
        }
    }

    /// <summary>
    /// Replaces what the scan of <paramref name="scanRoots"/> found, and forgets files under them it
    /// no longer lists. Merging thousands of analyses and resolving every file takes a while, so it
    /// happens outside the lock, against a snapshot; edits committed meanwhile are replayed on top,
    /// and the editor never waits for the scan's merge.
    /// </summary>
    public async Task CommitScanAsync(IReadOnlyList<string> scanRoots, IReadOnlyCollection<FileAnalysis> results)
    {
        WorkspaceState basis;
        long since;
        await _lock.WaitAsync();
        try
        {
            basis = _current;
            since = _sequence;
            _merging++;
        }
        finally
        {
            _lock.Release();
        }

        var merging = true;
        try
        {
            var scanned = new HashSet<string>(results.Select(r => r.Path), PathNormalizer.Comparer);
            var gone = basis.Files.Keys.Where(p => scanRoots.Any(r => PathNormalizer.IsUnder(r, p)) && !scanned.Contains(p) && !documents.IsOpen(p)).ToList();
            var rootsNow = CurrentRoots();
            var reconfigured = !rootsNow.Select(r => r.Path).SequenceEqual(basis.Roots.Select(r => r.Path));
            var merged = (reconfigured ? basis.WithRoots(rootsNow) : basis).With([.. results.Where(IsCurrent)], gone);

            await _lock.WaitAsync();
            try
            {
                var state = merged.State;
                var affected = new HashSet<string>(reconfigured ? AllPaths(state, merged.Affected) : merged.Affected, PathNormalizer.Comparer);
                foreach (var commit in _log.Where(c => c.Sequence > since))
                {
                    if (commit.Reconfigured)
                    {
                        state = state.WithRoots(CurrentRoots());
                        affected.UnionWith(AllPaths(state, []));
                    }

                    if (commit.Updates.Count + commit.Removed.Count > 0)
                    {
                        var replayed = state.With(commit.Updates, commit.Removed);
                        state = replayed.State;
                        affected.UnionWith(replayed.Affected);
                    }
                }

                _current = state;
                _sequence++;
                StopMerging(ref merging);

                log.Debug("Committed the scan of {Files} file(s), {Removed} removed: {Affected} re-resolved", results.Count, gone.Count, affected.Count);
                await publisher.PublishAsync(state, affected, new HashSet<string>());
            }
            finally
            {
                Signal();
                _lock.Release();
            }
        }
        finally
        {
            if (merging)
            {
                await _lock.WaitAsync();
                StopMerging(ref merging);
                _lock.Release();
            }
        }
    }

    // Under the lock: one merge fewer in flight; with none left, nothing needs replaying.
    private void StopMerging(ref bool merging)
    {
        merging = false;
        if (--_merging == 0)
        {
            _log.Clear();
        }
    }

    /// <summary>The roots with the settings in effect for each (workspace file under editor settings).</summary>
    public IReadOnlyList<WorkspaceRoot> CurrentRoots() => [.. roots.All.Select(r => new WorkspaceRoot(r, settings.For(r)))];

    // Every file the state knows, and files whose findings were published and may need clearing.
    private IReadOnlySet<string> AllPaths(WorkspaceState state, IEnumerable<string> extra) =>
        state.Files.Keys.Concat(publisher.PublishedPaths).Concat(extra).ToHashSet(PathNormalizer.Comparer);

    private void Log(LoggedCommit commit)
    {
        if (_merging > 0)
        {
            _log.Add(commit);
        }
    }

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

    private sealed record LoggedCommit(long Sequence, IReadOnlyCollection<FileAnalysis> Updates, IReadOnlyCollection<string> Removed, bool Reconfigured);
}
