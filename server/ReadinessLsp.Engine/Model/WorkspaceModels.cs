using System.Collections.Concurrent;
using System.Collections.Immutable;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model;

/// <summary>
/// The facts of every file and the models built from them: the input to every cross-file decision.
/// Immutable; facts are gathered by type and models built on first use, once per instance. A new
/// instance made with <see cref="Next"/> keeps the built models that the change cannot have affected.
/// </summary>
internal sealed class WorkspaceModels
{
    public static readonly WorkspaceModels Empty = new([], ImmutableSortedDictionary.Create<string, FactBag>(StringComparer.Ordinal));

    private readonly ConcurrentDictionary<Type, ModelEntry> _models = new();
    private readonly ConcurrentDictionary<Type, object> _all = new();

    private WorkspaceModels(IReadOnlyList<string> roots, ImmutableSortedDictionary<string, FactBag> bags)
    {
        Roots = roots;
        Bags = bags;
    }

    /// <summary>The workspace folders, for rules that reason about paths (is this .env ignored?).</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Each file's facts, by path, in path order (files without facts are left out).</summary>
    public ImmutableSortedDictionary<string, FactBag> Bags { get; }

    public static WorkspaceModels Create(IReadOnlyList<string> roots, IEnumerable<(string Path, FactBag Facts)> bags) =>
        new(roots, bags.Where(b => b.Facts.Count > 0).ToImmutableSortedDictionary(b => b.Path, b => b.Facts, StringComparer.Ordinal));

    /// <summary>
    /// The models after some files changed: <paramref name="touched"/> are the fact types the changed
    /// files held before or after the change whose facts changed, or may have moved (they carry
    /// positions). Built models reading none of them are carried over; the others are rebuilt on
    /// first use, so positions they show are current.
    /// </summary>
    public WorkspaceModels Next(ImmutableSortedDictionary<string, FactBag> bags, IReadOnlySet<Type> touched)
    {
        var next = new WorkspaceModels(Roots, bags);
        foreach (var (type, entry) in _models)
        {
            if (entry.Value.IsValueCreated && !entry.FactTypes.Any(touched.Contains))
            {
                next._models[type] = entry;
            }
        }

        // So are the gathered lists of facts the change left alone: a model rebuilt after an edit
        // gathers again only the types that edit touched, not every type it reads from every file.
        foreach (var (type, list) in _all)
        {
            if (!touched.Contains(type))
            {
                next._all[type] = list;
            }
        }

        return next;
    }

    public WorkspaceModels WithRoots(IReadOnlyList<string> roots) => new(roots, Bags);

    /// <summary>
    /// Every fact of type <typeparamref name="T"/>, in path order. Gathered once per type: rules ask
    /// for the same list once per finding, and going through every file's bag each time made
    /// resolving thousands of findings cost as much as parsing the workspace.
    /// </summary>
    public IReadOnlyList<T> All<T>() =>
        (IReadOnlyList<T>)_all.GetOrAdd(typeof(T), _ => Bags.Values.Where(b => b.Has(typeof(T))).SelectMany(b => b.OfType<T>()).ToList());

    /// <summary>The model of type <typeparamref name="TModel"/>, built once per instance (or carried over).</summary>
    public TModel Get<TModel>()
        where TModel : class, IWorkspaceModel<TModel> =>
        (TModel)_models.GetOrAdd(typeof(TModel), static (_, self) => ModelEntry.For<TModel>(self), this).Value.Value;

    /// <summary>The model of type <paramref name="model"/> (an <see cref="IWorkspaceModel{TSelf}"/>), for callers that hold only its type.</summary>
    public object Get(Type model) => ModelTypes.Getter(model)(this);

    /// <summary>
    /// Whether the model of type <paramref name="model"/> is the same in <paramref name="next"/>:
    /// never for a model whose facts changed unless it implements <see cref="IEquatable{T}"/>
    /// and the rebuilt model equals this one.
    /// </summary>
    internal bool SameModelIn(WorkspaceModels next, Type model) =>
        ModelTypes.IsEquatable(model) && Get(model).Equals(next.Get(model));

    private sealed record ModelEntry(Lazy<object> Value, IReadOnlyCollection<Type> FactTypes)
    {
        public static ModelEntry For<TModel>(WorkspaceModels models)
            where TModel : class, IWorkspaceModel<TModel> =>
            new(new Lazy<object>(() => TModel.Build(models)), TModel.FactTypes);
    }
}
