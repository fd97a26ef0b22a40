using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Lsp;

/// <summary>Knobs of one server instance; tests and the benchmark shorten the delays.</summary>
internal sealed record ServerOptions
{
    /// <summary>
    /// Quiet time after an edit before analysis starts, so typing does not queue work. A keystroke's
    /// diagnostics should arrive within 300 ms; a 2,000-line controller's analysis takes up to about
    /// 180 ms while the background scan runs on 2 cores, so the quiet time is 100 ms, not more.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    public long MaxFileBytes { get; init; } = DocumentLoader.DefaultMaxFileBytes;

    /// <summary>Background scan threads; one core stays free for the documents being edited.</summary>
    public int ScanParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    public TimeSpan ProcessWatchInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long hover and code actions wait for the newest text to be analysed.</summary>
    public TimeSpan FreshResultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Test seam: called before the scan reads each file (to delete it mid-scan, for instance).</summary>
    public Action<string>? BeforeScanLoad { get; init; }
}
