using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>The names of the methods a file calls, split by whether the call sits under a development guard.</summary>
internal sealed record CallSites(EquatableArray<string> UnderDevelopmentGuard, EquatableArray<string> Elsewhere);

/// <summary>
/// Methods only ever called under a development guard, in any file:
/// <c>if (app.Environment.IsDevelopment()) app.SeedDatabase();</c> makes the body of
/// <c>SeedDatabase</c> development-only code, wherever it is declared. Known by name, as call
/// sites are read without a compilation: one unguarded call of the same name anywhere keeps the
/// method in production, which errs on the side of reporting.
/// </summary>
internal sealed class DevelopmentOnlyMethods : IWorkspaceModel<DevelopmentOnlyMethods>, IEquatable<DevelopmentOnlyMethods>
{
    private readonly HashSet<string> _names;

    private DevelopmentOnlyMethods(HashSet<string> names) => _names = names;

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(CallSites)];

    public static DevelopmentOnlyMethods Build(WorkspaceModels models)
    {
        var sites = models.All<CallSites>();
        var guarded = new HashSet<string>(sites.SelectMany(s => s.UnderDevelopmentGuard), StringComparer.Ordinal);
        if (guarded.Count > 0)
        {
            guarded.ExceptWith(sites.SelectMany(s => s.Elsewhere));
        }

        return new DevelopmentOnlyMethods(guarded);
    }

    /// <summary>Whether the method of a "Type.Method" member only runs in development.</summary>
    public bool Contains(string member) => _names.Count > 0 && _names.Contains(CodeScope.MethodName(member));

    public bool Equals(DevelopmentOnlyMethods? other) => other is not null && _names.SetEquals(other._names);

    public override bool Equals(object? obj) => Equals(obj as DevelopmentOnlyMethods);

    public override int GetHashCode() => _names.Count;
}
