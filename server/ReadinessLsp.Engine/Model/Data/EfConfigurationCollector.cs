using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Records EF Core's fluent configuration (keys, indexes, concurrency tokens, query filters, seed
/// data) wherever it is written: <c>OnModelCreating</c>, <c>IEntityTypeConfiguration&lt;T&gt;</c>,
/// <c>modelBuilder.Entity&lt;T&gt;(b =&gt; ...)</c> and the migrations snapshot; and how contexts
/// are set up: the provider, lazy-loading proxies and the lifetime they are registered with.
/// </summary>
internal sealed class EfConfigurationCollector : ICSharpFactCollector
{
    private static readonly Dictionary<string, EfProvider> ProviderCalls = new(StringComparer.Ordinal)
    {
        ["UseSqlServer"] = EfProvider.SqlServer, ["UseAzureSql"] = EfProvider.SqlServer, ["UseAzureSynapse"] = EfProvider.SqlServer,
        ["UseSqlite"] = EfProvider.Sqlite, ["UseNpgsql"] = EfProvider.Npgsql, ["UseMySql"] = EfProvider.MySql, ["UseMySQL"] = EfProvider.MySql,
        ["UseMariaDB"] = EfProvider.MySql, ["UseInMemoryDatabase"] = EfProvider.InMemory, ["UseCosmos"] = EfProvider.Cosmos,
        ["UseOracle"] = EfProvider.Oracle,
    };

    // Registration shortcuts that name the context and the provider at once (EF Core's and Aspire's).
    private static readonly Dictionary<string, (EfProvider? Provider, EfLifetime Lifetime)> RegistrationCalls = new(StringComparer.Ordinal)
    {
        ["AddDbContext"] = (null, EfLifetime.Scoped), ["AddDbContextPool"] = (null, EfLifetime.Pooled),
        ["AddDbContextFactory"] = (null, EfLifetime.Factory), ["AddPooledDbContextFactory"] = (null, EfLifetime.Factory),
        ["AddSqlServer"] = (EfProvider.SqlServer, EfLifetime.Scoped), ["AddSqlite"] = (EfProvider.Sqlite, EfLifetime.Scoped),
        ["AddNpgsql"] = (EfProvider.Npgsql, EfLifetime.Scoped), ["AddMySql"] = (EfProvider.MySql, EfLifetime.Scoped),
        ["AddCosmos"] = (EfProvider.Cosmos, EfLifetime.Scoped), ["AddOracle"] = (EfProvider.Oracle, EfLifetime.Scoped),
        ["AddSqlServerDbContext"] = (EfProvider.SqlServer, EfLifetime.Pooled), ["AddNpgsqlDbContext"] = (EfProvider.Npgsql, EfLifetime.Pooled),
        ["AddMySqlDbContext"] = (EfProvider.MySql, EfLifetime.Pooled), ["AddCosmosDbContext"] = (EfProvider.Cosmos, EfLifetime.Pooled),
        ["AddOracleDatabaseDbContext"] = (EfProvider.Oracle, EfLifetime.Pooled),
    };

    private static readonly HashSet<string> ConfigurationCalls = new(StringComparer.Ordinal)
    {
        "HasIndex", "HasKey", "HasAlternateKey", "IsRowVersion", "IsConcurrencyToken", "UseXminAsConcurrencyToken", "HasQueryFilter", "HasData", "HasNoKey",
    };

    // Builders of something other than the entity itself: configuration on them is not the entity's.
    private static readonly HashSet<string> OtherBuilders = new(StringComparer.Ordinal)
    {
        "OwnsOne", "OwnsMany", "HasOne", "HasMany", "WithOne", "WithMany", "ComplexProperty", "UsingEntity", "Navigation",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        .. ConfigurationCalls, .. ProviderCalls.Keys, .. RegistrationCalls.Keys, "UseLazyLoadingProxies",
    ];

    public IReadOnlyCollection<string>? Anchors => RequiredWords;

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        var name = call.MethodName();
        if (name is null)
        {
            return;
        }

