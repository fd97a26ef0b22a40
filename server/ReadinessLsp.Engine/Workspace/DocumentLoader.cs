using Microsoft.CodeAnalysis.Text;
using Serilog;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// Reads a file from disk into a <see cref="SourceDocument"/>, refusing what would hurt: files over
/// the size limit, binary files, files that vanished or cannot be read. Refusals are logged and
/// returned as a reason, never thrown.
/// </summary>
internal sealed class DocumentLoader(long maxFileBytes, ILogger log)
{
    public const long DefaultMaxFileBytes = 2 * 1024 * 1024;

    private const int BinaryProbeChars = 8000;

    public long MaxFileBytes { get; } = maxFileBytes;

    public LoadResult Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Skip(path, "the file no longer exists");
            }

            if (info.Length > MaxFileBytes)
            {
                return Skip(path, $"it is {info.Length / 1024} KB, over the {MaxFileBytes / 1024} KB limit");
            }

            var text = WorkspaceFileText.Read(path, MaxFileBytes);
            if (text is null)
            {
                return Skip(path, $"it grew over the {MaxFileBytes / 1024} KB limit while it was read");
            }

            return IsProbablyBinary(text)
                ? Skip(path, "it looks binary (it contains NUL characters)")
                : new LoadResult(SourceDocument.FromText(path, text), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skip(path, e.Message);
        }
    }

    /// <summary>Same test as <see cref="Load"/> for text that came from the editor.</summary>
    public static bool IsProbablyBinary(string text) =>
        text.AsSpan(0, Math.Min(text.Length, BinaryProbeChars)).Contains('\0');

    private LoadResult Skip(string path, string reason)
    {
        log.Information("Skipped {Path}: {Reason}", path, reason);
        return new LoadResult(null, reason);
    }
}

internal sealed record LoadResult(SourceDocument? Document, string? SkipReason);
