using System.Text.Json;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;
using Xunit.Abstractions;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// Files built to break a scanner, through the real executable: each is skipped or analysed with
/// a log line, nothing crashes, overflows the stack or runs away with memory, and the ordinary
/// file beside them still gets its finding.
/// </summary>
public sealed class HostileFilesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Check_reads_a_workspace_of_hostile_files_and_says_what_it_skipped()
    {
        using var workspace = new TempWorkspace();
        HostileWorkspace.Create(workspace);

        var run = await SpawnedProcess.RunAsync(["check", workspace.Root, "--format", "json", "--verbose"], TimeSpan.FromSeconds(120));
        output.WriteLine($"check: {run.Elapsed.TotalSeconds:0.0} s, peak RSS {run.PeakResidentBytes / 1024 / 1024} MB, exit {run.ExitCode}");

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}; stderr: {SpawnedProcess.Tail(run.Stderr)}");
        using var report = JsonDocument.Parse(run.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => (Path: f.GetProperty("path").GetString(), Rule: f.GetProperty("ruleId").GetString())).ToList();
        var skipped = report.RootElement.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);

        Assert.Contains(("Program.cs", "RDY2001"), findings);
        Assert.Contains(("NestedBlocks.cs", "RDY2001"), findings);
        Assert.Contains(("InvalidUtf8.cs", "RDY2001"), findings);
        Assert.Contains("binary", skipped["Binary.cs"], StringComparison.Ordinal);
        Assert.Contains("symbolic links", skipped["LoopA.cs"], StringComparison.Ordinal);
        foreach (var deep in HostileWorkspace.TooDeepForTheParser)
        {
            Assert.Contains($"Skipped {Path.Combine(workspace.Root, deep)}: brackets nest more than", run.Stderr, StringComparison.Ordinal);
        }

        // A FIFO and devices behind source names read as empty instead of blocking or never ending.
        Assert.DoesNotContain(findings, f => f.Path is "Fifo.cs" or "Zero.cs" or "Random.cs");
        if (HostileWorkspace.CanTestUnreadable)
        {
            Assert.Contains("denied", skipped["Locked.cs"], StringComparison.OrdinalIgnoreCase);
        }

        // The one JSON file that is only unterminated is reported as unreadable by .NET; nothing crashed on the deep ones.
        Assert.Contains((Path: "appsettings.json", Rule: "RDY2140"), findings);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", run.Stderr, StringComparison.Ordinal);
        Assert.True(run.PeakResidentBytes < 1024L * 1024 * 1024, $"peak RSS {run.PeakResidentBytes / 1024 / 1024} MB");
    }

    [Fact]
    public async Task A_50_MB_source_file_is_skipped_by_its_size_without_being_read()
    {
        using var workspace = new TempWorkspace();
        WriteFiftyMegabytes(Path.Combine(workspace.Root, "Huge.cs"));
        workspace.Write("Program.cs", HostileWorkspace.RiskyProgram);

        var run = await SpawnedProcess.RunAsync(["check", workspace.Root, "--format", "json"], TimeSpan.FromSeconds(60));
        output.WriteLine($"check with a 50 MB file: {run.Elapsed.TotalSeconds:0.0} s, peak RSS {run.PeakResidentBytes / 1024 / 1024} MB");

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var skipped = Assert.Single(report.RootElement.GetProperty("skipped").EnumerateArray());
        Assert.Equal("Huge.cs", skipped.GetProperty("path").GetString());
        Assert.Contains("over the 2048 KB limit", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(run.PeakResidentBytes < 200L * 1024 * 1024, $"peak RSS {run.PeakResidentBytes / 1024 / 1024} MB");
    }

    [Fact]
    public async Task The_server_process_survives_hostile_files_on_disk_and_in_the_editor()
    {
        using var workspace = new TempWorkspace();
        HostileWorkspace.Create(workspace);
        var program = Path.Combine(workspace.Root, "Program.cs");
        await using var server = SpawnedProcess.Start(["--stdio", "--debounce-ms", "20"], readStdout: false, workspace.Root);
        var wire = new LspWire(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream);

        await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = DocumentUri.FromPath(workspace.Root), capabilities = new { } } }));
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 1), 60_000);
        await wire.WriteAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");

        // The editor opens what is on disk: 50 MB of C#, and nesting the parser would take minutes over.
        var huge = Path.Combine(workspace.Root, "Huge.cs");
        WriteFiftyMegabytes(huge);
        await Open(wire, huge, File.ReadAllText(huge));
        var deep = Path.Combine(workspace.Root, HostileWorkspace.TooDeepForTheParser[0]);
        await Open(wire, deep, File.ReadAllText(deep));
        await Open(wire, program, HostileWorkspace.RiskyProgram);

        var published = await wire.ReadUntilAsync(m =>
            LspWire.IsNotification(m, "textDocument/publishDiagnostics") &&
            m.GetProperty("params").GetProperty("uri").GetString() == DocumentUri.FromPath(program) &&
            m.GetProperty("params").TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number, 120_000);
        Assert.Contains(published.GetProperty("params").GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "RDY2001");
        await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 2, method = "textDocument/hover", @params = new { textDocument = new { uri = DocumentUri.FromPath(program) }, position = new { line = 2, character = 8 } } }));
        var hover = await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 2), 60_000);
        Assert.Equal(JsonValueKind.Object, hover.GetProperty("result").ValueKind);

        var peak = server.SamplePeak();
        output.WriteLine($"server peak RSS with a 50 MB document open: {peak / 1024 / 1024} MB");
        await wire.WriteAsync("""{"jsonrpc":"2.0","id":3,"method":"shutdown"}""");
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 3), 60_000);
        await wire.WriteAsync("""{"jsonrpc":"2.0","method":"exit"}""");
        var exit = await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("Skipped a message that declares", exit.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Not analysing {deep}: brackets nest", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", exit.Stderr, StringComparison.Ordinal);
        Assert.True(peak < 512L * 1024 * 1024, $"peak RSS {peak / 1024 / 1024} MB");
    }

    [Fact]
    public async Task A_file_and_a_folder_deleted_during_the_scan_are_skipped_with_the_reason()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", HostileWorkspace.RiskyProgram);
        var doomed = workspace.Write("Doomed.cs", HostileWorkspace.RiskyProgram);
        var doomedFolder = Path.Combine(workspace.Root, "gone");
        var inDoomedFolder = workspace.Write("gone/Startup.cs", HostileWorkspace.RiskyProgram);
        var engine = LspTestClient.DefaultEngine;

        // The loader asks whether to skip each file just before it reads it: the moment to pull it away.
        var loaded = await new WorkspaceLoader(engine, DocumentLoader.DefaultMaxFileBytes, Serilog.Core.Logger.None).LoadAsync(
            [(workspace.Root, [])],
            skip: path =>
            {
                if (path == doomed)
                {
                    File.Delete(path);
                }

                if (path == inDoomedFolder)
                {
                    Directory.Delete(doomedFolder, recursive: true);
                }

                return false;
            },
            parallelism: 1);

        Assert.Contains(loaded.Analyses, a => a.Path == program);
        Assert.Equal([doomed, inDoomedFolder], loaded.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.All(loaded.Skipped, s => Assert.Contains("no longer exists", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_deleted_while_the_server_watches_it_clears_its_findings_and_the_server_keeps_serving()
    {
        using var workspace = new TempWorkspace();
        var inside = workspace.Write("Api/Program.cs", HostileWorkspace.RiskyProgram);
        var other = workspace.Write("Web/Program.cs", "// clean for now\n");
        await using var client = LspTestClient.Start();

        // No client watchers: the server watches the disk itself.
        await client.InitializeAsync(workspace.Root, LspTestClient.Json("""{ "window": { "workDoneProgress": true } }"""));
        await client.WaitForProgressEndAsync();
        await client.WaitForDiagnosticsAsync(inside, p => p.Diagnostics.Any(d => d.Code == "RDY2001"));

        Directory.Delete(Path.Combine(workspace.Root, "Api"), recursive: true);
        await client.WaitForDiagnosticsAsync(inside, p => p.Diagnostics.Count == 0);

        await client.OpenAsync(other, HostileWorkspace.RiskyProgram);
        await client.WaitForDiagnosticsAsync(other, p => p.Diagnostics.Any(d => d.Code == "RDY2001"));
    }

    private static Task Open(LspWire wire, string path, string text) =>
        wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri = DocumentUri.FromPath(path), languageId = "csharp", version = 1, text } } }));

    private static void WriteFiftyMegabytes(string path)
    {
        const string chunk = "public sealed class Handler\n{\n    public void Configure(IApplicationBuilder app) => app.UseDeveloperExceptionPage();\n}\n";
        using var writer = new StreamWriter(path);
        for (var written = 0L; written < 50L * 1024 * 1024; written += chunk.Length)
        {
            writer.Write(chunk);
        }
    }
}
