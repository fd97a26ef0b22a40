using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.Hosting;

/// <summary>
/// Which app sets up which <see cref="AppFeature"/>, answered per app: a health check registered in
/// a shared <c>ServiceDefaults</c> project counts for every app that references it, and one app's
/// exception handler never silences another app's finding in the same repository.
/// </summary>
internal sealed class AppSetupIndex : IWorkspaceModel<AppSetupIndex>
{
    private readonly Dictionary<AppFeature, List<string>> _files = [];
    private readonly ProjectIndex _projects;

    private AppSetupIndex(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        foreach (var (path, bag) in models.Bags)
        {
            foreach (var setup in bag.OfType<AppSetup>())
            {
                foreach (var feature in setup.Features)
                {
                    if (!_files.TryGetValue(feature, out var files))
                    {
                        _files[feature] = files = [];
                    }

                    files.Add(path);
                }
            }
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(AppSetup), .. ProjectIndex.FactTypes];

    public static AppSetupIndex Build(WorkspaceModels models) => new(models);

    /// <summary>Whether the app(s) <paramref name="path"/> belongs to set up <paramref name="feature"/> in any of their files.</summary>
    public bool Has(AppFeature feature, string path) =>
        _files.TryGetValue(feature, out var files) && files.Any(f => _projects.SameApp(f, path));

    /// <summary>The files of <paramref name="path"/>'s app(s) that set up <paramref name="feature"/>.</summary>
    public IEnumerable<string> FilesWith(AppFeature feature, string path) =>
        _files.TryGetValue(feature, out var files) ? files.Where(f => _projects.SameApp(f, path)) : [];
}
