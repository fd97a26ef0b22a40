using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>Hovering an endpoint in the editor says who can call it and why, from the editor's unsaved text.</summary>
public sealed class EndpointHoverProtocolTests
{
    [Fact]
    public async Task Hover_on_a_map_call_or_an_action_name_explains_who_can_call_it()
    {
        using var workspace = new TempWorkspace();
        const string program = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapDelete("/api/messages/{id:int}", (int id) => Results.NoContent());
            app.MapControllers();
            app.Run();
            """;
        const string controller = """
            [Authorize]
            [Route("api/admin")]
            public class AdminController : ControllerBase
            {
                [HttpPost("refund/{id}")]
                public IActionResult Refund(int id) => Ok();
            }
            """;
        var path = workspace.Write("Program.cs", program);
        var admin = workspace.Write("Controllers/AdminController.cs", controller);
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities());
        await client.WaitForProgressEndAsync();
        await client.OpenAsync(path, program);

        var onMap = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(2, 8)));
        Assert.NotNull(onMap);
        Assert.Contains("anyone on the internet can call it, without signing in", onMap.Contents.Value, StringComparison.Ordinal);

        // The editor's text wins over the disk: a RequireAuthorization() typed but not saved changes the answer.
        await client.ChangeAsync(path, 2, new TextDocumentContentChangeEvent(null, null, program.Replace("Results.NoContent())", "Results.NoContent()).RequireAuthorization()", StringComparison.Ordinal)));
        var edited = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(2, 8)));
        Assert.Contains("any signed-in user can call it", edited!.Contents.Value, StringComparison.Ordinal);

        await client.OpenAsync(admin, controller);
        var onAction = await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(admin)), new Position(5, 26)));
        Assert.NotNull(onAction);
        Assert.Contains("`POST /api/admin/refund/{id}` — any signed-in user can call it", onAction.Contents.Value, StringComparison.Ordinal);
        Assert.Contains("[Authorize] on AdminController", onAction.Contents.Value, StringComparison.Ordinal);
    }
}
