using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>The workspace folders (several in a multi-root workspace).</summary>
internal sealed class WorkspaceFolders
{
    private volatile IReadOnlyList<string> _roots = [];

    public IReadOnlyList<string> All => _roots;

    public void Set(IEnumerable<string> roots) => _roots = [.. roots.Select(PathNormalizer.Normalize).Distinct(PathNormalizer.Comparer)];

    public void Add(string root) => Set([.. _roots, root]);

    public void Remove(string root)
    {
        var normalized = PathNormalizer.Normalize(root);
        Set(_roots.Where(r => !PathNormalizer.Comparer.Equals(r, normalized)));
    }

    /// <summary>The innermost folder holding <paramref name="path"/>, or null when it lies outside all of them.</summary>
    public string? RootOf(string path) =>
        _roots.Where(r => IsUnder(r, path)).OrderByDescending(r => r.Length).FirstOrDefault();

    /// <summary>The root to resolve a file against: its folder's, or its own directory for a stray file.</summary>
    public string ResolutionRootOf(string path) => RootOf(path) ?? Path.GetDirectoryName(path) ?? path;

    public static bool IsUnder(string folder, string path)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(folder, comparison) &&
            (path.Length == folder.Length || path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));
    }
}
