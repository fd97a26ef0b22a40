namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// The .gitignore files that apply to a folder, outermost first, so that a nested .gitignore can
/// override its parents as git does. Immutable: entering a folder returns a new stack.
/// </summary>
internal sealed class GitIgnoreStack
{
    public static readonly GitIgnoreStack Empty = new([]);

    private readonly IReadOnlyList<GitIgnore> _files;

    private GitIgnoreStack(IReadOnlyList<GitIgnore> files) => _files = files;

    public GitIgnoreStack With(GitIgnore file) => new([.. _files, file]);

    public bool IsIgnored(string fullPath, bool isDirectory)
    {
        for (var i = _files.Count - 1; i >= 0; i--)
        {
            var file = _files[i];
            var relative = Path.GetRelativePath(file.BaseDirectory, fullPath).Replace('\\', '/');
            if (relative.StartsWith("..", StringComparison.Ordinal))
            {
                continue;
            }

            var match = file.Match(relative, isDirectory);
            if (match is not null)
            {
                return match.Value;
            }
        }

        return false;
    }

    /// <summary>
    /// Builds the stack for any file under <paramref name="root"/> by reading every .gitignore
    /// between the root and the file's folder. Used for questions about one file (is this .env ignored?).
    /// </summary>
    public static GitIgnoreStack ForPath(string root, string fullPath)
    {
        var stack = Empty;
        var folder = Path.GetFullPath(root);
        var target = Path.GetDirectoryName(Path.GetFullPath(fullPath)) ?? folder;
        var relative = Path.GetRelativePath(folder, target);
        var parts = relative == "." ? [] : relative.Split(Path.DirectorySeparatorChar);
        stack = stack.TryAdd(folder);
        foreach (var part in parts)
        {
            folder = Path.Combine(folder, part);
            stack = stack.TryAdd(folder);
        }

        return stack;
    }

    public GitIgnoreStack TryAdd(string folder)
    {
        var path = Path.Combine(folder, ".gitignore");
        try
        {
            // A .gitignore larger than any source file the scan reads is not one anybody wrote.
            return File.Exists(path) && WorkspaceFileText.Read(path, DocumentLoader.DefaultMaxFileBytes) is { } text ? With(new GitIgnore(folder, text)) : this;
        }
        catch (IOException)
        {
            return this;
        }
        catch (UnauthorizedAccessException)
        {
            return this;
        }
    }
}
