using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Tests.Support;
using StreamJsonRpc;
using LspRange = ReadinessLsp.Server.Protocol.Range;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>Each capability of the server, in-process over a duplex stream, including the traps.</summary>
public sealed class LspProtocolTests
{
    private const string RiskyProgram = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        """;

    [Fact]
    public async Task Requests_before_initialize_get_the_spec_error_and_initialize_announces_capabilities()
    {
        await using var client = LspTestClient.Start();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri = "file:///x.cs" }, position = new { line = 0, character = 0 } }));
        Assert.Equal(LspErrorCodes.ServerNotInitialized, error.ErrorCode);

        using var workspace = new TempWorkspace();
        var result = await client.InitializeAsync(workspace.Root);
        var capabilities = result.GetProperty("capabilities");
        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("hoverProvider").GetBoolean());
        Assert.Contains("source.fixAll.readiness", capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("readiness.server.rescan", capabilities.GetProperty("executeCommandProvider").GetProperty("commands")[0].GetString());
        Assert.False(capabilities.TryGetProperty("diagnosticProvider", out _)); // the client did not offer pull diagnostics

        var again = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.InitializeAsync(workspace.Root));
        Assert.Equal(LspErrorCodes.InvalidRequest, again.ErrorCode);
    }

    [Fact]
    public async Task Open_document_gets_diagnostics_with_code_link_source_and_version()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", "// saved text has no finding\n");
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram, version: 7);

        var published = client.Latest(path)!;
        var diagnostic = Assert.Single(published.Diagnostics);
        Assert.Equal(7, published.Version);
        Assert.Equal("RDY2001", diagnostic.Code);
        Assert.Equal("readiness", diagnostic.Source);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("#rdy2001", diagnostic.CodeDescription!.Href, StringComparison.Ordinal);
        Assert.Equal(new LspRange(new Position(2, 0), new Position(2, 31)), diagnostic.Range);
    }

    [Fact]
    public async Task Hover_explains_the_finding_in_markdown_or_plain_text()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram);

        var hover = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(2, 8)));
        Assert.NotNull(hover);
        Assert.Equal(MarkupKind.Markdown, hover.Contents.Kind);
        Assert.Contains("Anyone who makes your app fail", hover.Contents.Value, StringComparison.Ordinal);
        Assert.Contains("](https://", hover.Contents.Value, StringComparison.Ordinal);

        var none = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(0, 2)));
        Assert.Null(none);

        await using var plain = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram, capabilities: LspTestClient.Json("{}"));
        var plainHover = await plain.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(2, 8)));
        Assert.Equal(MarkupKind.PlainText, plainHover!.Contents.Kind);
        Assert.DoesNotContain("**", plainHover.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_configuration_key_shows_where_it_is_defined_and_read()
    {
        using var workspace = new TempWorkspace();
        const string program = """
            var builder = WebApplication.CreateBuilder(args);
            var region = builder.Configuration["Shipping:Region"];
            """;
        var path = workspace.Write("Program.cs", program);
        var settings = workspace.Write("appsettings.json", "{\n  \"Shipping\": { \"Region\": \"eu-west\" }\n}\n");
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities());
        await client.WaitForProgressEndAsync();
        await client.OpenAsync(path, program);

        var inCode = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(1, 40)));
        Assert.NotNull(inCode);
        Assert.Contains("Shipping:Region", inCode.Contents.Value, StringComparison.Ordinal);
        Assert.Contains("appsettings.json:2", inCode.Contents.Value, StringComparison.Ordinal);

        var inJson = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(settings)), new Position(1, 18)));
        Assert.NotNull(inJson);
        Assert.Contains("Program.cs:2", inJson.Contents.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_actions_offer_a_versioned_fix_a_suppression_and_fix_all_and_respect_only()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram, version: 3);
        var published = client.Latest(path)!;
        var uri = DocumentUri.FromPath(path);

        var actions = await client.RequestAsync<JsonElement>("textDocument/codeAction", new { textDocument = new { uri }, range = published.Diagnostics[0].Range, context = new { diagnostics = published.Diagnostics } });
        var titles = actions.EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Contains("Only use it in Development", titles);
        Assert.Contains("Suppress RDY2001 on this line", titles);
        Assert.Contains("Fix all readiness findings in this file", titles);

        var fix = actions.EnumerateArray().First(a => a.GetProperty("title").GetString() == "Only use it in Development");
        Assert.Equal("quickfix", fix.GetProperty("kind").GetString());
        var documentEdit = fix.GetProperty("edit").GetProperty("documentChanges")[0];
        Assert.Equal(3, documentEdit.GetProperty("textDocument").GetProperty("version").GetInt32());
        var fixedText = Apply(RiskyProgram, documentEdit.GetProperty("edits"));
        Assert.Contains("if (app.Environment.IsDevelopment())", fixedText, StringComparison.Ordinal);

        var suppress = actions.EnumerateArray().First(a => a.GetProperty("title").GetString()!.StartsWith("Suppress", StringComparison.Ordinal));
        var suppressed = Apply(RiskyProgram, suppress.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits"));
        Assert.Contains("// readiness-ignore RDY2001: <reason>\napp.UseDeveloperExceptionPage();", suppressed, StringComparison.Ordinal);

        var onlyFixAll = await client.RequestAsync<JsonElement>("textDocument/codeAction", new { textDocument = new { uri }, range = published.Diagnostics[0].Range, context = new { diagnostics = Array.Empty<object>(), only = new[] { "source.fixAll" } } });
        Assert.Equal("source.fixAll.readiness", Assert.Single(onlyFixAll.EnumerateArray()).GetProperty("kind").GetString());

        var onlyQuickFix = await client.RequestAsync<JsonElement>("textDocument/codeAction", new { textDocument = new { uri }, range = published.Diagnostics[0].Range, context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix" } } });
        Assert.All(onlyQuickFix.EnumerateArray(), a => Assert.Equal("quickfix", a.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Rapid_edits_end_with_diagnostics_for_the_last_text()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram, options: new ServerOptions { Debounce = TimeSpan.FromMilliseconds(5) });

        // Insert a comment line at the top, one character at a time, then remove the risky call and put it back:
        // each step moves or clears the finding, and edits arrive faster than analysis.
        var text = SourceText.From(RiskyProgram);
        var version = 1;
        foreach (var c in "// typing a comment line\n")
        {
            var position = text.Lines.GetLinePosition(FindInsertOffset(text));
            text = text.WithChanges(new TextChange(new TextSpan(FindInsertOffset(text), 0), c.ToString()));
            await client.ChangeAsync(path, ++version, new TextDocumentContentChangeEvent(new LspRange(new Position(position.Line, position.Character), new Position(position.Line, position.Character)), null, c.ToString()));
        }

        var callLine = text.Lines.First(l => l.ToString().Contains("UseDeveloperExceptionPage", StringComparison.Ordinal));
        text = text.WithChanges(new TextChange(callLine.SpanIncludingLineBreak, string.Empty));
        await client.ChangeAsync(path, ++version, new TextDocumentContentChangeEvent(new LspRange(new Position(callLine.LineNumber, 0), new Position(callLine.LineNumber + 1, 0)), null, string.Empty));
        text = text.WithChanges(new TextChange(new TextSpan(text.Lines[callLine.LineNumber].Start, 0), "    app.UseDeveloperExceptionPage();\n"));
        await client.ChangeAsync(path, ++version, new TextDocumentContentChangeEvent(new LspRange(new Position(callLine.LineNumber, 0), new Position(callLine.LineNumber, 0)), null, "    app.UseDeveloperExceptionPage();\n"));

        var last = await client.WaitForDiagnosticsAsync(path, p => p.Version == version);
        await Task.Delay(300); // anything computed from older text would arrive now
        Assert.Same(last, client.Latest(path));
        var diagnostic = Assert.Single(last.Diagnostics);
        Assert.Equal(new Position(callLine.LineNumber, 4), diagnostic.Range.Start);
        Assert.Equal("app.UseDeveloperExceptionPage()", text.ToString(TextPositions.ToTextSpan(text, diagnostic.Range)));
        var versions = client.AllPublished.Where(p => p.Uri == DocumentUri.FromPath(path)).Select(p => p.Version ?? 0).ToList();
        Assert.Equal(versions.Order(), versions); // never an older version after a newer one
    }

    private static int FindInsertOffset(SourceText text)
    {
        // Typing happens at the end of the first line's text that has been typed so far.
        var first = text.Lines[0].ToString();
        return first.StartsWith("var builder", StringComparison.Ordinal) ? 0 : text.Lines[0].End;
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_as_cancelled_and_the_server_keeps_serving()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, RiskyProgram, options: new ServerOptions { Debounce = TimeSpan.FromSeconds(3) });
        await client.ChangeAsync(path, 2, new TextDocumentContentChangeEvent(new LspRange(new Position(0, 0), new Position(0, 0)), null, "// edit\n"));

        // The hover waits for version 2, which the long debounce holds back: cancel it meanwhile.
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(3, 8)), cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));

        var hover = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(3, 8)));
        Assert.NotNull(hover);
    }

    [Fact]
    public async Task Background_scan_publishes_closed_files_with_progress_and_survives_a_file_deleted_mid_scan()
    {
        using var workspace = new TempWorkspace();
        var risky = workspace.Write("src/Api/Program.cs", RiskyProgram);
        var doomed = workspace.Write("src/Doomed/Program.cs", RiskyProgram);
        for (var i = 0; i < 40; i++)
        {
            workspace.Write($"src/Lib/File{i}.cs", $"class C{i} {{ }}");
        }

        workspace.Write("bin/Debug/Program.cs", RiskyProgram);
        workspace.Write(".gitignore", "ignored/\n");
        workspace.Write("ignored/Program.cs", RiskyProgram);
        var options = new ServerOptions { BeforeScanLoad = p => { if (p == doomed) { File.Delete(p); } } };
        await using var client = LspTestClient.Start(options: options);
        await client.InitializeAsync(workspace.Root);
        await client.WaitForProgressEndAsync();

        Assert.Single((await client.WaitForDiagnosticsAsync(risky, p => p.Diagnostics.Count > 0)).Diagnostics);
        Assert.Null(client.Latest(risky)!.Version);
        Assert.Null(client.Latest(doomed));
        Assert.Equal(["begin", "end"], client.ProgressKinds.Where(k => k != "report"));
        Assert.Contains("client/registerCapability:workspace/didChangeWatchedFiles", client.ServerRequests);
        Assert.Single(client.AllPublished); // bin/, .gitignore'd folders and clean files publish nothing

        var hover = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(risky)), new Position(2, 8)));
        Assert.NotNull(hover); // still serving
    }

    [Fact]
    public async Task Watched_file_changes_reanalyse_and_deletions_clear_diagnostics()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", "class Clean { }");
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root);
        await client.WaitForProgressEndAsync();
        Assert.Null(client.Latest(path));

        File.WriteAllText(path, RiskyProgram);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = DocumentUri.FromPath(path), type = 2 } } });
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 1);

        File.Delete(path);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = DocumentUri.FromPath(path), type = 3 } } });
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 0);

        var folder = workspace.Write("Sub/Program.cs", RiskyProgram);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = DocumentUri.FromPath(folder), type = 1 } } });
        await client.WaitForDiagnosticsAsync(folder, p => p.Diagnostics.Count == 1);
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = DocumentUri.FromPath(Path.GetDirectoryName(folder)!), type = 3 } } });
        await client.WaitForDiagnosticsAsync(folder, p => p.Diagnostics.Count == 0);
    }

    [Fact]
    public async Task A_fact_changed_in_one_file_republishes_another_file()
    {
        using var workspace = new TempWorkspace();
        var controller = workspace.Write("Controllers/UsersController.cs", "class UsersController { void Post() { Marker(); } }");
        var context = workspace.Write("Data/AppDbContext.cs", "class AppDbContext { void OnModelCreating() { } }");
        await using var client = LspTestClient.Start(CrossFileTestRule.CreateEngine());
        await client.InitializeAsync(workspace.Root);
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Count == 1);

        var contextText = File.ReadAllText(context);
        await client.OpenAsync(context, contextText);
        var at = contextText.IndexOf("{ }", StringComparison.Ordinal) + 2;
        await client.ChangeAsync(context, 2, new TextDocumentContentChangeEvent(new LspRange(new Position(0, at), new Position(0, at)), null, "Clear(); "));
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Count == 0);

        await client.ChangeAsync(context, 3, new TextDocumentContentChangeEvent(new LspRange(new Position(0, at), new Position(0, at + 9)), null, string.Empty));
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Count == 1);
    }

    [Fact]
    public async Task With_the_real_rules_defining_a_setting_in_appsettings_clears_the_finding_in_code()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var secret = builder.Configuration["Stripe:WebhookSecret"];
            """);
        var settings = workspace.Write("appsettings.json", "{\n  \"Logging\": {}\n}\n");
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities());
        var before = await client.WaitForDiagnosticsAsync(program, p => p.Diagnostics.Any(d => d.Code == "RDY2150"));
        Assert.Contains("Stripe:WebhookSecret", before.Diagnostics.Single(d => d.Code == "RDY2150").Message, StringComparison.Ordinal);

        // The user adds the key in the editor, unsaved: the finding in Program.cs goes away.
        await client.OpenAsync(settings, File.ReadAllText(settings));
        await client.ChangeAsync(settings, 2, new TextDocumentContentChangeEvent(null, null, "{\n  \"Stripe\": { \"WebhookSecret\": \"\" }\n}\n"));
        await client.WaitForDiagnosticsAsync(program, p => p.Diagnostics.All(d => d.Code != "RDY2150"));
    }

    [Fact]
    public async Task Without_client_file_watchers_the_server_watches_the_disk_itself()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", "// nothing yet\n");
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.Json("""{ "window": { "workDoneProgress": true } }"""));
        await client.WaitForProgressEndAsync();
        Assert.DoesNotContain("client/registerCapability:workspace/didChangeWatchedFiles", client.ServerRequests);

        // Another tool (a git checkout, a code generator) writes files while the editor is open.
        File.WriteAllText(path, RiskyProgram);
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Any(d => d.Code == "RDY2001"));
        var added = workspace.Write("Api/Startup.cs", "class Startup { void Configure(IApplicationBuilder app) { app.UseDeveloperExceptionPage(); } }");
        await client.WaitForDiagnosticsAsync(added, p => p.Diagnostics.Count == 1);
        File.Delete(added);
        await client.WaitForDiagnosticsAsync(added, p => p.Diagnostics.Count == 0);
    }

    [Fact]
    public async Task Settings_from_initialization_options_configuration_changes_and_pull_are_applied()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, initializationOptions: LspTestClient.Json("""{ "rules": { "RDY2001": "warning" } }"""));
        var published = await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 1);
        Assert.Equal(DiagnosticSeverity.Warning, published.Diagnostics[0].Severity);
        Assert.Contains("workspace/configuration", client.ServerRequests); // pulled at initialized (answered null: kept)

        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { readiness = new { rules = new { RDY2001 = "off" } } } });
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 0);

        client.Configuration = LspTestClient.Json("""{ "rules": { "RDY2001": "hint" } }""");
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = (object?)null });
        var hinted = await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 1);
        Assert.Equal(DiagnosticSeverity.Hint, hinted.Diagnostics[0].Severity);

        workspace.Write("readiness.json", """{ "exclude": ["**/Program.cs"] }""");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = DocumentUri.FromPath(Path.Combine(workspace.Root, "readiness.json")), type = 1 } } });
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 0);
    }

    [Fact]
    public async Task Pull_diagnostics_answer_for_the_newest_text_and_report_unchanged()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        await using var client = LspTestClient.Start();
        var result = await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities(pull: true));
        Assert.True(result.GetProperty("capabilities").TryGetProperty("diagnosticProvider", out _));
        await client.OpenAsync(path, RiskyProgram, version: 1);
        var uri = DocumentUri.FromPath(path);

        var report = await client.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new { textDocument = new { uri } });
        Assert.Equal("full", report.Kind);
        Assert.Equal("RDY2001", Assert.Single(report.Items!).Code);

        var again = await client.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = report.ResultId });
        Assert.Equal("unchanged", again.Kind);

        await client.ChangeAsync(path, 2, new TextDocumentContentChangeEvent(null, null, "class Clean { }"));
        var cleared = await client.RequestAsync<DocumentDiagnosticReport>("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = report.ResultId });
        Assert.Equal("full", cleared.Kind);
        Assert.Empty(cleared.Items!);
        // Open documents are pulled, not pushed: a push from the scan (file still closed) is cleared.
        Assert.True(client.Latest(path) is null or { Diagnostics.Count: 0 });
    }

    [Fact]
    public async Task Rescan_command_picks_up_files_written_without_watcher_events_and_multi_root_works()
    {
        using var first = new TempWorkspace();
        using var second = new TempWorkspace();
        var a = first.Write("Program.cs", RiskyProgram);
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(first.Root, roots: [first.Root, second.Root]);
        await client.WaitForDiagnosticsAsync(a, p => p.Diagnostics.Count == 1);

        var b = second.Write("Program.cs", RiskyProgram);
        await client.RequestAsync<object?>("workspace/executeCommand", new { command = "readiness.server.rescan" });
        await client.WaitForDiagnosticsAsync(b, p => p.Diagnostics.Count == 1);

        var unknown = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.RequestAsync<object?>("workspace/executeCommand", new { command = "nope" }));
        Assert.Contains("Unknown command", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_huge_and_binary_documents_do_not_stop_the_server()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        var broken = workspace.Write("Broken.cs", "class { void ( {{{ \"unterminated");
        var json = workspace.Write("appsettings.json", "{ \"Logging\": ");
        var binary = workspace.Write("Binary.cs", "abc\0def");
        await using var client = LspTestClient.Start(options: new ServerOptions { Debounce = TimeSpan.FromMilliseconds(20), MaxFileBytes = 100_000 });
        await client.InitializeAsync(workspace.Root);
        await client.OpenAsync(broken, File.ReadAllText(broken));
        await client.OpenAsync(json, File.ReadAllText(json));
        await client.OpenAsync(binary, "abc\0def");
        await client.OpenAsync(Path.Combine(workspace.Root, "Huge.cs"), new string('x', 200_000));
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = "file:///not/open.cs", version = 3 }, contentChanges = new[] { new { text = "x" } } });
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "untitled:Untitled-1", languageId = "csharp", version = 1, text = "x" } });
        await client.NotifyAsync("textDocument/didOpen", new { nonsense = true });
        await client.OpenAsync(path, RiskyProgram);
        await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count == 1);
    }

    [Fact]
    public async Task Exit_code_is_zero_after_shutdown_and_one_without()
    {
        await using (var client = LspTestClient.Start())
        {
            await client.InitializeAsync(null);
            await client.RequestAsync<object?>("shutdown", new { });
            var afterShutdown = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
                client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier("file:///a.cs"), new Position(0, 0))));
            Assert.Equal(LspErrorCodes.InvalidRequest, afterShutdown.ErrorCode);
            await client.Rpc.NotifyAsync("exit");
            Assert.Equal(0, await client.Running.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        await using (var client = LspTestClient.Start())
        {
            await client.InitializeAsync(null);
            await client.Rpc.NotifyAsync("exit");
            Assert.Equal(1, await client.Running.WaitAsync(TimeSpan.FromSeconds(5)));
        }
    }

    private static string Apply(string text, JsonElement edits)
    {
        var source = SourceText.From(text);
        var changes = edits.EnumerateArray()
            .Select(e => e.Deserialize<TextEdit>(ReadinessLsp.Server.Lsp.Infrastructure.LspJson.Options)!)
            .Select(e => new TextChange(TextPositions.ToTextSpan(source, e.Range), e.NewText));
        return source.WithChanges(changes).ToString();
    }
}
