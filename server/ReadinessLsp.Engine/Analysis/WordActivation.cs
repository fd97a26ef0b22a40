using System.Buffers;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Which C# detectors and collectors can act on a file, from the words they declare: a detector
/// whose words the file does not contain cannot report there, so it is not called for any of the
/// file's nodes, and a file no one can act on is not parsed at all. One pass over the text finds
/// every declared word that occurs (a vectorised search for all of them, then a look at what
/// matched), stopping as soon as every participant is active.
/// </summary>
internal sealed class WordActivation
{
    // An identifier may be spelled with \u or \U escapes (\u0055seCors is UseCors): such a file activates everyone.
    private const string UnicodeEscape = "\\u";

    private readonly int _participants;
    private readonly bool[] _alwaysActive;
    private readonly int[] _onlyAlongside;
    private readonly SearchValues<string>? _words;
    private readonly Dictionary<char, (string Word, int[] Participants)[]> _byFirstChar = [];

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
        _words = SearchValues.Create([.. owners.Keys], StringComparison.OrdinalIgnoreCase);
        foreach (var group in owners.GroupBy(o => char.ToLowerInvariant(o.Key[0])))
        {
            _byFirstChar[group.Key] = [.. group.Select(o => (o.Key, o.Value.ToArray()))];
        }
    }

    /// <summary>The participants that can act on <paramref name="document"/>; null when none can (no parse needed).</summary>
    public bool[]? Activate(SourceDocument document)
    {
        var active = (bool[])_alwaysActive.Clone();
        // Everyone still to find; participants that come along anyway may still be found first.
        var remaining = active.Count(a => !a);
        if (document.Content is { } content)
        {
            Scan(content, active, ref remaining);
        }
        else
        {
            ScanLines(document.Text, active, ref remaining);
        }

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

    private void ScanLines(SourceText text, bool[] active, ref int remaining)
    {
        // Editor text is a chain of changes: search it a line at a time through one buffer, never copying it whole.
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            foreach (var line in text.Lines)
            {
                var span = line.SpanIncludingLineBreak;
                for (var start = span.Start; start < span.End && remaining > 0; start += buffer.Length - 256)
                {
                    var length = Math.Min(buffer.Length, span.End - start);
                    text.CopyTo(start, buffer, 0, length);
                    Scan(buffer.AsSpan(0, length), active, ref remaining);
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

    private void Scan(ReadOnlySpan<char> text, bool[] active, ref int remaining)
    {
        while (remaining > 0)
        {
            var at = text.IndexOfAny(_words!);
            if (at < 0)
            {
                return;
            }

            text = text[at..];
            foreach (var (word, participants) in _byFirstChar[char.ToLowerInvariant(text[0])])
            {
                if (text.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var p in participants)
                    {
                        if (!active[p])
                        {
                            active[p] = true;
                            remaining--;
                        }
                    }
                }
            }

            text = text[1..];
        }
    }
}
