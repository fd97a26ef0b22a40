using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// A mechanical repair: edits over one or more files, applied together. The engine never writes
/// them; the editor (as a WorkspaceEdit) or a test applies them. A fix may also carry an
/// <see cref="IFixIntent"/>: edits in other files that are computed from their text when the fix is
/// asked for (where a key goes in appsettings.json, where .gitignore ends), so that layout never
/// becomes a fact and a whitespace edit in another file changes nothing.
/// </summary>
/// <param name="Title">Shown in the editor's quick-fix menu; the rule's fix title when null.</param>
internal sealed record Fix(string? Title, IReadOnlyList<FileEdit> Edits, IFixIntent? Intent = null)
{
    /// <summary>A fix made only of edits computed when asked.</summary>
    public static Fix Late(string? title, IFixIntent intent) => new(title ?? intent.Title, [], intent);

    /// <summary>
    /// The fix with its intent turned into edits against the current text, or null when the intent
    /// cannot be carried out safely any more (the file became unreadable, the place is unclear).
    /// </summary>
    public Fix? Materialise(FixContext context)
    {
        if (Intent is null)
        {
            return this;
        }

        var edits = Intent.Edits(context);
        return edits is null ? null : new Fix(Title, [.. Edits, .. edits]);
    }
}

/// <summary>
/// Edits decided when a fix is asked for, from the workspace's models and files' current text.
/// Implementations are records of plain data, so detections stay comparable and cheap to keep.
/// </summary>
internal interface IFixIntent
{
    /// <summary>The title when the fix has none of its own.</summary>
    string? Title => null;

    /// <summary>The edits, or null when the fix would not leave the app working.</summary>
    IReadOnlyList<FileEdit>? Edits(FixContext context);
}

/// <summary>What a fix intent may read: the models, and any file's current text (the editor's unsaved text first).</summary>
internal sealed record FixContext(WorkspaceModels Models, ITextSource Texts);

/// <summary>
/// Replace <see cref="Range"/> of <see cref="Path"/> with <see cref="NewText"/>. Ranges are in the
/// document's lines and UTF-16 columns, as LSP counts them. <see cref="CreateFile"/> makes the file
/// first when it does not exist (a missing .gitignore or .env.example).
/// </summary>
internal sealed record FileEdit(string Path, LinePositionSpan Range, string NewText, bool CreateFile = false)
{
    public static FileEdit Insert(string path, LinePosition at, string text) => new(path, new LinePositionSpan(at, at), text);
}
