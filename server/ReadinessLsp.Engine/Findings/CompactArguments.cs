using System.Diagnostics.CodeAnalysis;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// A detection's few message arguments, kept as one array of pairs in the order they were given.
/// A workspace holds hundreds of thousands of deferred detections until every file is read (at
/// 20,000 files, 475,000 of them), and a <see cref="Dictionary{TKey, TValue}"/> per detection, with
/// its buckets and entries, cost several times the few strings it holds. Keys are compared ordinally,
/// as the dictionaries detectors build do.
/// </summary>
internal sealed class CompactArguments : IReadOnlyDictionary<string, string>
{
    // Past this many arguments a lookup is cheaper in a dictionary; no detector comes near it.
    private const int MaxPairs = 16;

    private readonly KeyValuePair<string, string>[] _pairs;

    private CompactArguments(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    /// <summary>The same arguments, compact when they are few.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> arguments) =>
        arguments is CompactArguments || arguments.Count is 0 or > MaxPairs ? arguments : new CompactArguments([.. arguments]);

    public int Count => _pairs.Length;

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
