using System.Collections.Concurrent;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The merged facts of every file in the workspace, the input to cross-file decisions ("is there a
/// unique index on User.Email anywhere?"). Immutable; indexes over the facts are built on first use
/// and cached for the life of this instance.
/// </summary>
internal sealed class WorkspaceFacts(IReadOnlyList<string> roots, IReadOnlyCollection<FactBag> bags)
{
    public static readonly WorkspaceFacts Empty = new([], []);

    private readonly ConcurrentDictionary<Type, Lazy<object>> _indexes = new();
    private readonly ConcurrentDictionary<Type, Lazy<object>> _all = new();

    /// <summary>The workspace folders, for rules that reason about paths (is this .env ignored?).</summary>
    public IReadOnlyList<string> Roots { get; } = roots;

    /// <summary>
    /// Every fact of type <typeparamref name="T"/>, in file order. Gathered once per type: rules
    /// ask for the same list once per finding, and going through every file's bag each time made
    /// resolving thousands of findings cost as much as parsing the workspace.
    /// </summary>
    public IEnumerable<T> All<T>() =>
        (IReadOnlyList<T>)_all.GetOrAdd(typeof(T), _ => new Lazy<object>(() => bags.SelectMany(b => b.OfType<T>()).ToList())).Value;

    /// <summary>
    /// A derived view of the facts, built once per <see cref="WorkspaceFacts"/> by <paramref name="build"/>.
    /// Each index type has one builder, by convention a static <c>Build</c> on the index itself.
    /// </summary>
    public TIndex Index<TIndex>(Func<WorkspaceFacts, TIndex> build)
        where TIndex : class =>
        (TIndex)_indexes.GetOrAdd(typeof(TIndex), _ => new Lazy<object>(() => build(this))).Value;
}
