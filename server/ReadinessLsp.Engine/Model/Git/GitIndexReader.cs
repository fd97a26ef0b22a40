using System.Buffers.Binary;
using System.Text;

namespace ReadinessLsp.Engine.Model.Git;

/// <summary>
/// Reads the paths git tracks from a <c>.git/index</c> file, as data: git and its hooks are never
/// run. The format is git's documented one (Documentation/gitformat-index.txt): a <c>DIRC</c>
/// header with version 2, 3 or 4 and an entry count, then the entries — fixed-size stat data, the
/// object name (SHA-1, or SHA-256 in repositories that use it), 16 bits of flags (and 16 more when
/// the extended flag is set, from version 3), then the path: NUL-padded to a multiple of eight bytes
/// in versions 2 and 3, prefix-compressed against the previous path in version 4. A sparse index
/// stores whole folders as entries with the directory mode; they are kept as "folder/" so that every
/// file below them counts as tracked. A split index keeps part of its entries in another file, so
/// it is refused rather than read halfway.
/// </summary>
internal static class GitIndexReader
{
    private const int StatBytes = 40;
    private const uint DirectoryMode = 0x4000;
    private const int NameMask = 0xFFF;
    private const int ExtendedFlag = 0x4000;

    public static GitIndexContents Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data[..4].SequenceEqual("DIRC"u8))
        {
            return GitIndexContents.Unreadable("it is not a git index (no DIRC header)");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (version is < 2 or > 4)
        {
            return GitIndexContents.Unreadable($"index version {version} is not one this reader knows (2, 3 or 4)");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        string? problem = null;
        foreach (var hashBytes in new[] { 20, 32 })
        {
            var read = ReadEntries(data, (int)version, count, hashBytes);
            if (read.Paths is not null)
            {
                return read;
            }

            problem ??= read.Problem;
        }

        return GitIndexContents.Unreadable(problem ?? "its entries could not be read");
    }

    private static GitIndexContents ReadEntries(ReadOnlySpan<byte> data, int version, uint count, int hashBytes)
    {
        var paths = new List<string>((int)Math.Min(count, 1_000_000));
        var previous = Array.Empty<byte>();
        var at = 12;
        for (var i = 0u; i < count; i++)
        {
            var start = at;
            var flagsAt = start + StatBytes + hashBytes;
            if (flagsAt + 2 > data.Length)
            {
                return GitIndexContents.Unreadable("it ends inside an entry");
            }

            var mode = BinaryPrimitives.ReadUInt32BigEndian(data[(start + 24)..]);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[flagsAt..]);
            var extended = (flags & ExtendedFlag) != 0;
            if (extended && version < 3)
            {
                return GitIndexContents.Unreadable("a version 2 entry sets the extended flag");
            }

            var nameAt = flagsAt + 2 + (extended ? 2 : 0);
            byte[] name;
            if (version == 4)
            {
                if (!TryReadVarint(data, ref nameAt, out var strip) || strip > (ulong)previous.Length)
                {
                    return GitIndexContents.Unreadable("a compressed path does not fit the previous one");
                }

                var end = IndexOfNul(data, nameAt);
                if (end < 0)
                {
                    return GitIndexContents.Unreadable("a path is not terminated");
                }

                name = [.. previous.AsSpan(0, previous.Length - (int)strip), .. data[nameAt..end]];
                at = end + 1;
            }
            else
            {
                var length = flags & NameMask;
                var end = length < NameMask ? nameAt + length : IndexOfNul(data, nameAt);
                if (end < 0 || end >= data.Length || data[end] != 0)
                {
                    return GitIndexContents.Unreadable("a path is not terminated where its length says");
                }

                name = data[nameAt..end].ToArray();

                // The entry is padded with 1 to 8 NULs to a multiple of eight bytes.
                at = start + ((nameAt - start + name.Length + 8) & ~7);
                if (at > data.Length || data[end..at].IndexOfAnyExcept((byte)0) >= 0)
                {
                    return GitIndexContents.Unreadable("an entry's padding is not NUL bytes");
                }
            }

            previous = name;
            var path = Encoding.UTF8.GetString(name);
            paths.Add((mode & 0xF000) == DirectoryMode && !path.EndsWith('/') ? path + "/" : path);
        }

        // Extensions follow the entries: a 4-byte signature and a 4-byte size each, then the checksum.
        while (at + 8 <= data.Length - hashBytes)
        {
            var signature = data.Slice(at, 4);
            if (signature.SequenceEqual("link"u8))
            {
                return GitIndexContents.Unreadable("it is a split index (core.splitIndex): part of its entries live in another file");
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 4)..]);
            if (size > (uint)(data.Length - at - 8))
            {
                return GitIndexContents.Unreadable("an extension runs past the end of the file");
            }

            at += 8 + (int)size;
        }

        return at + hashBytes == data.Length
            ? new GitIndexContents(paths, null)
            : GitIndexContents.Unreadable("the entries do not end where the checksum begins");
    }

    // git's offset varint (varint.c): seven bits a byte, high bit set on every byte but the last, each continuation adding one.
    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int at, out ulong value)
    {
        value = 0;
        if (at >= data.Length)
        {
            return false;
        }

        var b = data[at++];
        value = (uint)(b & 0x7F);
        while ((b & 0x80) != 0)
        {
            if (at >= data.Length || value > (ulong.MaxValue >> 8))
            {
                return false;
            }

            b = data[at++];
            value = ((value + 1) << 7) + (uint)(b & 0x7F);
        }

        return true;
    }

    private static int IndexOfNul(ReadOnlySpan<byte> data, int from)
    {
        if (from > data.Length)
        {
            return -1;
        }

        var i = data[from..].IndexOf((byte)0);
        return i < 0 ? -1 : from + i;
    }
}

/// <summary>The paths of a git index ('/'-separated, relative to the work tree; sparse folders end in '/'), or why it could not be read.</summary>
internal sealed record GitIndexContents(IReadOnlyList<string>? Paths, string? Problem)
{
    public static GitIndexContents Unreadable(string problem) => new(null, problem);
}
