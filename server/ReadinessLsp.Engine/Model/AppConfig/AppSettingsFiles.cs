using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>An appsettings file of the workspace (one fact per file, even an empty one).</summary>
internal sealed record AppSettingsFileInfo(string Path);

/// <summary>
/// Which settings file an app reads its base configuration from: <c>appsettings.json</c> in the app's
/// content root (its project folder), or, when there is none, the file its code loads with
/// <c>AddJsonFile("...")</c>. Code in a library belongs to the app that references it; code shared by
/// several apps has no single answer. Also says when that file lies outside the repository (a
/// .gitignore excludes it), so nothing can be said about the keys it holds.
/// </summary>
internal sealed class AppSettingsFiles : IWorkspaceModel<AppSettingsFiles>
{
    private readonly HashSet<string> _files;
    private readonly IReadOnlyList<ConfigFileLoad> _loads;
    private readonly ProjectIndex _projects;
    private readonly GitIgnoreIndex _gitIgnores;

    private AppSettingsFiles(WorkspaceModels models)
    {
        _files = new HashSet<string>(models.All<AppSettingsFileInfo>().Select(f => f.Path), PathNormalizer.Comparer);
        _loads = models.All<ConfigFileLoad>();
        _projects = models.Get<ProjectIndex>();
        _gitIgnores = models.Get<GitIgnoreIndex>();
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } =
        [typeof(AppSettingsFileInfo), typeof(ConfigFileLoad), .. GitIgnoreIndex.FactTypes, .. ProjectIndex.FactTypes];

    public static AppSettingsFiles Build(WorkspaceModels models) => new(models);

    /// <summary>The base settings file of the one app that runs the code at <paramref name="codePath"/>; null when several apps share the code.</summary>
    public string? BaseFileFor(string codePath)
    {
        var apps = _projects.AppsOf(codePath).Where(a => a.Length > 0).ToList();
        if (apps.Count > 1)
        {
            return null;
        }

        var app = apps.Count == 1 ? _projects.Projects.FirstOrDefault(p => PathNormalizer.Comparer.Equals(p.Path, apps[0])) : null;
        if (app is null)
        {
            // No project files: the nearest folder above the code with a settings file, else the workspace folder.
            var folder = _files.Select(f => Path.GetDirectoryName(f)!).Where(f => PathNormalizer.IsBelow(f, codePath)).MaxBy(f => f.Length)
                ?? _gitIgnores.RootOf(codePath);
            return Path.Combine(folder, "appsettings.json");
        }

        var root = app.Directory;
        var standard = Path.Combine(root, "appsettings.json");
        if (_files.Contains(standard))
        {
            return standard;
        }

        // An appsettings file the code loads from elsewhere (AddJsonFile("Config/appsettings.json")), not an environment overlay.
        var loaded = LoadedBy(app)
            .Where(l => FileClassifier.Classify(l.Path) == FileKind.AppSettings && FileClassifier.AppSettingsEnvironment(l.Path) is null)
            .OrderBy(l => l.Optional)
            .Select(l => l.Path)
            .FirstOrDefault();
        return loaded ?? standard;
    }

    /// <summary>
    /// Whether the app running <paramref name="codePath"/> loads a JSON settings file this workspace does not
    /// read (<c>AddJsonFile("ocelot.json")</c>, or a required file that is not there): keys may be defined in it.
    /// </summary>
    public bool LoadsUnseenSettings(string codePath)
    {
        var apps = _projects.AppsOf(codePath).Where(a => a.Length > 0).ToList();
        var projects = apps.Count == 0
            ? [.. _projects.Projects]
            : _projects.Projects.Where(p => apps.Contains(p.Path, PathNormalizer.Comparer)).ToList();
        var loaded = projects.Count == 0
            ? _loads.Where(l => !Path.IsPathRooted(l.RelativePath)).Select(l => (Path: PathNormalizer.Normalize(Path.Combine(Path.GetDirectoryName(l.CodePath)!, l.RelativePath)), l.Optional))
            : projects.SelectMany(LoadedBy);

        // A missing optional file is a local override at most; a required or gitignored one holds real settings.
        return loaded.Any(l => !_files.Contains(l.Path) && (!l.Optional || _gitIgnores.IsIgnored(l.Path)));
    }

    // The files an app's code adds with AddJsonFile, resolved against its project folder.
    private IEnumerable<(string Path, bool Optional)> LoadedBy(ProjectFact app)
    {
        var closure = _projects.Closure(app).Select(p => p.Path).ToHashSet(PathNormalizer.Comparer);
        return _loads
            .Where(l => _projects.ProjectOf(l.CodePath) is { } owner && closure.Contains(owner.Path) && !Path.IsPathRooted(l.RelativePath) && !l.RelativePath.Contains('{'))
            .Select(l => (PathNormalizer.Normalize(Path.Combine(app.Directory, l.RelativePath.Replace('\\', '/'))), l.Optional));
    }

    /// <summary>The folder the app runs from (its project folder), where its settings and templates belong; null when several apps share the code.</summary>
    public string? ContentRootFor(string codePath)
    {
        var apps = _projects.AppsOf(codePath).Where(a => a.Length > 0).ToList();
        if (apps.Count > 1)
        {
            return null;
        }

        return apps.Count == 1 && _projects.Projects.FirstOrDefault(p => PathNormalizer.Comparer.Equals(p.Path, apps[0])) is { } app
            ? app.Directory
            : BaseFileFor(codePath) is { } settings ? Path.GetDirectoryName(settings) : null;
    }

    /// <summary>Whether a settings file is excluded from the repository by a .gitignore: its keys live elsewhere.</summary>
    public bool IsOutsideRepository(string settingsFile) => !_files.Contains(settingsFile) && _gitIgnores.IsIgnored(settingsFile);
}
