using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// A mechanical repair: edits over one or more files, applied together. The engine never writes
/// them; the editor (as a WorkspaceEdit) or a test applies them.
/// </summary>
/// <param name="Title">Shown in the editor's quick-fix menu; the rule's fix title when null.</param>
internal sealed record Fix(string? Title, IReadOnlyList<FileEdit> Edits);

/// <summary>
/// Replace <see cref="Range"/> of <see cref="Path"/> with <see cref="NewText"/>. Ranges are in the
/// document's lines and UTF-16 columns, as LSP counts them. <see cref="CreateFile"/> makes the file
/// first when it does not exist (a missing .gitignore or .env.example).
/// </summary>
internal sealed record FileEdit(string Path, LinePositionSpan Range, string NewText, bool CreateFile = false)
{
    public static FileEdit Insert(string path, LinePosition at, string text) => new(path, new LinePositionSpan(at, at), text);
}
