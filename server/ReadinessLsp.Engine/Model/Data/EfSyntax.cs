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
        "ToLookup", "AsAsyncEnumerable",
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

    /// <summary>
    /// Words (compared ignoring case) of a file that reaches a database: a context or set, a
    /// connection or command, Identity's stores, a repository. Data rules read no other file.
    /// </summary>
    public static readonly IReadOnlyCollection<string> DataWords =
    [
        "DbContext", "DbSet", "DataContext", "context.", "db.", "ctx.", "Set<", "UserManager", "Connection", "SqlCommand", "NpgsqlCommand",
        "MySqlCommand", "SqliteCommand", "Repository", "Repo.",
    ];

    /// <summary>
    /// The words that find calls of <paramref name="names"/> in a text: <c>Name(</c> and
    /// <c>Name&lt;</c>, so <c>Count(</c> finds the call and not <c>Account</c>.
    /// </summary>
    public static string[] CallWords(IEnumerable<string> names) =>
        [.. names.Distinct(StringComparer.Ordinal).SelectMany(n => new[] { n + "(", n + "<" })];

    /// <summary>
    /// The unit of code a node runs in, for rules that look at one operation: the method, local
    /// function, accessor or lambda around it (a minimal API handler), or the top-level statements.
    /// </summary>
    public static SyntaxNode? BodyOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The simple name of a type argument's last segment: <c>User</c> for <c>"Shop.Models.User"</c>.</summary>
    public static string LastSegment(string name) => name[(name.LastIndexOf('.') + 1)..];

    /// <summary>
    /// Whether <paramref name="receiver"/> may be an EF Core context, and its declared type when the
    /// file says it. Cheap and generous: the model decides at resolve time.
    /// </summary>
    public static bool MayBeContext(ExpressionSyntax receiver, EfFile file, out string? type)
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
    public static QueryChain? ChainOf(ExpressionSyntax expression, EfFile file)
    {
        // Find where the chain starts without allocating: most chains that end in ToList or Any
        // are over lists in memory, and are dropped here.
        var root = RootOf(expression);
        EfSetRef? table = null;
        QueryChain? earlier = null;
        var reassigned = false;
        switch (root)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: [var entity] } } set }:
                table = MayBeContext(set.Expression, file, out var setContext) ? new EfSetRef(setContext, null, CSharpFileModel.SimpleName(entity)) : null;
                break;
            case MemberAccessExpressionSyntax access:
                table = TableOf(access, file);
                break;
            case IdentifierNameSyntax identifier:
                (table, earlier, reassigned) = FieldOrLocal(identifier, file);
                break;
        }

        if (table is null)
        {
            return null;
        }

        var operators = new List<string>();
        var predicates = new List<Predicate>();
        if (earlier is not null)
        {
            operators.AddRange(earlier.Operators);
            predicates.AddRange(earlier.Predicates);
            if (reassigned)
            {
                operators.Add("Where");
            }
        }

        var start = operators.Count;
        for (var current = expression; current != root;)
        {
            switch (current)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    break;
                case AwaitExpressionSyntax awaited:
                    current = awaited.Expression;
                    break;
                case QueryExpressionSyntax query:
                    // from o in db.Orders where ... select o: the clauses are operators on the source.
                    for (var i = query.Body.Clauses.Count - 1; i >= 0; i--)
                    {
                        var clause = query.Body.Clauses[i];
                        operators.Add(clause is WhereClauseSyntax ? "Where" : clause.Kind().ToString());
                        if (clause is WhereClauseSyntax where)
                        {
                            predicates.Add(new Predicate(where.Condition, query.FromClause.Identifier.ValueText));
                        }
                    }

                    current = query.FromClause.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                    var name = member.Name.Identifier.ValueText;
                    operators.Add(name);
                    if ((name == "Where" || SingleResults.Contains(name)) && FirstLambda(call.ArgumentList) is { } lambda &&
                        ParameterOf(lambda) is { } parameter && lambda.ExpressionBody is { } body)
                    {
                        predicates.Add(new Predicate(body, parameter));
                    }

                    current = member.Expression;
                    break;
                default:
                    return null;
            }
        }

        operators.Reverse(start, operators.Count - start);
        return new QueryChain(table, operators) { Predicates = predicates };
    }

    // The expression a chain starts from: db.Set<T>(), db.Orders, a field or a local. Null when none.
    private static ExpressionSyntax? RootOf(ExpressionSyntax expression)
    {
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
                    current = query.FromClause.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                    if (member.Name is GenericNameSyntax { Identifier.ValueText: "Set", TypeArgumentList.Arguments.Count: 1 })
                    {
                        return call;
                    }

                    current = member.Expression;
                    continue;
                case MemberAccessExpressionSyntax or IdentifierNameSyntax:
                    return current;
                default:
                    return null;
            }
        }

        return null;
    }

    private static LambdaExpressionSyntax? FirstLambda(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax lambda)
            {
                return lambda;
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

    /// <summary>
    /// The properties a query compares for equality with values from outside the row
    /// (<c>u =&gt; u.Email == email &amp;&amp; !u.IsDeleted</c> gives Email), the shape of a lookup by
    /// natural key. Empty when a filter is an <c>||</c> or compares nothing that way.
    /// </summary>
    public static EquatableArray<string> EqualityProperties(QueryChain chain)
    {
        var names = new List<string>();
        foreach (var predicate in chain.Predicates)
        {
            // All(x => x.Title != title) is the same uniqueness check as !Any(x => x.Title == title).
            var comparison = chain.Operators.LastOrDefault() is "All" or "AllAsync" && predicate == chain.Predicates[^1]
                ? SyntaxKind.NotEqualsExpression
                : SyntaxKind.EqualsExpression;
            if (!Conjuncts(predicate.Condition, predicate.Row, names, comparison))
            {
                return EquatableArray<string>.Empty;
            }
        }

        return names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>A lookup by property values (<c>Any</c>, <c>FirstOrDefault</c>, <c>Count</c>... with equality filters), or null.</summary>
    public static EfLookup? LookupOf(InvocationExpressionSyntax terminal, EfFile file)
    {
        if (terminal.MethodName() is not { } name || !SingleResults.Contains(name) || name.StartsWith("Find", StringComparison.Ordinal) ||
            file.ChainOf(terminal) is not { } chain)
        {
            return null;
        }

        return LookupOf(name, chain);
    }

    /// <summary>The lookup a chain ending in <paramref name="terminal"/> makes, when the chain is already known.</summary>
    public static EfLookup? LookupOf(string terminal, QueryChain chain)
    {
        if (!SingleResults.Contains(terminal) || terminal.StartsWith("Find", StringComparison.Ordinal))
        {
            return null;
        }

        var properties = EqualityProperties(chain);
        return properties.Count == 0 ? null : new EfLookup(chain.Root, properties);
    }

    /// <summary>
    /// The table a call adds a row to: <c>db.Users.Add(user)</c>, <c>db.Set&lt;User&gt;().AddAsync(user)</c>,
    /// <c>_dbSet.Add(entity)</c>, <c>db.Add(new User { ... })</c>. Null for anything else.
    /// </summary>
    public static EfSetRef? InsertOf(InvocationExpressionSyntax call, EfFile file)
    {
        if (call.MethodName() is not ("Add" or "AddAsync") || call.Expression is not MemberAccessExpressionSyntax member ||
            call.ArgumentList.Arguments.Count != 1)
        {
            return null;
        }

        // db.Add(user): the row's type says the table.
        if (member.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } &&
            MayBeContext(member.Expression, file, out var contextType) && contextType is not null && !contextType.StartsWith("DbSet", StringComparison.Ordinal) &&
            CSharpFileModel.SimpleName(file.DeclaredTypeOf(member.Expression)) is not ("DbSet" or "IDbSet") &&
            RowType(call.ArgumentList.Arguments[0].Expression, file) is { } rowType && contextType.Contains("Context", StringComparison.Ordinal))
        {
            return new EfSetRef(contextType, null, rowType);
        }

        return file.ChainOf(member.Expression) is { Operators.Count: 0 } chain ? chain.Root : null;
    }

    /// <summary>The type of a row handed to Add: <c>new User { }</c>, or a local or parameter declared as one.</summary>
    public static string? RowType(ExpressionSyntax row, EfFile file) => row switch
    {
        ObjectCreationExpressionSyntax created => CSharpFileModel.SimpleName(created.Type),
        IdentifierNameSyntax identifier => CSharpFileModel.SimpleName(file.DeclaredTypeOf(identifier)),
        _ => null,
    };

    private static string? ParameterOf(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var only] } => only.Identifier.ValueText,
        _ => null,
    };

    // a && b && c: each equality between the row's property and an outside value names a property.
    private static bool Conjuncts(ExpressionSyntax condition, string row, List<string> names, SyntaxKind comparison)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Conjuncts(parenthesized.Expression, row, names, comparison);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression):
                return Conjuncts(binary.Left, row, names, comparison) && Conjuncts(binary.Right, row, names, comparison);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression):
                return false;
            case BinaryExpressionSyntax binary when binary.IsKind(comparison):
                AddCompared(binary.Left, binary.Right, row, names);
                return true;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equals" } equals } call
                when comparison == SyntaxKind.EqualsExpression:
                // u.Email.Equals(email, ...) or string.Equals(u.Email, email, ...)
                if (call.ArgumentList.Arguments.Count >= 1 && RowProperty(equals.Expression, row) is not null)
                {
                    AddCompared(equals.Expression, call.ArgumentList.Arguments[0].Expression, row, names);
                }
                else if (call.ArgumentList.Arguments.Count >= 2)
                {
                    AddCompared(call.ArgumentList.Arguments[0].Expression, call.ArgumentList.Arguments[1].Expression, row, names);
                }

                return true;
            default:
                return true;
        }
    }

    private static void AddCompared(ExpressionSyntax left, ExpressionSyntax right, string row, List<string> names)
    {
        var (property, other) = RowProperty(left, row) is { } l ? (l, right) : (RowProperty(right, row), left);
        if (property is not null && !Mentions(other, row) && !other.IsKind(SyntaxKind.NullLiteralExpression) && !IsConstant(other))
        {
            names.Add(property);
        }
    }

    // u.Email, u.Email.ToLower(), u.Email.Trim().ToUpperInvariant(): the property compared.
    private static string? RowProperty(ExpressionSyntax expression, string row)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var property } when receiver == row:
                    return property;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax inner, ArgumentList.Arguments.Count: 0 }:
                    expression = inner.Expression;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } nullable:
                    expression = nullable.Expression;
                    continue;
            }

            return null;
        }

        return null;
    }

    private static bool Mentions(ExpressionSyntax expression, string row) =>
        expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == row);

    // "Paid", 3, true, OrderStatus.Paid: a fixed value filters a category, not a natural key.
    // (Input.Email in a Razor page is a value, so only enum-like type names count.)
    private static bool IsConstant(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax ||
        (expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var type } } &&
         EnumLikeSuffixes.Any(s => type.EndsWith(s, StringComparison.Ordinal)));

    private static readonly string[] EnumLikeSuffixes = ["Status", "Statuses", "Type", "Types", "Kind", "State", "Role", "Roles", "Level", "Mode", "Constants", "Enum"];

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
    private static EfSetRef? TableOf(MemberAccessExpressionSyntax access, EfFile file)
    {
        var set = access.Name.Identifier.ValueText;
        if (set is "Users" or "Roles" &&
            CSharpFileModel.SimpleName(file.DeclaredTypeOf(access.Expression)) is "UserManager" or "RoleManager" &&
            CSharpFileModel.FirstTypeArgument(file.DeclaredTypeOf(access.Expression)) is { } managed)
        {
            return new EfSetRef(null, null, managed);
        }

        if (access.Expression is ThisExpressionSyntax)
        {
            return new EfSetRef(null, set, null); // this.Orders inside the context itself.
        }

        return MayBeContext(access.Expression, file, out var context) ? new EfSetRef(context, set, null) : null;
    }

    // A DbSet<T> field or property (`_dbSet`, `_orders`), or a local holding a query built earlier
    // (`var query = db.Orders.Where(...)`; `query = query.Where(...)` later counts as a filter).
    private static (EfSetRef? Table, QueryChain? Earlier, bool Reassigned) FieldOrLocal(IdentifierNameSyntax identifier, EfFile file)
    {
        var declared = file.DeclaredTypeOf(identifier);
        if (CSharpFileModel.SimpleName(declared) is "DbSet" or "IDbSet" && CSharpFileModel.FirstTypeArgument(declared) is { } entity)
        {
            return (new EfSetRef(null, null, entity), null, false);
        }

        if ((declared is not null && CSharpFileModel.SimpleName(declared) is not ("IQueryable" or "IOrderedQueryable")) || LocalDeclaration(identifier) is not { } local)
        {
            return (null, null, false);
        }

        var (block, statement, initializer) = local;
        var earlier = file.ChainOf(initializer);
        return earlier is null ? (null, null, false) : (earlier.Root, earlier, Reassigned(block, statement, identifier));
    }

    // The `var query = ...;` statement before the name in a block around it (statements only, no descent).
    private static (BlockSyntax Block, StatementSyntax Statement, ExpressionSyntax Initializer)? LocalDeclaration(IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        foreach (var ancestor in identifier.Ancestors())
        {
            switch (ancestor)
            {
                case BlockSyntax block:
                    foreach (var statement in block.Statements)
                    {
                        if (statement.SpanStart >= identifier.SpanStart)
                        {
                            break;
                        }

                        if (statement is LocalDeclarationStatementSyntax local &&
                            local.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == name) is { Initializer.Value: var value })
                        {
                            return (block, statement, value);
                        }
                    }

                    break;
                case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    // `query = query.Where(...)` between the declaration and the use: the query was filtered on the way.
    private static bool Reassigned(BlockSyntax block, StatementSyntax declaration, IdentifierNameSyntax use) =>
        block.Statements.Where(s => s.SpanStart > declaration.SpanStart && s.SpanStart < use.SpanStart)
            .SelectMany(s => s.DescendantNodesAndSelf())
            .OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == use.Identifier.ValueText);
}

/// <summary>
/// A LINQ chain over a table: where it starts, the operators applied in order, and the predicates
/// of its filters (syntax, for the file's own analysis only: never kept in a fact).
/// </summary>
internal sealed record QueryChain(EfSetRef Root, IReadOnlyList<string> Operators)
{
    public IReadOnlyList<Predicate> Predicates { get; init; } = [];

    /// <summary>Whether a filter, a limit or a single-row operator bounds what the query returns.</summary>
    public bool IsBounded => Operators.Any(o => o is "Where" or "Find" or "FindAsync" || EfSyntax.Limits.Contains(o) || EfSyntax.SingleResults.Contains(o) ||
        o.Contains("Page", StringComparison.Ordinal) || o.StartsWith("GroupBy", StringComparison.Ordinal) || o == "FromSqlRaw" || o == "FromSql" || o == "FromSqlInterpolated");
}

/// <summary>A filter's condition and the name its row goes by: <c>u.Email == email</c> and <c>u</c>.</summary>
internal sealed record Predicate(ExpressionSyntax Condition, string Row);
