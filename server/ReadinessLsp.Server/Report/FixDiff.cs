using System.Text;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Report;

/// <summary>One hunk of a fix as a diff: the lines it removes and adds, with a little context.</summary>
internal sealed record DiffHunk(string Path, bool CreatesFile, IReadOnlyList<DiffLine> Lines);

/// <param name="Kind">' ' context, '-' removed, '+' added.</param>
/// <param name="Number">1-based line number in the file before (context and removed) or after (added) the fix.</param>
internal sealed record DiffLine(char Kind, int Number, string Text);

/// <summary>
/// A fix's edits shown as a diff against the file's current text. No general diff algorithm is
/// needed: the edits say exactly which lines change, so each group of nearby edits becomes one
/// hunk of the old lines and the same lines after the edits.
/// </summary>
internal static class FixDiff
{
    private const int Context = 2;

    public static IReadOnlyList<DiffHunk> Of(Fix fix, ITextSource texts, Func<string, string> redact)
    {
        var hunks = new List<DiffHunk>();
        foreach (var file in fix.Edits.GroupBy(e => e.Path, StringComparer.Ordinal))
        {
            var current = texts.Read(file.Key);
            var text = current ?? SourceText.From(string.Empty);
            var creates = current is null && file.Any(e => e.CreateFile);
            foreach (var group in Groups([.. file.OrderBy(e => e.Range.Start)]))
            {
                hunks.Add(new DiffHunk(file.Key, creates, Hunk(text, group, redact)));
            }
        }

        return hunks;
    }

    // Edits whose lines are close enough to share context form one hunk.
    private static IEnumerable<List<FileEdit>> Groups(IReadOnlyList<FileEdit> edits)
    {
        var group = new List<FileEdit>();
        foreach (var edit in edits)
        {
            if (group.Count > 0 && edit.Range.Start.Line - group[^1].Range.End.Line > 2 * Context)
            {
                yield return group;
                group = [];
            }

            group.Add(edit);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private static List<DiffLine> Hunk(SourceText text, IReadOnlyList<FileEdit> edits, Func<string, string> redact)
    {
        var lines = text.Lines;
        var lastLine = Math.Max(0, lines.Count - 1);
        var first = Math.Min(edits[0].Range.Start.Line, lastLine);
        var last = Math.Min(edits.Max(e => e.Range.End.Line), lastLine);

        // The changed lines before, and the same lines with the edits applied.
        var oldStart = lines[first].Start;
        var oldEnd = lines[last].End;
        var after = new StringBuilder();
        var at = oldStart;
        foreach (var edit in edits)
        {
            var start = Position(text, edit.Range.Start);
            after.Append(text.ToString(TextSpan.FromBounds(at, Math.Max(at, start)))).Append(edit.NewText);
            at = Math.Max(at, Position(text, edit.Range.End));
        }

        after.Append(text.ToString(TextSpan.FromBounds(Math.Min(at, oldEnd), oldEnd)));
        // The empty "line" after a file's final line break is no line: inserting there only adds.
        var pastEnd = oldStart == oldEnd && first == lines.Count - 1 && (lines.Count > 1 || text.Length == 0);
        var removed = pastEnd ? [] : SplitLines(text.ToString(TextSpan.FromBounds(oldStart, oldEnd)));
        var added = SplitLines(after.ToString());

        // Lines the edits left as they were are context, not a change.
        var same = 0;
        while (same < removed.Count && same < added.Count && removed[same] == added[same])
        {
            same++;
        }

        var sameEnd = 0;
        while (sameEnd < removed.Count - same && sameEnd < added.Count - same && removed[^(sameEnd + 1)] == added[^(sameEnd + 1)])
        {
            sameEnd++;
        }

        var result = new List<DiffLine>();
        var from = Math.Max(0, first - Context);
        for (var i = from; i < first; i++)
        {
            result.Add(new DiffLine(' ', i + 1, redact(lines[i].ToString())));
        }

        for (var i = 0; i < same; i++)
        {
            result.Add(new DiffLine(' ', first + i + 1, redact(removed[i])));
        }

        for (var i = same; i < removed.Count - sameEnd; i++)
        {
            result.Add(new DiffLine('-', first + i + 1, redact(removed[i])));
        }

        for (var i = same; i < added.Count - sameEnd; i++)
        {
            result.Add(new DiffLine('+', first + i + 1, redact(added[i])));
        }

        for (var i = removed.Count - sameEnd; i < removed.Count; i++)
        {
            result.Add(new DiffLine(' ', first + i + 1, redact(removed[i])));
        }

        // The empty "line" after the final line break is not shown as context either.
        var lastReal = lines.Count > 1 && lines[lastLine].Span.Length == 0 ? lastLine - 1 : lastLine;
        for (var i = last + 1; i <= Math.Min(lastReal, last + Context) && text.Length > 0; i++)
        {
            result.Add(new DiffLine(' ', i + 1, redact(lines[i].ToString())));
        }

        return result;
    }

    private static int Position(SourceText text, LinePosition position)
    {
        if (position.Line >= text.Lines.Count)
        {
            return text.Length;
        }

        var line = text.Lines[position.Line];
        return Math.Min(line.Start + position.Character, line.EndIncludingLineBreak);
    }

    private static List<string> SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
