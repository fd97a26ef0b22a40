using System.Buffers;
using System.Text;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// Reads a workspace file as text without trusting it. The size is taken from the file a symlink
/// finally points to, and zero means empty text, never a read: a FIFO, or /dev/zero behind a
/// symlink, reports zero, and reading one blocks forever or never ends. Reading stops at the
/// limit, so a file that grows, or lies about its size, is refused rather than read whole.
/// </summary>
internal static class WorkspaceFileText
{
    private static readonly UTF32Encoding BigEndianUtf32 = new(bigEndian: true, byteOrderMark: true);

    /// <returns>The text, or null when the file is larger than <paramref name="maxBytes"/>.</returns>
    /// <exception cref="IOException">The file is gone, cannot be read, or its symlinks loop.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string? Read(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        if (target.Length == 0)
        {
            return string.Empty;
        }

        if (target.Length > maxBytes)
        {
            return null;
        }

        // Read into one pooled buffer of the expected size (plus one byte, to see a file that grew),
        // decoded in one call: a scan reads thousands of files, and a stream, a copy and a reader's
        // buffers per file showed up among its costs.
        var buffer = ArrayPool<byte>.Shared.Rent((int)target.Length + 1);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var total = 0;
            int read;
            while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return null;
                }

                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, buffer.Length * 2L));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return Decode(buffer.AsSpan(0, total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // What File.ReadAllText does: UTF-8 unless a byte order mark says otherwise (UTF-32 little endian
    // is told from UTF-16 little endian by the two zero bytes after FF FE).
    private static string Decode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(bytes[3..]),
        [0xFF, 0xFE, 0, 0, ..] => Encoding.UTF32.GetString(bytes[4..]),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes[2..]),
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes[2..]),
        [0, 0, 0xFE, 0xFF, ..] => BigEndianUtf32.GetString(bytes[4..]),
        _ => Encoding.UTF8.GetString(bytes),
    };
}
