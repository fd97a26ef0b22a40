using ModelContextProtocol;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// Paths as the agent sees them: relative to the workspace folder (with several folders, starting
/// with the folder's name), forward slashes. Anything that resolves outside every folder is refused,
/// so no tool reads a file the user did not open as the workspace.
/// </summary>
internal static class WorkspacePaths
{
    /// <summary>The full path of what the agent named, or a tool error saying why it is refused.</summary>
    public static string Resolve(IReadOnlyList<WorkspaceRoot> roots, string given)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new McpException("A path is empty. Give a path relative to the workspace folder, like 'Program.cs' or 'Controllers/OrdersController.cs'.");
        }

        var candidates = new List<string>();
        try
        {
            if (Path.IsPathRooted(given))
            {
                candidates.Add(PathNormalizer.Normalize(given));
            }
            else
            {
                foreach (var root in roots)
                {
                    candidates.Add(PathNormalizer.Normalize(Path.Combine(root.Path, given)));

                    // With several folders the agent sees "FolderName/rest": strip the folder's own name.
                    var name = Path.GetFileName(root.Path) + "/";
                    var slashed = given.Replace('\\', '/');
                    if (roots.Count > 1 && slashed.StartsWith(name, StringComparison.Ordinal))
                    {
                        candidates.Insert(0, PathNormalizer.Normalize(Path.Combine(root.Path, slashed[name.Length..])));
                    }
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new McpException($"'{given}' is not a valid path: {e.Message}");
        }

        var inside = candidates.Where(c => roots.Any(r => PathNormalizer.IsBelow(r.Path, c))).ToList();
        if (inside.Count == 0)
        {
            throw new McpException($"'{given}' is outside the workspace ({string.Join(", ", roots.Select(r => r.Path))}); only files inside it can be checked. Give a path relative to the workspace folder.");
        }

        return inside.FirstOrDefault(File.Exists) ?? inside[0];
    }

    /// <summary>How the agent sees <paramref name="path"/>.</summary>
    public static string Display(WorkspaceState state, string path)
    {
        var root = state.RootOf(path);
        if (root is null)
        {
            return path;
        }

        var relative = PathNormalizer.Relative(root.Path, path);
        return state.Roots.Count > 1 ? $"{Path.GetFileName(root.Path)}/{relative}" : relative;
    }
}
