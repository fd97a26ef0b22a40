using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>An open document as the editor last described it. Immutable: an edit makes a new one.</summary>
internal sealed record OpenDocument(string Uri, string Path, int Version, SourceText Text);

/// <summary>
/// The documents open in the editor. Their unsaved text is what the engine analyses; closed files
/// are read from disk. Changed only by the ordered text-sync handlers; read from anywhere.
/// </summary>
internal sealed class DocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OpenDocument> _byPath = new(PathNormalizer.Comparer);

    public OpenDocument Open(string uri, string path, int version, string text)
    {
        var document = new OpenDocument(uri, path, version, SourceText.From(text));
        lock (_gate)
        {
            _byPath[path] = document;
        }

        return document;
    }

    public OpenDocument? Change(string path, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var current))
            {
                return null;
            }

            var updated = current with { Version = version, Text = TextPositions.Apply(current.Text, changes) };
            _byPath[path] = updated;
            return updated;
        }
    }

    public bool Close(string path)
    {
        lock (_gate)
        {
            return _byPath.Remove(path);
        }
    }

    public OpenDocument? TryGet(string path)
    {
        lock (_gate)
        {
            return _byPath.GetValueOrDefault(path);
        }
    }

    public bool IsOpen(string path) => TryGet(path) is not null;
}
