using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Records which methods of the workspace touch the database (repositories, services, query
/// handlers): whether they query, save, or return a whole table, so a call to them inside a loop
/// or from an endpoint is judged where the call is. Also notes files that send SQL through Dapper
/// or ADO.NET. Gathered from the calls the walk visits anyway, one fact per method.
/// </summary>
internal sealed class DataAccessCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> AdoNetExecutes = new(StringComparer.Ordinal)
    {
        "ExecuteReader", "ExecuteReaderAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "ExecuteScalar", "ExecuteScalarAsync",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    // Files that reach a database: a context, a set, a connection, Identity's stores.
    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

    // The names of the calls it reads, exactly.
    public IReadOnlyCollection<string>? Anchors { get; } = EfSyntax.CallWords(
    [
        "SaveChanges", "SaveChangesAsync", "Add", "AddAsync", .. EfSyntax.Materialisers, .. EfSyntax.SingleResults, .. EfSyntax.Commands,
        .. EfSyntax.DapperCalls, .. AdoNetExecutes,
    ]);

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        var name = call.MethodName();
        if (name is null || !MayRead(name) || call.Expression is not MemberAccessExpressionSyntax member || CalledMethod(call) is not { } method)
        {
            return;
        }

        var file = EfFile.Of(context);
        var flags = DataAccessFlags.None;
        EfSetRef? wholeTable = null;
        EfLookup? lookup = null;
        EfSetRef? inserts = null;
        EfSetRef? table = null;
        if (name is "Add" or "AddAsync")
        {
            inserts = EfSyntax.InsertOf(call, file);
            flags = inserts is null ? DataAccessFlags.None : DataAccessFlags.Queries;
        }
        else if (name is "SaveChanges" or "SaveChangesAsync")
        {
            flags = EfSyntax.MayBeContext(member.Expression, file, out _) || member.Expression is ThisExpressionSyntax or BaseExpressionSyntax
                ? DataAccessFlags.Saves | DataAccessFlags.Queries
                : DataAccessFlags.None;
        }
        else if (EfSyntax.Materialisers.Contains(name) || EfSyntax.SingleResults.Contains(name) || EfSyntax.Commands.Contains(name))
        {
            var chain = file.ChainOf(call);
            if (chain is not null)
            {
                flags = DataAccessFlags.Queries;
                table = chain.Root;
                lookup = EfSyntax.LookupOf(name, chain);
                if (EfSyntax.Materialisers.Contains(name) && !chain.IsBounded && IsReturned(call))
                {
                    flags |= DataAccessFlags.ReturnsWholeTable;
                    wholeTable = chain.Root;
                }
            }
        }
        else if (EfSyntax.DapperCalls.Contains(name) && MayBeConnection(member.Expression, file))
        {
            flags = DataAccessFlags.Queries;
            RawSql(RawSqlKind.Dapper, context);
        }
        else if (AdoNetExecutes.Contains(name))
        {
            flags = DataAccessFlags.Queries;
            RawSql(RawSqlKind.AdoNet, context);
        }

        if (flags == DataAccessFlags.None)
        {
            return;
        }

        var methods = context.Local<Methods>(this);
        if (!methods.ByMethod.TryGetValue(method, out var found))
        {
            methods.ByMethod[method] = found = new Accumulated();
        }

        found.Flags |= flags;
        found.WholeTable ??= wholeTable;
        found.Lookup ??= lookup;
        found.Inserts ??= inserts;

        // A chain is only a query if its start turns out to be a table; anything else that queries is sure.
        if (table is null)
        {
            found.Sure = true;
        }
        else if (!found.Tables.Contains(table))
        {
            found.Tables.Add(table);
        }
    }

    public void Complete(CSharpContext context)
    {
        var methods = context.Local<Methods>(this);
        foreach (var kind in methods.RawSql)
        {
            context.Facts.Add(new RawSqlAccess(kind, context.Path));
        }

        foreach (var (method, found) in methods.ByMethod.OrderBy(m => m.Key.SpanStart))
        {
            if (method.Parent is not TypeDeclarationSyntax type)
            {
                continue;
            }

            var flags = found.Flags;
            if (CSharpFileModel.SimpleName(method.ReturnType) is "IQueryable" or "IOrderedQueryable")
            {
                flags |= DataAccessFlags.ReturnsQuery;
            }

            context.Facts.Add(new DataAccessMethod(
                type.Identifier.ValueText,
                BasesOf(type),
                method.Identifier.ValueText,
                flags,
                found.WholeTable,
                found.Lookup,
                found.Inserts,
                found.Sure ? EquatableArray<EfSetRef>.Empty : found.Tables.ToEquatableArray(),
                context.Path,
                context.RangeOf(method.Identifier.Span)));
        }
    }

    /// <summary>
    /// A type's bases as calls name them. <c>IRequestHandler&lt;CreateOrder, int&gt;</c> is listed as
    /// <c>IRequestHandler</c> and <c>IRequestHandler&lt;CreateOrder&gt;</c>, so a mediator's
    /// <c>Send(new CreateOrder(...))</c> finds its handler.
    /// </summary>
    internal static EquatableArray<string> BasesOf(TypeDeclarationSyntax type) =>
        type.BaseList?.Types
            .SelectMany(b => CSharpFileModel.FirstTypeArgument(b.Type) is { } argument
                ? [CSharpFileModel.SimpleName(b.Type)!, $"{CSharpFileModel.SimpleName(b.Type)}<{argument}>"]
                : new[] { CSharpFileModel.SimpleName(b.Type)! })
            .ToEquatableArray() ?? EquatableArray<string>.Empty;

    // The method other code calls to run this query: not a lambda's (a route handler, a callback),
    // and not a controller's or page's action (the framework calls those; their helpers count).
    // The names read below, tested first: most calls in a data file are none of them.
    private static bool MayRead(string name) =>
        name is "Add" or "AddAsync" or "SaveChanges" or "SaveChangesAsync" || EfSyntax.Materialisers.Contains(name) || EfSyntax.SingleResults.Contains(name) ||
        EfSyntax.Commands.Contains(name) || EfSyntax.DapperCalls.Contains(name) || AdoNetExecutes.Contains(name);

    private static MethodDeclarationSyntax? CalledMethod(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null;
                case MethodDeclarationSyntax { Parent: TypeDeclarationSyntax type } method:
                    return method.Modifiers.Any(SyntaxKind.PublicKeyword) && IsEndpointType(type) ? null : method;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool IsEndpointType(TypeDeclarationSyntax type)
    {
        var name = type.Identifier.ValueText;
        if (name.EndsWith("Controller", StringComparison.Ordinal) || name.EndsWith("Model", StringComparison.Ordinal) && type.BaseList is not null)
        {
            return true;
        }

        foreach (var baseType in type.BaseList?.Types ?? default)
        {
            if (CSharpFileModel.SimpleName(baseType.Type) is "Controller" or "ControllerBase" or "PageModel" or "Hub")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the value of <paramref name="call"/> leaves the method: in a return statement or an
    /// expression body, or stored in a local that a return statement names.
    /// </summary>
    internal static bool IsReturned(ExpressionSyntax call)
    {
        if (ReducedAfterwards(call))
        {
            return false;
        }

        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case ReturnStatementSyntax:
                case ArrowExpressionClauseSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.ExpressionBody is not null && lambda.ExpressionBody.Span.Contains(call.Span) && ReturnsFromLambda(lambda);
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax envelope } } assignment when assignment.Right.Span.Contains(call.Span):
                    // `result.Data = await q.ToListAsync(); return result;`: the envelope carries the rows out.
                    return ReturnedLater(assignment, EfSyntax.BodyOf(assignment), envelope.Identifier.ValueText);
                case LocalDeclarationStatementSyntax { Declaration.Variables: [var variable] } declaration:
                    var body = EfSyntax.BodyOf(declaration) ?? declaration.Parent;
                    var name = variable.Identifier.ValueText;
                    return ReturnedLater(declaration, body, name) || MappedAndReturned(declaration, body, name) ||
                        (body is not null && body.Descendants(n => n is not AnonymousFunctionExpressionSyntax).OfType<AssignmentExpressionSyntax>()
                            .Any(a => a.SpanStart > declaration.SpanStart && a.Right is IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == name &&
                                a.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax carrier } && ReturnedLater(a, body, carrier.Identifier.ValueText)));
                case StatementSyntax:
                    return false;
            }
        }

        return false;
    }

    // `var dtos = _mapper.Map<List<Dto>>(rows); return dtos;`: the rows leave through a mapping.
    private static bool MappedAndReturned(SyntaxNode declaration, SyntaxNode? body, string name) =>
        body is not null && body.Descendants(n => n is not AnonymousFunctionExpressionSyntax).OfType<LocalDeclarationStatementSyntax>()
            .Any(l => l.SpanStart > declaration.SpanStart && l.Declaration.Variables is [{ Initializer.Value: { } value } mapped] &&
                value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name && IsMapped(i)) &&
                ReturnedLater(l, body, mapped.Identifier.ValueText));

    private static bool IsMapped(IdentifierNameSyntax use) =>
        use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { } mapper } } && mapper.MethodName() is "Map" or "Adapt" or "ProjectTo" ||
        use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" or "Adapt" } access && access.Expression == use;

    // A return statement after `after` in `body` that hands out `name` (not only its count).
    private static bool ReturnedLater(SyntaxNode after, SyntaxNode? body, string name) =>
        body is not null && body.Descendants(n => n is not AnonymousFunctionExpressionSyntax)
            .OfType<ReturnStatementSyntax>()
            .Any(r => r.SpanStart > after.SpanStart && r.Expression is not null &&
                r.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name && !IsCounted(i)));

    // `(await q.ToListAsync()).Count`, `.ToList().Where(...)`: what leaves is less than the rows.
    private static bool ReducedAfterwards(ExpressionSyntax call)
    {
        SyntaxNode current = call;
        while (current.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            current = current.Parent;
        }

        return current.Parent is MemberAccessExpressionSyntax access && access.Expression == current &&
            access.Name.Identifier.ValueText is not ("Select" or "AsEnumerable" or "ToList" or "ToArray" or "OrderBy" or "OrderByDescending" or "ConfigureAwait");
    }

    // `items.Count`, `items.Any()`: a returned number, not the rows.
    private static bool IsCounted(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" or "Any" or "Sum" or "Max" or "Min" } access && access.Expression == name;

    // Only a lambda handed to something that maps a route returns to a caller; others (Select, Where) do not.
    private static bool ReturnsFromLambda(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax owner } } &&
        owner.MethodName() is { } name && name.StartsWith("Map", StringComparison.Ordinal);

    private static bool MayBeConnection(ExpressionSyntax receiver, EfFile file)
    {
        var type = receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
            ? CSharpFileModel.SimpleName(file.DeclaredTypeOf(receiver))
            : null;
        if (type is not null)
        {
            return type.Contains("Connection", StringComparison.Ordinal) || type.Contains("Transaction", StringComparison.Ordinal);
        }

        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            InvocationExpressionSyntax invocation => invocation.MethodName(),
            _ => null,
        };
        return name is not null && (name.Contains("conn", StringComparison.OrdinalIgnoreCase) || name.Contains("db", StringComparison.OrdinalIgnoreCase));
    }

    private void RawSql(RawSqlKind kind, CSharpContext context) => context.Local<Methods>(this).RawSql.Add(kind);

    private sealed class Accumulated
    {
        public DataAccessFlags Flags { get; set; }

        public EfSetRef? WholeTable { get; set; }

        public EfLookup? Lookup { get; set; }

        public EfSetRef? Inserts { get; set; }

        public bool Sure { get; set; }

        public List<EfSetRef> Tables { get; } = [];
    }

    private sealed class Methods
    {
        public NodeMap<MethodDeclarationSyntax, Accumulated> ByMethod { get; } = [];

        public SortedSet<RawSqlKind> RawSql { get; } = [];
    }
}
