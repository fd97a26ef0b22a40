using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Cli;

/// <summary>A finished check run with what every output format needs: roots for relative paths, the catalogue for rule metadata.</summary>
internal sealed record CheckReport(WorkspaceRun Run, IReadOnlyList<string> Roots, RuleCatalogue Catalogue)
{
    public IReadOnlyList<Finding> Findings => Run.Findings;

    /// <summary>The workspace folder a path belongs to (the longest matching root).</summary>
    public string RootOf(string path) =>
        Roots.Where(r => path.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == r)
            .OrderByDescending(r => r.Length)
            .FirstOrDefault() ?? Roots[0];

    /// <summary>Path as a person at this terminal would type it: relative to the current folder when below it.</summary>
    public static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    public string RelativePath(string path) => PathNormalizer.Relative(RootOf(path), path);
}
