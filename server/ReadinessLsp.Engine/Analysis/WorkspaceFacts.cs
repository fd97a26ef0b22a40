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

    /// <summary>The workspace folders, for rules that reason about paths (is this .env ignored?).</summary>
    public IReadOnlyList<string> Roots { get; } = roots;

    public IEnumerable<T> All<T>() => bags.SelectMany(b => b.OfType<T>());

    /// <summary>
    /// A derived view of the facts, built once per <see cref="WorkspaceFacts"/> by <paramref name="build"/>.
    /// Each index type has one builder, by convention a static <c>Build</c> on the index itself.
    /// </summary>
    public TIndex Index<TIndex>(Func<WorkspaceFacts, TIndex> build)
        where TIndex : class =>
        (TIndex)_indexes.GetOrAdd(typeof(TIndex), _ => new Lazy<object>(() => build(this))).Value;
}
