using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ReadinessLsp.Tests.Support;

/// <summary>
/// Writes a git index (<c>.git/index</c>) in git's documented format, for tests of the reader and
/// fixtures with tracked files: version 2 or 3 (NUL-padded paths) or 4 (prefix-compressed paths),
/// SHA-1 or SHA-256 object names, optional extended flags, sparse folder entries and extensions.
/// </summary>
internal static class GitIndexWriter
{
    public static byte[] Write(
        IEnumerable<string> paths,
        int version = 2,
        int hashBytes = 20,
        bool extended = false,
        IEnumerable<string>? sparseFolders = null,
        string? extension = null)
    {
        var entries = paths.Select(p => (Path: p, Mode: 0x81A4u))
            .Concat((sparseFolders ?? []).Select(f => (Path: f.EndsWith('/') ? f : f + "/", Mode: 0x4000u)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        using var stream = new MemoryStream();
        stream.Write("DIRC"u8);
        WriteUInt32(stream, (uint)version);
        WriteUInt32(stream, (uint)entries.Count);
        var previous = Array.Empty<byte>();
        foreach (var (path, mode) in entries)
        {
            var start = stream.Position;
            var name = Encoding.UTF8.GetBytes(path);
            var stat = new byte[40];
            BinaryPrimitives.WriteUInt32BigEndian(stat.AsSpan(24), mode);
            stream.Write(stat);
            stream.Write(new byte[hashBytes]);
            var flags = (ushort)(Math.Min(name.Length, 0xFFF) | (extended ? 0x4000 : 0));
            WriteUInt16(stream, flags);
            if (extended)
            {
                WriteUInt16(stream, 0);
            }

            if (version == 4)
            {
                var common = 0;
                while (common < previous.Length && common < name.Length && previous[common] == name[common])
                {
                    common++;
                }

                stream.Write(Varint((ulong)(previous.Length - common)));
                stream.Write(name.AsSpan(common));
                stream.WriteByte(0);
            }
            else
            {
                stream.Write(name);
                var length = stream.Position - start;
                var padded = (length + 8) & ~7;
                stream.Write(new byte[padded - length]);
            }

            previous = name;
        }

        if (extension is not null)
        {
            stream.Write(Encoding.ASCII.GetBytes(extension));
            WriteUInt32(stream, 4);
            stream.Write(new byte[4]);
        }

        var content = stream.ToArray();
        var checksum = hashBytes == 20 ? SHA1.HashData(content) : SHA256.HashData(content);
        return [.. content, .. checksum];
    }

    // git's varint.c encode_varint: big-endian groups of seven bits, each continuation minus one.
    private static byte[] Varint(ulong value)
    {
        var bytes = new Stack<byte>();
        bytes.Push((byte)(value & 127));
        while ((value >>= 7) != 0)
        {
            value--;
            bytes.Push((byte)(128 | (value & 127)));
        }

        return [.. bytes];
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        stream.Write(buffer);
    }
}
