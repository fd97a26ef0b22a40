using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Which C# detectors and collectors can act on a file, from the words they declare: a detector
/// whose words the file does not contain cannot report there, so it is not called for any of the
/// file's nodes, and a file no one can act on is not parsed at all. One pass over the text finds
/// every declared word that occurs (a vectorised search for all of them, then a look at what
/// matched), stopping as soon as every participant is active. Most matches soon name only
/// participants already active (a file says <c>Async(</c> a hundred times): after a few such
/// matches the search goes on for the words still useful only.
/// </summary>
internal sealed class WordActivation
{
    // An identifier may be spelled with \u or \U escapes (\u0055seCors is UseCors): such a file activates everyone.
    private const string UnicodeEscape = "\\u";

    // Matches that activate no one before the search narrows to the words still useful.
    private const int UselessMatches = 16;

    // Narrowed searches kept for reuse: files alike (controllers of one app) narrow alike.
    private const int NarrowedKept = 512;

    private readonly int _participants;
    private readonly bool[] _alwaysActive;
    private readonly int[] _onlyAlongside;
    private readonly string[] _words;
    private readonly int[][] _owners;
    private readonly Searcher _all;
    private readonly ConcurrentDictionary<string, Searcher> _narrowed = new(StringComparer.Ordinal);

    /// <param name="wordsByParticipant">
    /// Each participant's words: null for "may act in any file", empty for "acts only in files parsed for someone else".
    /// </param>
    /// <param name="readsEveryParsedFile">Participants whose words make a file worth parsing, and that also read every file parsed for others.</param>
    public WordActivation(IReadOnlyList<IReadOnlyCollection<string>?> wordsByParticipant, IReadOnlyList<bool> readsEveryParsedFile)
    {
        _participants = wordsByParticipant.Count;
        _alwaysActive = [.. wordsByParticipant.Select(w => w is null)];
        _onlyAlongside = [.. wordsByParticipant.Select((w, i) => (w, i)).Where(x => x.w is { Count: 0 } || readsEveryParsedFile[x.i]).Select(x => x.i)];
        var owners = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < wordsByParticipant.Count; i++)
        {
            foreach (var word in wordsByParticipant[i] ?? [])
            {
                if (!owners.TryGetValue(word, out var list))
                {
                    owners[word] = list = [];
                }

                list.Add(i);
            }
        }

        owners[UnicodeEscape] = [.. Enumerable.Range(0, _participants)];
        _words = [.. owners.Keys];
        _owners = [.. owners.Values.Select(o => o.ToArray())];
        _all = new Searcher(_words, Enumerable.Range(0, _words.Length));
    }

    /// <summary>The participants that can act on <paramref name="document"/>; null when none can (no parse needed).</summary>
    public bool[]? Activate(SourceDocument document)
    {
        var state = new ScanState((bool[])_alwaysActive.Clone(), _all);
        if (document.Content is { } content)
        {
            Scan(content, ref state);
        }
        else
        {
            ScanLines(document.Text, ref state);
        }

        var active = state.Active;
        if (!active.Any(a => a))
        {
            return null;
        }

        foreach (var i in _onlyAlongside)
        {
            active[i] = true;
        }

        return active;
    }

    private void ScanLines(SourceText text, ref ScanState state)
    {
        // Editor text is a chain of changes: search it a line at a time through one buffer, never copying it whole.
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            foreach (var line in text.Lines)
            {
                var span = line.SpanIncludingLineBreak;
                for (var start = span.Start; start < span.End && state.Remaining > 0; start += buffer.Length - 256)
                {
                    var length = Math.Min(buffer.Length, span.End - start);
                    text.CopyTo(start, buffer, 0, length);
                    Scan(buffer.AsSpan(0, length), ref state);
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

    private void Scan(ReadOnlySpan<char> text, ref ScanState state)
    {
        var active = state.Active;
        while (state.Remaining > 0)
        {
            var at = text.IndexOfAny(state.Searcher.Words);
            if (at < 0)
            {
                return;
            }

            text = text[at..];
            var before = state.Remaining;
            if (state.Searcher.ByFirstChar.TryGetValue(char.ToLowerInvariant(text[0]), out var candidates))
            {
                foreach (var word in candidates)
                {
                    if (text.StartsWith(_words[word], StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var p in _owners[word])
                        {
                            if (!active[p])
                            {
                                active[p] = true;
                                state.Remaining--;
                            }
                        }
                    }
                }
            }

            if (state.Remaining == before && ++state.Useless == UselessMatches && state.Remaining > 0)
            {
                state.Searcher = Narrowed(active);
                state.Useless = 0;
            }

            text = text[1..];
        }
    }

    // A search for the words that still name an inactive participant.
    private Searcher Narrowed(bool[] active)
    {
        var live = new List<int>();
        var key = new char[(_words.Length + 15) / 16];
        for (var word = 0; word < _words.Length; word++)
        {
            if (_owners[word].Any(p => !active[p]))
            {
                live.Add(word);
                key[word / 16] |= (char)(1 << (word % 16));
            }
        }

        var name = new string(key);
        if (_narrowed.TryGetValue(name, out var searcher))
        {
            return searcher;
        }

        searcher = new Searcher(_words, live);
        if (_narrowed.Count < NarrowedKept)
        {
            _narrowed.TryAdd(name, searcher);
        }

        return searcher;
    }

    /// <summary>One vectorised search over some of the words, and those words by first letter.</summary>
    private sealed class Searcher
    {
        public Searcher(string[] words, IEnumerable<int> ids)
        {
            var chosen = ids.ToArray();
            Words = SearchValues.Create([.. chosen.Select(i => words[i])], StringComparison.OrdinalIgnoreCase);
            ByFirstChar = chosen.GroupBy(i => char.ToLowerInvariant(words[i][0])).ToDictionary(g => g.Key, g => g.ToArray());
        }

        public SearchValues<string> Words { get; }

        public Dictionary<char, int[]> ByFirstChar { get; }
    }

    private struct ScanState(bool[] active, Searcher searcher)
    {
        public readonly bool[] Active = active;

        public int Remaining = active.Count(a => !a);

        public Searcher Searcher = searcher;

        public int Useless;
    }
}
