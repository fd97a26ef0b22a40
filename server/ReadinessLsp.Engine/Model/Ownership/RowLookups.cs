using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Model.Ownership;

/// <summary>
/// The workspace's methods and specifications that load a row by a parameter, found by the name a
/// caller uses: its declared type (an interface, a base, the class itself) and the method.
/// </summary>
internal sealed class RowLookups : IWorkspaceModel<RowLookups>
{
    private readonly Dictionary<string, List<RowLookupFact>> _byMethod = new(StringComparer.Ordinal);

    private readonly HashSet<string> _internal = new(StringComparer.Ordinal);

    private RowLookups(IReadOnlyList<RowLookupFact> facts, IReadOnlyList<InternalRequestFact> requests)
    {
        foreach (var request in requests)
        {
            _internal.Add(request.Type);
        }

        foreach (var fact in facts)
        {
            if (!_byMethod.TryGetValue(fact.Method, out var list))
            {
                _byMethod[fact.Method] = list = [];
            }

            list.Add(fact);
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(RowLookupFact), typeof(InternalRequestFact)];

    public static RowLookups Build(WorkspaceModels models) => new(models.All<RowLookupFact>(), models.All<InternalRequestFact>());

    /// <summary>
    /// The lookups <paramref name="reference"/> may run with the caller's value at position
    /// <paramref name="argument"/>. A reference whose type starts with <c>?</c> names only a property
    /// (<c>services.Queries</c>): a type whose name ends with it is meant (<c>IOrderQueries</c>).
    /// </summary>
    public IEnumerable<RowLookupFact> Of(EfMethodRef reference, int argument)
    {
        if (!_byMethod.TryGetValue(reference.Method, out var list))
        {
            return [];
        }

        var type = reference.Type;
        if (type.StartsWith('?'))
        {
            var suffix = type[1..];
            return list.Where(f => f.Parameter == argument && (Ends(f.Type, suffix) || f.Bases.Any(b => Ends(b, suffix))));
        }

        return list.Where(f => f.Parameter == argument && (f.Type == type || f.Bases.Contains(type)));
    }

    /// <summary>Whether the app sends <paramref name="request"/> itself, from an event or message handler or a background service.</summary>
    public bool IsInternal(string request) => _internal.Contains(request);

    private static bool Ends(string type, string suffix) => type.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
}
