using ReadinessLsp.Engine.Analysis;
using Serilog;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// One path as it now is on disk, for a face applying file-system events or re-reading a file it
/// was asked about: the file analysed, or what the workspace should forget (a file deleted,
/// excluded or unreadable, and every known file under it when it was a folder).
/// </summary>
internal sealed class DiskFileReader(ReadinessEngine engine, long maxFileBytes, ILogger log)
{
    private readonly DocumentLoader _loader = new(maxFileBytes, log);

    /// <param name="known">The files the workspace holds, to forget those under a deleted folder.</param>
    /// <remarks>
    /// The disk decides, not the event that led here: a save that deletes and re-creates a file
    /// reports "deleted" and "created", and the two may arrive in different batches.
    /// </remarks>
    public DiskFile Read(string root, IReadOnlyList<string> exclude, string path, IEnumerable<string> known, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            var folder = path + Path.DirectorySeparatorChar;
            return new DiskFile(null, [path, .. known.Where(p => p.StartsWith(folder, StringComparison.Ordinal))]);
        }

        if (!new FileLister(exclude, log).Includes(root, path))
        {
            return new DiskFile(null, [path]);
        }

        var loaded = _loader.Load(path);
        return loaded.Document is null
            ? new DiskFile(null, [path], loaded.SkipReason)
            : new DiskFile(engine.Analyze(loaded.Document, cancellationToken), []);
    }
}

/// <summary>The file's new analysis, or the paths to forget and, for a file that cannot be read, why.</summary>
internal sealed record DiskFile(FileAnalysis? Analysis, IReadOnlyList<string> Removed, string? SkipReason = null);
