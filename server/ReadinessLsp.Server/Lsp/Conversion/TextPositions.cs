using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Conversion;

/// <summary>
/// LSP positions to text offsets and back. Both sides count UTF-16 code units, so the only work is
/// clamping what the spec says to clamp: a column past the line end means the line end, a line
/// past the last line means the end of the text.
/// </summary>
internal static class TextPositions
{
    public static Position ToLsp(LinePosition position) => new(position.Line, position.Character);

    public static Protocol.Range ToLsp(LinePositionSpan span) => new(ToLsp(span.Start), ToLsp(span.End));

    public static LinePosition ToLinePosition(Position position) => new(Math.Max(0, position.Line), Math.Max(0, position.Character));

    public static LinePositionSpan ToSpan(Protocol.Range range) => new(ToLinePosition(range.Start), Max(ToLinePosition(range.Start), ToLinePosition(range.End)));

    public static int ToOffset(SourceText text, Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= text.Lines.Count)
        {
            return text.Length;
        }

        var line = text.Lines[position.Line];
        return line.Start + Math.Clamp(position.Character, 0, line.End - line.Start);
    }

    public static TextSpan ToTextSpan(SourceText text, Protocol.Range range)
    {
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        return end >= start ? TextSpan.FromBounds(start, end) : TextSpan.FromBounds(end, start);
    }

    /// <summary>Applies LSP content changes in order; a change without a range replaces the whole text.</summary>
    public static SourceText Apply(SourceText text, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes)
        {
            text = change.Range is null
                ? SourceText.From(change.Text ?? string.Empty)
                : text.WithChanges(new TextChange(ToTextSpan(text, change.Range), change.Text ?? string.Empty));
        }

        return text;
    }

    public static bool Contains(LinePositionSpan span, LinePosition position) =>
        span.Start <= position && position <= span.End;

    public static bool Intersects(LinePositionSpan a, LinePositionSpan b) =>
        a.Start <= b.End && b.Start <= a.End;

    private static LinePosition Max(LinePosition a, LinePosition b) => a > b ? a : b;
}
