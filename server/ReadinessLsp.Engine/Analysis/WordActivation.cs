using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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

    // Narrowed searches built, then reused: files alike (controllers of one app) narrow alike.
    private const int NarrowedKept = 128;

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
        var every = new ulong[(_words.Length + 63) / 64];
        for (var word = 0; word < _words.Length; word++)
        {
            every[word / 64] |= 1UL << (word % 64);
        }

        _all = new Searcher(_words, every);
    }

    /// <summary>The participants that can act on <paramref name="document"/>; null when none can (no parse needed).</summary>
    /// <param name="silenced">
    /// Participants that cannot act on this file whatever it holds (detectors in generated code): the
    /// search never looks for their words, and they make no parse.
    /// </param>
    public bool[]? Activate(SourceDocument document, bool[]? silenced = null)
    {
        var initial = (bool[])_alwaysActive.Clone();
        if (silenced is not null)
        {
            // Marked active for the search (it stops looking for their words), cleared once it is done.
            for (var i = 0; i < initial.Length; i++)
            {
                initial[i] |= silenced[i];
            }
        }

        var state = new ScanState(initial, _all);
        if (document.Content is { } content)
        {
            Scan(content, ref state);
        }
        else
        {
            ScanLines(document.Text, ref state);
        }

        var active = state.Active;
        if (silenced is not null)
        {
            for (var i = 0; i < active.Length; i++)
            {
                active[i] &= !silenced[i];
            }
        }

        if (!active.Any(a => a))
        {
            return null;
        }

        foreach (var i in _onlyAlongside)
        {
            active[i] = silenced is null || !silenced[i];
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
                state.Searcher = Narrowed(active, state.Searcher);
                state.Useless = 0;
            }

            text = text[1..];
        }
    }

    // A search for the words that still name an inactive participant, or one close to it. Building a search
    // costs far more than reusing one, and files rarely narrow alike word for word: past a cap, a search
    // already built that holds every word still needed (the one with the fewest others) stands in. The
    // current search always does: the words still needed only ever shrink.
    private Searcher Narrowed(bool[] active, Searcher current)
    {
        var live = new ulong[(_words.Length + 63) / 64];
        for (var word = 0; word < _words.Length; word++)
        {
            if (_owners[word].Any(p => !active[p]))
            {
                live[word / 64] |= 1UL << (word % 64);
            }
        }

        var key = string.Create(live.Length * 4, live, static (chars, bits) => MemoryMarshal.Cast<ulong, char>(bits).CopyTo(chars));
        if (_narrowed.TryGetValue(key, out var searcher))
        {
            return searcher;
        }

        lock (_narrowed)
        {
            if (_narrowed.Count < NarrowedKept)
            {
                searcher = new Searcher(_words, live);
                _narrowed.TryAdd(key, searcher);
                return searcher;
            }
        }

        var best = current;
        foreach (var candidate in _narrowed.Values)
        {
            if (candidate.Count < best.Count && candidate.Holds(live))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>One vectorised search over some of the words, and those words by first letter.</summary>
    private sealed class Searcher
    {
        private readonly ulong[] _bits;

        public Searcher(string[] words, ulong[] bits)
        {
            _bits = bits;
            var chosen = Enumerable.Range(0, words.Length).Where(i => (bits[i / 64] & (1UL << (i % 64))) != 0).ToArray();
            Count = chosen.Length;
            Words = SearchValues.Create([.. chosen.Select(i => words[i])], StringComparison.OrdinalIgnoreCase);
            ByFirstChar = chosen.GroupBy(i => char.ToLowerInvariant(words[i][0])).ToDictionary(g => g.Key, g => g.ToArray());
        }

        public SearchValues<string> Words { get; }

        public Dictionary<char, int[]> ByFirstChar { get; }

        /// <summary>How many words the search looks for.</summary>
        public int Count { get; }

        /// <summary>Whether the search looks for every word of <paramref name="bits"/>.</summary>
        public bool Holds(ulong[] bits)
        {
            for (var i = 0; i < bits.Length; i++)
            {
                if ((bits[i] & ~_bits[i]) != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private struct ScanState(bool[] active, Searcher searcher)
    {
        public readonly bool[] Active = active;

        public int Remaining = active.Count(a => !a);

        public Searcher Searcher = searcher;

        public int Useless;
    }
}
