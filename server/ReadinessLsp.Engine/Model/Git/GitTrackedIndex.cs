using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Git;

/// <summary>
/// Whether git tracks a file, from the work trees' indexes: a tracked file is already in the
/// repository's history, so ".gitignore will keep it out" is wrong for it, and only
/// <c>git rm --cached</c> stops git following it. Unknown (null) outside every work tree whose index
/// was read, as in an exported source tree.
/// </summary>
internal sealed class GitTrackedIndex : IWorkspaceModel<GitTrackedIndex>
{
    private readonly List<(string WorkTree, HashSet<string> Files, List<string> Folders)> _trees;

    private GitTrackedIndex(WorkspaceModels models) =>
        _trees = [.. models.All<GitTrackedFiles>()
            .OrderByDescending(t => t.WorkTree.Length)
            .Select(t => (t.WorkTree, new HashSet<string>(t.Paths.Where(p => !p.EndsWith('/')), PathComparer), t.Paths.Where(p => p.EndsWith('/')).ToList()))];

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(GitTrackedFiles)];

    private static StringComparer PathComparer => PathNormalizer.Comparer;

    public static GitTrackedIndex Build(WorkspaceModels models) => new(models);

    /// <summary>True when git tracks <paramref name="path"/>, false when it does not, null when no index says.</summary>
    public bool? IsTracked(string path)
    {
        foreach (var (workTree, files, folders) in _trees)
        {
            if (!PathNormalizer.IsBelow(workTree, path))
            {
                continue;
            }

            var relative = PathNormalizer.Relative(workTree, path);
            var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return files.Contains(relative) || folders.Any(f => relative.StartsWith(f, comparison));
        }

        return null;
    }
}
