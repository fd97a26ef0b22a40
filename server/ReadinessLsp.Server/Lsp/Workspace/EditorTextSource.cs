using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>Texts as the editor has them: an open document's unsaved text, the disk for the rest.</summary>
internal sealed class EditorTextSource(DocumentStore documents) : ITextSource
{
    public SourceText? Read(string path) => documents.TryGet(path)?.Text ?? DiskTextSource.Instance.Read(path);
}
