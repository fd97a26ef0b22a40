using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Git;

/// <summary>Records the tracked paths of a git index (read as a list by <see cref="GitRepository"/>) for <see cref="GitTrackedIndex"/>.</summary>
internal sealed class GitIndexCollector : IDocumentFactCollector
{
    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.GitIndex];

    public void Collect(DocumentContext context)
    {
        // The document is work-tree/.git/index: two folders up is the work tree.
        var workTree = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(context.Path))!;
        var paths = context.Text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        context.Facts.Add(new GitTrackedFiles(workTree, paths.ToEquatableArray()));
    }
}
