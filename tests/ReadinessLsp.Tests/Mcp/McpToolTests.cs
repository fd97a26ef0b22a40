using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Mcp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Mcp;

/// <summary>The MCP tools over the protocol, in process, on a copy of the sample app.</summary>
public sealed class McpToolTests
{
    private const string StripeKey = "sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F";

    [Fact]
    public async Task Check_workspace_counts_every_finding_and_pages_most_severe_first()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        var check = await server.CallOkAsync("check_workspace", new { limit = 10 });
        var total = check.GetProperty("total").GetInt32();
        Assert.Equal(CliCount(sample.Root), total);
        Assert.Equal(total, check.GetProperty("matching").GetInt32());
        Assert.Equal(total, check.GetProperty("bySeverity").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.True(check.GetProperty("truncated").GetBoolean());

        // Walk every page: each finding exactly once, severities never rising.
        var ids = new List<string>();
        var severities = new List<string>();
        var page = check;
        while (true)
        {
            foreach (var finding in page.GetProperty("findings").EnumerateArray())
            {
                ids.Add(finding.GetProperty("id").GetString()!);
                severities.Add(finding.GetProperty("severity").GetString()!);
            }

            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                Assert.False(page.GetProperty("truncated").GetBoolean());
                break;
            }

            page = await server.CallOkAsync("list_findings", new { cursor = page.GetProperty("nextCursor").GetString(), limit = 7 });
            Assert.Equal(total, page.GetProperty("total").GetInt32());
        }

        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        var order = new[] { "error", "warning", "info", "hint" };
        Assert.Equal(severities.OrderBy(s => Array.IndexOf(order, s)), severities);
    }

    [Fact]
    public async Task Check_workspace_filters_by_severity_category_and_path_and_the_text_says_so()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        var errors = await server.CallOkAsync("check_workspace", new { severity = "error", limit = 100 });
        Assert.All(errors.GetProperty("findings").EnumerateArray(), f => Assert.Equal("error", f.GetProperty("severity").GetString()));
        Assert.Equal(errors.GetProperty("bySeverity").GetProperty("error").GetInt32(), errors.GetProperty("matching").GetInt32());

        var secrets = await server.CallOkAsync("check_workspace", new { category = "secrets", limit = 100 });
        Assert.All(secrets.GetProperty("findings").EnumerateArray(), f => Assert.Equal("secrets", f.GetProperty("category").GetString()));

        var result = await server.CallAsync("check_workspace", new { path = "appsettings.json", limit = 100 });
        var settings = result.StructuredContent!.Value;
        Assert.NotEmpty(settings.GetProperty("findings").EnumerateArray());
        Assert.All(settings.GetProperty("findings").EnumerateArray(), f => Assert.Equal("appsettings.json", f.GetProperty("path").GetString()));
        Assert.Contains("match the filters", McpAssert.Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey, McpAssert.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_get_errors_that_say_what_to_do()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        McpAssert.ToolError(await server.CallAsync("check_workspace", new { severity = "fatal" }), "Use error, warning, info or hint");
        McpAssert.ToolError(await server.CallAsync("check_workspace", new { category = "speed" }), "access-control");
        McpAssert.ToolError(await server.CallAsync("check_workspace", new { limit = 0 }), "between 1 and 100");
        McpAssert.ToolError(await server.CallAsync("check_workspace", new { path = "../elsewhere" }), "outside the workspace");
        McpAssert.ToolError(await server.CallAsync("check_files", new { paths = new[] { "../../etc/passwd" } }), "outside the workspace");
        McpAssert.ToolError(await server.CallAsync("check_files", new { paths = new[] { "/etc/passwd" } }), "outside the workspace");
        McpAssert.ToolError(await server.CallAsync("check_files", new { files = new[] { new { path = "../x/Program.cs", text = "class A {}" } } }), "outside the workspace");
        McpAssert.ToolError(await server.CallAsync("check_files", new { }), "Give the files to check");
        McpAssert.ToolError(await server.CallAsync("list_findings", new { cursor = "not a cursor" }), "not a cursor this server gave out");
        McpAssert.ToolError(await server.CallAsync("list_findings", new { cursor = "OTk5OjA" }), "no longer held");
        McpAssert.ToolError(await server.CallAsync("explain_finding", new { id = "RDY2001" }), "not a finding id");
        McpAssert.ToolError(await server.CallAsync("get_fix", new { id = new string('0', 32) }), "No finding has the id");
    }

    [Fact]
    public async Task Check_files_reads_the_disk_as_it_is_now_and_judges_unsaved_text_without_committing_it()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var program = File.ReadAllText(Path.Combine(sample.Root, "Program.cs"));

        var onDisk = await server.CallOkAsync("check_files", new { paths = new[] { "Program.cs" } });
        Assert.Contains(Rules(onDisk), r => r == "RDY2001");
        Assert.All(onDisk.GetProperty("findings").EnumerateArray(), f => Assert.Equal("Program.cs", f.GetProperty("path").GetString()));

        // The agent's buffer with the developer page guarded: judged, not written, not committed.
        var fixedText = program.Replace("app.UseDeveloperExceptionPage();", "if (app.Environment.IsDevelopment()) { app.UseDeveloperExceptionPage(); }", StringComparison.Ordinal);
        var unsaved = await server.CallOkAsync("check_files", new { files = new[] { new { path = "Program.cs", text = fixedText } } });
        Assert.DoesNotContain(Rules(unsaved), r => r == "RDY2001");
        Assert.True(unsaved.GetProperty("files")[0].GetProperty("unsaved").GetBoolean());
        Assert.Equal(program, File.ReadAllText(Path.Combine(sample.Root, "Program.cs")));
        var workspace = await server.CallOkAsync("check_workspace", new { path = "Program.cs", limit = 100 });
        Assert.Contains(Rules(workspace), r => r == "RDY2001");

        // Saved by another tool: the next check reads it, without waiting for the watcher.
        File.WriteAllText(Path.Combine(sample.Root, "Program.cs"), fixedText);
        var saved = await server.CallOkAsync("check_files", new { paths = new[] { "Program.cs" } });
        Assert.DoesNotContain(Rules(saved), r => r == "RDY2001");
    }

    [Fact]
    public async Task Check_files_reports_findings_another_file_gains_or_loses()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var settings = File.ReadAllText(Path.Combine(sample.Root, "appsettings.json"));

        // Defining the key Program.cs reads clears "setting defined nowhere" there.
        var withKey = settings.Replace("\"Stripe\": {", "\"Stripe\": {\n    \"WebhookSecret\": \"\",", StringComparison.Ordinal);
        var result = await server.CallAsync("check_files", new { files = new[] { new { path = "appsettings.json", text = withKey } } });
        var elsewhere = result.StructuredContent!.Value.GetProperty("elsewhere").EnumerateArray().ToList();
        var program = Assert.Single(elsewhere, e => e.GetProperty("path").GetString() == "Program.cs");
        Assert.Equal(1, program.GetProperty("cleared").GetInt32());
        Assert.Contains("Elsewhere: Program.cs 0 new, 1 cleared.", McpAssert.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_finding_gives_the_hover_the_related_places_and_the_lines()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var id = await IdOf(server, "RDY2001");

        var result = await server.CallAsync("explain_finding", new { id });
        var explanation = result.StructuredContent!.Value;
        Assert.Equal("RDY2001", explanation.GetProperty("rule").GetString());
        Assert.Contains("Anyone who makes your app fail", explanation.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("only turn it on in Development", explanation.GetProperty("whatToDo").GetString(), StringComparison.Ordinal);
        Assert.Matches(@">\s*\d+ \| app\.UseDeveloperExceptionPage\(\);", explanation.GetProperty("evidence").GetString());
        Assert.Equal("readiness://rules/RDY2001", explanation.GetProperty("documentation").GetString());
        Assert.Contains("Anyone who makes your app fail", McpAssert.Text(result), StringComparison.Ordinal);

        // A prefix of the id works as long as it is unique.
        var byPrefix = await server.CallOkAsync("explain_finding", new { id = id[..10] });
        Assert.Equal(id, byPrefix.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Secrets_stay_masked_in_explanations_and_fixes()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var check = await server.CallOkAsync("check_workspace", new { category = "secrets", limit = 100 });
        var stripe = check.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").GetString() == "RDY2101" && f.GetProperty("message").GetString()!.Contains("Stripe", StringComparison.Ordinal));
        var id = stripe.GetProperty("id").GetString();

        var explanation = await server.CallAsync("explain_finding", new { id });
        var fix = await server.CallAsync("get_fix", new { id });
        foreach (var result in new[] { explanation, fix })
        {
            Assert.DoesNotContain(StripeKey, McpAssert.Text(result), StringComparison.Ordinal);
            Assert.DoesNotContain(StripeKey, result.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Contains("sk_live_******", explanation.StructuredContent!.Value.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        var first = fix.StructuredContent!.Value.GetProperty("fixes")[0];
        Assert.False(first.GetProperty("diffApplies").GetBoolean());
        Assert.Contains("will not apply", McpAssert.Text(fix), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_fix_edits_applied_clear_the_finding()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var id = await IdOf(server, "RDY2001");

        var result = await server.CallAsync("get_fix", new { id });
        var answer = result.StructuredContent!.Value;
        Assert.True(answer.GetProperty("available").GetBoolean());
        var fix = answer.GetProperty("fixes")[0];
        Assert.True(fix.GetProperty("diffApplies").GetBoolean());
        Assert.StartsWith("--- a/Program.cs\n+++ b/Program.cs\n@@ ", fix.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Contains("+if (app.Environment.IsDevelopment())", fix.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Contains("```diff", McpAssert.Text(result), StringComparison.Ordinal);

        var edits = fix.GetProperty("edits").EnumerateArray().ToList();
        Assert.All(edits, e => Assert.Equal("Program.cs", e.GetProperty("path").GetString()));
        var path = Path.Combine(sample.Root, "Program.cs");
        File.WriteAllText(path, ApplyEdits(File.ReadAllText(path), edits));

        var after = await server.CallOkAsync("check_files", new { paths = new[] { "Program.cs" } });
        Assert.DoesNotContain(Rules(after), r => r == "RDY2001");
        McpAssert.ToolError(await server.CallAsync("get_fix", new { id }), "No finding has the id");
    }

    [Fact]
    public async Task Get_fix_without_a_safe_fix_says_what_to_do()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var id = await IdOf(server, "RDY2114");

        var result = await server.CallAsync("get_fix", new { id });
        var answer = result.StructuredContent!.Value;
        Assert.False(answer.GetProperty("available").GetBoolean());
        Assert.Empty(answer.GetProperty("fixes").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("whatToDo").GetString()));
        Assert.Contains("What to do:", McpAssert.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_on_disk_reach_check_workspace_without_naming_the_files()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var before = (await server.CallOkAsync("check_workspace", new { limit = 100 })).GetProperty("total").GetInt32();

        // An edit: noticed by its changed size and time at the next call.
        var program = Path.Combine(sample.Root, "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("app.UseDeveloperExceptionPage();", "if (app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();", StringComparison.Ordinal));
        Assert.Equal(before - 1, (await server.CallOkAsync("check_workspace", new { limit = 100 })).GetProperty("total").GetInt32());

        // A new file: seen by the folder watcher.
        Directory.CreateDirectory(Path.Combine(sample.Root, "Admin"));
        File.WriteAllText(Path.Combine(sample.Root, "Admin", "Startup.cs"), "class Startup { void Configure(IApplicationBuilder app) { app.UseDeveloperExceptionPage(); } }\n");
        var seen = await Eventually(async () => Rules(await server.CallOkAsync("check_workspace", new { path = "Admin", limit = 100 })).Contains("RDY2001"));
        Assert.True(seen, "the new file's finding never appeared");

        // A deleted file takes its findings with it.
        File.Delete(Path.Combine(sample.Root, "appsettings.Production.json"));
        var production = await server.CallOkAsync("check_workspace", new { limit = 100 });
        Assert.DoesNotContain(production.GetProperty("findings").EnumerateArray(), f => f.GetProperty("path").GetString() == "appsettings.Production.json");
    }

    [Fact]
    public async Task A_deleted_event_for_a_file_that_is_back_on_disk_keeps_its_findings()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);
        var id = await IdOf(server, "RDY2001");
        var workspace = server.Host.Services.GetRequiredService<McpWorkspace>();

        // Tools like git apply write a file anew: the watcher reports "deleted" and "created", and
        // the two may reach the server in different batches. The disk decides, not the event.
        await workspace.ApplyDiskChangesAsync([(Path.Combine(sample.Root, "Program.cs"), DiskChange.Deleted)]);
        await server.CallOkAsync("get_fix", new { id });

        File.Delete(Path.Combine(sample.Root, "appsettings.Production.json"));
        await workspace.ApplyDiskChangesAsync([(Path.Combine(sample.Root, "appsettings.Production.json"), DiskChange.Changed)]);
        Assert.Empty(workspace.Current.FindingsOf(Path.Combine(sample.Root, "appsettings.Production.json")));
    }

    [Fact]
    public async Task A_cancelled_call_stops_and_the_server_keeps_answering()
    {
        using var sample = SampleCopy.VibeShop();
        using var loading = new ManualResetEventSlim();
        await using var server = await McpTestServer.StartAsync(new McpOptions([sample.Root], BeforeLoad: _ => loading.Wait()));

        try
        {
            // The first load is held, so the call waits on it until the client gives up.
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var started = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.CallAsync("check_workspace", null, cancel.Token));
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), "the cancelled call did not return promptly");
        }
        finally
        {
            loading.Set();
        }

        var check = await server.CallOkAsync("check_workspace");
        Assert.Equal(CliCount(sample.Root), check.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_endpoints_says_who_may_call_what_and_why_least_protected_first()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        var all = await server.CallOkAsync("list_endpoints", new { limit = 100 });
        var endpoints = all.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(all.GetProperty("total").GetInt32(), endpoints.Count);
        var order = new[] { "anyone", "signed-in", "restricted" };
        var access = endpoints.Select(e => e.GetProperty("access").GetString()!).ToList();
        Assert.Equal(access.OrderBy(a => Array.IndexOf(order, a)), access);

        var deleteMessage = Assert.Single(endpoints, e => e.GetProperty("endpoint").GetString() == "DELETE /api/messages/{id:int}");
        Assert.Equal("anyone", deleteMessage.GetProperty("access").GetString());
        Assert.False(deleteMessage.GetProperty("onPurpose").GetBoolean());
        Assert.True(deleteMessage.GetProperty("changesData").GetBoolean());
        Assert.Contains("no fallback policy", deleteMessage.GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal("Program.cs", deleteMessage.GetProperty("path").GetString());
        var admin = Assert.Single(endpoints, e => e.GetProperty("endpoint").GetString() == "GET /api/admin/users/{id:int}");
        Assert.Equal("restricted", admin.GetProperty("access").GetString());
        Assert.Equal(["Admin"], admin.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var risky = await server.CallAsync("list_endpoints", new { anonymous = true, changesData = true });
        var riskyEndpoints = risky.StructuredContent!.Value.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.NotEmpty(riskyEndpoints);
        Assert.All(riskyEndpoints, e => Assert.True(e.GetProperty("access").GetString() == "anyone" && e.GetProperty("changesData").GetBoolean()));
        Assert.Equal(all.GetProperty("anonymousChangingData").GetInt32(), riskyEndpoints.Count);
        Assert.Contains("DELETE /api/messages/{id:int} anyone: nothing asks for a signed-in user", McpAssert.Text(risky), StringComparison.Ordinal);

        var controllers = await server.CallOkAsync("list_endpoints", new { path = "Controllers", limit = 100 });
        Assert.All(controllers.GetProperty("endpoints").EnumerateArray(), e => Assert.StartsWith("Controllers/", e.GetProperty("path").GetString(), StringComparison.Ordinal));

        // Paging by cursor, and cursors stay with the tool that gave them.
        var first = await server.CallOkAsync("list_endpoints", new { limit = 10 });
        var second = await server.CallOkAsync("list_endpoints", new { cursor = first.GetProperty("nextCursor").GetString(), limit = 10 });
        Assert.Equal(10, second.GetProperty("offset").GetInt32());
        Assert.Equal(endpoints[10].GetProperty("endpoint").GetString(), second.GetProperty("endpoints")[0].GetProperty("endpoint").GetString());
        McpAssert.ToolError(await server.CallAsync("list_findings", new { cursor = first.GetProperty("nextCursor").GetString() }), "belongs to list_endpoints");
        var check = await server.CallOkAsync("check_workspace", new { limit = 1 });
        McpAssert.ToolError(await server.CallAsync("list_endpoints", new { cursor = check.GetProperty("nextCursor").GetString() }), "pass it to list_findings");
    }

    [Fact]
    public async Task A_call_during_a_long_first_load_is_told_to_come_back()
    {
        using var sample = SampleCopy.VibeShop();
        using var loading = new ManualResetEventSlim();
        await using var server = await McpTestServer.StartAsync(new McpOptions([sample.Root], BeforeLoad: _ => loading.Wait()) { LoadWait = TimeSpan.FromMilliseconds(300) });
        try
        {
            McpAssert.ToolError(await server.CallAsync("check_files", new { paths = new[] { "Program.cs" } }), "still being read");
        }
        finally
        {
            loading.Set();
        }

        var seen = await Eventually(async () => (await server.CallAsync("check_files", new { paths = new[] { "Program.cs" } })).IsError != true);
        Assert.True(seen, "the server never answered after the load");
    }

    [Fact]
    public async Task Rules_are_resources_and_the_server_says_how_to_use_it()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        Assert.Contains("check_files", server.Client.ServerInstructions ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("readiness", server.Client.ServerInfo!.Name);
        var templates = await server.Client.ListResourceTemplatesAsync();
        Assert.Contains(templates, t => t.UriTemplate == "readiness://rules/{id}");
        var rule = await server.Client.ReadResourceAsync("readiness://rules/RDY2001");
        var text = Assert.IsType<TextResourceContents>(Assert.Single(rule.Contents)).Text;
        Assert.StartsWith("# RDY2001: Developer error page runs in production", text, StringComparison.Ordinal);
        Assert.Contains("readiness-ignore RDY2001", text, StringComparison.Ordinal);
        var index = await server.Client.ReadResourceAsync("readiness://rules");
        Assert.Contains("RDY2150", Assert.IsType<TextResourceContents>(Assert.Single(index.Contents)).Text, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await server.Client.ReadResourceAsync("readiness://rules/RDY9999"));
    }

    [Fact]
    public async Task The_host_reads_no_configuration_of_its_own()
    {
        using var sample = SampleCopy.VibeShop();
        await using var server = await McpTestServer.StartAsync(sample.Root);

        var environment = server.Host.Services.GetRequiredService<IHostEnvironment>();
        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(environment.ContentRootPath));
        var configuration = server.Host.Services.GetRequiredService<IConfiguration>();
        Assert.DoesNotContain(configuration.AsEnumerable(), c => c.Key.StartsWith("Logging", StringComparison.Ordinal) || c.Key.StartsWith("Jwt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_folders_are_one_workspace_with_prefixed_paths()
    {
        using var first = SampleCopy.VibeShop();
        using var second = new TempWorkspace();
        second.Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.UseDeveloperExceptionPage();\n");
        await using var server = await McpTestServer.StartAsync(first.Root, second.Root);

        var name = Path.GetFileName(second.Root);
        var result = await server.CallOkAsync("check_files", new { paths = new[] { $"{name}/Program.cs" } });
        var finding = Assert.Single(result.GetProperty("findings").EnumerateArray());
        Assert.Equal($"{name}/Program.cs", finding.GetProperty("path").GetString());
        Assert.Equal("RDY2001", finding.GetProperty("rule").GetString());
    }

    internal static async Task<string> IdOf(McpTestServer server, string rule)
    {
        var check = await server.CallOkAsync("check_workspace", new { limit = 100 });
        return check.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").GetString() == rule).GetProperty("id").GetString()!;
    }

    internal static List<string> Rules(JsonElement answer) =>
        [.. answer.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!)];

    /// <summary>Applies get_fix's edits (1-based, end exclusive) to a text, last first.</summary>
    internal static string ApplyEdits(string text, IEnumerable<JsonElement> edits)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int Offset(int line, int column) => lineStarts[line - 1] + column - 1;
        foreach (var edit in edits.OrderByDescending(e => Offset(e.GetProperty("startLine").GetInt32(), e.GetProperty("startColumn").GetInt32())))
        {
            var start = Offset(edit.GetProperty("startLine").GetInt32(), edit.GetProperty("startColumn").GetInt32());
            var end = Offset(edit.GetProperty("endLine").GetInt32(), edit.GetProperty("endColumn").GetInt32());
            Assert.Equal(edit.GetProperty("oldText").GetString(), text[start..end]);
            text = text[..start] + edit.GetProperty("newText").GetString() + text[end..];
        }

        return text;
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    internal static int CliCount(string root)
    {
        var (_, stdout, _) = CliRunner.Check(root, "--format", "json", "--fail-on", "never");
        return JsonDocument.Parse(stdout).RootElement.GetProperty("findings").GetArrayLength();
    }
}
