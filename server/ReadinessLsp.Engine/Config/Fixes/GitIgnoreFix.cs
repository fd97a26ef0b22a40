using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Facts;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// Adds an env file's name to the nearest .gitignore above it, or creates a .gitignore in the
/// workspace folder. The name is written unanchored, so it also covers the same file in subfolders.
/// </summary>
internal static class GitIgnoreFix
{
    public static Fix For(GitIgnoreIndex gitIgnores, string envPath)
    {
        var name = Path.GetFileName(envPath);
        var nearest = gitIgnores.Nearest(envPath);
        if (nearest is null)
        {
            var root = gitIgnores.RootOf(envPath);
            var created = Path.Combine(root, ".gitignore");
            return new Fix($"Create .gitignore with {name}", [new FileEdit(created, new LinePositionSpan(default, default), name + "\n", CreateFile: true)]);
        }

        var text = (nearest.EndsWithNewline ? string.Empty : "\n") + name + "\n";
        return new Fix($"Add {name} to .gitignore", [FileEdit.Insert(Path.Combine(nearest.Directory, ".gitignore"), nearest.End, text)]);
    }
}
