using System.Diagnostics;
using System.Text.Json;
using Nerdbank.Streams;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>The byte stream: malformed input in-process, and the real server process over stdio.</summary>
public sealed class LspTransportTests
{
    private const string RiskyProgram = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.UseDeveloperExceptionPage();\n";

    [Fact]
    public async Task Malformed_messages_are_dropped_and_the_server_keeps_serving()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var server = new LanguageServer(LspTestClient.DefaultEngine, new ServerOptions(), Serilog.Core.Logger.None);
        var running = Task.Run(() => server.RunAsync(serverStream, serverStream));
        var wire = new LspWire(clientStream, clientStream);

        await wire.WriteAsync("{ this is not json");
        await wire.WriteAsync("[1, 2, 3]");
        await wire.WriteAsync("{\"jsonrpc\":\"2.0\"}");
        await wire.WriteRawAsync("X-Nonsense: yes\r\n\r\n");
        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"not an object\"}");
        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}}");
        var response = await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 2));
        Assert.True(response.TryGetProperty("result", out var result), response.ToString());
        Assert.True(result.GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean());

        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such/method\",\"params\":{}}");
        var unknown = await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 3));
        Assert.Equal(-32601, unknown.GetProperty("error").GetProperty("code").GetInt32());
        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"method\":\"$/unknownNotification\",\"params\":{}}");

        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 4));
        await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_real_server_process_speaks_lsp_over_stdio()
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("Program.cs", RiskyProgram);
        var serverDll = Path.Combine(AppContext.BaseDirectory, "ReadinessLsp.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "--stdio", "--stdio"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var wire = new LspWire(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
            var uri = DocumentUri.FromPath(path);
            await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = Environment.ProcessId, rootUri = DocumentUri.FromPath(workspace.Root), capabilities = new { } } }));
            await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 1));
            await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "csharp", version = 1, text = RiskyProgram } } }));
            var published = await wire.ReadUntilAsync(m =>
                LspWire.IsNotification(m, "textDocument/publishDiagnostics") &&
                m.GetProperty("params").GetProperty("uri").GetString() == uri &&
                m.GetProperty("params").GetProperty("diagnostics").GetArrayLength() > 0);
            Assert.Equal("RDY2001", published.GetProperty("params").GetProperty("diagnostics")[0].GetProperty("code").GetString());

            await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
            await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 2));
            await wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Initialized by", await stderr, StringComparison.Ordinal); // logs go to stderr, never stdout
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
