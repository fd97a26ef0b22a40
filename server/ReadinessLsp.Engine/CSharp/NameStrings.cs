using System.Collections.Concurrent;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// One string per name read from text (a method or type name): a workspace calls the same few
/// thousand names millions of times, and a new string for each was a tenth of what a scan of 5,000
/// files allocated beside its parse. Past <see cref="Capacity"/> distinct names a name is a new string.
/// </summary>
internal static class NameStrings
{
    private const int Capacity = 100_000;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Of(ReadOnlySpan<char> name)
    {
        if (BySpan.TryGetValue(name, out var known))
        {
            return known;
        }

        var text = name.ToString();
        return Names.Count < Capacity ? Names.GetOrAdd(text, text) : text;
    }
}