        if (ConfigurationCalls.Contains(name))
        {
            Configuration(call, name, context);
        }
        else if (ProviderCalls.TryGetValue(name, out var provider))
        {
            context.Facts.Add(new EfProviderFact(ContextOf(call), provider, DevelopmentOnly(call, context), context.Path, context.RangeOf(call.Span)));
        }
        else if (name == "UseLazyLoadingProxies")
        {
            context.Facts.Add(new EfLazyLoadingFact(ContextOf(call), context.Path));
        }
        else if (RegistrationCalls.TryGetValue(name, out var registration) && GenericArgument(call) is { } registered)
        {
            context.Facts.Add(new EfRegistrationFact(registered, LifetimeOf(call, registration.Lifetime), context.Path, context.RangeOf(call.Span)));
            if (registration.Provider is { } shortcut)
            {
                context.Facts.Add(new EfProviderFact(registered, shortcut, DevelopmentOnly(call, context), context.Path, context.RangeOf(call.Span)));
            }
        }
    }

    private static void Configuration(InvocationExpressionSyntax call, string name, CSharpContext context)
    {
        var type = call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (type is null || IsMigration(type))
        {
            return; // A migration's designer file holds the model as it was then, not as it is now.
        }

        var source = type.BaseList?.Types.Any(b => CSharpFileModel.SimpleName(b.Type) == "ModelSnapshot") == true ? EfConfigSource.Snapshot : EfConfigSource.Fluent;
        var receiver = call.Receiver();
        EfConfigKind kind;
        EquatableArray<string> properties;
        switch (name)
        {
            case "HasIndex":
                kind = IsUnique(call) ? EfConfigKind.UniqueIndex : EfConfigKind.Index;
                properties = EfSyntax.PropertiesOf(call.ArgumentList.Arguments);
                break;
            case "HasKey":
            case "HasAlternateKey":
                kind = name == "HasKey" ? EfConfigKind.Key : EfConfigKind.AlternateKey;
                properties = EfSyntax.PropertiesOf(call.ArgumentList.Arguments);
                break;
            case "IsRowVersion":
            case "IsConcurrencyToken":
                if (call.ArgumentList.Arguments is [var flag] && flag.Expression.IsBooleanLiteral(false))
                {
                    return;
                }

                // The snapshot writes [Timestamp] as IsConcurrencyToken().ValueGeneratedOnAddOrUpdate().
                kind = name == "IsRowVersion" || call.FluentChain().Any(c => c.MethodName() == "ValueGeneratedOnAddOrUpdate")
                    ? EfConfigKind.RowVersion
                    : EfConfigKind.ConcurrencyToken;
                var property = PropertyCall(receiver);
                if (property is null)
                {
                    return;
                }

                properties = EfSyntax.PropertiesOf(property.ArgumentList.Arguments);
                receiver = property.Receiver();
                break;
            case "UseXminAsConcurrencyToken":
                kind = EfConfigKind.ConcurrencyToken;
                properties = new[] { "xmin" };
                break;
            case "HasQueryFilter":
                kind = EfConfigKind.QueryFilter;
                properties = call.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().LastOrDefault() is { } filter
                    ? EfSyntax.LambdaProperties(filter)
                    : EquatableArray<string>.Empty;
                break;
            case "HasData":
                kind = EfConfigKind.Seed;
                properties = EquatableArray<string>.Empty;
                break;
            default:
                kind = EfConfigKind.Keyless;
                properties = EquatableArray<string>.Empty;
                break;
        }

        if (receiver is not null && EntityOf(receiver, context.Model, 0) is { } entity)
        {
            context.Facts.Add(new EfConfigFact(entity, kind, properties, type.Identifier.ValueText, source, context.Path, context.RangeOf(call.Span)));
        }
    }

    // HasIndex(...).HasDatabaseName("x").IsUnique(): unique unless IsUnique(false).
    private static bool IsUnique(InvocationExpressionSyntax hasIndex)
    {
        var after = false;
        foreach (var call in hasIndex.FluentChain())
        {
            if (call == hasIndex)
            {
                after = true;
            }
            else if (after && call.MethodName() == "IsUnique")
            {
                return call.ArgumentList.Arguments is not [var flag] || !flag.Expression.IsBooleanLiteral(false);
            }
        }

        return false;
    }

    // Property(x => x.Version).HasColumnName("v").IsRowVersion(): the Property call below.
    private static InvocationExpressionSyntax? PropertyCall(ExpressionSyntax? receiver)
    {
        for (var depth = 0; receiver is InvocationExpressionSyntax call && depth < 10; depth++, receiver = call.Receiver())
        {
            if (call.MethodName() == "Property")
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>
    /// The entity an entity-type builder configures: <c>modelBuilder.Entity&lt;User&gt;()</c>, a
    /// parameter typed <c>EntityTypeBuilder&lt;User&gt;</c>, the parameter of
    /// <c>Entity&lt;User&gt;(b =&gt; ...)</c>, <c>Entity("Shop.User", b =&gt; ...)</c> in a snapshot.
    /// </summary>
    internal static string? EntityOf(ExpressionSyntax receiver, CSharpFileModel file, int depth)
    {
        if (depth > 12)
        {
            return null;
        }

        switch (receiver)
        {
            case InvocationExpressionSyntax call:
                var name = call.MethodName();
                if (name == "Entity")
                {
                    return EntityNamed(call);
                }

                return name is null || OtherBuilders.Contains(name) || call.Receiver() is not { } inner ? null : EntityOf(inner, file, depth + 1);
            case IdentifierNameSyntax identifier:
                var declared = file.DeclaredTypeOf(identifier);
                if (declared is not null)
                {
                    return CSharpFileModel.SimpleName(declared) == "EntityTypeBuilder" ? CSharpFileModel.FirstTypeArgument(declared) : null;
                }

                // The untyped parameter of `Entity<User>(b => { ... })`.
                var lambda = identifier.Ancestors().OfType<LambdaExpressionSyntax>().FirstOrDefault(l => ParameterName(l) == identifier.Identifier.ValueText);
                return lambda?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax owner } } && owner.MethodName() == "Entity"
                    ? EntityNamed(owner)
                    : null;
            default:
                return null;
        }
    }

    private static string? EntityNamed(InvocationExpressionSyntax entityCall)
    {
        if (entityCall.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: [var type] } })
        {
            return CSharpFileModel.SimpleName(type);
        }

        return entityCall.ArgumentList.Arguments.FirstOrDefault()?.Expression switch
        {
            TypeOfExpressionSyntax typeOf => CSharpFileModel.SimpleName(typeOf.Type),
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => EfSyntax.LastSegment(literal.Token.ValueText),
            _ => null,
        };
    }

    private static string? ParameterName(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var only] } => only.Identifier.ValueText,
        _ => null,
    };

    // The context a provider call configures: AddDbContext<T>(o => o.UseX()), OnConfiguring in T,
    // new DbContextOptionsBuilder<T>().UseX(). Null when the code does not say.
    private static string? ContextOf(InvocationExpressionSyntax call)
    {
        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case InvocationExpressionSyntax outer when outer.MethodName() is { } name && RegistrationCalls.ContainsKey(name) && GenericArgument(outer) is { } context:
                    return context;
                case MethodDeclarationSyntax { Identifier.ValueText: "OnConfiguring" } method when method.Parent is TypeDeclarationSyntax owner:
                    return owner.Identifier.ValueText;
                case TypeDeclarationSyntax:
                    break;
            }
        }

        for (var receiver = call.Receiver(); receiver is not null;)
        {
            switch (receiver)
            {
                case ObjectCreationExpressionSyntax { Type: var created } when CSharpFileModel.SimpleName(created) == "DbContextOptionsBuilder":
                    return CSharpFileModel.FirstTypeArgument(created);
                case InvocationExpressionSyntax inner:
                    receiver = inner.Receiver();
                    continue;
            }

            break;
        }

        return null;
    }

    private static string? GenericArgument(InvocationExpressionSyntax call) =>
        call.Expression switch
        {
            MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } when generic.TypeArgumentList.Arguments.Count > 0 =>
                CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[^1]),
            GenericNameSyntax generic when generic.TypeArgumentList.Arguments.Count > 0 => CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[^1]),
            _ => null,
        };

    // AddDbContext<T>(o => ..., ServiceLifetime.Singleton) or contextLifetime: ServiceLifetime.Singleton.
    private static EfLifetime LifetimeOf(InvocationExpressionSyntax call, EfLifetime registered)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Expression: var type, Name.Identifier.ValueText: var lifetime } &&
                type.ToString().EndsWith("ServiceLifetime", StringComparison.Ordinal) &&
                (argument.NameColon is null || argument.NameColon.Name.Identifier.ValueText == "contextLifetime"))
            {
                return lifetime switch
                {
                    "Singleton" => EfLifetime.Singleton,
                    "Transient" => EfLifetime.Transient,
                    _ => registered,
                };
            }
        }

        return registered;
    }

    // A design-time factory, a development guard, a migration: not the production database.
    private static bool DevelopmentOnly(InvocationExpressionSyntax call, CSharpContext context) =>
        CodeScope.Local(call, context.Model) != CodeScopes.Production ||
        call.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.BaseList?.Types.Any(b => CSharpFileModel.SimpleName(b.Type) == "IDesignTimeDbContextFactory") == true);

    private static bool IsMigration(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) == "Migration") == true ||
        CSharpFileModel.HasAttribute(type, "Migration");
}
