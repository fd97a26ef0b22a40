using System.Text;
using System.Text.Json;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>Raw LSP framing for tests that must send what a well-behaved client library never would.</summary>
internal sealed class LspWire(Stream input, Stream output)
{
    public async Task WriteRawAsync(string raw)
    {
        await input.WriteAsync(Encoding.UTF8.GetBytes(raw));
        await input.FlushAsync();
    }

    public Task WriteAsync(string json) => WriteRawAsync($"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    /// <summary>Reads frames until one satisfies <paramref name="match"/>; every frame must be valid JSON.</summary>
    public async Task<JsonElement> ReadUntilAsync(Func<JsonElement, bool> match, int timeoutMs = 20000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var message = await ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    private async Task<JsonElement> ReadAsync(CancellationToken cancellationToken)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await output.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException("The server closed its output");
            }

            header.Append((char)one[0]);
        }

        var lengthLine = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await output.ReadExactlyAsync(body, cancellationToken);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static bool IsResponse(JsonElement message, int id) =>
        message.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.Number && value.GetInt32() == id;

    public static bool IsNotification(JsonElement message, string method) =>
        message.TryGetProperty("method", out var value) && value.GetString() == method && !message.TryGetProperty("id", out _);
}
