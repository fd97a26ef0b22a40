using System.Buffers;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Where each anchored component's anchors occur in a file, found in one pass over its text for
/// all of them: a vectorised search for every anchor, then a look at which anchors start at each
/// match and whose they are. Searching once per component read the text thirty times a file.
/// </summary>
internal sealed class AnchorSearch
{
    private readonly string[] _words;
    private readonly int[][] _owners;
    private readonly SearchValues<string> _all;
    private readonly Dictionary<char, int[]> _byFirstChar;
    private readonly int _components;

    /// <param name="anchorsByComponent">Each anchored component's anchors, spelled exactly, in the order positions are returned.</param>
    public AnchorSearch(IReadOnlyList<IReadOnlyCollection<string>> anchorsByComponent)
    {
        _components = anchorsByComponent.Count;
        var owners = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var component = 0; component < anchorsByComponent.Count; component++)
        {
            foreach (var word in anchorsByComponent[component].Distinct(StringComparer.Ordinal))
            {
                if (!owners.TryGetValue(word, out var list))
                {
                    owners[word] = list = [];
                }

                list.Add(component);
            }
        }

        _words = [.. owners.Keys];
        _owners = [.. owners.Values.Select(o => o.ToArray())];
        _all = SearchValues.Create(_words, StringComparison.Ordinal);
        _byFirstChar = Enumerable.Range(0, _words.Length).GroupBy(i => _words[i][0]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>
    /// For each component that <paramref name="wanted"/> says to look for, where its anchors start, in
    /// order and each position once; null for the others and for those whose anchors do not occur.
    /// </summary>
    public List<int>?[] PositionsIn(SourceDocument document, Func<int, bool> wanted)
    {
        var positions = new List<int>?[_components];
        var want = new bool[_components];
        var any = false;
        for (var component = 0; component < _components; component++)
        {
            any |= want[component] = wanted(component);
        }

        if (!any)
        {
            return positions;
        }

        if (document.Content is { } content)
        {
            Add(content.AsSpan(), 0, want, positions);
        }
        else
        {
            // Editor text is a chain of changes: read in windows (anchors never span lines), never copied whole.
            TextSearch.ReadWindows(document.Text, (chars, offset) => Add(chars, offset, want, positions));
        }

        return positions;
    }

    private void Add(ReadOnlySpan<char> chars, int offset, bool[] want, List<int>?[] positions)
    {
        for (var from = 0; from < chars.Length;)
        {
            var found = chars[from..].IndexOfAny(_all);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            var rest = chars[at..];
            foreach (var word in _byFirstChar[rest[0]])
            {
                if (!rest.StartsWith(_words[word], StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var component in _owners[word])
                {
                    if (want[component] && (positions[component] ??= []) is var list && (list.Count == 0 || list[^1] < offset + at))
                    {
                        list.Add(offset + at);
                    }
                }
            }

            from = at + 1;
        }
    }
}
