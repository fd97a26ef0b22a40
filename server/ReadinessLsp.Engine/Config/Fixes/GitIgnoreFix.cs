using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// Adds an env file's name to the nearest .gitignore above it, or creates a .gitignore in the
/// workspace folder. The name is written unanchored, so it also covers the same file in subfolders.
/// </summary>
internal sealed record AddToGitIgnore(string EnvPath) : IFixIntent
{
    public string? Title => $"Add {Path.GetFileName(EnvPath)} to .gitignore";

    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var gitIgnores = context.Models.Get<GitIgnoreIndex>();
        var name = Path.GetFileName(EnvPath);
        var nearest = gitIgnores.Nearest(EnvPath);
        var path = nearest is null ? Path.Combine(gitIgnores.RootOf(EnvPath), ".gitignore") : Path.Combine(nearest.Directory, ".gitignore");
        var text = context.Texts.Read(path);
        if (text is null)
        {
            return [new FileEdit(path, new LinePositionSpan(default, default), name + "\n", CreateFile: true)];
        }

        var line = (TextEnd.EndsWithNewline(text) ? string.Empty : "\n") + name + "\n";
        return [FileEdit.Insert(path, TextEnd.Of(text), line)];
    }

    /// <summary>The fix for <paramref name="envPath"/>, titled for what it does in this workspace.</summary>
    public static Fix For(GitIgnoreIndex gitIgnores, string envPath) =>
        Fix.Late(
            gitIgnores.Nearest(envPath) is null ? $"Create .gitignore with {Path.GetFileName(envPath)}" : $"Add {Path.GetFileName(envPath)} to .gitignore",
            new AddToGitIgnore(envPath));
}
