using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ReadinessLsp.Benchmarks.Measurement;
using ReadinessLsp.Benchmarks.Synthetic;

namespace ReadinessLsp.Benchmarks.Mcp;

/// <summary>
/// <c>mcp</c>: the MCP server as an agent sees it, over stdio against the real server process on a
/// synthetic workspace: time to the first answer (the load), the latency of <c>check_files</c> on
/// one file after warm-up (from disk, and with unsaved text), the other tools' latency, what the
/// tool list and typical answers cost in context, and the server's memory.
/// </summary>
internal sealed class McpBenchmark(int files, int calls, bool keep, TextWriter output)
{
    public async Task<int> RunAsync()
    {
        var dll = typeof(McpBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ServerDll")?.Value;
        if (dll is null || !File.Exists(dll))
        {
            Console.Error.WriteLine($"The server is not built at {dll}.");
            return 2;
        }

        var root = Path.Combine(Path.GetTempPath(), $"readiness-mcp-bench-{files}-{Environment.ProcessId}");
        var generated = Stopwatch.StartNew();
        var workspace = new SyntheticWorkspaceGenerator(files).Generate(root);
        output.WriteLine($"Workspace: {workspace.CSharpFiles} C# files ({workspace.CSharpLines:N0} lines) and {workspace.OtherFiles} other files in {root} (generated in {generated.ElapsedMilliseconds} ms)");
        var target = Directory.EnumerateFiles(root, "*Controller.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var relative = Path.GetRelativePath(root, target).Replace('\\', '/');
        var text = File.ReadAllText(target);

        try
        {
            var started = Stopwatch.StartNew();
            var transport = new StdioClientTransport(new StdioClientTransportOptions { Name = "readiness", Command = "dotnet", Arguments = [dll, "mcp", root, "--log-level", "Warning"] });
            await using var client = await McpClient.CreateAsync(transport);
            var tools = await client.ListToolsAsync();
            // While the first load runs, a call is told to come back: ask again until it answers.
            var first = await client.CallToolAsync("check_workspace", new Dictionary<string, object?>());
            while (first.IsError == true)
            {
                await Task.Delay(100);
                first = await client.CallToolAsync("check_workspace", new Dictionary<string, object?>());
            }

            var firstAnswer = started.Elapsed;
            var server = ServerProcessId(dll, root);

            var disk = await Time(server, calls, () => client.CallToolAsync("check_files", Args(("paths", new[] { relative }))));
            var edited = text.Replace("{", "{ ", StringComparison.Ordinal);
            var unsaved = await Time(server, calls, () => client.CallToolAsync("check_files", Args(("files", new[] { new { path = relative, text = edited } }))));
            var page = await Time(server, Math.Max(1, calls / 5), () => client.CallToolAsync("check_workspace", Args(("limit", 20))));
            var id = first.StructuredContent!.Value.GetProperty("findings")[0].GetProperty("id").GetString();
            var explain = await Time(server, Math.Max(1, calls / 5), () => client.CallToolAsync("explain_finding", Args(("id", id))));
            var fix = await Time(server, Math.Max(1, calls / 5), () => client.CallToolAsync("get_fix", Args(("id", id))));
            var endpoints = await Time(server, Math.Max(1, calls / 5), () => client.CallToolAsync("list_endpoints", Args(("limit", 20))));
            var rss = server > 0 ? ProcessStat.ResidentMegabytes(server) : 0;

            var toolList = JsonSerializer.Serialize(tools.Select(t => t.ProtocolTool), McpJsonUtilitiesOptions);
            var prompt = tools.Sum(t => t.Name.Length + (t.Description?.Length ?? 0) + t.ProtocolTool.InputSchema.GetRawText().Length);
            var oneFile = await client.CallToolAsync("check_files", Args(("paths", new[] { relative })));
            var findingsInFile = oneFile.StructuredContent!.Value.GetProperty("total").GetInt32();

            output.WriteLine();
            output.WriteLine($"Load average while measuring: {LoadAverage()} on {Environment.ProcessorCount} cores (wall times include waiting for the CPU; server CPU per call does not).");
            output.WriteLine();
            output.WriteLine($"| measure | value |");
            output.WriteLine($"|---|---|");
            output.WriteLine($"| server start to the first check_workspace answer (load of {files} files) | {firstAnswer.TotalMilliseconds:F0} ms |");
            output.WriteLine($"| check_files, one file from disk ({relative}, {text.Count(c => c == '\n')} lines, {findingsInFile} findings), {calls} calls after warm-up | {Stats(disk)} |");
            output.WriteLine($"| check_files, the same file's unsaved text | {Stats(unsaved)} |");
            output.WriteLine($"| check_workspace, counts and a page of 20 | {Stats(page)} |");
            output.WriteLine($"| explain_finding | {Stats(explain)} |");
            output.WriteLine($"| get_fix | {Stats(fix)} |");
            output.WriteLine($"| list_endpoints, a page of 20 | {Stats(endpoints)} |");
            output.WriteLine($"| server memory (RSS) after the calls | {rss:F0} MB |");
            output.WriteLine();
            output.WriteLine($"| context cost | characters | about tokens (chars / 4) |");
            output.WriteLine($"|---|---|---|");
            output.WriteLine($"| tool list as the model sees it (names, descriptions, input schemas) | {prompt:N0} | {prompt / 4:N0} |");
            output.WriteLine($"| tools/list in full (with titles, annotations, output schemas) | {toolList.Length:N0} | {toolList.Length / 4:N0} |");
            output.WriteLine($"| server instructions | {client.ServerInstructions?.Length ?? 0:N0} | {(client.ServerInstructions?.Length ?? 0) / 4:N0} |");
            foreach (var (name, result) in new[] { ("check_files, one file", oneFile), ("check_workspace, page of 20", page.Last), ("explain_finding", explain.Last), ("get_fix", fix.Last), ("list_endpoints, page of 20", endpoints.Last) })
            {
                var textBlock = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
                var structured = result.StructuredContent?.GetRawText().Length ?? 0;
                output.WriteLine($"| {name}: text block / structured content | {textBlock.Length:N0} / {structured:N0} | {textBlock.Length / 4:N0} / {structured / 4:N0} |");
            }

            return 0;
        }
        finally
        {
            if (keep)
            {
                output.WriteLine($"Kept {root}");
            }
            else
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static readonly JsonSerializerOptions McpJsonUtilitiesOptions = ModelContextProtocol.McpJsonUtilities.DefaultOptions;

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value is null ? null : (object?)JsonSerializer.SerializeToElement(a.Value));

    /// <summary>Five unmeasured calls, then <paramref name="count"/> measured ones; every answer must be a success.</summary>
    private static async Task<Timings> Time(int server, int count, Func<ValueTask<CallToolResult>> call)
    {
        CallToolResult last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await call();
        }

        var times = new List<double>();
        var cpuBefore = ProcessStat.CpuMilliseconds(server);
        for (var i = 0; i < count; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            last = await call();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (last.IsError == true)
            {
                throw new InvalidOperationException(string.Concat(last.Content.OfType<TextContentBlock>().Select(t => t.Text)));
            }
        }

        times.Sort();
        return new Timings(times, (ProcessStat.CpuMilliseconds(server) - cpuBefore) / count, last);
    }

    private static string Stats(Timings timings) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(timings.Milliseconds, 50):F1} ms, p95 {Percentile(timings.Milliseconds, 95):F1} ms, max {timings.Milliseconds[^1]:F1} ms; server CPU {timings.ServerCpuMilliseconds:F1} ms per call");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double Percentile(List<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The process running the server dll on <paramref name="root"/>: the stdio transport starts it as a child, without telling its id.</summary>
    private static int ServerProcessId(string dll, string root)
    {
        foreach (var process in Process.GetProcessesByName("dotnet"))
        {
            using (process)
            {
                try
                {
                    var cmdline = File.ReadAllText($"/proc/{process.Id}/cmdline");
                    if (cmdline.Contains(dll, StringComparison.Ordinal) && cmdline.Contains("\0mcp\0" + root, StringComparison.Ordinal))
                    {
                        return process.Id;
                    }
                }
                catch (IOException)
                {
                    // A process that ended meanwhile is not the server.
                }
            }
        }

        return 0;
    }

    private sealed record Timings(List<double> Milliseconds, double ServerCpuMilliseconds, CallToolResult Last);
}
