using System.Buffers;
using System.Text;
using ReadinessLsp.Server.Lsp.Infrastructure;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>Framing in isolation: the same messages however the bytes are split, and skipped input is not kept.</summary>
public sealed class FrameReaderTests
{
    private static readonly string[] Stream =
    [
        Framed("""{"jsonrpc":"2.0","id":1,"method":"a"}"""),
        "Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2}",
        Framed("""{"jsonrpc":"2.0","id":3,"method":"b","params":{"text":"Content-Length: 5"}}"""),
        "random \u0001\u0002 bytes Content-Le",
        Framed("""{"jsonrpc":"2.0","id":4,"method":"c"}"""),
        "Content-Length: 90\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,",
        Framed("""{"jsonrpc":"2.0","id":6,"method":"d"}""", lineEnd: "\n"),
        "Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"e\"}",
        Framed("""{"jsonrpc":"2.0","id":8,"method":"f"}"""),
        "Content-Length: 99999999999\r\n\r\n" + new string('z', 5000),
        Framed("""{"jsonrpc":"2.0","id":9,"method":"g"}""", headers: "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"),
        "Content-Length: 45\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"h\"}xc",
        Framed("""{"jsonrpc":"2.0","id":11,"method":"i"}"""),
    ];

    [Fact]
    public void Every_valid_message_survives_its_broken_neighbours_however_the_bytes_arrive()
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(Stream));
        var whole = ReadAll(input, [input.Length]);
        var valid = whole.Where(f => f.Problem is null).Select(f => f.Body).Where(b => b.Contains("\"method\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["a", "b", "c", "d", "f", "g", "i"],
            valid.Select(b => b.Split("\"method\":\"")[1][..1]));

        var random = new Random(7);
        foreach (var chunking in new[] { Enumerable.Repeat(1, input.Length).ToArray(), Enumerable.Range(0, 400).Select(_ => random.Next(1, 60)).ToArray() })
        {
            Assert.Equal(whole, ReadAll(input, chunking));
        }
    }

    [Fact]
    public void An_oversized_message_streams_past_without_being_kept()
    {
        var reader = new FrameReader(Serilog.Core.Logger.None, maxMessageBytes: 1024 * 1024);
        var pending = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("Content-Length: 104857600\r\n\r\n"));
        Assert.False(reader.TryRead(ref pending, out _));
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
        for (var i = 0; i < 100; i++)
        {
            pending = Append(pending, chunk);
            Assert.False(reader.TryRead(ref pending, out _));
            Assert.True(pending.Length < 16, $"{pending.Length} bytes kept after chunk {i}");
        }

        pending = Append(pending, Encoding.ASCII.GetBytes(Framed("{}")));
        Assert.True(reader.TryRead(ref pending, out var frame));
        Assert.Equal("{}", Encoding.ASCII.GetString(frame.Body.ToArray()));
    }

    private static List<(string? Problem, string Body)> ReadAll(byte[] input, int[] chunking)
    {
        var reader = new FrameReader(Serilog.Core.Logger.None, maxMessageBytes: 1024 * 1024);
        var frames = new List<(string?, string)>();
        var pending = ReadOnlySequence<byte>.Empty;
        var offset = 0;
        for (var i = 0; offset < input.Length; i++)
        {
            var size = Math.Min(chunking[i % chunking.Length], input.Length - offset);
            pending = Append(pending, input.AsSpan(offset, size).ToArray());
            offset += size;
            while (reader.TryRead(ref pending, out var frame))
            {
                frames.Add((frame.Problem, Encoding.UTF8.GetString(frame.Body.ToArray())));
            }
        }

        return frames;
    }

    private static ReadOnlySequence<byte> Append(ReadOnlySequence<byte> pending, byte[] more) =>
        new([.. pending.ToArray(), .. more]);

    private static string Framed(string body, string lineEnd = "\r\n", string headers = "") =>
        $"{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}{lineEnd}{lineEnd}{body}";
}
