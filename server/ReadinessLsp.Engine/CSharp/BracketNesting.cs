using System.Buffers;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// Whether <c>( [ {</c> nest deeper than code written by hand ever does. Roslyn's parser takes time
/// that grows much faster than the nesting (10,000 nested parentheses take about a minute, nested
/// brackets or interpolated strings longer) and cannot be cancelled meanwhile, so such a file is
/// not parsed. Counted over the raw characters, brackets in strings and comments included: close
/// enough to tell hand-written code from generated or hostile nesting.
/// </summary>
internal static class BracketNesting
{
    public const int Limit = 256;

    private static readonly SearchValues<char> Brackets = SearchValues.Create("()[]{}");

    public static bool IsTooDeep(SourceText text)
    {
        // Read in chunks: an editor's text is not one string, and copying it whole on every
        // keystroke would land on the large-object heap.
        var buffer = ArrayPool<char>.Shared.Rent(8192);
        try
        {
            var depth = 0;
            for (var start = 0; start < text.Length; start += buffer.Length)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                var chunk = buffer.AsSpan(0, count);
                for (var at = chunk.IndexOfAny(Brackets); at >= 0; at = chunk.IndexOfAny(Brackets))
                {
                    if (chunk[at] is '(' or '[' or '{')
                    {
                        if (++depth > Limit)
                        {
                            return true;
                        }
                    }
                    else if (depth > 0)
                    {
                        depth--;
                    }

                    chunk = chunk[(at + 1)..];
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
