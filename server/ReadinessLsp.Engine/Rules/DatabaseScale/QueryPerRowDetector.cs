using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3102 (N+1): a <c>foreach</c> over rows a query returned runs another query for each row:
/// <c>FindAsync</c>, a LINQ query, a repository method of the workspace that queries, or
/// Identity's <c>GetRolesAsync</c>. A hundred orders cost a hundred and one round trips. Silent
/// for loops over lists that did not come from the database (request input, constants), for
/// queries inside lambdas (translated into one SQL statement), and for startup code (seeding).
/// </summary>
internal sealed class QueryPerRowDetector : ICSharpDetector, IDeferredResolver<QueryPerRowDetector.Candidate>
{
    // Identity's calls that query the store for one user.
    private static readonly HashSet<string> IdentityQueries = new(StringComparer.Ordinal)
    {
        "GetRolesAsync", "IsInRoleAsync", "GetClaimsAsync", "FindByIdAsync", "FindByNameAsync", "FindByEmailAsync", "GetLoginsAsync",
    };

    public string RuleId => "RDY3102";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ForEachStatement];

    // Controllers that only send mediator requests reach the database through their handlers.
    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. EfSyntax.DataWords, "IMediator", "ISender"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["foreach"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var loop = (ForEachStatementSyntax)node;
        if (EfSyntax.BodyOf(loop) is not { } body || CodeTimings.Of(loop) == CodeTiming.Startup)
        {
            return;
        }

        var file = EfFile.Of(context);
        if (Source(loop.Expression, body, file) is not { } source)
        {
            return;
        }

        foreach (var call in loop.Statement.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<InvocationExpressionSyntax>())
        {
            if (QueryAt(call, file) is not { } query)
            {
                continue;
            }

            context.Defer(this, call.Span, new Candidate(source, query), new Dictionary<string, string> { ["loop"] = Short(loop.Expression.ToString()) });
        }

        if (source is { Table: not null, Entities: true })
        {
            LazyNavigations(loop, source, context);
        }
    }

    // `foreach (var o in orders) total += o.Customer.Discount;` with lazy-loading proxies: each first touch of a
    // navigation not included is a query. The model decides at resolve time whether the member is a lazy navigation.
    private void LazyNavigations(ForEachStatementSyntax loop, DataRef source, CSharpContext context)
    {
        var row = loop.Identifier.ValueText;
        List<string>? seen = null;
        foreach (var access in loop.Statement.Descendants(n => n is not LocalFunctionStatementSyntax).OfType<MemberAccessExpressionSyntax>())
        {
            if (access is not { Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, Parent: MemberAccessExpressionSyntax outer } || name != row ||
                outer.Expression != access || access.Ancestors().TakeWhile(a => a != loop).Any(a => a is AnonymousFunctionExpressionSyntax && a.Descendants().OfType<ParameterSyntax>().Any(p => p.Identifier.ValueText == row)))
            {
                continue;
            }

            var navigation = access.Name.Identifier.ValueText;
            seen ??= [];
            if (source.Included.Contains(navigation) || seen.Contains(navigation))
            {
                continue;
            }

            seen.Add(navigation);
            context.Defer(this, access.Span, new Candidate(source, new DataRef(null, null, null) { Navigation = navigation }),
                new Dictionary<string, string> { ["loop"] = Short(loop.Expression.ToString()) });
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        if (data.Query.Navigation is { } navigation)
        {
            return LazyNavigation(candidate, data.Source, navigation, ef);
        }

        if (Confirmed(data.Source, ef, writes: false, out _) is not { } rows || Confirmed(data.Query, ef, writes: true, out var via) is not { } queried)
        {
            return null;
        }

        // A loop over roles or categories is a handful of passes.
        if (data.Source.Table is not null && GrowingTables.IsLookup(rows))
        {
            return null;
        }

        rows = data.Source.Table is not null ? $"{rows} rows" : $"rows from {rows}";
        queried = data.Query.Table is not null ? $"The {queried} query" : queried;

        var arguments = new Dictionary<string, string>(candidate.Arguments)
        {
            ["rows"] = rows,
            ["query"] = queried,
        };
        return candidate with
        {
            Arguments = arguments,
            Related = via is null ? [] : [new RelatedLocation(via.Path, via.Span, $"{via.Type}.{via.Method} runs a query each time it is called")],
        };
    }

    // A virtual navigation to another entity, on a context with lazy-loading proxies: one query per row on first touch.
    private static Detection? LazyNavigation(Detection candidate, DataRef source, string navigation, EfView ef)
    {
        if (ef.EntityOf(source.Table!) is not { } entity || GrowingTables.IsLookup(entity) || !ef.LazyLoading(source.Table!.Context) ||
            ef.Entity(entity)?.Property(navigation) is not { } property || !property.Flags.HasFlag(EfPropertyFlags.Virtual) ||
            ef.Entity(property.ElementType ?? property.Type) is null)
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(candidate.Arguments)
        {
            ["rows"] = $"{entity} rows",
            ["query"] = $"Lazy loading of {entity}.{navigation}",
        };
        return candidate with { Arguments = arguments };
    }

    // What the loop walks: rows of a query (made concrete or not), what a workspace method returned,
    // or a list filled with either. Null for rows the caller chose by a list of ids it sent (as long
    // as the request, like a loop over the request itself).
    private static DataRef? Source(ExpressionSyntax expression, SyntaxNode body, EfFile file) => Rows(expression, body, file, 0);

    private static DataRef? Rows(ExpressionSyntax expression, SyntaxNode body, EfFile file, int depth)
    {
        var value = Unwrap(expression);
        if (value is IdentifierNameSyntax local && ResponseSyntax.LastValueOf(local, body) is { } set)
        {
            value = Unwrap(set);
            if (depth < 3 && LocalLists.IsEmpty(value))
            {
                return Filled(local, body, file, depth);
            }
        }

        if (value is not InvocationExpressionSyntax and not MemberAccessExpressionSyntax)
        {
            return null;
        }

        if (file.ChainOf(value) is { } chain)
        {
            return chain.Operators.Any(o => o is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault") || chain.Predicates.Any(p => ChosenByCaller(p.Condition, body, 0))
                ? null
                : new DataRef(chain.Root, null, null)
                {
                    // Projected or untracked rows are not proxies: nothing on them loads lazily.
                    Entities = !chain.Operators.Any(o => o is "Select" or "SelectMany" or "ProjectTo" or "AsNoTracking" or "AsNoTrackingWithIdentityResolution" or "GroupBy" or "Join"),
                    Included = Included(value),
                };
        }

        if (value is not InvocationExpressionSyntax call)
        {
            return null;
        }

        if (WorkspaceCalls.Of(call, file) is { } method)
        {
            return call.ArgumentList.Arguments.Any(a => ChosenByCaller(a.Expression, body, 0)) ? null : new DataRef(null, method, null);
        }

        // `ids.Chunk(50)`: one query per batch is the fix for N+1, not the problem.
        if (call.MethodName() is "Chunk" or "Batch")
        {
            return null;
        }

        // `list.Distinct().ToList()`: the same rows, narrowed in memory.
        return depth < 3 && InMemoryRoot(call) is { } root && root != expression ? Rows(root, body, file, depth + 1) : null;
    }

    // `var posts = new List<Post>(); ... posts.AddRange(await repo.ByUser(id));`: the rows the list was filled with.
    private static DataRef? Filled(IdentifierNameSyntax list, SyntaxNode body, EfFile file, int depth)
    {
        var name = list.Identifier.ValueText;
        foreach (var call in body.Descendants(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<InvocationExpressionSyntax>())
        {
            if (call.SpanStart >= list.SpanStart)
            {
                break;
            }

            if (call is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var adds and ("Add" or "AddRange"), Expression: IdentifierNameSyntax { Identifier.ValueText: var target } }, ArgumentList.Arguments: [var added] } ||
                target != name)
            {
                continue;
            }

            // One item added per pass of a loop makes a list as long as what that loop walks (the request's items, or rows).
            if (adds == "Add")
            {
                if (call.Ancestors().TakeWhile(a => a != body).OfType<ForEachStatementSyntax>().FirstOrDefault() is { } pass &&
                    Rows(pass.Expression, body, file, depth + 1) is { } passes)
                {
                    return passes;
                }

                continue;
            }

            if (Rows(added.Expression, body, file, depth + 1) is { } rows)
            {
                return rows;
            }
        }

        return null;
    }

    // The local at the bottom of `rows.Where(...).Distinct().ToList()`.
    private static IdentifierNameSyntax? InMemoryRoot(InvocationExpressionSyntax call)
    {
        ExpressionSyntax current = call;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
        {
            current = Unwrap(member.Expression);
        }

        return current as IdentifierNameSyntax;
    }

    // Ids the caller passed in (`GetManyAsync(userIds)`, `Where(u => ids.Contains(u.Id))`), through the
    // locals and in-memory steps between: a parameter holding a list, not rows of another query.
    private static bool ChosenByCaller(ExpressionSyntax expression, SyntaxNode body, int depth)
    {
        if (depth > 10)
        {
            return false;
        }

        switch (Unwrap(expression))
        {
            case IdentifierNameSyntax name:
                if (ParameterOf(body, name.Identifier.ValueText) is { } parameter)
                {
                    return IsList(parameter.Type);
                }

                return ResponseSyntax.LastValueOf(name, body) is { } value && ChosenByCaller(value, body, depth + 1);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Keys" or "Values" } member:
                return ChosenByCaller(member.Expression, body, depth + 1);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Contains" } member }:
                return ChosenByCaller(member.Expression, body, depth + 1);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                // In-memory steps over the caller's list, or a lookup of the rows its ids name.
                return ChosenByCaller(member.Expression, body, depth + 1) ||
                    (member.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } &&
                     call.ArgumentList.Arguments.Any(a => ChosenByCaller(a.Expression, body, depth + 1)));
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both:
                return ChosenByCaller(both.Left, body, depth + 1) || ChosenByCaller(both.Right, body, depth + 1);
            default:
                return false;
        }
    }

    private static ParameterSyntax? ParameterOf(SyntaxNode body, string name)
    {
        var parameters = body switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            LocalFunctionStatementSyntax function => function.ParameterList.Parameters,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
            _ => default,
        };
        foreach (var parameter in parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static bool IsList(TypeSyntax? type) => type is ArrayTypeSyntax ||
        CSharpFileModel.SimpleName(type) is "IEnumerable" or "List" or "IList" or "ICollection" or "IReadOnlyList" or "IReadOnlyCollection" or "HashSet" or
            "ISet" or "Dictionary" or "IDictionary" or "IReadOnlyDictionary";

    // A query run by one call in the loop body.
    private static DataRef? QueryAt(InvocationExpressionSyntax call, EfFile file)
    {
        if (call.MethodName() is not { } name)
        {
            return null;
        }

        if (EfSyntax.Materialisers.Contains(name) || EfSyntax.SingleResults.Contains(name))
        {
            // `loaded.FirstOrDefault(...)` on rows a query already brought into memory runs no query.
            return file.ChainOf(call) is { } chain && !InMemory(chain) ? new DataRef(chain.Root, null, null) : null;
        }

        if (IdentityQueries.Contains(name) && call.Receiver() is { } manager &&
            (CSharpFileModel.SimpleName(file.DeclaredTypeOf(manager)) is "UserManager" or "RoleManager" ||
             (file.DeclaredTypeOf(manager) is null && manager.ToString().Contains("userManager", StringComparison.OrdinalIgnoreCase))))
        {
            return new DataRef(null, null, $"UserManager.{name}");
        }

        return name is not ("Add" or "AddAsync" or "Update" or "Remove" or "Attach" or "Entry") && WorkspaceCalls.Of(call, file) is { } method ? new DataRef(null, method, null) : null;
    }

    private static bool InMemory(QueryChain chain)
    {
        for (var i = 0; i < chain.Operators.Count - 1; i++)
        {
            if (EfSyntax.Materialisers.Contains(chain.Operators[i]) || chain.Operators[i] is "AsEnumerable")
            {
                return true;
            }
        }

        return false;
    }

    // A source must return rows; a call in the loop may also write (a command sent per row is a round trip per row).
    private static string? Confirmed(DataRef data, EfView ef, bool writes, out DataAccessMethod? via)
    {
        via = null;
        if (data.Identity is not null)
        {
            return data.Identity;
        }

        if (data.Table is not null)
        {
            return ef.EntityOf(data.Table);
        }

        // A request sent through the mediator per row runs its whole pipeline (and its own save) per row; other
        // writes in a loop (a row's few children deleted one by one) stay with the save the caller makes.
        var sent = data.Method!.Type.StartsWith("IRequestHandler<", StringComparison.Ordinal);
        via = ef.Reached(data.Method).FirstOrDefault(m => ef.Queries(m) && (writes && sent || !m.Flags.HasFlag(DataAccessFlags.Saves)));
        if (via is null)
        {
            return null;
        }

        const string handler = "IRequestHandler<";
        if (!data.Method!.Type.StartsWith(handler, StringComparison.Ordinal))
        {
            return $"{data.Method.Type}.{data.Method.Method}";
        }

        var request = data.Method.Type[handler.Length..^1];
        return writes ? $"Sending {request} (its handler calls {via.Type}.{via.Method})" : $"the {request} request";
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax awaited => Unwrap(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member } => Unwrap(member.Expression),
        _ => expression,
    };

    private static string Short(string value) => value.Length <= 40 ? value : value[..37] + "...";

    // `Include(o => o.Customer)`, `ThenInclude(c => c.Address)`, `Include("Customer")`: navigations loaded with the rows.
    private static EquatableArray<string> Included(ExpressionSyntax query)
    {
        List<string>? names = null;
        foreach (var call in query.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (call.MethodName() is not ("Include" or "ThenInclude") || call.ArgumentList.Arguments is not [var argument])
            {
                continue;
            }

            names ??= [];
            switch (argument.Expression)
            {
                case LambdaExpressionSyntax lambda:
                    names.AddRange(lambda.Descendants().OfType<MemberAccessExpressionSyntax>().Select(m => m.Name.Identifier.ValueText));
                    break;
                case LiteralExpressionSyntax { Token.ValueText: var path }:
                    names.AddRange(path.Split('.'));
                    break;
            }
        }

        return names is null ? EquatableArray<string>.Empty : names.ToEquatableArray();
    }

    /// <summary>
    /// A table queried here, a workspace method that may query, an Identity call, or (as the query in a loop)
    /// a navigation of the row read in the loop. <see cref="Entities"/>: the rows are tracked entities
    /// (no projection); <see cref="Included"/>: the navigations loaded with them.
    /// </summary>
    internal sealed record DataRef(EfSetRef? Table, EfMethodRef? Method, string? Identity)
    {
        public string? Navigation { get; init; }

        public bool Entities { get; init; }

        public EquatableArray<string> Included { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>Where the loop's rows come from, and the query each pass runs.</summary>
    internal sealed record Candidate(DataRef Source, DataRef Query);
}
