using System.Collections.Concurrent;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// The EF Core model of one app (a web project and the projects it references): its contexts and
/// their sets, entities with keys, unique indexes, concurrency tokens and owners, the provider,
/// and the workspace's own data-access methods. Get one from <see cref="EfModel.For"/>.
/// </summary>
internal sealed class EfView
{
    // The framework's context base classes; a workspace context derives from one, perhaps through its own base.
    private static readonly HashSet<string> ContextBases = new(StringComparer.Ordinal)
    {
        "DbContext", "IdentityDbContext", "IdentityUserContext", "ApiAuthorizationDbContext", "KeyApiAuthorizationDbContext", "AbpDbContext",
    };

    private static readonly HashSet<string> IdentityContextBases = new(StringComparer.Ordinal)
    {
        "IdentityDbContext", "IdentityUserContext", "ApiAuthorizationDbContext", "KeyApiAuthorizationDbContext",
    };

    // Names an app gives the entity its users sign in as.
    private static readonly HashSet<string> UserEntityNames = new(StringComparer.Ordinal)
    {
        "User", "Users", "AppUser", "ApplicationUser", "UserAccount", "IdentityUser", "Member", "Customer", "Person", "UserProfile",
    };

    // Foreign keys that name whose row it is.
    private static readonly string[] OwnerNames =
    [
        "UserId", "OwnerId", "CustomerId", "AuthorId", "ApplicationUserId", "AppUserId", "IdentityUserId", "BuyerId", "MemberId",
        "OwnerUserId", "AccountOwnerId",
    ];

    private readonly Dictionary<string, List<EfTypeFact>> _types;
    private readonly List<EfConfigFact> _configuration;
    private readonly List<EfProviderFact> _providers;
    private readonly List<EfRegistrationFact> _registrations;
    private readonly List<EfLazyLoadingFact> _lazyLoading;
    // By method name: resolve asks for one name at a time, thousands of times in a large workspace.
    private readonly ILookup<string, DataAccessMethod> _methods;
    private readonly HashSet<RawSqlKind> _rawSql;
    private readonly IReadOnlySet<EfProvider> _referencedProviders;
    private readonly Dictionary<string, Dictionary<string, string>> _setsByContext = new(StringComparer.Ordinal);
    private readonly HashSet<string> _contextInterfaces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _entityNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _identityUsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EfEntity?> _entities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigurationPlace?> _places = new(StringComparer.Ordinal);

    internal EfView(
        IEnumerable<EfTypeFact> types,
        IEnumerable<EfConfigFact> configuration,
        IEnumerable<EfProviderFact> providers,
        IEnumerable<EfRegistrationFact> registrations,
        IEnumerable<EfLazyLoadingFact> lazyLoading,
        IEnumerable<DataAccessMethod> methods,
        IEnumerable<RawSqlAccess> rawSql,
        IReadOnlySet<EfProvider> referencedProviders)
    {
        _types = types.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _configuration = [.. configuration];
        _providers = [.. providers];
        _registrations = [.. registrations];
        _lazyLoading = [.. lazyLoading];
        _methods = methods.ToLookup(m => m.Method, StringComparer.Ordinal);
        _rawSql = [.. rawSql.Select(r => r.Kind)];
        _referencedProviders = referencedProviders;
        IndexContexts();
    }

    /// <summary>The app's contexts, by class name.</summary>
    public IReadOnlyCollection<string> Contexts => _setsByContext.Keys;

    /// <summary>Whether the app sends SQL through Dapper.</summary>
    public bool UsesDapper => _rawSql.Contains(RawSqlKind.Dapper);

    /// <summary>Whether the app sends SQL through ADO.NET commands.</summary>
    public bool UsesAdoNet => _rawSql.Contains(RawSqlKind.AdoNet);

    /// <summary>Whether <paramref name="type"/> is a context of the app, or an interface a context implements (<c>IApplicationDbContext</c>).</summary>
    public bool IsContext(string type) => _setsByContext.ContainsKey(type) || _contextInterfaces.Contains(type);

