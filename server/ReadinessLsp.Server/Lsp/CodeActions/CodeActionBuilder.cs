using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Workspace;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.CodeActions;

/// <summary>
/// Builds the code actions of a document: each finding's fixes as versioned workspace edits, a
/// "suppress" action that inserts the inline comment, and the file's fix-all source action.
/// Nothing here writes a file: the editor applies the edit, and can undo it.
/// </summary>
internal sealed class CodeActionBuilder(ServerContext context, FileView file)
{
    private readonly FixContext _fixContext = new(file.State.Models, new EditorTextSource(context.Documents));

    public IEnumerable<CodeAction> QuickFixes(Finding finding)
    {
        var diagnostic = context.Publisher.ToDiagnostic(finding);
        var first = true;
        foreach (var fix in finding.Fixes.Select(f => f.Materialise(_fixContext)).OfType<Fix>())
        {
            var edit = Edit(fix.Edits);
            if (edit is null)
            {
                continue;
            }

            yield return new CodeAction(finding.FixTitle(fix), CodeActionKind.QuickFix, [diagnostic], first ? true : null, edit);
            first = false;
        }

        if (Suppression(finding) is { } suppression)
        {
            yield return new CodeAction($"Suppress {finding.RuleId} on this line", CodeActionKind.QuickFix, [diagnostic], null, suppression);
        }
    }

    /// <summary>The first fix of every finding in the file, edits merged, overlapping ones left out.</summary>
    public CodeAction? FixAll()
    {
        var edits = new List<FileEdit>();
        foreach (var finding in file.Findings)
        {
            var fix = finding.Fixes.Select(f => f.Materialise(_fixContext)).OfType<Fix>().FirstOrDefault();
            if (fix is null || fix.Edits.Any(e => edits.Any(existing => Overlaps(existing, e))))
            {
                continue;
            }

            edits.AddRange(fix.Edits.Where(e => !edits.Contains(e)));
        }

        var edit = edits.Count == 0 ? null : Edit(edits);
        return edit is null ? null : new CodeAction("Fix all readiness findings in this file", CodeActionKind.SourceFixAllReadiness, null, null, edit);
    }

    private WorkspaceEdit? Suppression(Finding finding)
    {
        var text = file.Document?.Text ?? LoadText(finding.Path);
        if (text is null || finding.Range.Start.Line >= text.Lines.Count)
        {
            return null;
        }

        var line = text.Lines[finding.Range.Start.Line].ToString();
        var indent = line[..(line.Length - line.TrimStart().Length)];
        var prefix = file.Analysis?.Kind == FileKind.EnvFile ? "#" : "//";
        var comment = $"{indent}{prefix} {InlineSuppressions.Marker} {finding.RuleId}: <reason>\n";
        var at = new LinePosition(finding.Range.Start.Line, 0);
        return Edit([FileEdit.Insert(finding.Path, at, comment)]);
    }

    /// <summary>
    /// Edits grouped by file. With documentChanges each file carries its version (the analysed
    /// version for open documents, null for files on disk), so a client rejects an edit made for
    /// older text. Null when the client cannot apply it (a file to create, and no create support).
    /// </summary>
    private WorkspaceEdit? Edit(IReadOnlyList<FileEdit> edits)
    {
        var byFile = edits.GroupBy(e => e.Path, PathNormalizer.Comparer).ToList();
        if (!context.State.SupportsDocumentChanges)
        {
            if (edits.Any(e => e.CreateFile && !File.Exists(e.Path) && !context.Documents.IsOpen(e.Path)))
            {
                return null;
            }

            return new WorkspaceEdit(
                byFile.ToDictionary(g => context.Publisher.UriOf(g.Key), g => (IReadOnlyList<TextEdit>)[.. g.Select(ToTextEdit)]),
                null);
        }

        var changes = new List<object>();
        foreach (var group in byFile)
        {
            var uri = context.Publisher.UriOf(group.Key);
            var open = context.Documents.TryGet(group.Key);
            if (group.Any(e => e.CreateFile) && open is null && !File.Exists(group.Key))
            {
                if (!context.State.SupportsCreateFile)
                {
                    return null;
                }

                changes.Add(CreateFile.For(uri));
            }

            var version = open is null ? (int?)null : PathNormalizer.Comparer.Equals(open.Path, file.Analysis?.Path) ? file.Analysis?.Version : open.Version;
            changes.Add(new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, version), [.. group.Select(ToTextEdit)]));
        }

        return new WorkspaceEdit(null, changes);
    }

    private static TextEdit ToTextEdit(FileEdit edit) => new(TextPositions.ToLsp(edit.Range), edit.NewText);

    private static bool Overlaps(FileEdit a, FileEdit b) =>
        PathNormalizer.Comparer.Equals(a.Path, b.Path) && a.Range.Start < b.Range.End && b.Range.Start < a.Range.End;

    private static SourceText? LoadText(string path)
    {
        try
        {
            return File.Exists(path) ? SourceText.From(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
