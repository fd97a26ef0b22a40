using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>What kind of type a <see cref="EfTypeFact"/> describes.</summary>
internal enum EfTypeKind
{
    Class,
    Record,
    Interface,
}

/// <summary>What the code says about a property beyond its name and type.</summary>
[Flags]
internal enum EfPropertyFlags
{
    None = 0,

    /// <summary><c>[Key]</c>.</summary>
    Key = 1,

    /// <summary><c>virtual</c>: a navigation that lazy-loading proxies can load on first touch.</summary>
    Virtual = 2,

    /// <summary><c>[NotMapped]</c>, or a property without a setter that EF cannot map.</summary>
    NotMapped = 4,

    /// <summary>A collection type (<c>List&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>T[]</c>): with an entity element, a collection navigation.</summary>
    Collection = 8,

    /// <summary><c>DbSet&lt;T&gt;</c> (or <c>IDbSet</c>, <c>IQueryable</c> on a context interface).</summary>
    DbSet = 16,
}

/// <summary>A property as declared: <see cref="ElementType"/> is the generic argument of a collection or set.</summary>
internal sealed record EfProperty(string Name, string Type, string? ElementType, EfPropertyFlags Flags);

/// <summary>A base type or interface as written: its simple name and first generic argument (<c>IdentityDbContext&lt;AppUser&gt;</c>).</summary>
internal sealed record EfTypeRef(string Name, string? Argument);

/// <summary>
/// A class, record or interface of the workspace, with what tells contexts, entities,
/// configuration classes and services apart: its bases, its properties and the types its
/// constructors take. Which of them are entities is decided by the model, from every file.
/// </summary>
internal sealed record EfTypeFact(
    string Name,
    EfTypeKind Kind,
    string Path,
    FactSpan Span,
    EquatableArray<EfTypeRef> Bases,
    EquatableArray<EfProperty> Properties,
    EquatableArray<string> ConstructorParameterTypes);

/// <summary>A piece of model configuration about one entity.</summary>
internal enum EfConfigKind
{
    /// <summary>The primary key (<c>HasKey</c>, <c>[Key]</c>, <c>[PrimaryKey]</c>).</summary>
    Key,

    /// <summary><c>HasAlternateKey</c>: unique, enforced by the database.</summary>
    AlternateKey,

    /// <summary><c>HasIndex(...).IsUnique()</c>, <c>[Index(..., IsUnique = true)]</c>.</summary>
    UniqueIndex,

    /// <summary>An index that is not unique.</summary>
    Index,

    /// <summary><c>IsRowVersion()</c>, <c>[Timestamp]</c>: a value the database changes on every update.</summary>
    RowVersion,

    /// <summary><c>IsConcurrencyToken()</c>, <c>[ConcurrencyCheck]</c>, <c>UseXminAsConcurrencyToken()</c>.</summary>
    ConcurrencyToken,

    /// <summary><c>HasQueryFilter(...)</c>: every query of the entity gets this predicate.</summary>
    QueryFilter,

    /// <summary><c>HasData(...)</c>: rows the model seeds, the mark of a fixed lookup table.</summary>
    Seed,

    /// <summary><c>HasNoKey()</c>, <c>[Keyless]</c>: a view or a raw query result, not a table.</summary>
    Keyless,
}

/// <summary>Where a piece of configuration was written.</summary>
internal enum EfConfigSource
{
    /// <summary><c>OnModelCreating</c> or an <c>IEntityTypeConfiguration&lt;T&gt;</c>.</summary>
    Fluent,

    /// <summary>An attribute on the entity class or its property.</summary>
    Attribute,

    /// <summary>A migrations model snapshot: what the database has after the last migration.</summary>
    Snapshot,
}

/// <summary>
/// One piece of configuration about <see cref="Entity"/>. <see cref="Owner"/> is the type it is
/// written in (the context, the configuration class, the entity itself for attributes).
/// </summary>
internal sealed record EfConfigFact(
    string Entity,
    EfConfigKind Kind,
    EquatableArray<string> Properties,
    string Owner,
    EfConfigSource Source,
    string Path,
    FactSpan Span);

/// <summary>The database engine behind a context.</summary>
internal enum EfProvider
{
    SqlServer,
    Sqlite,
    Npgsql,
    MySql,
    InMemory,
    Cosmos,
    Oracle,
}

