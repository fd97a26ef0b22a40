using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Tests.Lsp;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>An in-process server driven byte by byte through <see cref="LspWire"/>, with its log lines kept for assertions.</summary>
internal sealed class RawServer : IAsyncDisposable, ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _log = new();
    private readonly Stream _clientStream;

    public RawServer()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _clientStream = clientStream;
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
        var server = new LanguageServer(LspTestClient.DefaultEngine, new ServerOptions { Debounce = TimeSpan.FromMilliseconds(20) }, log);
        Running = Task.Run(() => server.RunAsync(serverStream, serverStream));
        Wire = new LspWire(clientStream, clientStream);
    }

    public LspWire Wire { get; }

    public Task<int> Running { get; }

    /// <summary>Warnings and above: what an operator sees about dropped input.</summary>
    public IReadOnlyList<string> Warnings => [.. _log.Where(e => e.Level >= LogEventLevel.Warning).Select(e => e.RenderMessage())];

    /// <summary>Notifications are handled in order but after the answer to a later request may have gone out: poll.</summary>
    public async Task WaitForWarningAsync(string containing, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!Warnings.Any(w => w.Contains(containing, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No warning containing '{containing}'; got: {string.Join(" | ", Warnings)}");
            await Task.Delay(20);
        }
    }

    public static string Request(int id, string method, string parameters = "{}") =>
        $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""";

    public async Task InitializeAsync(int id = 1, string? rootUri = null)
    {
        var root = rootUri is null ? "null" : JsonSerializer.Serialize(rootUri);
        await Wire.WriteAsync(Request(id, "initialize", "{\"processId\":null,\"rootUri\":" + root + ",\"capabilities\":{}}"));
        var response = await Wire.ReadUntilAsync(m => LspWire.IsResponse(m, id));
        Assert.True(response.TryGetProperty("result", out _), response.ToString());
        await Wire.WriteAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
    }

    /// <summary>Sends a request the server answers quickly, and waits for the answer: proof the server still reads its input.</summary>
    public async Task<JsonElement> PingAsync(int id, int timeoutMs = 10000)
    {
        await Wire.WriteAsync(Request(id, "readiness/ping"));
        var answer = await Wire.ReadUntilAsync(m => LspWire.IsResponse(m, id), timeoutMs);
        Assert.Equal(-32601, answer.GetProperty("error").GetProperty("code").GetInt32());
        return answer;
    }

    /// <summary>Waits for the error answer to message <paramref name="id"/> (null: the null-id answer) and returns its code.</summary>
    public async Task<int> ErrorCodeAsync(int? id)
    {
        var answer = await Wire.ReadUntilAsync(m => m.TryGetProperty("error", out _) && m.TryGetProperty("id", out var value) &&
            (id is null ? value.ValueKind == JsonValueKind.Null : value.ValueKind == JsonValueKind.Number && value.GetInt32() == id));
        return answer.GetProperty("error").GetProperty("code").GetInt32();
    }

    public void Emit(LogEvent logEvent) => _log.Enqueue(logEvent);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Running.IsCompleted)
            {
                await Wire.WriteAsync("""{"jsonrpc":"2.0","method":"exit"}""");
            }

            // Closing the input too lets the server stop at once instead of waiting for more bytes.
            await _clientStream.DisposeAsync();
            await Running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException)
        {
        }
    }
}
