using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.Cors;

/// <summary>
/// Where each app applies its CORS policies, answered per app: whether a policy defined in
/// <c>AddCors</c> reaches requests only under a development guard.
/// </summary>
internal sealed class CorsUsage : IWorkspaceModel<CorsUsage>
{
    private readonly List<(string Path, CorsApplied Use)> _uses;
    private readonly ProjectIndex _projects;

    private CorsUsage(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        _uses = [.. models.Bags.SelectMany(b => b.Value.OfType<CorsApplied>().Select(u => (b.Key, u)))];
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(CorsApplied), .. ProjectIndex.FactTypes];

    public static CorsUsage Build(WorkspaceModels models) => new(models);

    /// <summary>
    /// Whether the policy (by name, "" for the default, null when unknown) defined in <paramref name="path"/>
    /// is applied somewhere in its app, and only ever under a development guard.
    /// </summary>
    public bool AppliedOnlyInDevelopment(string path, string? policy)
    {
        var uses = _uses.Where(u => Matches(u.Use.Policy, policy) && _projects.SameApp(u.Path, path)).ToList();
        return uses.Count > 0 && uses.All(u => u.Use.DevelopmentOnly);
    }

    private static bool Matches(string? used, string? defined) => used is null || defined is null || used == defined;
}
