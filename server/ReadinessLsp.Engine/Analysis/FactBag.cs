namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The facts one file contributes to the workspace, as plain records of any type. A file's bag is
/// replaced whole when the file changes, which is what makes cross-file facts incremental.
/// Facts must be plain data: never hold a syntax node (it would keep the whole tree alive).
/// </summary>
internal sealed class FactBag
{
    public static readonly FactBag Empty = new();

    private readonly List<object> _facts = [];

    public int Count => _facts.Count;

    public void Add<T>(T fact)
        where T : class => _facts.Add(fact);

    public IEnumerable<T> OfType<T>() => _facts.OfType<T>();

    /// <summary>Whether two bags hold equal facts in the same order (fact types are records).</summary>
    public bool SameAs(FactBag other) => _facts.SequenceEqual(other._facts);
}
