namespace ReadinessLsp.Engine.Model.Facts;

/// <summary>
/// The facts one file contributes to the workspace: plain records, grouped by type. A file's bag is
/// replaced whole when the file changes; comparing the old and new bag type by type tells which
/// models the change can affect. Facts must be plain data compared by value (records, with
/// <see cref="EquatableArray{T}"/> for collections and <see cref="FactSpan"/> for positions), and
/// must never hold a syntax node: it would keep the whole tree alive.
/// </summary>
internal sealed class FactBag
{
    public static readonly FactBag Empty = new();

    private readonly Dictionary<Type, List<object>> _byType = [];

    public int Count { get; private set; }

    /// <summary>The fact types this bag holds at least one fact of.</summary>
    public IEnumerable<Type> Types => _byType.Keys;

    public void Add<T>(T fact)
        where T : class
    {
        if (!_byType.TryGetValue(typeof(T), out var list))
        {
            _byType[typeof(T)] = list = [];
        }

        list.Add(fact);
        Count++;
    }

    public IEnumerable<T> OfType<T>() =>
        _byType.TryGetValue(typeof(T), out var list) ? list.Cast<T>() : [];

    /// <summary>Every fact, grouped by type.</summary>
    public IEnumerable<object> All => _byType.Values.SelectMany(l => l);

    public bool Has(Type type) => _byType.ContainsKey(type);

    /// <summary>Whether both bags hold equal facts of every type, in the same order.</summary>
    public bool SameAs(FactBag other) => !ChangedTypes(this, other).Any();

    /// <summary>The fact types whose facts differ (by value, spans ignored) between two bags of one file.</summary>
    public static IEnumerable<Type> ChangedTypes(FactBag before, FactBag after)
    {
        foreach (var (type, list) in after._byType)
        {
            if (!before._byType.TryGetValue(type, out var old) || !old.SequenceEqual(list))
            {
                yield return type;
            }
        }

        foreach (var type in before._byType.Keys)
        {
            if (!after._byType.ContainsKey(type))
            {
                yield return type;
            }
        }
    }
}
