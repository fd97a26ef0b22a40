using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// One entity as the whole app configures it: its properties (inherited ones included), keys,
/// unique indexes, concurrency tokens, query filters and navigations, gathered from the entity
/// class, its base classes, <c>OnModelCreating</c>, its configuration class and the snapshot.
/// </summary>
internal sealed class EfEntity
{
    public EfEntity(
        string name,
        IReadOnlyList<EfTypeFact> declarations,
        IReadOnlyList<EfProperty> properties,
        IReadOnlyList<EfConfigFact> configuration,
        bool isIdentityUser)
    {
        Name = name;
        Declarations = declarations;
        Properties = properties;
        Configuration = configuration;
        IsIdentityUser = isIdentityUser;
        Keys = KeysOf();
    }

    public string Name { get; }

    /// <summary>The class declarations (several for a partial class), empty for a type the workspace does not declare (<c>IdentityUser</c>).</summary>
    public IReadOnlyList<EfTypeFact> Declarations { get; }

    /// <summary>Mapped properties, its own first, then those of its base classes.</summary>
    public IReadOnlyList<EfProperty> Properties { get; }

    /// <summary>Every piece of configuration about it or its base classes.</summary>
    public IReadOnlyList<EfConfigFact> Configuration { get; }

    /// <summary>An ASP.NET Core Identity user (derives from <c>IdentityUser</c>).</summary>
    public bool IsIdentityUser { get; }

    /// <summary>The primary key's properties: configured, <c>[Key]</c>, or by convention <c>Id</c> / <c>{Entity}Id</c>.</summary>
    public EquatableArray<string> Keys { get; }

    public EfProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public bool IsKeyless => Configuration.Any(c => c.Kind == EfConfigKind.Keyless);

    /// <summary>Seeded with <c>HasData</c>: the shape of a fixed lookup table.</summary>
    public bool IsSeeded => Configuration.Any(c => c.Kind == EfConfigKind.Seed);

    /// <summary>Where the entity is declared, for related locations and hovers.</summary>
    public EfTypeFact? Declaration => Declarations.FirstOrDefault();

    /// <summary>
    /// The configuration that makes <paramref name="properties"/> unique together: a key, an
    /// alternate key or a unique index on them or on a subset of them (unique on Email makes
    /// Email + TenantId unique too). Null when the database does not enforce it.
    /// </summary>
    public UniqueConstraint? UniqueOver(IReadOnlyCollection<string> properties)
    {
        if (properties.Count == 0)
        {
            return null;
        }

        var wanted = new HashSet<string>(properties.SelectMany(Aliases), StringComparer.Ordinal);
        if (Keys.Count > 0 && Keys.All(wanted.Contains))
        {
            var key = Configuration.FirstOrDefault(c => c.Kind == EfConfigKind.Key);
            return new UniqueConstraint(EfConfigKind.Key, Keys, key);
        }

        foreach (var config in Configuration)
        {
            if (config.Kind is EfConfigKind.UniqueIndex or EfConfigKind.AlternateKey && config.Properties.Count > 0 && config.Properties.All(wanted.Contains))
            {
                return new UniqueConstraint(config.Kind, config.Properties, config);
            }
        }

        // Identity's own model: a unique index on NormalizedUserName (the user name), none on the e-mail.
        if (IsIdentityUser && wanted.Contains("NormalizedUserName"))
        {
            return new UniqueConstraint(EfConfigKind.UniqueIndex, new[] { "NormalizedUserName" }, null);
        }

        return null;
    }

    /// <summary>The concurrency tokens configured on the entity or its base classes.</summary>
    public IEnumerable<EfConfigFact> ConcurrencyTokens =>
        Configuration.Where(c => c.Kind is EfConfigKind.RowVersion or EfConfigKind.ConcurrencyToken);

    /// <summary>The properties every query of the entity is filtered on (<c>HasQueryFilter</c>).</summary>
    public IEnumerable<string> QueryFilterProperties =>
        Configuration.Where(c => c.Kind == EfConfigKind.QueryFilter).SelectMany(c => c.Properties).Distinct(StringComparer.Ordinal);

    // Identity compares the normalized columns: a lookup by UserName is a lookup by NormalizedUserName.
    private IEnumerable<string> Aliases(string property)
    {
        yield return property;
        if (IsIdentityUser && property is "UserName" or "Email")
        {
            yield return "Normalized" + property;
        }
    }

    private EquatableArray<string> KeysOf()
    {
        var configured = Configuration.FirstOrDefault(c => c.Kind == EfConfigKind.Key && c.Properties.Count > 0);
        if (configured is not null)
        {
            return configured.Properties;
        }

        var attributed = Properties.Where(p => p.Flags.HasFlag(EfPropertyFlags.Key)).Select(p => p.Name).ToEquatableArray();
        if (attributed.Count > 0)
        {
            return attributed;
        }

        var conventional = Properties.FirstOrDefault(p => p.Name == "Id" || p.Name == Name + "Id")?.Name ?? (IsIdentityUser ? "Id" : null);
        return conventional is null ? EquatableArray<string>.Empty : new[] { conventional };
    }
}

/// <summary>A constraint the database enforces; <see cref="Source"/> is null for one that comes with the framework (Identity's).</summary>
internal sealed record UniqueConstraint(EfConfigKind Kind, EquatableArray<string> Properties, EfConfigFact? Source);
