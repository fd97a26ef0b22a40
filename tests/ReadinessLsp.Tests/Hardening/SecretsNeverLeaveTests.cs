using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// A workspace full of live-looking secrets, read by check in every format and by a server
/// session at the most verbose log level, with hovers and code actions on every finding: the
/// full secret values appear nowhere — not on stdout, stderr, in the log file or in the SARIF
/// file. Masked prefixes may.
/// </summary>
public sealed class SecretsNeverLeaveTests
{
    private static readonly string[] Secrets =
    [
        "sk_live_51Nq8ZfKx4TmR2vLw9YpQa7Hd3",
        "r7Q2mV9xK4pL8sT1wZ6bN3cF5hJ0dG2aY9eU4iO7",
        "Zq8!pLm4Rt2#vWx9",
        "AKIAQ7RZ2M4XK8PLN3VW",
        "Jx3kP9mQ2wR7tY5uI1oL8aS4dF6gH0jK2zX9cV3b",
        "Hn4vT8qZ2mK6pW9x",
        "Pr0dDbPassw0rd2024xyz",
    ];

    [Fact]
    public async Task Check_in_every_format_prints_no_secret_in_full()
    {
        using var workspace = SecretWorkspace();
        var sarif = Path.Combine(workspace.Root, "..", $"{Guid.NewGuid():N}.sarif");
        try
        {
            foreach (var format in new[] { "text", "json", "sarif" })
            {
                string[] arguments = format == "sarif"
                    ? ["check", workspace.Root, "--format", format, "--verbose", "--output", sarif]
                    : ["check", workspace.Root, "--format", format, "--verbose"];
                var run = await SpawnedProcess.RunAsync(arguments, TimeSpan.FromSeconds(60));
                Assert.Equal(1, run.ExitCode);
                AssertNoSecret($"check --format {format} stdout", run.Stdout);
                AssertNoSecret($"check --format {format} stderr", run.Stderr);
            }

            var report = File.ReadAllText(sarif);
            Assert.Contains("RDY2101", report, StringComparison.Ordinal);
            AssertNoSecret("the SARIF file", report);
        }
        finally
        {
            File.Delete(sarif);
        }
    }

    [Fact]
    public async Task A_verbose_server_session_with_hovers_and_code_actions_on_every_finding_sends_and_logs_no_secret()
    {
        using var workspace = SecretWorkspace();
        var logFile = Path.Combine(workspace.Root, "..", $"{Guid.NewGuid():N}.log");
        await using var server = SpawnedProcess.Start(["--stdio", "--log-level", "Verbose", "--log-file", logFile, "--debounce-ms", "20"], readStdout: false, workspace.Root);
        var stdout = new RecordingStream(server.Process.StandardOutput.BaseStream);
        var wire = new LspWire(server.Process.StandardInput.BaseStream, stdout);
        try
        {
            var capabilities = new
            {
                workspace = new { workspaceEdit = new { documentChanges = true, resourceOperations = new[] { "create" } } },
                textDocument = new { hover = new { contentFormat = new[] { "markdown", "plaintext" } }, publishDiagnostics = new { relatedInformation = true } },
            };
            await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = DocumentUri.FromPath(workspace.Root), capabilities, trace = "verbose" } }));
            await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 1), 60_000);
            await wire.WriteAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
            await wire.WriteAsync("""{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"verbose"}}""");

            var id = 10;
            foreach (var name in new[] { "appsettings.json", ".env", "Program.cs" })
            {
                var path = Path.Combine(workspace.Root, name);
                var uri = DocumentUri.FromPath(path);
                var language = name.EndsWith(".cs", StringComparison.Ordinal) ? "csharp" : name == ".env" ? "dotenv" : "json";
                await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = language, version = 1, text = File.ReadAllText(path) } } }));
                if (name == "Program.cs")
                {
                    continue;
                }

                var published = await wire.ReadUntilAsync(m =>
                    LspWire.IsNotification(m, "textDocument/publishDiagnostics") && m.GetProperty("params").GetProperty("uri").GetString() == uri &&
                    m.GetProperty("params").TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number, 60_000);
                var diagnostics = published.GetProperty("params").GetProperty("diagnostics").EnumerateArray().ToList();
                Assert.NotEmpty(diagnostics);
                foreach (var diagnostic in diagnostics)
                {
                    var range = diagnostic.GetProperty("range");
                    await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = ++id, method = "textDocument/hover", @params = new { textDocument = new { uri }, position = range.GetProperty("start") } }));
                    await wire.ReadUntilAsync(m => LspWire.IsResponse(m, id), 60_000);
                    await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = ++id, method = "textDocument/codeAction", @params = new { textDocument = new { uri }, range, context = new { diagnostics = new[] { diagnostic } } } }));
                    var actions = await wire.ReadUntilAsync(m => LspWire.IsResponse(m, id), 60_000);
                    Assert.NotEmpty(actions.GetProperty("result").EnumerateArray());
                }
            }

            await wire.WriteAsync(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = ++id, method = "shutdown" }));
            await wire.ReadUntilAsync(m => LspWire.IsResponse(m, id), 60_000);
            await wire.WriteAsync("""{"jsonrpc":"2.0","method":"exit"}""");
            var exit = await server.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, exit.ExitCode);

            var log = File.ReadAllText(logFile);
            Assert.Contains("[DBG]", log, StringComparison.Ordinal); // the most verbose level the server writes at
            AssertNoSecret("the server's stdout (every message it sent)", Encoding.UTF8.GetString(stdout.Recorded()));
            AssertNoSecret("the server's stderr", exit.Stderr);
            AssertNoSecret("the server's log file", log);
        }
        finally
        {
            File.Delete(logFile);
        }
    }

    private static void AssertNoSecret(string where, string text)
    {
        foreach (var secret in Secrets)
        {
            // As written, and as a JSON writer escapes it.
            foreach (var form in new[] { secret, JsonSerializer.Serialize(secret)[1..^1], JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1] })
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"{where} contains the secret {secret[..4]}…");
            }
        }
    }

    private static TempWorkspace SecretWorkspace()
    {
        var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", $$"""
            {
              "Stripe": { "SecretKey": "{{Secrets[0]}}" },
              "Jwt": { "Issuer": "https://shop.example.com", "SigningKey": "{{Secrets[1]}}" },
              "ConnectionStrings": { "Shop": "Server=db.prod.internal;Database=shop;User Id=shop;Password={{Secrets[2]}};" }
            }
            """);
        workspace.Write(".env", $"AWS_ACCESS_KEY_ID={Secrets[3]}\nAWS_SECRET_ACCESS_KEY={Secrets[4]}\nDATABASE_URL=postgres://shop_app:{Secrets[5]}@db.prod.internal:5432/shop\n");
        workspace.Write("Program.cs", $$"""
            var builder = WebApplication.CreateBuilder(args);
            var connection = "Server=db.prod.internal;Database=orders;User Id=sa;Password={{Secrets[6]}};";
            builder.Services.AddDbContext<OrdersContext>(o => o.UseSqlServer(connection));
            var app = builder.Build();
            app.Run();
            """);
        return workspace;
    }
}
