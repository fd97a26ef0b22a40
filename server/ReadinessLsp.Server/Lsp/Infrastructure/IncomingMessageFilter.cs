using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Serilog;
using Serilog.Events;
using StreamJsonRpc.Protocol;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Sits between stdin and the JSON-RPC library and passes on only messages the library can
/// read, because the library ends the whole connection on the first one it cannot, and one bad
/// message from a client must not take the server down or leave it deaf. Framing and finding the
/// next message after a broken one is <see cref="FrameReader"/>'s job, the JSON-RPC shape is
/// <see cref="JsonRpcEnvelope"/>'s. Each dropped message gets one log line, and a request that
/// can be answered gets the JSON-RPC error for what was wrong with it.
/// </summary>
internal sealed class IncomingMessageFilter(Stream input, PendingServerRequests pending, ILogger log)
{
    /// <summary>
    /// Longer messages are skipped without being held in memory. The longest a client sends is a
    /// whole document (didOpen, full-text didChange), and a file of this size is far beyond what
    /// the analysis reads anyway (<see cref="ServerOptions.MaxFileBytes"/>). Reading a message
    /// costs about ten times its size at the peak (its bytes, the parsed request, the text in
    /// UTF-16), so the limit is what bounds the server's memory against a hostile client.
    /// </summary>
    public const long MaxMessageBytes = 16L * 1024 * 1024;

    private const int MaxProblemLength = 200;

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0));

    /// <summary>The filtered stream, for the JSON-RPC message handler.</summary>
    public Stream Output => _pipe.Reader.AsStream();

    /// <param name="reply">Sends an error response to the client (through the library's writer, so frames never interleave).</param>
    public async Task RunAsync(Func<JsonRpcError, ValueTask> reply, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var frames = new FrameReader(log, MaxMessageBytes);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (frames.TryRead(ref buffer, out var frame))
                {
                    await HandleAsync(frame, frames, reply, cancellationToken);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    frames.Complete(buffer);
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

    private async Task HandleAsync(Frame frame, FrameReader frames, Func<JsonRpcError, ValueTask> reply, CancellationToken cancellationToken)
    {
        var verdict = frame.Problem is not null
            ? new MessageVerdict(VerdictKind.Reject, frame.Problem, RequestIdPeek.Find(frame.Body), JsonRpcErrorCode.ParseError)
            : frame.Charset is not null
                ? new MessageVerdict(VerdictKind.Reject, $"a body in {frame.Charset}; LSP messages are UTF-8", RequestIdPeek.Find(frame.Body), JsonRpcErrorCode.ParseError)
                : JsonRpcEnvelope.Check(frame.Body);

        var level = frame.FollowsDroppedInput ? LogEventLevel.Debug : LogEventLevel.Warning;
        switch (verdict.Kind)
        {
            case VerdictKind.Forward:
                await ForwardAsync(verdict.Rewritten is { } rewritten ? new ReadOnlySequence<byte>(rewritten) : frame.Body, cancellationToken);
                break;
            case VerdictKind.Response when pending.TryComplete(verdict.Id):
                await ForwardAsync(frame.Body, cancellationToken);
                break;
            case VerdictKind.Response:
                log.Write(level, "Dropped a response to request {Id}, which the server did not send or which was already answered", verdict.Id.ToString());
                break;
            case VerdictKind.Drop:
                log.Write(level, "Dropped a message: {Problem}", Shorten(verdict.Problem));
                break;
            case VerdictKind.Reject:
                if (verdict.Code == JsonRpcErrorCode.ParseError)
                {
                    frames.ExpectLeftovers();
                }

                log.Write(level, "Dropped a message and answered error {Code} for id {Id}: {Problem}", (int)verdict.Code, verdict.Id.ToString(), Shorten(verdict.Problem));
                await ReplyAsync(reply, verdict);
                break;
        }
    }

    private async Task ReplyAsync(Func<JsonRpcError, ValueTask> reply, MessageVerdict verdict)
    {
        var title = verdict.Code == JsonRpcErrorCode.ParseError ? "Parse error" : "Invalid request";
        var error = new JsonRpcError
        {
            RequestId = verdict.Id,
            Error = new JsonRpcError.ErrorDetail { Code = verdict.Code, Message = $"{title}: {Shorten(verdict.Problem)}" },
        };
        try
        {
            await reply(error);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            log.Debug("Could not send the error response: {Reason}", e.Message);
        }
    }

    private async Task ForwardAsync(ReadOnlySequence<byte> body, CancellationToken cancellationToken)
    {
        var writer = _pipe.Writer;
        writer.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        foreach (var segment in body)
        {
            writer.Write(segment.Span);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Problems can quote a client's method name; a log line stays a line.</summary>
    private static string Shorten(string? problem) =>
        problem is null ? string.Empty : problem.Length <= MaxProblemLength ? problem : problem[..MaxProblemLength] + "…";
}
