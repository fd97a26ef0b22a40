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
/// RDY3101: an endpoint (a controller action, a minimal API handler, a MediatR request handler)
/// returns every row of a table that grows with its users: <c>return Ok(await db.Orders.ToListAsync())</c>,
/// or the result of a repository method of the workspace that does the same. Silent when the query
/// is filtered, limited or paged, for lookup tables, and for methods no endpoint returns.
/// </summary>
internal sealed class WholeTableDetector : ICSharpDetector, IDeferredResolver<WholeTableDetector.Candidate>
{
    // In-memory steps after the rows are loaded that still hand all of them on.
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "Select", "ToList", "ToArray", "AsEnumerable", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "ToListAsync",
        "ToArrayAsync", "ConfigureAwait", "Cast", "OfType", "AsQueryable",
    };

    public string RuleId => "RDY3101";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
        [SyntaxKind.ReturnStatement, SyntaxKind.ArrowExpressionClause, SyntaxKind.SimpleLambdaExpression, SyntaxKind.ParenthesizedLambdaExpression];

    // Endpoints that call a service rather than a context: the service's own file says the rest.
    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. EfSyntax.DataWords, "Service", "Handler"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["return", "=>"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var (returned, endpoint) = node switch
        {
            ReturnStatementSyntax { Expression: { } expression } statement => (expression, OwnEndpoint(statement)),
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } arrow when ResponseSyntax.IsEndpointMethod(method) => (arrow.Expression, (SyntaxNode)method),
            AnonymousFunctionExpressionSyntax { ExpressionBody: { } body } lambda when ResponseSyntax.IsRouteHandler(lambda) => (body, lambda),
            _ => (null, null),
        };
        if (endpoint is not null)
        {
            UncappedPages(endpoint, context);
        }

        if (returned is null || endpoint is null || ResponseSyntax.ReturnedValue(returned, endpoint) is not InvocationExpressionSyntax value)
        {
            return;
        }

        var file = EfFile.Of(context);
        var call = Underlying(value, endpoint, file, out var chain);
        if (chain is not null)
        {
            if (!chain.IsBounded && chain.Operators.Any(EfSyntax.Materialisers.Contains))
            {
                context.Defer(this, call.Span, new Candidate(chain.Root, null), Placeholder);
            }

            return;
        }

        if (WorkspaceCalls.Of(call, file) is { } called && !IsBoundedCall(call))
        {
            context.Defer(this, call.Span, new Candidate(null, called), Placeholder);
        }
    }

    // Once per endpoint (from its first return), its `Take` calls, found in its text: endpoints are few,
    // invocations are many, and most endpoints never page at all.
    private void UncappedPages(SyntaxNode endpoint, CSharpContext context)
    {
        if (!context.Local<NodeSet>(this).Add(endpoint))
        {
            return;
        }

        // The endpoint's span of the text, not the whole text: the editor's text is a chain of changes, copied whole by ToString().
        foreach (var at in TextSearch.PositionsOf(context.Text, endpoint.Span, "Take("))
        {
            if (endpoint.FindToken(at).Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { ArgumentList.Arguments: [var size] } take } member } name &&
                member.Name == name)
            {
                UncappedPage(take, size.Expression, context);
            }
        }
    }

    // `.Take(message.Limit ?? 20)` in an endpoint, with the size straight from the request and no maximum.
    private void UncappedPage(InvocationExpressionSyntax take, ExpressionSyntax size, CSharpContext context)
    {
        if (PageSizes.FromRequest(size, take) is not { } requested)
        {
            return;
        }

        var file = EfFile.Of(context);
        if (file.ChainOf(take) is { } chain && !chain.Operators.Any(o => EfSyntax.Materialisers.Contains(o) || o is "AsEnumerable"))
        {
            context.Defer(this, size.Span, new Candidate(chain.Root, null) { Requested = requested }, Placeholder, CapFix(take, size, context));
        }
    }

    // `Take(Math.Min(limit ?? 20, MaxPageSize))` with `private const int MaxPageSize = 100;` in the class: the same
    // int, the same rows for every size up to the maximum. Only in a class of one part whose name is free or
    // already an int constant, so the edit compiles.
    private static IReadOnlyList<Fix> CapFix(InvocationExpressionSyntax take, ExpressionSyntax size, CSharpContext context)
    {
        const string name = "MaxPageSize";
        if (take.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not (ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax) ||
            take.Ancestors().OfType<TypeDeclarationSyntax>().First() is not { OpenBraceToken.IsMissing: false } type || type.OpenBraceToken.Span.IsEmpty ||
            type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return [];
        }

        var existing = type.Members.FirstOrDefault(m => m switch
        {
            FieldDeclarationSyntax field => field.Declaration.Variables.Any(v => v.Identifier.ValueText == name),
            PropertyDeclarationSyntax property => property.Identifier.ValueText == name,
            MethodDeclarationSyntax method => method.Identifier.ValueText == name,
            _ => false,
        });
        if (existing is not null && existing is not FieldDeclarationSyntax { Declaration.Type: PredefinedTypeSyntax { Keyword.ValueText: "int" } } constant ||
            existing is FieldDeclarationSyntax field && !field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            return [];
        }

        var math = ((CompilationUnitSyntax)take.SyntaxTree.GetRoot()).Usings.Any(u => u.Name?.ToString() == "System" && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)) ? "Math" : "System.Math";
        var edits = new List<FileEdit> { new(context.Path, context.RangeOf(size.Span), $"{math}.Min({size}, {name})") };
        if (existing is null)
        {
            var indent = type.Members.FirstOrDefault()?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString() ?? "    ";
            var newline = type.OpenBraceToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
            var end = type.OpenBraceToken.FullSpan.End;
            edits.Insert(0, new FileEdit(context.Path, context.RangeOf(new Microsoft.CodeAnalysis.Text.TextSpan(end, 0)), $"{indent}private const int {name} = 100;{newline}{newline}"));
        }

        return [new Fix($"Cap the page size at {name} (100)", edits)];
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        var related = new List<RelatedLocation>();
        EfSetRef? table = data.Table;
        if (data.Method is not null)
        {
            var method = ef.Methods(data.Method).FirstOrDefault(m => m.Flags.HasFlag(DataAccessFlags.ReturnsWholeTable) && m.WholeTable is not null);
            if (method is null)
            {
                return null;
            }

            table = method.WholeTable;
            related.Add(new RelatedLocation(method.Path, method.Span, $"{method.Type}.{method.Method} loads every row with no filter and no limit"));
        }

        if (table is null || ef.EntityOf(table) is not { } entity || !GrowingTables.Grows(ef, entity))
        {
            return null;
        }

        if (ef.Entity(entity)?.Declaration is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, $"{entity} is a table that grows with every user"));
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["entity"] = entity,
                ["via"] = data.Requested is not null ? $"whenever the caller asks for it (`{data.Requested}` comes from the request with no maximum)"
                    : data.Method is null ? "here" : $"in {data.Method.Type}.{data.Method.Method}",
            },
            Related = related,
        };
    }

    // The return statement's own function is an endpoint (not a lambda inside one).
    private static SyntaxNode? OwnEndpoint(ReturnStatementSyntax statement)
    {
        var function = statement.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        return function switch
        {
            AnonymousFunctionExpressionSyntax lambda when ResponseSyntax.IsRouteHandler(lambda) => lambda,
            MethodDeclarationSyntax method when ResponseSyntax.IsEndpointMethod(method) => method,
            _ => null,
        };
    }

    // Below in-memory projections and sorts: the query or the workspace call that produced the rows.
    private static InvocationExpressionSyntax Underlying(InvocationExpressionSyntax value, SyntaxNode endpoint, EfFile file, out QueryChain? chain)
    {
        var current = value;
        for (var depth = 0; depth < 12; depth++)
        {
            chain = file.ChainOf(current);
            if (chain is not null)
            {
                return Materialised(current, endpoint, file, ref chain);
            }

            if (current.MethodName() is not { } name || !PassThrough.Contains(name) || current.Expression is not MemberAccessExpressionSyntax member)
            {
                break;
            }

            var receiver = Unwrap(member.Expression);
            if (receiver is IdentifierNameSyntax local && ResponseSyntax.LastValueOf(local, endpoint) is { } set)
            {
                receiver = Unwrap(set);
            }

            if (receiver is not InvocationExpressionSyntax inner)
            {
                break;
            }

            current = inner;
        }

        chain = null;
        return current;
    }

    // `var rows = await db.Orders.ToListAsync(); return Ok(rows.Select(...))`: the place the rows were loaded.
    private static InvocationExpressionSyntax Materialised(InvocationExpressionSyntax call, SyntaxNode endpoint, EfFile file, ref QueryChain? chain)
    {
        ExpressionSyntax bottom = call;
        while (bottom is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
        {
            bottom = Unwrap(member.Expression);
        }

        if (bottom is IdentifierNameSyntax local && ResponseSyntax.LastValueOf(local, endpoint) is { } value && Unwrap(value) is InvocationExpressionSyntax loaded &&
            file.ChainOf(loaded) is { } loadedChain && loadedChain.Operators.Any(EfSyntax.Materialisers.Contains))
        {
            chain = chain!.IsBounded ? chain : loadedChain;
            return loaded;
        }

        return call;
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax awaited => Unwrap(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        _ => expression,
    };

    // GetPage(page, size), GetById(id), GetByUser(userId): arguments that choose or bound the rows.
    private static bool IsBoundedCall(InvocationExpressionSyntax call) => call.ArgumentList.Arguments.Count > 0 &&
        call.ArgumentList.Arguments.Any(a => a.Expression is not (LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression }) &&
            !(a.Expression is IdentifierNameSyntax { Identifier.ValueText: "cancellationToken" or "ct" or "token" }));

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    /// <summary>The table returned here, or the workspace method whose result is returned.</summary>
    internal sealed record Candidate(EfSetRef? Table, EfMethodRef? Method)
    {
        /// <summary>The page size the caller sends with no maximum (<c>Take(limit)</c>), when that is the finding.</summary>
        public string? Requested { get; init; }
    }
}
