using System.Collections.Concurrent;
using System.Diagnostics;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// The background scan of every workspace folder: list, read and analyse each file in parallel
/// (yielding to open-document work), then commit everything at once so cross-file findings are
/// decided on complete facts. A new scan cancels the one running.
/// </summary>
internal sealed class WorkspaceScan(
    ReadinessEngine engine,
    ClientState state,
    ClientChannel client,
    DocumentStore documents,
    SettingsStore settings,
    WorkspaceRoots roots,
    DiagnosticsPipeline pipeline,
    ServerOptions options,
    ILogger log)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _running;
    private Task _current = Task.CompletedTask;

    /// <summary>Completes when the latest requested scan has finished (for tests and the benchmark).</summary>
    public Task Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public Task Start(IReadOnlyList<string>? only = null)
    {
        lock (_gate)
        {
            _running?.Cancel();
            var cts = CancellationTokenSource.CreateLinkedTokenSource(state.Lifetime.Token);
            _running = cts;
            var previous = _current;
            var scanRoots = only?.Select(ReadinessLsp.Engine.Workspace.PathNormalizer.Normalize).ToList();
            _current = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await RunAsync(scanRoots ?? roots.All, cts.Token);
            });
            return _current;
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            _running?.Cancel();
        }
    }

    private async Task RunAsync(IReadOnlyList<string> scanRoots, CancellationToken cancellationToken)
    {
        if (scanRoots.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        ProgressReporter? progress = null;
        try
        {
            progress = await ProgressReporter.BeginAsync(client, state, "Readiness: scanning the workspace", cancellationToken);
            var files = new List<ScannedFile>();
            foreach (var root in scanRoots)
            {
                settings.ReloadWorkspaceFile(root);
                var scanner = new WorkspaceScanner(settings.For(root).Exclude, log);
                files.AddRange(scanner.Scan(root, cancellationToken));
            }

            var loader = new DocumentLoader(options.MaxFileBytes, log);
            var results = new ConcurrentBag<FileAnalysis>();
            var done = 0;
            await Parallel.ForEachAsync(
                files,
                new ParallelOptions { MaxDegreeOfParallelism = options.ScanParallelism, CancellationToken = cancellationToken },
                async (file, token) =>
                {
                    while (pipeline.HasUrgentWork)
                    {
                        await Task.Delay(5, token);
                    }

                    options.BeforeScanLoad?.Invoke(file.Path);
                    if (!documents.IsOpen(file.Path))
                    {
                        var loaded = loader.Load(file.Path);
                        if (loaded.Document is not null)
                        {
                            results.Add(engine.Analyze(loaded.Document, token));
                        }
                    }

                    progress.Report(Interlocked.Increment(ref done), files.Count);
                });

            var scanned = new HashSet<string>(results.Select(r => r.Path), PathNormalizer.Comparer);
            var gone = pipeline.KnownPaths()
                .Where(p => scanRoots.Any(r => WorkspaceRoots.IsUnder(r, p)) && !scanned.Contains(p) && !documents.IsOpen(p))
                .ToList();
            await pipeline.CommitAsync(results, gone, resolveAll: true);
            log.Information("Scanned {Files} files in {Roots} folder(s) in {Elapsed} ms", results.Count, scanRoots.Count, stopwatch.ElapsedMilliseconds);
            await progress.EndAsync($"{results.Count} files analysed");
        }
        catch (OperationCanceledException)
        {
            log.Information("Workspace scan cancelled after {Elapsed} ms", stopwatch.ElapsedMilliseconds);
            if (progress is not null)
            {
                await progress.EndAsync("cancelled");
            }
        }
        catch (Exception e)
        {
            log.Error(e, "Workspace scan failed");
            if (progress is not null)
            {
                await progress.EndAsync("failed");
            }
        }
    }
}
