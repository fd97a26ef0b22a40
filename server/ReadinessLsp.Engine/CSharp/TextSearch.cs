using System.Buffers;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// Word searches over a <see cref="SourceText"/> without copying it whole: the editor's text after
/// an edit is a chain of changes, and <c>ToString()</c> on it would copy the file on every
/// keystroke. Words never span lines, so the text is searched a line at a time through one
/// rented buffer.
/// </summary>
internal static class TextSearch
{
    public static bool ContainsAny(SourceText text, SearchValues<string> words)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            foreach (var line in text.Lines)
            {
                if (SpanContainsAny(text, line.SpanIncludingLineBreak, words, buffer))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether any of <paramref name="words"/> occurs within <paramref name="span"/> of the text.</summary>
    public static bool ContainsAny(SourceText text, TextSpan span, SearchValues<string> words)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            return SpanContainsAny(text, span, words, buffer);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Overlapping windows of the buffer's size, so a word that straddles two windows of a very long span is still seen.
    private static bool SpanContainsAny(SourceText text, TextSpan span, SearchValues<string> words, char[] buffer)
    {
        for (var start = span.Start; start < span.End; start += buffer.Length - 256)
        {
            var length = Math.Min(buffer.Length, span.End - start);
            text.CopyTo(start, buffer, 0, length);
            if (buffer.AsSpan(0, length).IndexOfAny(words) >= 0)
            {
                return true;
            }

            if (start + length >= span.End)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Where <paramref name="words"/> start in <paramref name="text"/>, in order; a position is reported once.</summary>
    public static List<int> PositionsOf(SourceText text, SearchValues<string> words)
    {
        var positions = new List<int>();
        ReadWindows(text, (chars, offset) => AddPositions(chars, offset, words, positions));
        return positions;
    }

    /// <summary>
    /// Hands the text to <paramref name="read"/> a line at a time, a very long line in windows that
    /// overlap by 256 characters (so a word across two windows is seen whole; it may be seen twice).
    /// </summary>
    public static void ReadWindows(SourceText text, WindowReader read)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            foreach (var line in text.Lines)
            {
                var span = line.SpanIncludingLineBreak;
                for (var start = span.Start; start < span.End; start += buffer.Length - 256)
                {
                    var length = Math.Min(buffer.Length, span.End - start);
                    text.CopyTo(start, buffer, 0, length);
                    read(buffer.AsSpan(0, length), start);
                    if (start + length >= span.End)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Where <paramref name="word"/> starts within <paramref name="span"/> of the text, in order. Only
    /// the span is copied (one member's text), never the whole file.
    /// </summary>
    public static List<int> PositionsOf(SourceText text, TextSpan span, string word)
    {
        var positions = new List<int>();
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(span.Length, 1));
        try
        {
            text.CopyTo(span.Start, buffer, 0, span.Length);
            var chars = buffer.AsSpan(0, span.Length);
            for (int from = 0, found; (found = chars[from..].IndexOf(word, StringComparison.Ordinal)) >= 0; from += found + word.Length)
            {
                positions.Add(span.Start + from + found);
            }

            return positions;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Where <paramref name="words"/> start in <paramref name="text"/>, in order.</summary>
    public static List<int> PositionsOf(string text, SearchValues<string> words)
    {
        var positions = new List<int>();
        AddPositions(text.AsSpan(), 0, words, positions);
        return positions;
    }

    private static void AddPositions(ReadOnlySpan<char> chars, int offset, SearchValues<string> words, List<int> positions)
    {
        for (var from = 0; from < chars.Length;)
        {
            var found = chars[from..].IndexOfAny(words);
            if (found < 0)
            {
                return;
            }

            var position = offset + from + found;
            if (positions.Count == 0 || positions[^1] < position)
            {
                positions.Add(position);
            }

            from += found + 1;
        }
    }
}

/// <summary>Reads one window of a text: its characters, and where the first of them is in the text.</summary>
internal delegate void WindowReader(ReadOnlySpan<char> chars, int offset);
