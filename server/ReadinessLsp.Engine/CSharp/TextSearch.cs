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
                var span = line.SpanIncludingLineBreak;
                for (var start = span.Start; start < span.End; start += buffer.Length - 256)
                {
                    // Overlapping windows, so a word that straddles two windows of a very long line is still seen.
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
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
