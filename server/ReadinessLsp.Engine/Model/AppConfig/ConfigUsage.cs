using System.Collections.Concurrent;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Whether a value in a settings file matters in production, for the app that loads the file (its
/// project and the projects it references). A value matters when production code of the app reads it
/// (a read of the key, or of a section above it, not under a development guard nor in a method only
/// ever called under one), or when the framework reads it by convention (<c>Logging</c>,
/// <c>Kestrel</c>, <c>ConnectionStrings</c> when the app's code never names them, ...). It does not
/// reach production when a Production overlay beside the file or the Aspire app host that runs the
/// project sets the key, or when the code only falls back to it after a key the app host sets.
/// </summary>
internal sealed class ConfigUsage : IWorkspaceModel<ConfigUsage>
{
    // Sections .NET and common libraries read without the app's code naming the key.
    private static readonly HashSet<string> FrameworkSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "Logging", "Kestrel", "Serilog", "NLog", "AllowedHosts", "DetailedErrors", "Urls", "Https_Port", "HttpsPort", "Authentication",
        "AzureAd", "AzureAdB2C", "Aspire", "ApplicationInsights", "Sentry", "ElasticApm", "OpenTelemetry", "HealthChecksUI",
        "ForwardedHeaders", "HostFilteringOptions", "ConnectionStrings",
    };

    private readonly WorkspaceModels _models;
    private readonly ProjectIndex _projects;
    private readonly ConfigKeyIndex _keys;
    private readonly IReadOnlyList<AppHostSetting> _appHost;
    private readonly ConcurrentDictionary<string, AppReads> _apps = new(PathNormalizer.Comparer);

    private ConfigUsage(WorkspaceModels models)
    {
        _models = models;
        _projects = models.Get<ProjectIndex>();
        _keys = models.Get<ConfigKeyIndex>();
        _appHost = models.All<AppHostSetting>();
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } =
        [.. ConfigKeyIndex.FactTypes, typeof(AppHostSetting), typeof(CallSites), typeof(QualifiedCallSites), .. ProjectIndex.FactTypes];

    public static ConfigUsage Build(WorkspaceModels models) => new(models);

    /// <summary>Whether the value of <paramref name="key"/> in <paramref name="settingsFile"/> is the one production runs with.</summary>
    public bool ReachesProduction(string settingsFile, string key) =>
        (FileClassifier.AppSettingsEnvironment(settingsFile) is not null || !_keys.IsOverriddenInProduction(settingsFile, key)) &&
        !SuppliedByAppHost(settingsFile, key);

    /// <summary>Whether the Aspire app host running the project that holds <paramref name="settingsFile"/> sets <paramref name="key"/>.</summary>
    public bool SuppliedByAppHost(string settingsFile, string key) =>
        _projects.ProjectOf(settingsFile) is { } project && Supplied(AppHostSetting.ProjectKey(project.Name), key);

    /// <summary>Whether production code of the app that loads <paramref name="settingsFile"/> uses <paramref name="key"/>.</summary>
    public bool HasEffect(string settingsFile, string key)
    {
        var app = AppOf(settingsFile);
        var covering = app.Reads.Where(r => Covers(r.Read, key)).ToList();
        if (covering.Count > 0)
        {
            // Read in production, and not only as the fallback of a key the app host always sets.
            return covering.Any(r => r.Production && !r.Read.Preferred.Any(p => app.Project is { } project && Supplied(AppHostSetting.ProjectKey(project.Name), p)));
        }

        var section = key.Split(':')[0];
        if (!FrameworkSections.Contains(section))
        {
            return false;
        }

        // Connection strings are read by name: when the app names the ones it reads, the others are left over.
        return !section.Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase) ||
            !app.Reads.Any(r => r.Production && r.Read.Key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase));
    }

    private bool Supplied(string projectKey, string key) =>
        _appHost.Any(s => s.Project.Equals(projectKey, StringComparison.OrdinalIgnoreCase) && s.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    // A value read of the key or of a section above it; a section read of the key or above it.
    private static bool Covers(ConfigRead read, string key) =>
        read.Kind != ConfigReadKind.EnvironmentVariable &&
        (read.Key.Equals(key, StringComparison.OrdinalIgnoreCase) ||
         (key.Length > read.Key.Length && key[read.Key.Length] == ':' && key.StartsWith(read.Key, StringComparison.OrdinalIgnoreCase)));

    private AppReads AppOf(string settingsFile)
    {
        var project = _projects.ProjectOf(settingsFile);
        return _apps.GetOrAdd(project?.Path ?? string.Empty, _ => Collect(project));
    }

    // The reads of the app's own code: files of the project and the projects it references that ship.
    private AppReads Collect(ProjectFact? project)
    {
        var members = project is null ? null : new HashSet<string>(_projects.Closure(project).Select(p => p.Path), PathNormalizer.Comparer);
        bool InApp(string path) =>
            _projects.ScopeOf(path) == CodeScopes.Production &&
            (members is null || (_projects.ProjectOf(path) is { } owner && members.Contains(owner.Path)));

        // Methods this app only ever calls under a development guard (another app may call them unguarded):
        // by "Type.Method" where the app calls it that way, else by name.
        var guarded = new HashSet<string>(StringComparer.Ordinal);
        var elsewhere = new HashSet<string>(StringComparer.Ordinal);
        var guardedQualified = new HashSet<string>(StringComparer.Ordinal);
        var elsewhereQualified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, bag) in _models.Bags)
        {
            if (!(bag.Has(typeof(CallSites)) || bag.Has(typeof(QualifiedCallSites))) || !InApp(path))
            {
                continue;
            }

            foreach (var sites in bag.OfType<CallSites>())
            {
                guarded.UnionWith(sites.UnderDevelopmentGuard);
                elsewhere.UnionWith(sites.Elsewhere);
            }

            foreach (var sites in bag.OfType<QualifiedCallSites>())
            {
                guardedQualified.UnionWith(sites.UnderDevelopmentGuard);
                elsewhereQualified.UnionWith(sites.Elsewhere);
            }
        }

        guarded.ExceptWith(elsewhere);
        bool DevelopmentOnlyMember(string member) =>
            guardedQualified.Contains(member) || elsewhereQualified.Contains(member)
                ? !elsewhereQualified.Contains(member)
                : guarded.Contains(CodeScope.MethodName(member));

        var reads = _models.All<ConfigRead>()
            .Where(r => !r.PresenceOnly && InApp(r.Path))
            .Select(r => (r, !r.DevelopmentOnly && !(r.Member is { } m && DevelopmentOnlyMember(m))))
            .ToList();
        return new AppReads(project, reads);
    }

    private sealed record AppReads(ProjectFact? Project, List<(ConfigRead Read, bool Production)> Reads);
}