/// <summary>
/// A provider chosen for <see cref="Context"/> (null when the code does not say which context,
/// an options builder passed around). <see cref="DevelopmentOnly"/>: under a development guard.
/// </summary>
internal sealed record EfProviderFact(string? Context, EfProvider Provider, bool DevelopmentOnly, string Path, FactSpan Span);

/// <summary>How a context is registered with dependency injection.</summary>
internal enum EfLifetime
{
    /// <summary><c>AddDbContext</c>: one per request, the default.</summary>
    Scoped,

    /// <summary><c>AddDbContextPool</c>, Aspire's <c>Add*DbContext</c>: pooled, one per request.</summary>
    Pooled,

    /// <summary><c>AddDbContextFactory</c>: created and disposed by the code that asks.</summary>
    Factory,

    /// <summary><c>AddDbContext(..., ServiceLifetime.Singleton)</c>: one for the whole app.</summary>
    Singleton,

    /// <summary><c>ServiceLifetime.Transient</c>.</summary>
    Transient,
}

/// <summary>A context registered with dependency injection.</summary>
internal sealed record EfRegistrationFact(string Context, EfLifetime Lifetime, string Path, FactSpan Span);

/// <summary><c>UseLazyLoadingProxies()</c>: virtual navigations of <see cref="Context"/> (any when null) load on first touch.</summary>
internal sealed record EfLazyLoadingFact(string? Context, string Path);

/// <summary>What a method of the workspace does with the database.</summary>
[Flags]
internal enum DataAccessFlags
{
    None = 0,

    /// <summary>Runs at least one query or command (a LINQ query made concrete, <c>Find</c>, Dapper, ADO.NET).</summary>
    Queries = 1,

    /// <summary>Returns every row of a table: a set made concrete with no filter and no limit.</summary>
    ReturnsWholeTable = 2,

    /// <summary>Calls <c>SaveChanges</c>.</summary>
    Saves = 4,

    /// <summary>Returns a query that is not yet run (<c>IQueryable</c>), so the caller may still filter and page.</summary>
    ReturnsQuery = 8,
}

/// <summary>
/// A table as code names it: a set of a context (<c>db.Orders</c>: <see cref="Context"/> is the
/// receiver's declared type when the file says it, <see cref="Set"/> the property), or an entity
/// type directly (<c>db.Set&lt;Order&gt;()</c>, a <c>DbSet&lt;Order&gt;</c> field).
/// </summary>
internal sealed record EfSetRef(string? Context, string? Set, string? Entity);

/// <summary>
/// A method of the workspace (a repository's, a service's) that touches the database, so a call to
/// it from a loop or an endpoint can be judged where the call is. <see cref="Bases"/> are the
/// declaring type's bases and interfaces, so a call through <c>IOrderRepository</c> finds it.
/// <see cref="Tables"/> are where its LINQ queries start when nothing else it does surely reaches
/// the database (empty otherwise): it queries only if one of them is a table of the model.
/// </summary>
internal sealed record DataAccessMethod(
    string Type,
    EquatableArray<string> Bases,
    string Method,
    DataAccessFlags Flags,
    EfSetRef? WholeTable,
    EfLookup? Lookup,
    EfSetRef? Inserts,
    EquatableArray<EfSetRef> Tables,
    string Path,
    FactSpan Span)
{
    /// <summary>The workspace methods it hands its work to (a request handler calling its repository), followed one step.</summary>
    public EquatableArray<EfMethodRef> Delegates { get; init; } = EquatableArray<EfMethodRef>.Empty;
}

/// <summary>
/// A query that looks a row up by the values of some properties (<c>AnyAsync(u =&gt; u.Email == email)</c>):
/// <see cref="Properties"/> are those compared for equality, the shape of a uniqueness check.
/// </summary>
internal sealed record EfLookup(EfSetRef Table, EquatableArray<string> Properties);

/// <summary>SQL sent without EF Core: Dapper or ADO.NET commands.</summary>
internal enum RawSqlKind
{
    Dapper,
    AdoNet,
}

/// <summary>A file that sends SQL through Dapper or ADO.NET.</summary>
internal sealed record RawSqlAccess(RawSqlKind Kind, string Path);

/// <summary>
/// A call to a method of the workspace, as the calling file names it: <see cref="Type"/> is the
/// receiver's declared type (an interface, a class, <c>IRequestHandler&lt;CreateOrder&gt;</c> for a
/// mediator's <c>Send</c>), or the calling class for a call without receiver.
/// </summary>
internal sealed record EfMethodRef(string Type, string Method);
