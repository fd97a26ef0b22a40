using System.Buffers;
using System.Text.Json;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>One framed message body, or (with <paramref name="Problem"/>) the bytes of one that cannot be trusted.</summary>
/// <param name="Charset">Set when the header names a charset other than UTF-8.</param>
/// <param name="FollowsDroppedInput">
/// The frame came right after input that was dropped and logged; if it is broken too it is most
/// likely the rest of the same bad message, so it is not logged again.
/// </param>
internal readonly record struct Frame(ReadOnlySequence<byte> Body, string? Problem = null, string? Charset = null, bool FollowsDroppedInput = false);

/// <summary>
/// Cuts the input into messages by their headers and finds its footing again after a broken one:
/// after a bad or missing Content-Length, or bytes that are not a header at all, it skips to the
/// next <c>Content-Length:</c> and carries on. A declared length that runs past the start of the
/// next message's header is caught too: a complete header cannot occur inside a JSON body (JSON
/// strings cannot hold raw line breaks), so one found there means the length was wrong.
/// </summary>
internal sealed class FrameReader(ILogger log, long maxMessageBytes)
{
    private const long NotFound = -1;
    private const long Undecided = -2;

    private static readonly int NameTail = MessageHeader.ContentLengthName.Length - 1;

    private bool _resyncing;

    // Set after a message was dropped: the bytes it leaves behind are part of it and not logged again.
    private bool _quiet;

    // Body bytes of the pending message already searched for an embedded header.
    private long _scannedBody;

    /// <summary>
    /// Takes the next frame off the front of <paramref name="buffer"/>; false when more bytes are
    /// needed. The returned body is a slice of the buffer: use it before the buffer is released.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out Frame frame)
    {
        frame = default;
        while (true)
        {
            if (_resyncing && !SkipToNextHeader(ref buffer))
            {
                return false;
            }

            buffer = SkipLineBreaks(buffer);
            if (buffer.IsEmpty)
            {
                return false;
            }

            var header = MessageHeader.Parse(buffer);
            if (header.Status == HeaderStatus.NeedMore)
            {
                return false;
            }

            if (header.Status == HeaderStatus.Broken)
            {
                Drop("Skipped input with {Problem}", header.Problem!);
                buffer = buffer.Slice(1);
                continue;
            }

            if (header.ContentLength > maxMessageBytes)
            {
                // Never buffered: the body is skipped as it streams past, like any other garbage.
                Drop("Skipped a message that declares {Length} bytes, over the limit of {Limit} bytes", header.ContentLength, maxMessageBytes);
                buffer = buffer.Slice(header.HeaderBytes);
                continue;
            }

            var rest = buffer.Slice(header.HeaderBytes);
            var bodyComplete = rest.Length >= header.ContentLength;
            var embedded = FindEmbeddedHeader(rest, Math.Min(header.ContentLength, rest.Length));
            if (embedded >= 0)
            {
                frame = new Frame(rest.Slice(0, embedded), "a Content-Length that runs past the start of the next message", FollowsDroppedInput: _quiet);
                buffer = rest.Slice(embedded);
                EndFrame(quiet: true);
                return true;
            }

            // A header that may start inside the body is decided once its bytes are in. When the
            // body is valid JSON it cannot hold one, and waiting could keep a client that expects
            // an answer waiting forever, so the body is taken as it is.
            if (!bodyComplete || (embedded == Undecided && !IsJson(rest.Slice(0, header.ContentLength))))
            {
                return false;
            }

            frame = new Frame(rest.Slice(0, header.ContentLength), Charset: header.Charset, FollowsDroppedInput: _quiet);
            buffer = rest.Slice(header.ContentLength);
            EndFrame(quiet: false);
            return true;
        }
    }

    /// <summary>
    /// A body that failed to parse may have been cut short by a wrong Content-Length: the rest of
    /// it follows without a header, belongs to the message already reported, and is skipped quietly.
    /// </summary>
    public void ExpectLeftovers() => _quiet = true;

    /// <summary>The input ended; says so if it ended inside a message.</summary>
    public void Complete(ReadOnlySequence<byte> remaining)
    {
        if (!SkipLineBreaks(remaining).IsEmpty && !_resyncing)
        {
            log.Warning("The input ended inside a message; dropped its {Bytes} bytes", remaining.Length);
        }
    }

    private void Drop(string template, params object[] values)
    {
        log.Write(_quiet ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Warning, template, values);

        _quiet = true;
        _resyncing = true;
        _scannedBody = 0;
    }

    private void EndFrame(bool quiet)
    {
        _quiet = quiet;
        _scannedBody = 0;
    }

    /// <returns>false when the buffer holds no header start yet; only a possible partial name is kept.</returns>
    private bool SkipToNextHeader(ref ReadOnlySequence<byte> buffer)
    {
        var at = MessageHeader.IndexOfContentLength(buffer, 0);
        if (at < 0)
        {
            buffer = buffer.Slice(Math.Max(0, buffer.Length - NameTail));
            return false;
        }

        buffer = buffer.Slice(at);
        _resyncing = false;
        return true;
    }

    /// <summary>
    /// Offset in <paramref name="rest"/> of a complete header that starts before <paramref name="bodyEnd"/>;
    /// <see cref="NotFound"/>; or <see cref="Undecided"/> when one may start there but its bytes are not all in.
    /// </summary>
    private long FindEmbeddedHeader(ReadOnlySequence<byte> rest, long bodyEnd)
    {
        var from = _scannedBody;
        while (true)
        {
            var at = MessageHeader.IndexOfContentLength(rest, from);
            if (at < 0 || at >= bodyEnd)
            {
                _scannedBody = Math.Max(from, bodyEnd - NameTail);
                return MessageHeader.EndsWithPartialName(rest, _scannedBody, bodyEnd) ? Undecided : NotFound;
            }

            var candidate = MessageHeader.Parse(rest.Slice(at));
            if (candidate.Status == HeaderStatus.Complete)
            {
                return at;
            }

            if (candidate.Status == HeaderStatus.NeedMore)
            {
                _scannedBody = at;
                return Undecided;
            }

            from = at + 1;
        }
    }

    private static bool IsJson(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlySequence<byte> SkipLineBreaks(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny((byte)'\r', (byte)'\n');
        return buffer.Slice(reader.Position);
    }
}
