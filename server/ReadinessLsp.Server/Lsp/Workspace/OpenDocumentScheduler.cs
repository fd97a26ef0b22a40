using System.Collections.Concurrent;
using System.Diagnostics;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using Serilog;
using SyntaxTree = Microsoft.CodeAnalysis.SyntaxTree;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// Analyses open documents from the editor's text: after a short debounce, a newer edit cancelling
/// the older work, with an incremental reparse of C#, on a thread of their own. Results go to
/// <see cref="ServerWorkspace"/>; while any is pending the background scan yields, so the document
/// being typed in comes first.
/// </summary>
internal sealed class OpenDocumentScheduler(
    ReadinessEngine engine,
    ClientState state,
    DocumentStore documents,
    ServerWorkspace workspace,
    ServerOptions options,
    ILogger log)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(PathNormalizer.Comparer);
    private readonly ConcurrentDictionary<string, SyntaxTree> _trees = new(PathNormalizer.Comparer);
    private readonly DedicatedThreadScheduler _editorThread = new("readiness-editor");
    private int _urgent;

    /// <summary>Open-document work is queued or running; the background scan yields to it.</summary>
    public bool HasUrgentWork => Volatile.Read(ref _urgent) > 0;

    /// <summary>Analyses an open document's current text, after the debounce when <paramref name="debounce"/>.</summary>
    public void Schedule(string path, bool debounce)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(state.Lifetime.Token);
        Interlocked.Increment(ref _urgent);
        _pending.AddOrUpdate(path, cts, (_, previous) =>
        {
            previous.Cancel();
            return cts;
        });
        // Everything for the editor runs on its own thread (the awaits inside resume there too), so a
        // keystroke never waits for a thread-pool thread while the background scan keeps the pool busy.
        _ = Task.Factory.StartNew(() => AnalyzeAsync(path, debounce, cts), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _editorThread).Unwrap();
    }

    /// <summary>Drops pending work and the kept syntax tree of a document that was opened anew or closed.</summary>
    public void Forget(string path)
    {
        if (_pending.TryRemove(path, out var pending))
        {
            pending.Cancel();
        }

        _trees.TryRemove(path, out _);
    }

    /// <summary>
    /// The state once the open document's newest version has been analysed (or the wait timed
    /// out), so hover and code actions never answer from text the user has already changed.
    /// </summary>
    public async Task<FileView> FreshAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FreshResultTimeout);
        while (true)
        {
            var signal = workspace.NextCommit;
            var current = workspace.Current;
            var document = documents.TryGet(path);
            var file = current.File(path);
            if (document is null || file?.Version == document.Version)
            {
                return new FileView(document, file, file is null ? [] : current.FindingsOf(path), current);
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                log.Warning("Answering from an older analysis of {Path}: the newest text was not analysed in time", path);
                return new FileView(document, file, file is null ? [] : current.FindingsOf(path), current);
            }
        }
    }

    private async Task AnalyzeAsync(string path, bool debounce, CancellationTokenSource cts)
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

            // Where an edit's time goes (analysis, commit and publish, the runtime's collections), at Debug.
            var started = Stopwatch.GetTimestamp();
            var (collections, paused) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
            var analysis = AnalyzeEditorText(document, cancellationToken);
            var analysed = Stopwatch.GetTimestamp();
            cancellationToken.ThrowIfCancellationRequested();
            await workspace.CommitAsync([analysis], []);
            log.Debug(
                "Edit of {Path} v{Version}: analysed in {Analysis:F0} ms, committed and published in {Commit:F0} ms; {Collections} collections, {Paused:F0} ms paused",
                path,
                document.Version,
                Stopwatch.GetElapsedTime(started, analysed).TotalMilliseconds,
                Stopwatch.GetElapsedTime(analysed).TotalMilliseconds,
                GC.CollectionCount(0) - collections,
                (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
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
            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(path, cts));
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

        if (source.Kind == FileKind.CSharp && BracketNesting.IsTooDeep(document.Text))
        {
            log.Warning("Not analysing {Path}: brackets nest more than {Limit} deep", document.Path, BracketNesting.Limit);
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
}

/// <summary>A file as hover and code actions see it: the editor's document, its analysis and findings, and the state they came from.</summary>
internal sealed record FileView(OpenDocument? Document, FileAnalysis? Analysis, IReadOnlyList<Finding> Findings, WorkspaceState State);
