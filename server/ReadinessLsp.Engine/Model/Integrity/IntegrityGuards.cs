using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.Integrity;

/// <summary>
/// The app-wide idempotency and transaction guards, answered per app
/// (<see cref="ProjectIndex.AppsOf"/>): one app's transaction behaviour never silences another's finding.
/// </summary>
internal sealed class IntegrityGuards : IWorkspaceModel<IntegrityGuards>, IEquatable<IntegrityGuards>
{
    private readonly ProjectIndex _projects;
    private readonly List<IntegrityGuardFact> _guards;

    private IntegrityGuards(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        _guards = [.. models.All<IntegrityGuardFact>()];
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(IntegrityGuardFact), .. ProjectIndex.FactTypes];

    public static IntegrityGuards Build(WorkspaceModels models) => new(models);

    /// <summary>The first guard of <paramref name="kind"/> in an app <paramref name="path"/> is part of, or null.</summary>
    public IntegrityGuardFact? Guard(string path, IntegrityGuardKind kind)
    {
        var apps = _projects.AppsOf(path);
        return _guards.FirstOrDefault(g => g.Kind == kind && _projects.AppsOf(g.Path).Any(apps.Contains));
    }

    public bool Equals(IntegrityGuards? other) => other is not null && _guards.SequenceEqual(other._guards);

    public override bool Equals(object? obj) => Equals(obj as IntegrityGuards);

    public override int GetHashCode() => _guards.Count;
}
