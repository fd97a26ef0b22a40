using System.Diagnostics;

namespace ReadinessLsp.LspBenchmark;

/// <summary>
/// The language server on a real repository, as an editor sees it while the initial scan runs:
/// open one file at once and type into it, one character per edit, first while the background
/// scan is still running, then the same number of edits once it is done. Open documents must come
/// first: the edits during the scan should be answered within twice the idle latency.
/// </summary>
internal static class RealWorkspace
{
    public static async Task<int> RunAsync(string workspace, string edit, int edits, int pace)
    {
        var root = Path.GetFullPath(workspace);
        var path = Path.Combine(root, edit);
        var uri = new Uri(path).AbsoluteUri;
        var text = File.ReadAllText(path);
        var line = text.Count(c => c == '\n') / 2;
        var csharp = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Count();
        Console.WriteLine($"Workspace: {root} ({csharp:N0} C# files); typing into {edit}{(pace > 0 ? $", {pace} ms between edits during the scan" : string.Empty)}");

        var log = Path.Combine(Path.GetTempPath(), $"readiness-lsp-bench-{Environment.ProcessId}.log");
        await using var state = await Program.ServerProcess.StartAsync(Program.ServerDll, log);
        await state.InitializeAsync(new Uri(root).AbsoluteUri);
        var initialized = Stopwatch.StartNew();
        await state.Rpc.NotifyWithParameterObjectAsync("initialized", new { });
        await state.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        await state.WaitForDiagnosticsAsync(uri, 1, TimeSpan.FromSeconds(60));
        var first = initialized.Elapsed;

        var scanStart = initialized.Elapsed;
        var duringScan = await Program.TypeAsync(state, uri, line, edits, until: () => state.ScanEnded.Task.IsCompleted, pace: pace);
        // Which edits were slow, and when: the first ones (code not compiled yet) or any time.
        var slowest = duringScan.Select((ms, i) => (Edit: i + 1, Ms: ms)).OrderByDescending(e => e.Ms).Take(3).ToList();
        await state.ScanEnded.Task.WaitAsync(TimeSpan.FromMinutes(30));
        var scan = initialized.Elapsed;
        await Task.Delay(500);
        var idle = await Program.TypeAsync(state, uri, line, Math.Max(duringScan.Count, 20), firstVersion: duringScan.Count + 2);
        var rss = Program.ProcessRssMegabytes(state.Process.Id);

        duringScan.Sort();
        idle.Sort();
        Console.WriteLine();
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| initialized -> first diagnostics of the open document | {first.TotalMilliseconds:F0} ms | |");
        Console.WriteLine($"| initialized -> full workspace scan published | {scan.TotalMilliseconds:F0} ms | |");
        if (duringScan.Count > 0)
        {
            Console.WriteLine($"| didChange -> publishDiagnostics while the scan runs, {duringScan.Count} edits | p50 {Program.Percentile(duringScan, 50):F1} ms, p95 {Program.Percentile(duringScan, 95):F1} ms, max {duringScan[^1]:F1} ms | p95 within 2x idle; max + debounce < 300 ms |");
        }

        Console.WriteLine($"| didChange -> publishDiagnostics once the scan is done, {idle.Count} edits | p50 {Program.Percentile(idle, 50):F1} ms, p95 {Program.Percentile(idle, 95):F1} ms, max {idle[^1]:F1} ms | p95 < 50 ms |");
        if (duringScan.Count > 0)
        {
            Console.WriteLine($"| during scan / idle, p95 | {Program.Percentile(duringScan, 95) / Math.Max(0.1, Program.Percentile(idle, 95)):F2}x | <= 2x |");
        }

        Console.WriteLine($"| server memory (RSS) after the full scan | {rss:F0} MB | |");
        if (slowest.Count > 0)
        {
            Console.WriteLine($"slowest edits during the scan (edit number: ms): {string.Join(", ", slowest.Select(e => $"#{e.Edit}: {e.Ms:F0}"))}; the first edit was sent {scanStart.TotalSeconds:F1} s after initialized");
        }
        return 0;
    }
}
