using System.Text;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// A fix's edits as a unified diff (<c>git apply</c> and <c>patch -p1</c> read it), computed from the
/// files' current text: the form an agent can review at a glance or apply in one step. Line breaks
/// are kept as the file has them, so a CRLF file's diff still applies. Lines holding a secret are
/// masked, and then the diff is marked as not appliable.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const long MaxCells = 4_000_000;

    /// <param name="display">How a path is written after <c>a/</c> and <c>b/</c>.</param>
    /// <param name="secretSpans">The ranges in a file that hold secrets.</param>
    public static (string Diff, bool Redacted) Create(IReadOnlyList<FileEdit> edits, ITextSource texts, Func<string, string> display, Func<string, IReadOnlyList<LinePositionSpan>> secretSpans)
    {
        var diff = new StringBuilder();
        var redacted = false;
        foreach (var file in edits.GroupBy(e => e.Path))
        {
            var current = texts.Read(file.Key);
            var created = current is null;
            var before = current ?? SourceText.From(string.Empty);
            SourceText after;
            try
            {
                after = before.WithChanges(file
                    .OrderBy(e => e.Range.Start)
                    .Select(e => new TextChange(before.Lines.GetTextSpan(e.Range), e.NewText)));
            }
            catch (ArgumentException)
            {
                continue; // an edit outside the file's current text: the finding is stale; the caller re-checks
            }

            var name = display(file.Key);
            diff.Append(created ? "--- /dev/null\n" : $"--- a/{name}\n").Append($"+++ b/{name}\n");
            redacted |= AppendHunks(diff, before, after, created ? [] : secretSpans(file.Key), SecretRedaction.IsSettingsFile(file.Key));
        }

        return (diff.ToString(), redacted);
    }

    private static bool AppendHunks(StringBuilder diff, SourceText before, SourceText after, IReadOnlyList<LinePositionSpan> spans, bool settingsFile)
    {
        var oldLines = Lines(before);
        var newLines = Lines(after);
        var ops = Diff(oldLines, newLines);
        var redacted = false;

        // A kept line that holds a secret would have to be masked, and a masked line does not
        // apply: context stops short of it, and hunks are not merged across it.
        var secret = ops.Select(o => o.Kind == ' ' && SecretRedaction.Line(before, o.Old, spans, settingsFile).Redacted).ToList();

        // Changes whose context would touch or overlap go into one hunk.
        var changed = Enumerable.Range(0, ops.Count).Where(k => ops[k].Kind != ' ').ToList();
        var c = 0;
        while (c < changed.Count)
        {
            var first = changed[c];
            var last = first;
            while (c + 1 < changed.Count && changed[c + 1] - last - 1 <= Context * 2 && !secret.Skip(last).Take(changed[c + 1] - last).Any(s => s))
            {
                last = changed[++c];
            }

            c++;
            var start = Math.Max(0, first - Context);
            while (secret.Skip(start).Take(first - start).Any(s => s))
            {
                start++;
            }

            var end = Math.Min(ops.Count, last + Context + 1);
            var firstSecretAfter = Enumerable.Range(last + 1, end - last - 1).FirstOrDefault(k => secret[k], end);

            // git reads a hunk without trailing context as the end of the file: where a secret follows
            // the change at once, the line stays (masked) and the diff is marked as not applying.
            end = firstSecretAfter > last + 1 ? firstSecretAfter : end;
            var hunk = ops.GetRange(start, end - start);
            var oldCount = hunk.Count(o => o.Kind != '+');
            var newCount = hunk.Count(o => o.Kind != '-');
            var oldStart = oldCount == 0 ? ops.Take(start).Count(o => o.Kind != '+') : hunk.First(o => o.Kind != '+').Old + 1;
            var newStart = newCount == 0 ? ops.Take(start).Count(o => o.Kind != '-') : hunk.First(o => o.Kind != '-').New + 1;
            diff.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            foreach (var op in hunk)
            {
                var (text, lines, index) = op.Kind == '+' ? (after, newLines, op.New) : (before, oldLines, op.Old);
                var (content, masked) = SecretRedaction.Line(text, index, op.Kind == '+' ? [] : spans, settingsFile);
                redacted |= masked;
                var lineBreak = lines[index].Break;
                diff.Append(op.Kind).Append(content).Append(lineBreak.Length > 0 ? lineBreak : "\n\\ No newline at end of file\n");
            }
        }

        return redacted;
    }

    /// <summary>Lines with their own break; a final empty line (after a trailing break) is not a line.</summary>
    private static List<(string Text, string Break)> Lines(SourceText text)
    {
        var lines = new List<(string, string)>(text.Lines.Count);
        foreach (var line in text.Lines)
        {
            var content = text.ToString(line.Span);
            var lineBreak = text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            if (content.Length == 0 && lineBreak.Length == 0 && line.LineNumber == text.Lines.Count - 1)
            {
                break;
            }

            lines.Add((content, lineBreak));
        }

        return lines;
    }

    /// <summary>Line operations turning old into new: common ends trimmed, then a longest common subsequence of the middle.</summary>
    private static List<Op> Diff(List<(string Text, string Break)> a, List<(string Text, string Break)> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var ops = new List<Op>();
        for (var k = 0; k < prefix; k++)
        {
            ops.Add(new Op(' ', k, k));
        }

        int n = a.Count - prefix - suffix, m = b.Count - prefix - suffix;
        if ((long)n * m <= MaxCells)
        {
            var lcs = new int[n + 1, m + 1];
            for (var x = n - 1; x >= 0; x--)
            {
                for (var y = m - 1; y >= 0; y--)
                {
                    lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            int i = 0, j = 0;
            while (i < n || j < m)
            {
                if (i < n && j < m && a[prefix + i] == b[prefix + j])
                {
                    ops.Add(new Op(' ', prefix + i++, prefix + j++));
                }
                else if (i < n && (j == m || lcs[i + 1, j] >= lcs[i, j + 1]))
                {
                    ops.Add(new Op('-', prefix + i++, prefix + j));
                }
                else
                {
                    ops.Add(new Op('+', prefix + i, prefix + j++));
                }
            }
        }
        else
        {
            ops.AddRange(Enumerable.Range(prefix, n).Select(k => new Op('-', k, prefix)));
            ops.AddRange(Enumerable.Range(prefix, m).Select(k => new Op('+', prefix + n, k)));
        }

        for (var k = 0; k < suffix; k++)
        {
            ops.Add(new Op(' ', a.Count - suffix + k, b.Count - suffix + k));
        }

        return ops;
    }

    /// <summary>Keep (' '), remove ('-') or add ('+'), with the line's index on each side.</summary>
    private sealed record Op(char Kind, int Old, int New);
}
