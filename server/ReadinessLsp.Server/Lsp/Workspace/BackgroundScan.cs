using System.Diagnostics;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// The background scan of every workspace folder with the engine's one loader (yielding to
/// open-document work), then one commit of everything, so cross-file findings are decided on
/// complete facts. A new scan cancels the one running.
/// </summary>
internal sealed class BackgroundScan(
    ReadinessEngine engine,
    ClientState state,
    ClientChannel client,
    DocumentStore documents,
    SettingsStore settings,
    WorkspaceFolders roots,
    ServerWorkspace workspace,
    OpenDocumentScheduler scheduler,
    ServerOptions options,
    ILogger log)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);
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

    /// <summary>What the last finished scan skipped and how long it took, for the report.</summary>
    public (IReadOnlyList<SkippedFile> Skipped, TimeSpan Elapsed)? LastScan { get; private set; }

    public Task Start(IReadOnlyList<string>? only = null)
    {
        lock (_gate)
        {
            _running?.Cancel();
            var cts = CancellationTokenSource.CreateLinkedTokenSource(state.Lifetime.Token);
            _running = cts;
            var previous = _current;
            var scanRoots = only?.Select(PathNormalizer.Normalize).ToList();
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

    // What the scan could not check (settings kept out of the repository), shown once per session.
    private async Task SayNotesOnceAsync()
    {
        foreach (var note in WorkspaceNotes.Of(workspace.Current).Where(n => _said.Add(n.Message)))
        {
            await client.NotifyAsync("window/showMessage", new Protocol.LogMessageParams(Protocol.MessageType.Info, "Readiness: " + note.Message));
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
            foreach (var root in scanRoots)
            {
                settings.ReloadWorkspaceFile(root);
            }

            var loaded = await new WorkspaceLoader(engine, options.MaxFileBytes, log).LoadAsync(
                [.. scanRoots.Select(r => (r, settings.For(r).Exclude))],
                skip: path =>
                {
                    options.BeforeScanLoad?.Invoke(path);
                    return documents.IsOpen(path);
                },
                urgent: () => scheduler.HasUrgentWork,
                progress: progress.Report,
                parallelism: options.ScanParallelism,
                cancellationToken: cancellationToken);
            await workspace.CommitScanAsync(scanRoots, loaded.Analyses);
            LastScan = (loaded.Skipped, stopwatch.Elapsed);
            await SayNotesOnceAsync();
            log.Information("Scanned {Files} files in {Roots} folder(s) in {Elapsed} ms", loaded.Analyses.Count, scanRoots.Count, stopwatch.ElapsedMilliseconds);
            await progress.EndAsync($"{loaded.Analyses.Count} files analysed");
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
