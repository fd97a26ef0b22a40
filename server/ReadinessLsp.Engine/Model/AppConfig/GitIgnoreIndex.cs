using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// The workspace's .gitignore files, from facts rather than disk, so an open editor buffer and a
/// fixture see the same answer. Answers "would git commit this file?".
/// </summary>
internal sealed class GitIgnoreIndex : IWorkspaceModel<GitIgnoreIndex>
{
    private readonly List<(GitIgnoreFile Fact, GitIgnore Patterns)> _files;

    private GitIgnoreIndex(WorkspaceModels facts)
    {
        Roots = facts.Roots;
        _files = [.. facts.All<GitIgnoreFile>()
            .OrderBy(f => f.Directory.Length)
            .Select(f => (f, new GitIgnore(f.Directory, f.Content)))];
    }

    public IReadOnlyList<string> Roots { get; }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(GitIgnoreFile)];

    public static GitIgnoreIndex Build(WorkspaceModels models) => new(models);

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

    public static bool IsAncestor(string folder, string path) => PathNormalizer.IsBelow(folder, path);
}
