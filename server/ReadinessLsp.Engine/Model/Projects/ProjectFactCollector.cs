using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Projects;

/// <summary>Records project files, solutions and other ecosystems' app folders for <see cref="ProjectIndex"/>.</summary>
internal sealed class ProjectFactCollector : IDocumentFactCollector
{
    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.ProjectFile, FileKind.Solution, FileKind.PackageJson];

    public void Collect(DocumentContext context)
    {
        switch (context.Document.Kind)
        {
            case FileKind.ProjectFile when ProjectFileReader.ReadProject(context.Path, context.Text.ToString()) is { } project:
                context.Facts.Add(project);
                break;
            case FileKind.Solution:
                context.Facts.Add(ProjectFileReader.ReadSolution(context.Path, context.Text.ToString()));
                break;
            case FileKind.PackageJson:
                context.Facts.Add(new ForeignAppFolder(System.IO.Path.GetDirectoryName(context.Path)!));
                break;
        }
    }
}
