using Microsoft.Extensions.FileSystemGlobbing;
using Serilog;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// Walks workspace folders and yields the files the engine reads. Respects every .gitignore on
/// the way down, skips build output and dependency folders, and applies the user's exclude globs.
/// A folder that vanishes or cannot be read mid-walk is logged and skipped.
/// </summary>
internal sealed class FileLister(IReadOnlyList<string> excludeGlobs, ILogger log)
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "node_modules", ".git", ".vs", ".idea", "TestResults", ".artifacts", "artifacts", ".vscode-test",
    };

    private readonly Matcher? _exclude = BuildMatcher(excludeGlobs);

    public IEnumerable<ScannedFile> Scan(string root, CancellationToken cancellationToken = default)
    {
        root = PathNormalizer.Normalize(root);
        if (!Directory.Exists(root))
        {
            log.Warning("Workspace folder {Root} does not exist", root);
            yield break;
        }

        var pending = new Stack<(string Folder, GitIgnoreStack Ignores)>();
        pending.Push((root, GitIgnoreStack.Empty.TryAdd(root)));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (folder, ignores) = pending.Pop();
            var entries = List(folder);
            foreach (var file in entries.Files)
            {
                var kind = FileClassifier.Classify(file);
                if (kind == FileKind.Other || ignores.IsIgnored(file, isDirectory: false) || IsExcluded(root, file))
                {
                    continue;
                }

                yield return new ScannedFile(root, file, kind);
            }

            // Push in reverse so folders are visited in name order: stable output for users and tests.
            for (var i = entries.Folders.Count - 1; i >= 0; i--)
            {
                var sub = entries.Folders[i];
                var name = Path.GetFileName(sub);
                if (SkippedFolders.Contains(name) || ignores.IsIgnored(sub, isDirectory: true) || IsExcluded(root, sub))
                {
                    continue;
                }

                pending.Push((sub, ignores.TryAdd(sub)));
            }
        }
    }

    /// <summary>
    /// Whether one path would be part of a scan of <paramref name="root"/> (used for single-file updates);
    /// without <paramref name="respectGitIgnore"/>, whether it would be were .gitignore silent (a file git tracks anyway).
    /// </summary>
    public bool Includes(string root, string path, bool respectGitIgnore = true)
    {
        root = PathNormalizer.Normalize(root);
        path = PathNormalizer.Normalize(path);
        var relative = Path.GetRelativePath(root, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return false;
        }

        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts[..^1].Any(SkippedFolders.Contains))
        {
            return false;
        }

        return FileClassifier.Classify(path) != FileKind.Other &&
            !IsExcluded(root, path) &&
            (!respectGitIgnore || !GitIgnoreStack.ForPath(root, path).IsIgnored(path, isDirectory: false));
    }

    private bool IsExcluded(string root, string path) =>
        _exclude is not null && _exclude.Match(root, path).HasMatches;

    private static Matcher? BuildMatcher(IReadOnlyList<string> globs)
    {
        if (globs.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        foreach (var glob in globs)
        {
            matcher.AddInclude(glob);
            // "samples/**" should also exclude the folder itself when walking.
            if (glob.EndsWith("/**", StringComparison.Ordinal))
            {
                matcher.AddInclude(glob[..^3]);
            }
        }

        return matcher;
    }

    private (IReadOnlyList<string> Files, IReadOnlyList<string> Folders) List(string folder)
    {
        try
        {
            var files = Directory.GetFiles(folder);
            var folders = Directory.GetDirectories(folder);
            Array.Sort(files, StringComparer.Ordinal);
            Array.Sort(folders, StringComparer.Ordinal);
            return (files, folders.Where(f => !IsSymlink(f)).ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("Skipped folder {Folder}: {Reason}", folder, e.Message);
            return ([], []);
        }
    }

    // Symlinked folders can loop; a workspace scan does not follow them.
    private static bool IsSymlink(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).LinkTarget is not null;
        }
        catch (IOException)
        {
            return true;
        }
    }
}

internal sealed record ScannedFile(string Root, string Path, FileKind Kind);
