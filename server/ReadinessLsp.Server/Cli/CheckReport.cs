using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// A finished check run with what every output format needs: the roots as the user named them (for
/// relative paths; each finding says which root it belongs to when there are several), the
/// catalogue for rule metadata, and each finding's fixes computed against the files on disk.
/// </summary>
internal sealed class CheckReport(CheckRun run, IReadOnlyList<string> rootsAsGiven, RuleCatalogue catalogue)
{
    private readonly Dictionary<Finding, IReadOnlyList<Fix>> _fixes = new(ReferenceEqualityComparer.Instance);

    public CheckRun Run { get; } = run;

    public RuleCatalogue Catalogue { get; } = catalogue;

    public IReadOnlyList<Finding> Findings => Run.Findings;

    /// <summary>The normalised roots, in the order given.</summary>
    public IReadOnlyList<string> Roots { get; } = [.. run.State.Roots.Select(r => r.Path)];

    public bool MultiRoot => Roots.Count > 1;

    /// <summary>The index of the root a path belongs to (the innermost matching root).</summary>
    public int RootIndexOf(string path)
    {
        var best = -1;
        for (var i = 0; i < Roots.Count; i++)
        {
            if (PathNormalizer.IsUnder(Roots[i], path) && (best < 0 || Roots[i].Length > Roots[best].Length))
            {
                best = i;
            }
        }

        return Math.Max(best, 0);
    }

    /// <summary>The root as the user typed it on the command line.</summary>
    public string RootAsGiven(int index) => index < rootsAsGiven.Count ? rootsAsGiven[index] : Roots[index];

    /// <summary>Path as a person at this terminal would type it: relative to the current folder when below it.</summary>
    public static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    /// <summary>Forward-slash path relative to the file's root.</summary>
    public string RelativePath(string path) => PathNormalizer.Relative(Roots[RootIndexOf(path)], path);

    /// <summary>The finding's fixes, late edits computed once against the files on disk.</summary>
    public IReadOnlyList<Fix> FixesOf(Finding finding)
    {
        lock (_fixes)
        {
            if (!_fixes.TryGetValue(finding, out var fixes))
            {
                _fixes[finding] = fixes = Run.FixesOf(finding);
            }

            return fixes;
        }
    }
}
