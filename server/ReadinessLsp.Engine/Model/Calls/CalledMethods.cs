using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Calls;

/// <summary>
/// The names of the methods production code calls, from the call sites of every file the scan
/// parses (<see cref="CallSites"/>); calls from test projects do not count. Known by name, as call
/// sites are read without a compilation: a method that nothing in production calls under its name
/// is dead code as far as users are concerned (a service only its tests exercise).
/// </summary>
internal sealed class CalledMethods : IWorkspaceModel<CalledMethods>
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private CalledMethods(WorkspaceModels models)
    {
        var projects = models.Get<ProjectIndex>();
        foreach (var (path, bag) in models.Bags)
        {
            if (!bag.Has(typeof(CallSites)) || projects.ScopeOf(path) != CodeScopes.Production)
            {
                continue;
            }

            foreach (var sites in bag.OfType<CallSites>())
            {
                _names.UnionWith(sites.Elsewhere);
                _names.UnionWith(sites.UnderDevelopmentGuard);
            }
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(CallSites), .. ProjectIndex.FactTypes];

    public static CalledMethods Build(WorkspaceModels models) => new(models);

    public bool Contains(string method) => _names.Contains(method);
}
