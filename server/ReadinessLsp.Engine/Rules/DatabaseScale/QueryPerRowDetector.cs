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

    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

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
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        if (Confirmed(data.Source, ef, out _) is not { } rows || Confirmed(data.Query, ef, out var via) is not { } queried)
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

    // What the loop walks: rows of a query (made concrete or not), or what a workspace method returned.
    private static DataRef? Source(ExpressionSyntax expression, SyntaxNode body, EfFile file)
    {
        var value = Unwrap(expression);
        if (value is IdentifierNameSyntax local && ResponseSyntax.LastValueOf(local, body) is { } set)
        {
            value = Unwrap(set);
        }

        if (value is not InvocationExpressionSyntax and not MemberAccessExpressionSyntax)
        {
            return null;
        }

        if (file.ChainOf(value) is { } chain && !chain.Operators.Any(o => o is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault"))
        {
            return new DataRef(chain.Root, null, null);
        }

        return value is InvocationExpressionSyntax call && WorkspaceCalls.Of(call, file) is { } method ? new DataRef(null, method, null) : null;
    }

    // A query run by one call in the loop body.
    private static DataRef? QueryAt(InvocationExpressionSyntax call, EfFile file)
    {
        if (call.MethodName() is not { } name)
        {
            return null;
        }

        if (EfSyntax.Materialisers.Contains(name) || EfSyntax.SingleResults.Contains(name))
        {
            return file.ChainOf(call) is { } chain ? new DataRef(chain.Root, null, null) : null;
        }

        if (IdentityQueries.Contains(name) && call.Receiver() is { } manager &&
            (CSharpFileModel.SimpleName(file.DeclaredTypeOf(manager)) is "UserManager" or "RoleManager" ||
             (file.DeclaredTypeOf(manager) is null && manager.ToString().Contains("userManager", StringComparison.OrdinalIgnoreCase))))
        {
            return new DataRef(null, null, $"UserManager.{name}");
        }

        return name is not ("Add" or "AddAsync" or "Update" or "Remove" or "Attach" or "Entry") && WorkspaceCalls.Of(call, file) is { } method ? new DataRef(null, method, null) : null;
    }

    private static string? Confirmed(DataRef data, EfView ef, out DataAccessMethod? via)
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

        via = ef.Methods(data.Method!).FirstOrDefault(m => m.Flags.HasFlag(DataAccessFlags.Queries) && !m.Flags.HasFlag(DataAccessFlags.Saves));
        return via is null ? null : $"{data.Method!.Type}.{data.Method.Method}";
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax awaited => Unwrap(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member } => Unwrap(member.Expression),
        _ => expression,
    };

    private static string Short(string value) => value.Length <= 40 ? value : value[..37] + "...";

    /// <summary>A table queried here, a workspace method that may query, or an Identity call.</summary>
    internal sealed record DataRef(EfSetRef? Table, EfMethodRef? Method, string? Identity);

    /// <summary>Where the loop's rows come from, and the query each pass runs.</summary>
    internal sealed record Candidate(DataRef Source, DataRef Query);
}
