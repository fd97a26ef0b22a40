using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StreamJsonRpc;

namespace ReadinessLsp.LspBenchmark;

/// <summary>
/// Measures the language server as an editor sees it, over stdio against the real server process:
/// time from initialized to the first diagnostics of an open document while the background scan
/// runs, didChange-to-publishDiagnostics latency (server debounce set to 0, so the figure excludes
/// it) on a 2,000-line file, on a project's Program.cs and on its DbContext — files whose facts
/// other files' findings read — with how many files each edit re-resolved, and the server's memory
/// after the full scan.
/// Usage: dotnet run -c Release --project bench/ReadinessLsp.LspBenchmark -- [--files 5000] [--edits 200] [--keep]
///        dotnet run -c Release --project bench/ReadinessLsp.LspBenchmark -- --workspace DIR --edit RELATIVE/FILE.cs [--edits 100] [--pace MS]
/// The second form measures a real repository: edits while the initial scan runs against edits once it is done.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (StringArg(args, "--workspace") is { } workspace)
        {
            return await RealWorkspace.RunAsync(workspace, StringArg(args, "--edit") ?? throw new ArgumentException("--edit FILE is required with --workspace"), IntArg(args, "--edits", 100), IntArg(args, "--pace", 0));
        }

        var files = IntArg(args, "--files", 5000);
        var edits = IntArg(args, "--edits", 200);
        var root = Path.Combine(Path.GetTempPath(), $"readiness-lsp-bench-{files}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var generation = Stopwatch.StartNew();
        LspWorkspaceGenerator.Generate(root, files);
        Console.WriteLine($"Workspace: {files} files in {root} (generated in {generation.ElapsedMilliseconds} ms)");

        try
        {
            var log = Path.Combine(Path.GetTempPath(), $"readiness-lsp-bench-{Environment.ProcessId}.log");
            await using var state = await ServerProcess.StartAsync(ServerDll, log);
            var openUri = new Uri(Path.Combine(root, LspWorkspaceGenerator.OpenFile)).AbsoluteUri;
            var largeUri = new Uri(Path.Combine(root, LspWorkspaceGenerator.LargeFile)).AbsoluteUri;

            await state.InitializeAsync(new Uri(root).AbsoluteUri);
            var initialized = Stopwatch.StartNew();
            await state.Rpc.NotifyWithParameterObjectAsync("initialized", new { });
            await state.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = openUri, languageId = "csharp", version = 1, text = LspWorkspaceGenerator.Program } });
            await state.WaitForDiagnosticsAsync(openUri, 1, TimeSpan.FromSeconds(60));
            var firstDiagnostics = initialized.Elapsed;
            var scanRunning = !state.ScanEnded.Task.IsCompleted;

            await state.ScanEnded.Task.WaitAsync(TimeSpan.FromMinutes(10));
            var fullScan = initialized.Elapsed;
            await Task.Delay(500);
            var rss = ProcessRssMegabytes(state.Process.Id);

            var text = File.ReadAllText(Path.Combine(root, LspWorkspaceGenerator.LargeFile));
            var lineCount = text.Count(c => c == '\n');
            await state.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = largeUri, languageId = "csharp", version = 1, text } });
            await state.WaitForDiagnosticsAsync(largeUri, 1, TimeSpan.FromSeconds(30));

            // Type into a comment in the middle of the file, one character per edit, and wait for
            // each edit's diagnostics before the next: the latency an editor sees per keystroke.
            var latencies = await TypeAsync(state, largeUri, lineCount / 2, edits);

            // The same in a project's Program.cs and DbContext: their facts feed other files' findings.
            var programPath = Path.Combine(root, LspWorkspaceGenerator.ProjectProgram);
            var contextPath = Path.Combine(root, LspWorkspaceGenerator.ProjectDbContext);
            var typed = new List<(string Name, List<double> Latencies, List<int> Resolved)>();
            foreach (var (name, path) in new[] { ("Program.cs of a project", programPath), ("DbContext of a project", contextPath) })
            {
                var uri = new Uri(path).AbsoluteUri;
                var source = File.ReadAllText(path);
                await state.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = source } });
                await state.WaitForDiagnosticsAsync(uri, 1, TimeSpan.FromSeconds(30));
                var before = ResolvedCounts(log).Count;
                var series = await TypeAsync(state, uri, source.Count(c => c == '\n') / 2, Math.Max(10, edits / 4));
                typed.Add((name, series, ResolvedCounts(log).Skip(before).ToList()));
            }

            latencies.Sort();
            Console.WriteLine();
            Console.WriteLine($"| measure | value | target |");
            Console.WriteLine($"|---|---|---|");
            Console.WriteLine($"| initialized -> first diagnostics of an open document | {firstDiagnostics.TotalMilliseconds:F0} ms (scan {(scanRunning ? "still running" : "already done")}) | < 1000 ms |");
            Console.WriteLine($"| initialized -> full workspace scan published | {fullScan.TotalMilliseconds:F0} ms | |");
            Console.WriteLine($"| didChange -> publishDiagnostics, {lineCount}-line file, {latencies.Count} edits | p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, max {latencies[^1]:F1} ms | p95 < 50 ms |");
            foreach (var (name, series, resolved) in typed)
            {
                series.Sort();
                resolved.Sort();
                Console.WriteLine($"| didChange -> publishDiagnostics, {name}, {series.Count} edits | p50 {Percentile(series, 50):F1} ms, p95 {Percentile(series, 95):F1} ms, max {series[^1]:F1} ms; files re-resolved per edit: {(resolved.Count == 0 ? "n/a" : $"median {resolved[resolved.Count / 2]}, max {resolved[^1]}")} | p95 < 50 ms |");
            }

            Console.WriteLine($"| server memory (RSS) after the full scan | {rss:F0} MB | < 600 MB |");
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "ReadinessLsp.Server.dll");

    // Inserts a character at the start of a line, one edit at a time, waiting for each edit's diagnostics.
    // With pace, waits that many milliseconds between edits (not counted), so the edits spread over a long scan.
    public static async Task<List<double>> TypeAsync(ServerProcess state, string uri, int line, int edits, int firstVersion = 2, Func<bool>? until = null, int pace = 0)
    {
        var latencies = new List<double>();
        for (var version = firstVersion; version < edits + firstVersion && until?.Invoke() != true; version++)
        {
            var sent = Stopwatch.StartNew();
            await state.Rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version },
                contentChanges = new[] { new { range = new { start = new { line, character = 0 }, end = new { line, character = 0 } }, text = " " } },
            });
            await state.WaitForDiagnosticsAsync(uri, version, TimeSpan.FromSeconds(30));
            latencies.Add(sent.Elapsed.TotalMilliseconds);
            if (pace > 0)
            {
                await Task.Delay(pace);
            }
        }

        return latencies;
    }

    // The server logs, per commit, how many files it re-resolved ("...: 3 re-resolved").
    public static List<int> ResolvedCounts(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var counts = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(" re-resolved", StringComparison.Ordinal);
            if (at > 0 && int.TryParse(line[(line.LastIndexOf(' ', at - 1) + 1)..at], out var count))
            {
                counts.Add(count);
            }
        }

        return counts;
    }

    public static double Percentile(List<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string? StringArg(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    public static double ProcessRssMegabytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }

        using var process = Process.GetProcessById(pid);
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>The server process and a JSON-RPC client on its stdio.</summary>
    internal sealed class ServerProcess : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, int> _versions = new();
        private volatile TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ServerProcess(Process process, JsonRpc rpc)
        {
            Process = process;
            Rpc = rpc;
        }

        public Process Process { get; }

        public JsonRpc Rpc { get; }

        public TaskCompletionSource ScanEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static Task<ServerProcess> StartAsync(string serverDll, string logFile)
        {
            var start = new ProcessStartInfo("dotnet", [serverDll, "--stdio", "--debounce-ms", "0", "--log-level", "Debug", "--log-file", logFile])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            // As the VS Code extension starts the server (optimised code from the first call, see
            // client-vscode/src/extension.ts); set DOTNET_TC_QuickJit=1 to measure the runtime's default.
            if (Environment.GetEnvironmentVariable("DOTNET_TC_QuickJit") is null)
            {
                start.Environment["DOTNET_TC_QuickJit"] = "0";
            }

            var process = Process.Start(start)!;
            var formatter = new SystemTextJsonFormatter();
            var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
            var state = new ServerProcess(process, rpc);
            Add(rpc, "textDocument/publishDiagnostics", new Action<JsonElement>(state.OnPublish));
            Add(rpc, "$/progress", new Action<JsonElement>(state.OnProgress));
            Add(rpc, "window/workDoneProgress/create", new Func<JsonElement, object?>(_ => null));
            Add(rpc, "window/logMessage", new Action<JsonElement>(_ => { }));
            rpc.StartListening();
            return Task.FromResult(state);
        }

        private static void Add(JsonRpc rpc, string method, Delegate handler) =>
            rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

        public Task InitializeAsync(string rootUri) =>
            Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
            {
                processId = Environment.ProcessId,
                rootUri,
                workspaceFolders = new[] { new { uri = rootUri, name = "bench" } },
                capabilities = new { window = new { workDoneProgress = true } },
            });

        public async Task WaitForDiagnosticsAsync(string uri, int version, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (!(_versions.TryGetValue(uri, out var published) && published >= version))
            {
                await _published.Task.WaitAsync(cts.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Rpc.InvokeWithCancellationAsync<object>("shutdown", null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
                await Rpc.NotifyAsync("exit");
                await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or ConnectionLostException or RemoteInvocationException)
            {
                Process.Kill(entireProcessTree: true);
            }

            Rpc.Dispose();
            Process.Dispose();
        }

        private void OnPublish(JsonElement parameters)
        {
            var uri = parameters.GetProperty("uri").GetString()!;
            var version = parameters.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            _versions.AddOrUpdate(uri, version, (_, old) => Math.Max(old, version));
            var previous = _published;
            _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }

        private void OnProgress(JsonElement parameters)
        {
            if (parameters.GetProperty("value").GetProperty("kind").GetString() == "end")
            {
                ScanEnded.TrySetResult();
            }
        }
    }
}
