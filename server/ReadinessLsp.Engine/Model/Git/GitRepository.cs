using Serilog;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Git;

/// <summary>
/// The git repository a workspace folder lies in: its work tree (the folder holding <c>.git</c>) and
/// its index file. <c>.git</c> may be a folder, or a file pointing elsewhere (<c>gitdir: ...</c>, as
/// in worktrees and submodules). Found by reading the file system only.
/// </summary>
internal sealed record GitRepository(string WorkTree, string IndexPath)
{
    /// <summary>Where the index is shown to the engine: always <c>work-tree/.git/index</c>, wherever git keeps it.</summary>
    public string DocumentPath => Path.Combine(WorkTree, ".git", "index");

    /// <summary>The repository holding <paramref name="folder"/> (itself or the nearest folder above with a <c>.git</c>), or null.</summary>
    public static GitRepository? Containing(string folder)
    {
        for (var dir = PathNormalizer.Normalize(folder); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var dotGit = Path.Combine(dir, ".git");
            try
            {
                if (Directory.Exists(dotGit))
                {
                    return new GitRepository(dir, Path.Combine(dotGit, "index"));
                }

                if (File.Exists(dotGit) && GitDirOf(dir, File.ReadAllText(dotGit)) is { } gitDir)
                {
                    return new GitRepository(dir, Path.Combine(gitDir, "index"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The paths the index tracks, or null (logged) when there is none or it cannot be read: then
    /// whether a file is committed stays unknown, and rules fall back to .gitignore.
    /// </summary>
    public IReadOnlyList<string>? ReadTrackedPaths(ILogger log, long maxBytes = 256L * 1024 * 1024)
    {
        try
        {
            var info = new FileInfo(IndexPath);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length > maxBytes)
            {
                log.Information("Git index {Path} not read: it is {Size} MB; whether files are committed stays unknown", IndexPath, info.Length / (1024 * 1024));
                return null;
            }

            var contents = GitIndexReader.Read(File.ReadAllBytes(IndexPath));
            if (contents.Paths is null)
            {
                log.Information("Git index {Path} not read: {Problem}; whether files are committed stays unknown", IndexPath, contents.Problem);
            }

            return contents.Paths;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Information("Git index {Path} not read: {Reason}", IndexPath, e.Message);
            return null;
        }
    }

    /// <summary>The tracked paths as the document the engine analyses: one per line, at <see cref="DocumentPath"/>.</summary>
    public SourceDocument TrackedPathsDocument(IReadOnlyList<string> paths) =>
        new(DocumentPath, Microsoft.CodeAnalysis.Text.SourceText.From(string.Join('\n', paths) + "\n"), kind: FileKind.GitIndex);

    /// <summary>The index read and shown as a document, or null when it could not be read.</summary>
    public SourceDocument? LoadTrackedPaths(ILogger log) => ReadTrackedPaths(log) is { } paths ? TrackedPathsDocument(paths) : null;

    private static string? GitDirOf(string workTree, string dotGitFile)
    {
        const string prefix = "gitdir:";
        var line = dotGitFile.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var target = line[prefix.Length..].Trim();
        return target.Length == 0 ? null : PathNormalizer.Normalize(Path.IsPathRooted(target) ? target : Path.Combine(workTree, target));
    }
}
