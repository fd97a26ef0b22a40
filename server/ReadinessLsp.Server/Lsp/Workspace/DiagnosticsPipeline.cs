using System.Collections.Concurrent;
using SyntaxTree = Microsoft.CodeAnalysis.SyntaxTree;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Protocol;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// From text to published diagnostics. Open documents are analysed from the editor's text after a
/// short debounce (a newer edit cancels the older work); every result is committed under one lock
/// that re-resolves the files whose findings may depend on changed facts and publishes what
/// changed. A result computed from text older than the document's newest version is dropped, so
/// the last diagnostics a client receives always belong to its last text.
/// </summary>
internal sealed class DiagnosticsPipeline(
    ReadinessEngine engine,
    ClientState state,
    ClientChannel client,
    DocumentStore documents,
    SettingsStore settings,
    WorkspaceRoots roots,
    ServerOptions options,
    ILogger log)
{
    private readonly SemaphoreSlim _commitLock = new(1, 1);

    // Guarded by _commitLock.
    private readonly Dictionary<string, FileAnalysis> _analyses = new(PathNormalizer.Comparer);
    private readonly Dictionary<string, string> _pushed = new(PathNormalizer.Comparer);
    private readonly Dictionary<string, string> _pulled = new(PathNormalizer.Comparer);
    private volatile WorkspaceFacts _facts = WorkspaceFacts.Empty;

    private readonly ConcurrentDictionary<string, ResolvedFile> _resolved = new(PathNormalizer.Comparer);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pendingEdits = new(PathNormalizer.Comparer);
    private readonly ConcurrentDictionary<string, SyntaxTree> _trees = new(PathNormalizer.Comparer);
    private volatile TaskCompletionSource _committed = NewSignal();
    private int _urgent;

    /// <summary>Open-document work is queued or running; the background scan yields to it.</summary>
    public bool HasUrgentWork => Volatile.Read(ref _urgent) > 0;

    /// <summary>Whether open documents get their diagnostics by pull (textDocument/diagnostic) rather than push.</summary>
    public bool PullMode { get; set; }

    public ResolvedFile? Resolved(string path) => _resolved.GetValueOrDefault(path);

    /// <summary>The merged facts of the last committed analysis; immutable, safe to read from any thread.</summary>
    public WorkspaceFacts Facts => _facts;

    public IReadOnlyList<string> KnownPaths()
    {
        _commitLock.Wait();
        try
        {
            return [.. _analyses.Keys];
        }
        finally
        {
            _commitLock.Release();
        }
    }

    /// <summary>Analyses an open document's current text, after the debounce when <paramref name="debounce"/>.</summary>
    public void ScheduleOpenDocument(string path, bool debounce)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(state.Lifetime.Token);
        Interlocked.Increment(ref _urgent);
        _pendingEdits.AddOrUpdate(path, cts, (_, previous) =>
        {
            previous.Cancel();
            return cts;
        });
        _ = Task.Run(() => AnalyzeOpenDocumentAsync(path, debounce, cts));
    }

    public void Forget(string path)
    {
        if (_pendingEdits.TryRemove(path, out var pending))
        {
            pending.Cancel();
        }

        _trees.TryRemove(path, out _);
    }

    /// <summary>
    /// Waits until the open document's newest version has been analysed (or the wait times out),
    /// so hover and code actions never answer from text the user has already changed.
    /// </summary>
    public async Task<(OpenDocument? Document, ResolvedFile? File)> FreshAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FreshResultTimeout);
        while (true)
        {
            var signal = _committed.Task;
            var document = documents.TryGet(path);
            var file = Resolved(path);
            if (document is null || file?.Analysis.Version == document.Version)
            {
                return (document, file);
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                log.Warning("Answering from an older analysis of {Path}: the newest text was not analysed in time", path);
                return (document, file);
            }
        }
    }

    /// <summary>
    /// Commits new analyses and removed files, re-resolves what they affect and publishes what
    /// changed. <paramref name="resolveAll"/> forces every file to be re-resolved (settings changed).
    /// </summary>
    public async Task CommitAsync(IReadOnlyCollection<FileAnalysis> updates, IReadOnlyCollection<string> removed, bool resolveAll)
    {
        await _commitLock.WaitAsync();
        try
        {
            var changed = new HashSet<string>(PathNormalizer.Comparer);
            var fresh = new HashSet<string>(PathNormalizer.Comparer);
            var factsChanged = false;
            foreach (var analysis in updates)
            {
                var open = documents.TryGet(analysis.Path);
                if (analysis.Version is null ? open is not null : open?.Version != analysis.Version)
                {
                    continue; // Stale: the editor holds newer text than this analysis saw.
                }

                var before = _analyses.GetValueOrDefault(analysis.Path);
                _analyses[analysis.Path] = analysis;
                factsChanged |= !(before?.Facts ?? FactBag.Empty).SameAs(analysis.Facts);
                changed.Add(analysis.Path);
                if (analysis.Version is not null)
                {
                    fresh.Add(analysis.Path);
                }
            }

            foreach (var path in removed)
            {
                if (documents.IsOpen(path))
                {
                    continue;
                }

                if (_analyses.Remove(path, out var before))
                {
                    factsChanged |= before.Facts.Count > 0;
                }

                changed.Add(path);
            }

            if (factsChanged)
            {
                _facts = new WorkspaceFacts(roots.All, [.. _analyses.Values.Select(a => a.Facts)]);
            }

            var targets = factsChanged || resolveAll ? [.. _analyses.Keys, .. changed] : changed;
            await PublishAsync(targets.Distinct(PathNormalizer.Comparer), fresh);
        }
        finally
        {
            _commitLock.Release();
            var previous = _committed;
            _committed = NewSignal();
            previous.TrySetResult();
        }
    }

    /// <summary>Re-resolves every file (settings changed) without re-reading any.</summary>
    public Task ResolveAllAsync() => CommitAsync([], [], resolveAll: true);

    /// <summary>Answers a pull request for one document from its newest analysis.</summary>
    public async Task<DocumentDiagnosticReport> PullAsync(string path, string? previousResultId, CancellationToken cancellationToken)
    {
        var (document, file) = await FreshAsync(path, cancellationToken);
        var findings = file?.Findings ?? [];
        var signature = FindingConverter.Signature(findings);
        var resultId = $"{document?.Version}:{(uint)StringComparer.Ordinal.GetHashCode(signature):x8}";
        await _commitLock.WaitAsync(cancellationToken);
        try
        {
            _pulled[path] = signature;
        }
        finally
        {
            _commitLock.Release();
        }

        return previousResultId == resultId
            ? new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Unchanged, resultId, null)
            : new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Full, resultId, [.. findings.Select(f => ToDiagnostic(f))]);
    }

    public Diagnostic ToDiagnostic(Finding finding) =>
        FindingConverter.ToDiagnostic(finding, UriOf, state.SupportsRelatedInformation);

    /// <summary>The URI the client uses for a path: its own spelling for open documents.</summary>
    public string UriOf(string path) => documents.TryGet(path)?.Uri ?? DocumentUri.FromPath(path);

    private async Task AnalyzeOpenDocumentAsync(string path, bool debounce, CancellationTokenSource cts)
    {
        var cancellationToken = cts.Token;
        try
        {
            if (debounce && options.Debounce > TimeSpan.Zero)
            {
                await Task.Delay(options.Debounce, cancellationToken);
            }

            var document = documents.TryGet(path);
            if (document is null)
            {
                return;
            }

            var analysis = AnalyzeEditorText(document, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await CommitAsync([analysis], [], resolveAll: false);
        }
        catch (OperationCanceledException)
        {
            // Superseded by a newer edit, or the server is stopping.
        }
        catch (Exception e)
        {
            log.Error(e, "Analysis of open document {Path} failed", path);
        }
        finally
        {
            Interlocked.Decrement(ref _urgent);
            _pendingEdits.TryRemove(new KeyValuePair<string, CancellationTokenSource>(path, cts));
        }
    }

    private FileAnalysis AnalyzeEditorText(OpenDocument document, CancellationToken cancellationToken)
    {
        var source = new SourceDocument(document.Path, document.Text, document.Version);
        // Only the head is probed for NUL characters: copying a large document's whole text on
        // every keystroke would put it on the large-object heap each time.
        if (document.Text.Length > options.MaxFileBytes || DocumentLoader.IsProbablyBinary(document.Text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, Math.Min(document.Text.Length, 8000)))))
        {
            log.Warning("Not analysing {Path}: it is over {Limit} KB or looks binary", document.Path, options.MaxFileBytes / 1024);
            return ReadinessEngine.Empty(source);
        }

        if (source.Kind == FileKind.CSharp)
        {
            // Incremental reparse: Roslyn reuses the unchanged parts of the previous tree.
            var tree = _trees.TryGetValue(document.Path, out var previous)
                ? previous.WithChangedText(document.Text)
                : CSharpParsing.Parse(source);
            source.SetParsed(tree);
            var analysis = engine.Analyze(source, cancellationToken);
            _trees[document.Path] = tree;
            return analysis;
        }

        return engine.Analyze(source, cancellationToken);
    }

    private async Task PublishAsync(IEnumerable<string> targets, IReadOnlySet<string> fresh)
    {
        var refresh = false;
        foreach (var path in targets)
        {
            if (!_analyses.TryGetValue(path, out var analysis))
            {
                _resolved.TryRemove(path, out _);
                if (_pushed.Remove(path, out var previous) && previous.Length > 0)
                {
                    await client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(UriOf(path), null, []));
                }

                continue;
            }

            var root = roots.ResolutionRootOf(path);
            var findings = engine.Resolve(analysis, _facts, settings.For(root), root);
            _resolved[path] = new ResolvedFile(analysis, findings);
            var signature = FindingConverter.Signature(findings);
            var open = documents.TryGet(path);
            if (open is not null && open.Version != analysis.Version)
            {
                continue; // Newer text is being analysed; it will publish.
            }

            if (open is not null && PullMode)
            {
                if (_pushed.Remove(path, out var pushed) && pushed.Length > 0)
                {
                    await client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(open.Uri, null, []));
                }

                refresh |= !fresh.Contains(path) && _pulled.TryGetValue(path, out var pulled) && pulled != signature;
                continue;
            }

            var last = _pushed.GetValueOrDefault(path);
            if (!fresh.Contains(path) && signature == (last ?? string.Empty))
            {
                continue;
            }

            _pushed[path] = signature;
            await client.NotifyAsync(
                "textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(open?.Uri ?? DocumentUri.FromPath(path), open?.Version, [.. findings.Select(ToDiagnostic)]));
        }

        if (refresh && state.SupportsDiagnosticRefresh)
        {
            _ = client.RequestAsync<object>("workspace/diagnostic/refresh", new { });
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
