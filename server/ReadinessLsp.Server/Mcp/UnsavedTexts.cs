using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>The agent's unsaved text for some files, the disk for the rest.</summary>
internal sealed class UnsavedTexts(IReadOnlyDictionary<string, SourceText> texts) : ITextSource
{
    public SourceText? Read(string path) => texts.TryGetValue(path, out var text) ? text : DiskTextSource.Instance.Read(path);
}
