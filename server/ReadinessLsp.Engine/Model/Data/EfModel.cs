using System.Collections.Concurrent;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// The EF Core model across files, answered per app: <see cref="For"/> gives the view of the apps
/// a file is part of (<see cref="ProjectIndex.AppsOf"/>), so one app's unique index never silences
/// another app's finding in the same repository. Built from the types, configuration, providers
/// and data-access methods every C# file contributes.
/// </summary>
internal sealed class EfModel : IWorkspaceModel<EfModel>, IEquatable<EfModel>
{
    private static readonly (string Package, EfProvider Provider)[] ProviderPackages =
    [
        ("Microsoft.EntityFrameworkCore.SqlServer", EfProvider.SqlServer), ("Microsoft.EntityFrameworkCore.Sqlite", EfProvider.Sqlite),
        ("Npgsql.EntityFrameworkCore.PostgreSQL", EfProvider.Npgsql), ("Pomelo.EntityFrameworkCore.MySql", EfProvider.MySql),
        ("MySql.EntityFrameworkCore", EfProvider.MySql), ("Microsoft.EntityFrameworkCore.InMemory", EfProvider.InMemory),
        ("Microsoft.EntityFrameworkCore.Cosmos", EfProvider.Cosmos), ("Oracle.EntityFrameworkCore", EfProvider.Oracle),
        ("Aspire.Microsoft.EntityFrameworkCore.SqlServer", EfProvider.SqlServer), ("Aspire.Npgsql.EntityFrameworkCore.PostgreSQL", EfProvider.Npgsql),
    ];

    private readonly ProjectIndex _projects;
    private readonly Facts _all;
    private readonly Dictionary<string, Facts> _byApp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EfView> _views = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<object>> _signature;

    private EfModel(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        _all = new Facts(
            [.. models.All<EfTypeFact>()],
            [.. models.All<EfConfigFact>()],
            [.. models.All<EfProviderFact>()],
            [.. models.All<EfRegistrationFact>()],
            [.. models.All<EfLazyLoadingFact>()],
            [.. models.All<DataAccessMethod>()],
            [.. models.All<RawSqlAccess>()]);
        var appsByFolder = new Dictionary<string, IReadOnlyList<string>>(PathNormalizer.Comparer);
        IReadOnlyList<string> AppsOf(string path)
        {
            var folder = Path.GetDirectoryName(path) ?? string.Empty;
            if (!appsByFolder.TryGetValue(folder, out var apps))
            {
                appsByFolder[folder] = apps = _projects.AppsOf(path);
            }

            return apps;
        }

        void Add<T>(IEnumerable<T> facts, Func<T, string> path, Func<Facts, List<T>> list)
        {
            foreach (var fact in facts)
            {
                foreach (var app in AppsOf(path(fact)))
                {
                    if (!_byApp.TryGetValue(app, out var bucket))
                    {
                        _byApp[app] = bucket = new Facts([], [], [], [], [], [], []);
                    }

                    list(bucket).Add(fact);
                }
            }
        }

        Add(_all.Types, f => f.Path, b => b.Types);
        Add(_all.Configuration, f => f.Path, b => b.Configuration);
        Add(_all.Providers, f => f.Path, b => b.Providers);
        Add(_all.Registrations, f => f.Path, b => b.Registrations);
        Add(_all.LazyLoading, f => f.Path, b => b.LazyLoading);
        Add(_all.Methods, f => f.Path, b => b.Methods);
        Add(_all.RawSql, f => f.Path, b => b.RawSql);
        _signature = new Lazy<IReadOnlyList<object>>(Signature);
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } =
    [
        typeof(EfTypeFact), typeof(EfConfigFact), typeof(EfProviderFact), typeof(EfRegistrationFact), typeof(EfLazyLoadingFact),
        typeof(DataAccessMethod), typeof(RawSqlAccess), .. ProjectIndex.FactTypes,
    ];

    public static EfModel Build(WorkspaceModels models) => new(models);

    /// <summary>The EF Core model of the apps <paramref name="path"/> is part of.</summary>
    public EfView For(string path)
    {
        var apps = _projects.AppsOf(path);
        var key = apps.Count == 1 ? apps[0] : string.Join('\n', apps);
        return _views.GetOrAdd(key, _ => View(apps));
    }

    /// <inheritdoc cref="EfView.EntityOfSet"/>
    public string? EntityOfSet(string path, string? context, string set) => For(path).EntityOfSet(context, set);

