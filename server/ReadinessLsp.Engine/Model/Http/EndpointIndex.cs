using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Every request handler of every app in the workspace — controller actions, minimal API
/// endpoints, Razor Pages handlers and SignalR hub methods — with its verbs, route, parameters,
/// effective authorization and the reason for it, rate limiting, and whether it changes data.
/// Answers are per app (<see cref="ProjectIndex.AppsOf"/>): one app's fallback policy never covers
/// another app's endpoints. Rules ask it from a code location: <see cref="ForMember(string, string)"/>
/// takes the member exactly as <see cref="Scope.CodeScope.MemberOf"/> and
/// <see cref="Findings.Detection.Member"/> name it.
/// </summary>
internal sealed class EndpointIndex : IWorkspaceModel<EndpointIndex>
{
    private readonly Lazy<Dictionary<string, List<Endpoint>>> _byMemberOnly;
    private readonly Dictionary<string, List<Endpoint>> _byPath;
    private readonly Dictionary<string, AppSecuritySetup> _setups;
    private readonly ProjectIndex _projects;

    private EndpointIndex(IReadOnlyList<Endpoint> all, IReadOnlyDictionary<string, AppSecuritySetup> setups, ProjectIndex projects)
    {
        // When a handler serves several apps, the weakest answer speaks for it: it is reachable that way in one of them.
        All = all;
        _byPath = new Dictionary<string, List<Endpoint>>(StringComparer.Ordinal);
        foreach (var endpoint in all)
        {
            if (!_byPath.TryGetValue(endpoint.Path, out var list))
            {
                _byPath[endpoint.Path] = list = [];
            }

            list.Add(endpoint);
        }

        foreach (var list in _byPath.Values)
        {
            list.Sort(static (a, b) => a.Authorization.Access.CompareTo(b.Authorization.Access));
        }

        _byMemberOnly = new(() => All.GroupBy(e => e.Member, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Authorization.Access).ToList(), StringComparer.Ordinal));
        _setups = new Dictionary<string, AppSecuritySetup>(setups, StringComparer.Ordinal);
        _projects = projects;
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } =
        [typeof(HandlerTypeFact), typeof(RouteMethodFact), typeof(SetupFact), typeof(ConventionHelperFact), typeof(FilterTypeFact), .. ProjectIndex.FactTypes];

    /// <summary>Every endpoint of every app.</summary>
    public IReadOnlyList<Endpoint> All { get; }

    public static EndpointIndex Build(WorkspaceModels models)
    {
        var projects = models.Get<ProjectIndex>();
        var (endpoints, setups) = new EndpointBuilder(models, projects).Build();
        return new EndpointIndex(endpoints, setups, projects);
    }

    /// <summary>
    /// The endpoint whose handler is <paramref name="member"/> in <paramref name="path"/>
    /// ("OrdersController.Get", "Program.DELETE /api/messages/{id:int}", "OrdersApi.GetOrderAsync"),
    /// or null when that code handles no request. When the member maps several endpoints (lambdas
    /// inside one <c>MapTodoEndpoints</c> method), the least protected one; pass a position to choose.
    /// </summary>
    public Endpoint? ForMember(string path, string member) => AllForMember(path, member).FirstOrDefault();

    /// <summary>The endpoint of <paramref name="member"/> whose handler code contains <paramref name="at"/>, or the least protected one.</summary>
    public Endpoint? ForMember(string path, string member, LinePosition at)
    {
        var candidates = AllForMember(path, member);
        return candidates.FirstOrDefault(e => Contains(e.HandlerSpan, at)) ?? candidates.FirstOrDefault();
    }

    /// <summary>Every endpoint whose handler is <paramref name="member"/> in <paramref name="path"/>, the least protected first.</summary>
    public IReadOnlyList<Endpoint> AllForMember(string path, string member)
    {
        var inFile = In(path).Where(e => e.Member == member).ToList();
        if (inFile.Count > 0)
        {
            return inFile;
        }

        // A method group mapped in another file (`api.MapGet("/", OrdersApi.GetOrders)`): the member, in an app the file is part of.
        return _byMemberOnly.Value.TryGetValue(member, out var byName) ? [.. byName.Where(e => _projects.SameApp(e.Path, path))] : [];
    }

    /// <summary>The endpoints whose handlers are written in <paramref name="path"/>.</summary>
    public IReadOnlyList<Endpoint> In(string path) => _byPath.TryGetValue(path, out var endpoints) ? endpoints : [];

    /// <summary>The endpoint explained by hovering <paramref name="position"/>: an action's name, a <c>Map*</c> call and its route.</summary>
    public Endpoint? At(string path, LinePosition position) =>
        In(path).Where(e => Contains(e.Span, position)).OrderBy(e => e.Authorization.Access).FirstOrDefault();

    /// <summary>The security setup of the (first) app <paramref name="path"/> is part of.</summary>
    public AppSecuritySetup SetupOf(string path)
    {
        foreach (var app in _projects.AppsOf(path))
        {
            if (_setups.TryGetValue(app, out var setup))
            {
                return setup;
            }
        }

        return AppSecuritySetup.None;
    }

    private static bool Contains(LinePositionSpan span, LinePosition position) => span.Start <= position && position <= span.End;
}
