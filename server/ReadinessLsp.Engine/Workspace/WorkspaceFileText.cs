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

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (bytes.Length + read > maxBytes)
            {
                return null;
            }

            bytes.Write(chunk, 0, read);
        }

        // What File.ReadAllText does: UTF-8 unless a byte order mark says otherwise.
        bytes.Position = 0;
        using var reader = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
