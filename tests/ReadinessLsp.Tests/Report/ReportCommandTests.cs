using System.Text.Json;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Report;

/// <summary>The language server's <c>readiness.server.report</c>: the same page, from the editor's state, with locations it can open.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task The_server_returns_the_report_of_the_editor_s_unsaved_text_with_absolute_locations()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{ \"Stripe\": { \"ApiKey\": \"sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F\" } }");
        var path = workspace.Write("Program.cs", "// saved text has no finding\n");
        const string unsaved = "var b = WebApplication.CreateBuilder(args);\nvar app = b.Build();\napp.UseDeveloperExceptionPage();\n";
        await using var client = await LspTestClient.StartWithOpenDocumentAsync(workspace.Root, path, unsaved);

        // The command waits for the running scan itself: a report of half a scan would say too little.

        var result = await client.RequestAsync<JsonElement>("workspace/executeCommand", new { command = "readiness.server.report" });
        var html = result.GetProperty("html").GetString()!;
        Assert.Equal(2, result.GetProperty("findings").GetInt32());
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("RDY2001", html, StringComparison.Ordinal);
        Assert.Contains($"data-path=\"{path}\" data-line=\"3\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F", html, StringComparison.Ordinal);
        Assert.Contains("kept up to date while you edit", html, StringComparison.Ordinal);
    }
}
