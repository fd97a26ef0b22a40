using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Name-level questions about EF Core code without a compilation: which expression is a table
/// (<c>db.Orders</c>, <c>db.Set&lt;Order&gt;()</c>, a <c>DbSet&lt;T&gt;</c> field), what a LINQ
/// chain does to it before it runs, and which properties a configuration lambda names. The model
/// confirms at resolve time that a set really belongs to a context of the app.
/// </summary>
internal static class EfSyntax
{
    /// <summary>Calls that run a query and return many rows.</summary>
    public static readonly HashSet<string> Materialisers = new(StringComparer.Ordinal)
    {
        "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "ToDictionary", "ToDictionaryAsync", "ToHashSet", "ToHashSetAsync",
        "ToLookup", "AsAsyncEnumerable", "Load", "LoadAsync",
    };

    /// <summary>Calls that run a query and return one row or one value.</summary>
    public static readonly HashSet<string> SingleResults = new(StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Find", "ElementAt", "ElementAtOrDefault",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync", "FindAsync",
        "ElementAtAsync", "ElementAtOrDefaultAsync",
        "Any", "All", "Count", "LongCount", "Sum", "Min", "Max", "Average", "Contains",
        "AnyAsync", "AllAsync", "CountAsync", "LongCountAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync", "ContainsAsync",
    };

