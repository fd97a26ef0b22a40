using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Facts;

/// <summary>
/// The workspace's .gitignore files, from facts rather than disk, so an open editor buffer and a
/// fixture see the same answer. Answers "would git commit this file?".
/// </summary>
internal sealed class GitIgnoreIndex
{
    private readonly List<(GitIgnoreFile Fact, GitIgnore Patterns)> _files;

    private GitIgnoreIndex(WorkspaceFacts facts)
    {
        Roots = facts.Roots;
        _files = [.. facts.All<GitIgnoreFile>()
            .OrderBy(f => f.Directory.Length)
            .Select(f => (f, new GitIgnore(f.Directory, f.Content)))];
    }

    public IReadOnlyList<string> Roots { get; }

    public static GitIgnoreIndex Build(WorkspaceFacts facts) => new(facts);

    public bool IsIgnored(string path)
    {
        var stack = GitIgnoreStack.Empty;
        foreach (var (fact, patterns) in _files)
        {
            if (IsAncestor(fact.Directory, path))
            {
                stack = stack.With(patterns);
            }
        }

        // A file inside an ignored folder is ignored too, and folder patterns ("secrets/") only match folders.
        var folder = Path.GetDirectoryName(path);
        while (folder is not null && _files.Any(f => IsAncestor(f.Fact.Directory, folder) && f.Fact.Directory != folder))
        {
            if (stack.IsIgnored(folder, isDirectory: true))
            {
                return true;
            }

            folder = Path.GetDirectoryName(folder);
        }

        return stack.IsIgnored(path, isDirectory: false);
    }

    /// <summary>The .gitignore closest above <paramref name="path"/>, the one a fix should edit.</summary>
    public GitIgnoreFile? Nearest(string path) =>
        _files.Where(f => IsAncestor(f.Fact.Directory, path)).Select(f => f.Fact).LastOrDefault();

    /// <summary>The workspace folder holding <paramref name="path"/>, or its own folder.</summary>
    public string RootOf(string path) =>
        Roots.Where(r => IsAncestor(r, path)).OrderByDescending(r => r.Length).FirstOrDefault() ?? Path.GetDirectoryName(path)!;

    public static bool IsAncestor(string folder, string path) =>
        path.Length > folder.Length &&
        path.StartsWith(folder, StringComparison.Ordinal) &&
        (path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));
}
