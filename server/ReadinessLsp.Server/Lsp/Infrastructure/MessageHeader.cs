using System.Buffers;
using System.Text;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

internal enum HeaderStatus
{
    /// <summary>The bytes so far could still become a header: wait for more.</summary>
    NeedMore,

    /// <summary>The bytes cannot be a message header.</summary>
    Broken,

    /// <summary>A whole header with a usable Content-Length.</summary>
    Complete,
}

/// <param name="HeaderBytes">Length of the header including the blank line that ends it.</param>
/// <param name="Charset">The Content-Type charset when it is one the server cannot read, else null.</param>
internal readonly record struct HeaderParse(HeaderStatus Status, long ContentLength = 0, long HeaderBytes = 0, string? Problem = null, string? Charset = null);

/// <summary>
/// The header part of a base-protocol message (LSP 3.17: <c>Name: value</c> fields, each ended by
/// <c>\r\n</c>, then an empty line; Content-Length required, Content-Type optional). Bare <c>\n</c>
/// line ends are accepted too: a client that writes them means the same thing.
/// </summary>
internal static class MessageHeader
{
    /// <summary>Real headers are a few dozen bytes; anything longer is not one.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    public static ReadOnlySpan<byte> ContentLengthName => "Content-Length"u8;

    private static ReadOnlySpan<byte> ContentTypeName => "Content-Type"u8;

    /// <summary>Reads the header at the start of <paramref name="buffer"/>, failing as early as the bytes allow.</summary>
    public static HeaderParse Parse(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        long? length = null;
        string? charset = null;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> lineBytes, (byte)'\n'))
            {
                var rest = buffer.Slice(reader.Position);
                if (buffer.Length > MaxHeaderBytes)
                {
                    return Broken("a header longer than 8 KB");
                }

                return CouldBecomeHeaderLine(rest) is { } problem ? Broken(problem) : new HeaderParse(HeaderStatus.NeedMore);
            }

            if (reader.Consumed > MaxHeaderBytes)
            {
                return Broken("a header longer than 8 KB");
            }

            var line = TrimCarriageReturn(lineBytes.ToArray());
            if (line.Length == 0)
            {
                return length is { } value
                    ? new HeaderParse(HeaderStatus.Complete, value, reader.Consumed, Charset: charset)
                    : Broken("a header without Content-Length");
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                return Broken("a header line without a colon");
            }

            var name = line.AsSpan(0, colon);
            if (name.IsEmpty || !IsToken(name))
            {
                return Broken("bytes that are not a message header");
            }

            var fieldValue = line.AsSpan(colon + 1).Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, ContentLengthName))
            {
                if (!TryParseLength(fieldValue, out var parsed))
                {
                    return Broken("a Content-Length that is not a number");
                }

                if (length is { } earlier && earlier != parsed)
                {
                    return Broken("two different Content-Length headers");
                }

                length = parsed;
            }
            else if (Ascii.EqualsIgnoreCase(name, ContentTypeName))
            {
                charset = UnsupportedCharset(fieldValue);
            }
        }
    }

    /// <summary>Offset of the next <c>Content-Length</c> (any case) at or after <paramref name="from"/>, or -1.</summary>
    public static long IndexOfContentLength(ReadOnlySequence<byte> buffer, long from)
    {
        if (from >= buffer.Length)
        {
            return -1;
        }

        var reader = new SequenceReader<byte>(buffer.Slice(from));
        Span<byte> candidate = stackalloc byte[ContentLengthName.Length];
        while (reader.TryAdvanceToAny("Cc"u8, advancePastDelimiter: false))
        {
            if (!reader.TryCopyTo(candidate))
            {
                return -1;
            }

            if (Ascii.EqualsIgnoreCase(candidate, ContentLengthName))
            {
                return from + reader.Consumed;
            }

            reader.Advance(1);
        }

        return -1;
    }

    /// <summary>
    /// Whether the bytes from some offset in [<paramref name="from"/>, <paramref name="before"/>) to the
    /// end of <paramref name="buffer"/> are the start of a <c>Content-Length</c> cut off by the buffer's end.
    /// </summary>
    public static bool EndsWithPartialName(ReadOnlySequence<byte> buffer, long from, long before)
    {
        var start = Math.Max(from, buffer.Length - (ContentLengthName.Length - 1));
        if (start >= before || start >= buffer.Length)
        {
            return false;
        }

        Span<byte> tail = stackalloc byte[ContentLengthName.Length];
        var length = (int)(buffer.Length - start);
        buffer.Slice(start).CopyTo(tail);
        for (var offset = 0; offset < length && start + offset < before; offset++)
        {
            if (Ascii.EqualsIgnoreCase(tail[offset..length], ContentLengthName[..(length - offset)]))
            {
                return true;
            }
        }

        return false;
    }

    private static HeaderParse Broken(string problem) => new(HeaderStatus.Broken, Problem: problem);

    /// <summary>Null when the unfinished last line can still become a valid header line, else why not.</summary>
    private static string? CouldBecomeHeaderLine(ReadOnlySequence<byte> partial)
    {
        var line = partial.ToArray().AsSpan();
        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        if (colon < 0 && name.EndsWith("\r"u8))
        {
            name = name[..^1]; // the line end is arriving
        }

        if (colon == 0 || !IsToken(name))
        {
            return "bytes that are not a message header";
        }

        // A Content-Length value is digits; fail on the first other character instead of waiting
        // for a line end that a stray "Content-Length" inside a message body never gets.
        if (colon > 0 && Ascii.EqualsIgnoreCase(name, ContentLengthName))
        {
            var value = line[(colon + 1)..];
            if (value.EndsWith("\r"u8))
            {
                value = value[..^1];
            }

            if (value.IndexOfAnyExcept(" \t0123456789"u8) >= 0)
            {
                return "a Content-Length that is not a number";
            }
        }

        return null;
    }

    private static byte[] TrimCarriageReturn(byte[] line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        // Eighteen digits fit a long; more only say "too big", which the size limit handles.
        length = value.Length > 18 ? long.MaxValue : long.Parse(value, provider: System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>RFC 7230 token characters, the only ones a header name may hold.</summary>
    private static bool IsToken(ReadOnlySpan<byte> name) =>
        name.IndexOfAnyExcept("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8) < 0;

    /// <summary>LSP content is UTF-8 only; "utf8" is the spelling older clients used for it.</summary>
    private static string? UnsupportedCharset(ReadOnlySpan<byte> contentType)
    {
        var text = Encoding.ASCII.GetString(contentType);
        foreach (var parameter in text.Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var charset = pair[1].Trim().Trim('"');
                return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : charset;
            }
        }

        return null;
    }
}
