using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Sits between stdin and the JSON-RPC reader and passes on only well-formed frames. A frame with
/// a bad header or a body that is not a JSON-RPC object is logged and dropped, because the
/// JSON-RPC library ends the whole connection on a parse error, and one bad message from a
/// client must not take the server down.
/// </summary>
internal sealed class IncomingMessageFilter(Stream input, ILogger log)
{
    private const long MaxFrameBytes = 256L * 1024 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0));

    /// <summary>The filtered stream, for the JSON-RPC message handler.</summary>
    public Stream Output => _pipe.Reader.AsStream();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var body))
                {
                    if (body is not null)
                    {
                        await ForwardAsync(body, cancellationToken);
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            log.Information("The input stream closed: {Reason}", e.Message);
        }
        finally
        {
            await reader.CompleteAsync();
            await _pipe.Writer.CompleteAsync();
        }
    }

    /// <returns>false when more bytes are needed; true with a null body when a bad frame was skipped.</returns>
    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out byte[]? body)
    {
        body = null;
        var sequenceReader = new SequenceReader<byte>(buffer);
        if (!sequenceReader.TryReadTo(out ReadOnlySequence<byte> headerBytes, HeaderEnd, advancePastDelimiter: true))
        {
            if (buffer.Length > 1024 * 1024)
            {
                log.Warning("Dropped {Bytes} bytes of input with no message header", buffer.Length);
                buffer = buffer.Slice(buffer.End);
            }

            return false;
        }

        var length = ContentLength(Encoding.ASCII.GetString(headerBytes));
        if (length is null or < 0 or > MaxFrameBytes)
        {
            log.Warning("Dropped a message with a missing or invalid Content-Length header");
            buffer = buffer.Slice(sequenceReader.Position);
            return true;
        }

        if (sequenceReader.Remaining < length.Value)
        {
            return false;
        }

        var content = buffer.Slice(sequenceReader.Position, length.Value);
        buffer = buffer.Slice(content.End);
        var bytes = content.ToArray();
        body = Sanitize(bytes);
        return true;
    }

    /// <summary>The message to pass on, or null to drop it.</summary>
    private byte[]? Sanitize(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var isRequest = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String;
            var isResponse = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out _) && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
            if (!isRequest && !isResponse)
            {
                log.Warning("Dropped a message that is not a JSON-RPC request, notification or response");
                return null;
            }

            if (root.TryGetProperty("id", out var id) && id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
            {
                log.Warning("Dropped a message whose id is neither a number nor a string");
                return null;
            }

            if (isRequest && root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                // Params must be structured; without them the request still gets an error answer
                // (no matching method) instead of breaking the reader.
                log.Warning("Removed params that are neither an object nor an array from {Method}", root.GetProperty("method").GetString());
                var copy = new Dictionary<string, JsonElement>();
                foreach (var property in root.EnumerateObject().Where(p => p.Name != "params"))
                {
                    copy[property.Name] = property.Value;
                }

                return JsonSerializer.SerializeToUtf8Bytes(copy);
            }

            return bytes;
        }
        catch (JsonException e)
        {
            log.Warning("Dropped a message that is not valid JSON: {Reason}", e.Message);
            return null;
        }
    }

    private async Task ForwardAsync(byte[] body, CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _pipe.Writer.WriteAsync(header, cancellationToken);
        await _pipe.Writer.WriteAsync(body, cancellationToken);
    }

    private static long? ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return long.TryParse(line[(colon + 1)..].Trim(), out var value) ? value : null;
            }
        }

        return null;
    }
}