    /// <inheritdoc cref="EfView.HasUniqueIndex"/>
    public bool HasUniqueIndex(string path, string entity, IReadOnlyCollection<string> properties) => For(path).HasUniqueIndex(entity, properties);

    /// <inheritdoc cref="EfView.ConcurrencyToken"/>
    public EfConfigFact? ConcurrencyToken(string path, string entity) => For(path).ConcurrencyToken(entity);

    /// <inheritdoc cref="EfView.OwnerProperty"/>
    public string? OwnerProperty(string path, string entity) => For(path).OwnerProperty(entity);

    /// <inheritdoc cref="EfView.Provider"/>
    public IReadOnlySet<EfProvider> Provider(string path, string? context) => For(path).Provider(context);

    /// <inheritdoc cref="EfView.WhereToConfigure"/>
    public ConfigurationPlace? WhereToConfigure(string path, string entity) => For(path).WhereToConfigure(entity);

    /// <summary>
    /// Equal when every answer would be: a property added to a DTO changes no finding, so nothing
    /// is re-resolved. Positions do not count (facts compare without them): a finding whose related
    /// location points into a changed file is re-resolved by the state anyway.
    /// </summary>
    public bool Equals(EfModel? other) =>
        other is not null && _signature.Value.Count == other._signature.Value.Count &&
        _signature.Value.Zip(other._signature.Value).All(p => p.First.Equals(p.Second));

    public override bool Equals(object? obj) => Equals(obj as EfModel);

    public override int GetHashCode() => _signature.Value.Count;

    private EfView View(IReadOnlyList<string> apps)
    {
        var buckets = apps.Select(a => _byApp.GetValueOrDefault(a)).OfType<Facts>().ToList();
        IEnumerable<T> Union<T>(Func<Facts, List<T>> list) => buckets.Count == 1 ? list(buckets[0]) : buckets.SelectMany(list).Distinct();
        return new EfView(
            Union(b => b.Types),
            Union(b => b.Configuration),
            Union(b => b.Providers),
            Union(b => b.Registrations),
            Union(b => b.LazyLoading),
            Union(b => b.Methods),
            Union(b => b.RawSql),
            ReferencedProviders(apps));
    }

    // Without a Use* call in sight (an options builder passed around), the provider packages the app references.
    private HashSet<EfProvider> ReferencedProviders(IReadOnlyList<string> apps)
    {
        var providers = new HashSet<EfProvider>();
        foreach (var app in apps)
        {
            var project = _projects.Projects.FirstOrDefault(p => PathNormalizer.Comparer.Equals(p.Path, app));
            if (project is null)
            {
                continue;
            }

            foreach (var (package, provider) in ProviderPackages)
            {
                if (_projects.References(project, package))
                {
                    providers.Add(provider);
                }
            }
        }

        return providers;
    }

    // Everything an answer can depend on: the facts that are not type shapes, and
    // the shapes of the types the model uses (contexts, entities and their bases, configuration
    // classes, types that take a context).
    private IReadOnlyList<object> Signature()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in _byApp.Keys.Select(a => For(AppPath(a))))
        {
            used.UnionWith(view.Contexts);
            foreach (var type in _all.Types)
            {
                if (view.IsEntity(type.Name) || view.ContextTakenBy(type.Name) is not null ||
                    type.Bases.Any(b => b.Name == "IEntityTypeConfiguration" || view.IsEntity(b.Name)))
                {
                    used.Add(type.Name);
                }
            }
        }

        // Base classes of what is used: their properties are inherited.
        foreach (var type in _all.Types.Where(t => used.Contains(t.Name)).ToList())
        {
            used.UnionWith(type.Bases.Select(b => b.Name));
        }

        var signature = new List<object>();
        signature.AddRange(_all.Types.Where(t => used.Contains(t.Name)));
        signature.AddRange(_all.Configuration);
        signature.AddRange(_all.Providers);
        signature.AddRange(_all.Registrations);
        signature.AddRange(_all.LazyLoading);
        signature.AddRange(_all.Methods);
        signature.AddRange(_all.RawSql);
        return signature;
    }

    // A path inside an app, so For() finds its view: the project file itself, or any path for the implicit app.
    private static string AppPath(string app) => app.Length == 0 ? "/" : app;

    private sealed record Facts(
        List<EfTypeFact> Types,
        List<EfConfigFact> Configuration,
        List<EfProviderFact> Providers,
        List<EfRegistrationFact> Registrations,
        List<EfLazyLoadingFact> LazyLoading,
        List<DataAccessMethod> Methods,
        List<RawSqlAccess> RawSql);
}