    /// <summary>Whether <paramref name="type"/> is mapped as an entity (a set of a context, configured, or an Identity user).</summary>
    public bool IsEntity(string type) => _entityNames.Contains(type);

    /// <summary>
    /// The entity behind <c>context.Set</c>. <paramref name="context"/> is the receiver's declared
    /// type when the code says it; when null (or a type parameter), every context of the app is
    /// searched and the set must mean one entity.
    /// </summary>
    public string? EntityOfSet(string? context, string set)
    {
        if (context is not null && _setsByContext.TryGetValue(context, out var sets))
        {
            return sets.GetValueOrDefault(set);
        }

        if (context is not null && !_contextInterfaces.Contains(context) && !IsTypeParameter(context) && _types.ContainsKey(context))
        {
            return null; // A type of the workspace that is not a context: `order.Items` is not a table.
        }

        var entities = _setsByContext.Values.Select(s => s.GetValueOrDefault(set)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return entities.Count == 1 ? entities[0] : null;
    }

    /// <summary>The entity a table reference means: <c>db.Orders</c>, <c>db.Set&lt;Order&gt;()</c>, a <c>DbSet&lt;Order&gt;</c> field.</summary>
    public string? EntityOf(EfSetRef table) =>
        table.Entity is { } entity ? (IsEntity(entity) ? entity : null) : table.Set is { } set ? EntityOfSet(table.Context, set) : null;

    /// <summary>Everything the app configures about <paramref name="name"/>, or null when it is not an entity.</summary>
    public EfEntity? Entity(string name) =>
        _entities.GetOrAdd(name, n => IsEntity(n) ? BuildEntity(n) : null);

    /// <summary>Whether the database enforces that <paramref name="properties"/> of <paramref name="entity"/> are unique together.</summary>
    public bool HasUniqueIndex(string entity, IReadOnlyCollection<string> properties) => Entity(entity)?.UniqueOver(properties) is not null;

    /// <summary>The entity's concurrency token, or null: a row version or a concurrency-checked property.</summary>
    public EfConfigFact? ConcurrencyToken(string entity) => Entity(entity)?.ConcurrencyTokens.FirstOrDefault();

    /// <summary>
    /// Whether a concurrency token on <paramref name="entity"/> stops a lost update with the app's
    /// provider. SQLite never changes a row version on update (<c>[Timestamp]</c>,
    /// <c>IsRowVersion()</c>): there it protects nothing; a token the app sets itself
    /// (<c>[ConcurrencyCheck]</c>) works everywhere.
    /// </summary>
    public bool TokenProtects(string entity, string? context)
    {
        var tokens = Entity(entity)?.ConcurrencyTokens.ToList() ?? [];
        if (tokens.Count == 0)
        {
            return false;
        }

        var providers = Provider(context);
        var sqliteOnly = providers.Count > 0 && providers.All(p => p is EfProvider.Sqlite or EfProvider.InMemory) && providers.Contains(EfProvider.Sqlite);
        return tokens.Any(t => !sqliteOnly || (t.Kind == EfConfigKind.ConcurrencyToken && !IsBinary(entity, t)));
    }

    /// <summary>
    /// The property that says which user a row belongs to: a foreign key named like
    /// <c>UserId</c>, <c>OwnerId</c>, <c>CustomerId</c>, <c>AuthorId</c>, or one named after the app's
    /// user entity, or a navigation to the user entity (its foreign key when declared). Null when
    /// the entity does not belong to a user, or is not an entity.
    /// </summary>
    public string? OwnerProperty(string entity)
    {
        var model = Entity(entity);
        if (model is null || IsUserEntity(entity))
        {
            return null;
        }

        var mapped = model.Properties.Where(p => !p.Flags.HasFlag(EfPropertyFlags.NotMapped)).ToList();
        foreach (var name in OwnerNames.Concat(UserEntities.Select(u => u + "Id")))
        {
            if (mapped.FirstOrDefault(p => p.Name == name) is { } found)
            {
                return found.Name;
            }
        }

        var navigation = mapped.FirstOrDefault(p => !p.Flags.HasFlag(EfPropertyFlags.Collection) && IsUserEntity(p.Type));
        if (navigation is null)
        {
            return null;
        }

        return mapped.FirstOrDefault(p => p.Name == navigation.Name + "Id")?.Name ?? navigation.Name;
    }

    /// <summary>Whether <paramref name="entity"/> is the one users sign in as: an Identity user, or an entity named like one.</summary>
    public bool IsUserEntity(string entity) => _identityUsers.Contains(entity) || (IsEntity(entity) && UserEntityNames.Contains(entity));

    /// <summary>The entities users sign in as.</summary>
    public IEnumerable<string> UserEntities => _identityUsers.Concat(_entityNames.Where(UserEntityNames.Contains)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The providers the context runs on in production: those chosen outside development guards
    /// (all chosen ones when every choice is guarded), else the provider packages the app references.
    /// A null context means any context of the app.
    /// </summary>
    public IReadOnlySet<EfProvider> Provider(string? context)
    {
        var chosen = _providers.Where(p => context is null || p.Context is null || p.Context == context || Implements(context, p.Context)).ToList();
        var production = chosen.Where(p => !p.DevelopmentOnly).ToList();
        var providers = (production.Count > 0 ? production : chosen).Select(p => p.Provider).ToHashSet();
        return providers.Count > 0 ? providers : _referencedProviders;
    }

    /// <summary>Whether lazy-loading proxies are on for the context (any context when null).</summary>
    public bool LazyLoading(string? context) =>
        _lazyLoading.Any(l => context is null || l.Context is null || l.Context == context || Implements(context, l.Context));

    /// <summary>How the context is registered, when the app says.</summary>
    public IEnumerable<EfRegistrationFact> Registrations(string context) => _registrations.Where(r => r.Context == context);

    /// <summary>
    /// Where a fix adds configuration for <paramref name="entity"/>: its
    /// <c>IEntityTypeConfiguration&lt;T&gt;</c> class when it has one, otherwise the context that
    /// maps it (its <c>OnModelCreating</c>, created when missing). Null when neither is in the app.
    /// </summary>
    public ConfigurationPlace? WhereToConfigure(string entity) => _places.GetOrAdd(entity, FindPlace);

    private ConfigurationPlace? FindPlace(string entity)
    {
        foreach (var (name, declarations) in _types)
        {
            foreach (var declaration in declarations)
            {
                if (declaration.Bases.Any(b => b.Name == "IEntityTypeConfiguration" && b.Argument == entity))
                {
                    return new ConfigurationPlace(ConfigurationPlaceKind.ConfigurationClass, name, declaration.Path, declaration.Span);
                }
            }
        }

        var context = _setsByContext.Where(c => c.Value.ContainsValue(entity)).Select(c => c.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        if (context is null || !_types.TryGetValue(context, out var contexts))
        {
            return null;
        }

        // A partial context: the part that already configures the model.
        var withModel = contexts.FirstOrDefault(c => _configuration.Any(f => f.Owner == context && f.Source == EfConfigSource.Fluent && f.Path == c.Path)) ?? contexts[0];
        return new ConfigurationPlace(ConfigurationPlaceKind.Context, context, withModel.Path, withModel.Span);
    }

    /// <summary>
    /// The workspace's methods named <paramref name="method"/> on <paramref name="type"/> or on a
    /// type that implements or derives from it (a call through <c>IOrderRepository</c> finds
    /// <c>OrderRepository</c>'s method).
    /// </summary>
    public IEnumerable<DataAccessMethod> Methods(string type, string method) =>
        _methods[method].Where(m => m.Type == type || m.Bases.Contains(type));

    /// <inheritdoc cref="Methods(string, string)"/>
    public IEnumerable<DataAccessMethod> Methods(EfMethodRef reference) => Methods(reference.Type, reference.Method);

    /// <summary>
    /// The workspace's methods a call may run: <see cref="Methods(EfMethodRef)"/>, and those a
    /// request handler among them hands its work to (one step: the handler calls its repository).
    /// </summary>
    public IEnumerable<DataAccessMethod> Reached(EfMethodRef reference)
    {
        foreach (var method in Methods(reference))
        {
            yield return method;
            foreach (var next in method.Delegates)
            {
                foreach (var delegated in Methods(next))
                {
                    yield return delegated;
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="method"/> reaches the database: it saves or sends SQL, or one of the
    /// LINQ chains it runs starts at a table of the model (not at a list a parameter holds).
    /// </summary>
    public bool Queries(DataAccessMethod method) =>
        method.Flags.HasFlag(DataAccessFlags.Queries) && (method.Tables.Count == 0 || method.Tables.Any(t => EntityOf(t) is not null));

    /// <summary>The context a workspace type's constructor takes, or null when it takes none.</summary>
    public string? ContextTakenBy(string type) =>
        _types.TryGetValue(type, out var declarations)
            ? declarations.SelectMany(d => d.ConstructorParameterTypes).FirstOrDefault(IsContext)
            : null;

    /// <summary>Where a type is declared, for related locations.</summary>
    public EfTypeFact? Declaration(string type) => _types.TryGetValue(type, out var declarations) ? declarations[0] : null;

    private static bool IsTypeParameter(string name) => name.Length > 1 && name[0] == 'T' && char.IsUpper(name[1]) || name == "T";

    private bool IsBinary(string entity, EfConfigFact token) =>
        token.Properties.Count == 1 && (Entity(entity)?.Property(token.Properties[0])?.Type is "byte[]" || token.Properties[0] == "RowVersion");

    // A registration or provider naming an interface (AddDbContext<IAppDbContext, AppDbContext>) or a base context.
    private bool Implements(string type, string other) =>
        BaseChain(type).Any(b => b.Name == other);

    private void IndexContexts()
    {
        foreach (var name in _types.Keys)
        {
            if (!BaseChain(name).Any(b => ContextBases.Contains(b.Name)))
            {
                continue;
            }

            var sets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var type in SelfAndBaseTypes(name))
            {
                foreach (var property in _types[type].SelectMany(t => t.Properties))
                {
                    if (property.Flags.HasFlag(EfPropertyFlags.DbSet) && property.ElementType is { } element)
                    {
                        sets.TryAdd(property.Name, element);
                    }
                }
            }

            var identity = BaseChain(name).FirstOrDefault(b => IdentityContextBases.Contains(b.Name));
            if (identity is not null)
            {
                var user = identity.Argument ?? "IdentityUser";
                sets.TryAdd("Users", user);
                _identityUsers.Add(user);
            }

            _setsByContext[name] = sets;
            foreach (var implemented in _types[name].SelectMany(t => t.Bases).Where(b => _types.TryGetValue(b.Name, out var i) && i.Any(d => d.Kind == EfTypeKind.Interface)))
            {
                _contextInterfaces.Add(implemented.Name);
            }
        }

        // Interfaces a context implements, and any interface that lists sets (IApplicationDbContext).
        foreach (var (name, declarations) in _types)
        {
            if (declarations.Any(d => d.Kind == EfTypeKind.Interface) &&
                (_contextInterfaces.Contains(name) || declarations.Any(d => d.Properties.Any(p => p.Flags.HasFlag(EfPropertyFlags.DbSet)))))
            {
                _contextInterfaces.Add(name);
                _setsByContext.TryAdd(name, declarations.SelectMany(d => d.Properties)
                    .Where(p => p.Flags.HasFlag(EfPropertyFlags.DbSet) && p.ElementType is not null)
                    .GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().ElementType!, StringComparer.Ordinal));
            }
        }

        foreach (var sets in _setsByContext.Values)
        {
            _entityNames.UnionWith(sets.Values);
        }

        _entityNames.UnionWith(_configuration.Where(c => c.Source != EfConfigSource.Snapshot && c.Kind != EfConfigKind.Index).Select(c => c.Entity));
        foreach (var declarations in _types.Values)
        {
            foreach (var configured in declarations.SelectMany(d => d.Bases).Where(b => b.Name == "IEntityTypeConfiguration" && b.Argument is not null))
            {
                _entityNames.Add(configured.Argument!);
            }
        }

        // Classes deriving from IdentityUser are users even when the context is not an Identity context.
        foreach (var name in _types.Keys)
        {
            if (BaseChain(name).Any(b => b.Name == "IdentityUser"))
            {
                _identityUsers.Add(name);
            }
        }

        _entityNames.UnionWith(_identityUsers);

        // Navigations: an entity's reference or collection of a workspace type makes that type an entity too.
        var pending = new Queue<string>(_entityNames);
        while (pending.Count > 0)
        {
            var entity = pending.Dequeue();
            foreach (var type in SelfAndBaseTypes(entity))
            {
                foreach (var property in _types[type].SelectMany(t => t.Properties))
                {
                    var target = property.Flags.HasFlag(EfPropertyFlags.Collection) ? property.ElementType : property.Type;
                    if (target is not null && !property.Flags.HasFlag(EfPropertyFlags.NotMapped) && _types.TryGetValue(target, out var declared) &&
                        declared.Any(d => d.Kind != EfTypeKind.Interface && d.Properties.Count > 0) && IsEntityShaped(target) && _entityNames.Add(target))
                    {
                        pending.Enqueue(target);
                    }
                }
            }
        }
    }

    // A class with a key of its own: navigation targets are entities, value objects and DTO fields are not.
    private bool IsEntityShaped(string type) =>
        SelfAndBaseTypes(type).SelectMany(t => _types[t]).SelectMany(d => d.Properties).Any(p => p.Name == "Id" || p.Name == type + "Id" || p.Flags.HasFlag(EfPropertyFlags.Key));

    private EfEntity BuildEntity(string name)
    {
        var chain = SelfAndBaseTypes(name).ToList();
        var declarations = _types.TryGetValue(name, out var own) ? own : [];
        var properties = new List<EfProperty>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in chain)
        {
            foreach (var property in _types[type].SelectMany(t => t.Properties))
            {
                if (seen.Add(property.Name))
                {
                    properties.Add(property);
                }
            }
        }

        var names = new HashSet<string>(chain, StringComparer.Ordinal) { name };
        var configuration = _configuration.Where(c => names.Contains(c.Entity)).ToList();
        return new EfEntity(name, declarations, properties, configuration, _identityUsers.Contains(name));
    }

    /// <summary>The type and its base classes that the workspace declares, nearest first.</summary>
    private IEnumerable<string> SelfAndBaseTypes(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = name; current is not null && seen.Add(current) && _types.TryGetValue(current, out var declarations);)
        {
            yield return current;
            current = declarations.SelectMany(d => d.Bases).Select(b => b.Name).FirstOrDefault(b => _types.TryGetValue(b, out var t) && t.Any(d => d.Kind != EfTypeKind.Interface));
        }
    }

    // Every base type as written, through the workspace's own classes: AppDbContext -> BaseContext -> IdentityDbContext<AppUser>.
    private IEnumerable<EfTypeRef> BaseChain(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([name]);
        while (pending.Count > 0 && seen.Count < 32)
        {
            var current = pending.Dequeue();
            if (!seen.Add(current) || !_types.TryGetValue(current, out var declarations))
            {
                continue;
            }

            foreach (var reference in declarations.SelectMany(d => d.Bases))
            {
                yield return reference;
                pending.Enqueue(reference.Name);
            }
        }
    }
}

/// <summary>Where configuration for an entity can be added.</summary>
internal enum ConfigurationPlaceKind
{
    /// <summary>The entity's <c>IEntityTypeConfiguration&lt;T&gt;</c> class: add to its <c>Configure</c>.</summary>
    ConfigurationClass,

    /// <summary>The context that maps it: add to <c>OnModelCreating</c>, or create the override.</summary>
    Context,
}

/// <summary>A type where configuration for an entity goes, and where it is declared.</summary>
internal sealed record ConfigurationPlace(ConfigurationPlaceKind Kind, string Type, string Path, FactSpan Span);
