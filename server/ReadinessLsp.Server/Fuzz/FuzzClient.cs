using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>
/// The fuzzer's end of the connection: writes raw bytes (so it can send anything), reads the
/// server's messages in the background, keeps answers by id and diagnostics by URI, and answers
/// the server's own requests so they never stall it.
/// </summary>
internal sealed class FuzzClient : IAsyncDisposable
{
    private readonly Stream _toServer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _answers = new();
    private readonly ConcurrentDictionary<string, JsonElement> _diagnostics = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nullIdErrors;
    private volatile bool _ending;

    public FuzzClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        Reading = Task.Run(() => ReadAsync(fromServer));
    }

    /// <summary>Completes when the server's output ends (or cannot be read).</summary>
    public Task Reading { get; }

    /// <summary>Error answers with a null id: the server's reply to a message whose id it could not read.</summary>
    public int NullIdErrors => _nullIdErrors;

    public async Task WriteAsync(FuzzFrame frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _toServer.WriteAsync(frame.Bytes, cancellationToken);
            for (var i = 0; i < frame.FillerRepeats; i++)
            {
                await _toServer.WriteAsync(frame.Filler, cancellationToken);
            }

            await _toServer.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task WriteMessageAsync(string json, CancellationToken cancellationToken) =>
        WriteAsync(new FuzzFrame("session", MalformedFrames.Framed(json)), cancellationToken);

    /// <summary>The answer to request <paramref name="id"/>, once it arrives.</summary>
    public Task<JsonElement> AnswerTo(long id) =>
        _answers.GetOrAdd(id, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task<JsonElement> RequestAsync(long id, string method, string parameters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = AnswerTo(id);
        await WriteMessageAsync(MalformedFrames.Request(id, method, parameters), cancellationToken);
        return await answer.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Waits for diagnostics of <paramref name="uri"/> at <paramref name="version"/> that satisfy <paramref name="condition"/>.</summary>
    public async Task<JsonElement> DiagnosticsAsync(string uri, int version, Func<JsonElement, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var signal = _published.Task;
            if (_diagnostics.TryGetValue(uri, out var published)
                && published.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == version
                && condition(published))
            {
                return published;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no diagnostics for version {version} within {timeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>The session is about to close the connection: a read that fails from now on is expected.</summary>
    public void ExpectEnd() => _ending = true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Reading.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadAsync(Stream fromServer)
    {
        var reader = PipeReader.Create(fromServer);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                while (TryReadMessage(ref buffer, out var message))
                {
                    await DispatchAsync(message);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        catch (InvalidOperationException) when (_ending || _stop.IsCancellationRequested)
        {
            // The in-memory stream says so when it was closed under the read.
        }
        finally
        {
            await reader.CompleteAsync();
            foreach (var waiting in _answers.Values)
            {
                waiting.TrySetException(new EndOfStreamException("the server's output ended"));
            }

            _published.TrySetResult();
        }
    }

    /// <summary>The server writes well-formed frames; anything else is a failure the session reports.</summary>
    private static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out JsonElement message)
    {
        message = default;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> header, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(header.ToArray());
        var line = text.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.Ordinal));
        var length = long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (reader.Remaining < length)
        {
            return false;
        }

        var body = buffer.Slice(reader.Position, length);
        using (var document = JsonDocument.Parse(body))
        {
            message = document.RootElement.Clone();
        }

        buffer = buffer.Slice(body.End);
        return true;
    }

    private async Task DispatchAsync(JsonElement message)
    {
        var hasMethod = message.TryGetProperty("method", out var method);
        var hasId = message.TryGetProperty("id", out var id);
        if (hasMethod && hasId)
        {
            // A request from the server (registration, configuration, progress): say yes, with nothing.
            await WriteMessageAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id.GetRawText()},\"result\":null}}", _stop.Token);
            return;
        }

        if (hasMethod)
        {
            if (method.GetString() == "textDocument/publishDiagnostics")
            {
                var parameters = message.GetProperty("params");
                _diagnostics[parameters.GetProperty("uri").GetString()!] = parameters;
                var previous = _published;
                _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                previous.TrySetResult();
            }

            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
        {
            _answers.GetOrAdd(number, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
        }
        else if (hasId && id.ValueKind == JsonValueKind.Null)
        {
            Interlocked.Increment(ref _nullIdErrors);
        }
    }
}