    /// <summary>Set-based commands that run in the database without loading rows.</summary>
    public static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync",
    };

    /// <summary>Operators that bound how many rows a query returns.</summary>
    public static readonly HashSet<string> Limits = new(StringComparer.Ordinal)
    {
        "Take", "Skip", "TakeLast", "SkipLast", "TakeWhile", "SkipWhile", "Page", "Paginate", "ToPagedList", "ToPagedListAsync",
        "ToPaginatedListAsync", "PaginatedListAsync", "ToPageAsync",
    };

    /// <summary>Dapper's extension methods on a connection.</summary>
    public static readonly HashSet<string> DapperCalls = new(StringComparer.Ordinal)
    {
        "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle",
        "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync",
        "Execute", "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync", "QueryUnbufferedAsync",
    };

    /// <summary>ADO.NET command types, by provider.</summary>
    public static readonly HashSet<string> CommandTypes = new(StringComparer.Ordinal)
    {
        "SqlCommand", "NpgsqlCommand", "MySqlCommand", "SqliteCommand", "OracleCommand", "SQLiteCommand", "OleDbCommand", "OdbcCommand",
    };

    /// <summary>ADO.NET connection types, by provider.</summary>
    public static readonly HashSet<string> ConnectionTypes = new(StringComparer.Ordinal)
    {
        "SqlConnection", "NpgsqlConnection", "MySqlConnection", "SqliteConnection", "OracleConnection", "SQLiteConnection",
        "OleDbConnection", "OdbcConnection",
    };

    // Types named *Context that are not EF Core contexts: a set looked up on them is never a table.
    private static readonly HashSet<string> OtherContexts = new(StringComparer.Ordinal)
    {
        "HttpContext", "HubCallerContext", "ActionContext", "ControllerContext", "ViewContext", "PageContext", "ValidationContext",
        "SynchronizationContext", "ExecutionContext", "AuthorizationHandlerContext", "AuthorizationFilterContext", "ResultExecutingContext",
        "ActionExecutingContext", "ActionExecutedContext", "ExceptionContext", "EndpointFilterInvocationContext", "ModelBindingContext",
        "ServerCallContext", "ConsumeContext", "IHttpContextAccessor", "HttpContextAccessor", "ITestOutputHelper", "TestContext",
        "ViewComponentContext", "RequestContext", "OperationContext", "SecurityContext", "ClaimsPrincipal",
    };

    /// <summary>The simple name of a type argument's last segment: <c>User</c> for <c>"Shop.Models.User"</c>.</summary>
    public static string LastSegment(string name) => name[(name.LastIndexOf('.') + 1)..];

    /// <summary>
    /// Whether <paramref name="receiver"/> may be an EF Core context, and its declared type when the
    /// file says it. Cheap and generous: the model decides at resolve time.
    /// </summary>
    public static bool MayBeContext(ExpressionSyntax receiver, CSharpFileModel file, out string? type)
    {
        type = null;
        var declared = receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
            ? CSharpFileModel.SimpleName(file.DeclaredTypeOf(receiver))
            : null;
        if (declared is not null)
        {
            if (OtherContexts.Contains(declared) || declared.EndsWith("FilterContext", StringComparison.Ordinal))
            {
                return false;
            }

            type = declared;
            return true;
        }

        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return name is not null && LooksLikeContextName(name);
    }

    /// <summary><c>db</c>, <c>_db</c>, <c>context</c>, <c>_dbContext</c>, <c>Context</c>, <c>ctx</c>.</summary>
    public static bool LooksLikeContextName(string name) =>
        name.Contains("context", StringComparison.OrdinalIgnoreCase) || name.Contains("db", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("ctx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The table a LINQ chain starts from, walking down from <paramref name="expression"/> through
    /// calls, with the operators applied on the way (innermost first). Null when the chain does not
    /// start at something that may be a table.
    /// </summary>
    public static QueryChain? ChainOf(ExpressionSyntax expression, CSharpFileModel file)
    {
        var operators = new List<string>();
        var current = expression;
        for (var depth = 0; depth < 40; depth++)
        {
            switch (current)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    continue;
                case AwaitExpressionSyntax awaited:
                    current = awaited.Expression;
                    continue;
                case QueryExpressionSyntax query:
                    // from o in db.Orders where ... select o: the clauses are operators on the source.
                    foreach (var clause in query.Body.Clauses)
                    {
                        operators.Add(clause is WhereClauseSyntax ? "Where" : clause.Kind().ToString());
                    }

                    current = query.FromClause.Expression;
                    continue;
                case InvocationExpressionSyntax call when call.Expression is MemberAccessExpressionSyntax member:
                    var name = member.Name.Identifier.ValueText;
                    if (name == "Set" && member.Name is GenericNameSyntax { TypeArgumentList.Arguments: [var entity] } &&
                        MayBeContext(member.Expression, file, out var setContext))
                    {
                        operators.Reverse();
                        return new QueryChain(new EfSetRef(setContext, null, CSharpFileModel.SimpleName(entity)), operators);
                    }

                    operators.Add(name);
                    current = member.Expression;
                    continue;
                case MemberAccessExpressionSyntax access:
                    return Root(access, file, operators);
                case IdentifierNameSyntax identifier:
                    return SetField(identifier, file, operators);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The properties a configuration argument names: <c>u => u.Email</c>, <c>u => new { u.A, u.B }</c>, <c>"Email"</c>, <c>nameof(User.Email)</c>.</summary>
    public static EquatableArray<string> PropertiesOf(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda)
            {
                return LambdaProperties(lambda);
            }
        }

        var names = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null)
            {
                continue;
            }

            switch (argument.Expression)
            {
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return Names(initializer.Expressions);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return Names(implicitArray.Initializer.Expressions);
                case CollectionExpressionSyntax collection:
                    return Names(collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression));
                default:
                    if (NameOf(argument.Expression) is { } name)
                    {
                        names.Add(name);
                    }

                    break;
            }
        }

        return names.ToEquatableArray();
    }

    /// <summary>Member names read from a lambda's parameter: <c>x => x.A</c>, <c>x => new { x.A, x.B }</c>, <c>x => !x.IsDeleted &amp;&amp; x.TenantId == id</c>.</summary>
    public static EquatableArray<string> LambdaProperties(LambdaExpressionSyntax lambda)
    {
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var first, ..] } => first.Identifier.ValueText,
            _ => null,
        };
        if (parameter is null || lambda.ExpressionBody is null)
        {
            return EquatableArray<string>.Empty;
        }

        var names = new List<string>();
        foreach (var access in lambda.ExpressionBody.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Expression is IdentifierNameSyntax { Identifier.ValueText: var receiver } && receiver == parameter &&
                !names.Contains(access.Name.Identifier.ValueText))
            {
                names.Add(access.Name.Identifier.ValueText);
            }
        }

        return names.ToEquatableArray();
    }

    /// <summary>A string literal or <c>nameof(X.Y)</c>: the name it spells.</summary>
    public static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [var only] } =>
            only.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            },
        _ => null,
    };

    private static EquatableArray<string> Names(IEnumerable<ExpressionSyntax> expressions) =>
        expressions.Select(NameOf).OfType<string>().ToEquatableArray();

    // db.Orders, this.db.Orders, _unitOfWork.Context.Orders; userManager.Users.
    private static QueryChain? Root(MemberAccessExpressionSyntax access, CSharpFileModel file, List<string> operators)
    {
        var set = access.Name.Identifier.ValueText;
        operators.Reverse();
        if (set is "Users" or "Roles" &&
            CSharpFileModel.SimpleName(file.DeclaredTypeOf(access.Expression)) is "UserManager" or "RoleManager" &&
            CSharpFileModel.FirstTypeArgument(file.DeclaredTypeOf(access.Expression)) is { } managed)
        {
            return new QueryChain(new EfSetRef(null, null, managed), operators);
        }

        if (access.Expression is ThisExpressionSyntax)
        {
            // this.Orders inside the context itself.
            return new QueryChain(new EfSetRef(null, set, null), operators);
        }

        return MayBeContext(access.Expression, file, out var context)
            ? new QueryChain(new EfSetRef(context, set, null), operators)
            : null;
    }

    // A DbSet<T> field or property (`_dbSet`, `_orders`), or a local holding a query built earlier
    // (`var query = db.Orders.Where(...)`; `query = query.Where(...)` later counts as a filter).
    private static QueryChain? SetField(IdentifierNameSyntax identifier, CSharpFileModel file, List<string> operators)
    {
        var declared = file.DeclaredTypeOf(identifier);
        if (CSharpFileModel.SimpleName(declared) is "DbSet" or "IDbSet" && CSharpFileModel.FirstTypeArgument(declared) is { } entity)
        {
            operators.Reverse();
            return new QueryChain(new EfSetRef(null, null, entity), operators);
        }

        if ((declared is not null && CSharpFileModel.SimpleName(declared) is not ("IQueryable" or "IOrderedQueryable")) || LocalQuery(identifier) is not { } local)
        {
            return null;
        }

        var earlier = ChainOf(local.Initializer, file);
        if (earlier is null)
        {
            return null;
        }

        operators.Reverse();
        var reassigned = local.Reassigned ? ["Where"] : Array.Empty<string>();
        return new QueryChain(earlier.Root, [.. earlier.Operators, .. reassigned, .. operators]);
    }

    // The initializer of a `var` declared before the name in the enclosing method, and whether it is assigned again.
    private static (ExpressionSyntax Initializer, bool Reassigned)? LocalQuery(IdentifierNameSyntax identifier)
    {
        var body = identifier.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax);
        if (body is null)
        {
            return null;
        }

        var name = identifier.Identifier.ValueText;
        var declarator = body.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .FirstOrDefault(v => v.Identifier.ValueText == name && v.SpanStart < identifier.SpanStart && v.Initializer is not null);
        if (declarator?.Initializer is null || declarator.Initializer.Value.Span.Contains(identifier.Span))
        {
            return null;
        }

        var reassigned = body.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == name);
        return (declarator.Initializer.Value, reassigned);
    }
}

/// <summary>A LINQ chain over a table: where it starts and the operators applied, in order.</summary>
internal sealed record QueryChain(EfSetRef Root, IReadOnlyList<string> Operators)
{
    /// <summary>Whether a filter, a limit or a single-row operator bounds what the query returns.</summary>
    public bool IsBounded => Operators.Any(o => o is "Where" or "Find" or "FindAsync" || EfSyntax.Limits.Contains(o) || EfSyntax.SingleResults.Contains(o) ||
        o.Contains("Page", StringComparison.Ordinal) || o.StartsWith("GroupBy", StringComparison.Ordinal) || o == "FromSqlRaw" || o == "FromSql" || o == "FromSqlInterpolated");
}
