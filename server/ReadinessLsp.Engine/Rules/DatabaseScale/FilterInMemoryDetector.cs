using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3103: a query is made concrete (<c>ToList</c>, <c>ToListAsync</c>, <c>AsEnumerable</c>,
/// <c>ToArray</c>) and then filtered, paged, counted or summed in memory: every row travels from
/// the database to keep a few. Directly in the chain, or through a local whose only uses reduce it.
/// Silent after a <c>Where</c> or a <c>Take</c> (the rows are already narrowed), when the in-memory step calls code
/// the database cannot run, and for lists that did not come from a query.
/// </summary>
internal sealed class FilterInMemoryDetector : ICSharpDetector, IDeferredResolver<FilterInMemoryDetector.Candidate>
{
    private static readonly HashSet<string> Loaders = new(StringComparer.Ordinal)
    {
        "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "AsEnumerable", "AsAsyncEnumerable",
    };

    // In-memory steps that keep fewer rows (or one number) than were loaded.
    private static readonly HashSet<string> Reducers = new(StringComparer.Ordinal)
    {
        "Where", "Skip", "Take", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Count", "LongCount",
        "Sum", "Average", "Min", "Max", "Any", "All", "ElementAt", "ElementAtOrDefault", "Distinct",
    };

    // Steps that keep every row: looked through on the way to a reducer. Groups hold every row too.
    private static readonly HashSet<string> Keepers = new(StringComparer.Ordinal)
    {
        "GroupBy", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Select", "AsEnumerable", "ToList", "ToArray", "Reverse",
    };

    // Calls the database can translate inside a predicate; any other call keeps the step in memory on purpose.
    private static readonly HashSet<string> Translatable = new(StringComparer.Ordinal)
    {
        "Contains", "StartsWith", "EndsWith", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Trim", "Equals", "Any", "All",
        "Count", "IsNullOrEmpty", "IsNullOrWhiteSpace", "AddDays", "AddHours", "AddMonths", "AddYears",
    };

    public string RuleId => "RDY3103";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

    public IReadOnlyCollection<string>? Anchors { get; } = EfSyntax.CallWords([.. Loaders, "AddRange"]);

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var load = (InvocationExpressionSyntax)node;
        if (load is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddRange", Expression: IdentifierNameSyntax list }, ArgumentList.Arguments: [var added] })
        {
            Accumulated(load, list, added.Expression, context);
            return;
        }

        if (load.MethodName() is not { } name || !Loaders.Contains(name) || EfFile.Of(context).ChainOf(load) is not { } chain ||
            chain.Operators.Any(o => o is "Take" or "TakeLast" || EfSyntax.Limits.Contains(o) && o != "Skip") || chain.Operators.Count(Loaders.Contains) > 1 ||
            chain.Operators.Any(o => o.StartsWith("FromSql", StringComparison.Ordinal) || o.StartsWith("SqlQuery", StringComparison.Ordinal)) ||
            chain.Operators.Contains("Where") || chain.Predicates.Count > 0 || (chain.Operators.Contains(nameof(SyntaxKind.JoinClause)) && FilteringJoin(load, EfFile.Of(context))))
        {
            return;
        }

        var reducer = ReducerAfter(Outermost(load));
        if (reducer is null && Stored(load) is { } local && EfSyntax.BodyOf(load) is { } body)
        {
            reducer = OnlyReducedUse(local, body);
        }

        if (reducer is null)
        {
            return;
        }

        var step = (MemberAccessExpressionSyntax)reducer.Expression;
        context.Defer(this, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(step.Name.SpanStart, reducer.Span.End), new Candidate(chain.Root), new Dictionary<string, string>
        {
            ["load"] = name,
            ["step"] = step.Name.Identifier.ValueText,
        });
    }

    // `var all = new List<Post>(); foreach (...) all.AddRange(await repo.ByUser(id)); all.OrderBy(...).Skip(...).Take(...)`:
    // every row of every query is loaded, and the page is cut in memory.
    private void Accumulated(InvocationExpressionSyntax fill, IdentifierNameSyntax list, ExpressionSyntax added, CSharpContext context)
    {
        if (EfSyntax.BodyOf(fill) is not { } body || ResponseSyntax.LastValueOf(list, body) is not { } initial || !LocalLists.IsEmpty(initial) ||
            LocalLists.FilledEarlier(list, body, fill))
        {
            return;
        }

        var file = EfFile.Of(context);
        var rows = Unwrap(added);
        if (rows is IdentifierNameSyntax named && ResponseSyntax.LastValueOf(named, body) is { } value)
        {
            rows = Unwrap(value);
        }

        Candidate? candidate = null;
        if (rows is InvocationExpressionSyntax call)
        {
            if (file.ChainOf(call) is { } chain)
            {
                candidate = chain.Operators.Any(EfSyntax.Materialisers.Contains) && !chain.Operators.Any(o => o is "Take" or "TakeLast") ? new Candidate(chain.Root) : null;
            }
            else if (WorkspaceCalls.Of(call, file) is { } method)
            {
                candidate = new Candidate(null) { Method = method };
            }
        }

        if (candidate is null || OnlyReducedUse(list.Identifier.ValueText, body) is not { } reducer)
        {
            return;
        }

        var step = (MemberAccessExpressionSyntax)reducer.Expression;
        context.Defer(this, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(step.Name.SpanStart, reducer.Span.End), candidate, new Dictionary<string, string>
        {
            ["load"] = candidate.Method is { } via ? $"{via.Type}.{via.Method} (once per pass, into `{list.Identifier.ValueText}`)" : $"the queries that fill `{list.Identifier.ValueText}`",
            ["step"] = step.Name.Identifier.ValueText,
        });
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax awaited => Unwrap(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        _ => expression,
    };

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        string? entity;
        if (data.Method is not null)
        {
            var method = ef.Methods(data.Method).FirstOrDefault(m => ef.Queries(m) && !m.Flags.HasFlag(DataAccessFlags.Saves));
            if (method is null)
            {
                return null;
            }

            entity = method.Tables.Select(ef.EntityOf).FirstOrDefault(e => e is not null) ?? (method.WholeTable is { } whole ? ef.EntityOf(whole) : null) ?? "matching";
        }
        else if (data.Table is null || ef.EntityOf(data.Table) is not { } loaded || ef.Entity(loaded) is { IsKeyless: true })
        {
            // Raw results (a stored procedure's, a view's) cannot be filtered in SQL afterwards.
            return null;
        }
        else
        {
            entity = loaded;
        }

        return candidate with { Arguments = new Dictionary<string, string>(candidate.Arguments) { ["entity"] = entity } };
    }

    // `from gu in db.GroupUsers join ou in filtered on ...`: an inner join with filtered rows filters too.
    private static bool FilteringJoin(InvocationExpressionSyntax load, EfFile file)
    {
        foreach (var join in load.Descendants(n => n is not AnonymousFunctionExpressionSyntax).OfType<JoinClauseSyntax>())
        {
            if (join.Into is null && file.ChainOf(join.InExpression) is { } inner && (inner.Operators.Contains("Where") || inner.Predicates.Count > 0))
            {
                return true;
            }
        }

        return false;
    }

    // await, parentheses and ConfigureAwait around the load.
    private static ExpressionSyntax Outermost(ExpressionSyntax load)
    {
        var current = load;
        while (true)
        {
            switch (current.Parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax:
                    current = (ExpressionSyntax)current.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member when member.Parent is InvocationExpressionSyntax invocation:
                    current = invocation;
                    continue;
                default:
                    return current;
            }
        }
    }

    // `.ToList().OrderBy(...).Skip(...)`: the first reducing step after the load, through steps that keep every row.
    private static InvocationExpressionSyntax? ReducerAfter(ExpressionSyntax loaded)
    {
        var current = loaded;
        while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current && member.Parent is InvocationExpressionSyntax step)
        {
            var name = member.Name.Identifier.ValueText;
            if (Reducers.Contains(name))
            {
                return KeptInMemoryOnPurpose(step) ? null : step;
            }

            if (!Keepers.Contains(name))
            {
                return null;
            }

            current = step;
        }

        return null;
    }

    // A predicate that calls the app's own code cannot run in the database.
    private static bool KeptInMemoryOnPurpose(InvocationExpressionSyntax step) =>
        step.ArgumentList.Arguments.Any(a => a.Expression is LambdaExpressionSyntax lambda &&
            lambda.Body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is not { } called || !Translatable.Contains(called)));

    // `var orders = await db.Orders.ToListAsync();`
    private static string? Stored(ExpressionSyntax load) =>
        Outermost(load).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ? declarator.Identifier.ValueText : null;

    // The local's every use starts a chain that reduces it: nothing needs all the rows.
    private static InvocationExpressionSyntax? OnlyReducedUse(string local, SyntaxNode body)
    {
        InvocationExpressionSyntax? first = null;
        foreach (var use in body.Descendants().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText != local || use.Parent is VariableDeclaratorSyntax || LocalLists.IsFilling(use))
            {
                continue;
            }

            // Read inside a lambda (`other.Where(x => loaded.Any(...))`): a lookup set, not the filter.
            if (use.Ancestors().TakeWhile(a => a != body).Any(a => a is AnonymousFunctionExpressionSyntax) || ReducerAfter(use) is not { } reducer)
            {
                return null;
            }

            first ??= reducer;
        }

        return first;
    }

    /// <summary>The table whose rows are loaded, or the workspace method that loads them.</summary>
    internal sealed record Candidate(EfSetRef? Table)
    {
        public EfMethodRef? Method { get; init; }
    }
}
