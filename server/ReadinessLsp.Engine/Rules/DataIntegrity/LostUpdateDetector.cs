using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// RDY3002: a row is read (<c>FindAsync</c>, <c>FirstOrDefaultAsync</c>, a loop over a query), a
/// number on it changed in memory (<c>Balance -= amount</c>, <c>Stock--</c>,
/// <c>Points = Points + 10</c>) and saved, with nothing that stops two requests from doing it at
/// once: no concurrency token that works with the app's provider (a <c>[Timestamp]</c> on SQLite
/// never changes), no transaction at a level that holds the row, no row lock, no retry.
/// The entity, its properties, its tokens and the provider come from the EF model.
/// </summary>
internal sealed class LostUpdateDetector : ICSharpDetector, IDeferredResolver<LostUpdateDetector.Candidate>
{
    private static readonly HashSet<string> RowOperators = new(StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Find",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync", "FindAsync",
    };

    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "decimal", "double", "float", "uint", "ulong", "ushort", "Int32", "Int64", "Int16", "Decimal", "Double", "Single",
    };

    // What users compete for: money, stock, points and counters others see. A bookkeeping number
    // only its own process changes (TimesSent, Attempts) loses nothing that matters.
    private static readonly string[] SharedQuantities =
    [
        "Balance", "Stock", "Quantity", "Qty", "Inventory", "Point", "Credit", "Count", "Like", "View", "Vote", "Seat", "Available", "Remaining",
        "Amount", "Total", "Score", "Fund", "Budget", "Capacity", "Sold", "Reserved", "Used", "Spent", "Earned", "Deposit", "Debt", "Due",
        "Paid", "Coin", "Token", "Unit", "Hit", "Download", "Follower", "Ticket", "Slot",
    ];

    public string RuleId => "RDY3002";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

    public IReadOnlyCollection<string>? Anchors { get; } = EfSyntax.CallWords(["SaveChanges", "SaveChangesAsync"]);

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is not InvocationExpressionSyntax call || !OperationBody.IsSave(call) || EfSyntax.BodyOf(call) is not { } body ||
            !context.Local<NodeSet>(this).Add(body))
        {
            return;
        }

        var saves = OperationBody.Saves(body);
        if (OperationBody.HoldsRows(body))
        {
            return;
        }

        var file = EfFile.Of(context);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in OperationBody.Nodes(body))
        {
            if (Changed(change) is not { } target || !saves.Any(s => s.SpanStart > change.SpanStart) ||
                Path(target) is not ({ } root, { Count: > 0 } path) || LoadOf(root, body, change.SpanStart, file) is not { } table)
            {
                continue;
            }

            if (!reported.Add($"{table.Set}|{table.Entity}|{string.Join('.', path)}"))
            {
                continue;
            }

            var check = CheckBefore(body, target, change.SpanStart);
            context.Defer(this, change.Span, new Candidate(table, path.ToEquatableArray(), check, Operation(change)), Placeholder);
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        if (ef.EntityOf(data.Table) is not { } entity)
        {
            return null;
        }

        for (var i = 0; i < data.Path.Count - 1; i++)
        {
            var navigation = ef.Entity(entity)?.Property(data.Path[i]);
            if (navigation is null || navigation.Flags.HasFlag(EfPropertyFlags.Collection) || !ef.IsEntity(navigation.Type))
            {
                return null;
            }

            entity = navigation.Type;
        }

        var model = ef.Entity(entity);
        var property = model?.Property(data.Path[^1]);
        if (model is null || property is null || property.Flags.HasFlag(EfPropertyFlags.NotMapped) || !NumericTypes.Contains(property.Type.TrimEnd('?').Replace("System.", string.Empty, StringComparison.Ordinal)) ||
            model.Keys.Contains(property.Name) || !SharedQuantities.Any(q => property.Name.Contains(q, StringComparison.OrdinalIgnoreCase)) ||
            property.Name.Contains("Retry", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("Attempt", StringComparison.OrdinalIgnoreCase) ||
            ef.TokenProtects(entity, data.Table.Context))
        {
            return null;
        }

        var related = new List<RelatedLocation>();
        var token = ef.ConcurrencyToken(entity);
        if (model.Declaration is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, token is null
                ? $"{entity} is declared here with no concurrency token"
                : $"{entity} is declared here; its concurrency token protects nothing on SQLite"));
        }

        if (token is not null)
        {
            related.Add(new RelatedLocation(token.Path, token.Span, $"the row version of {entity}: SQLite never changes it on update, so every save passes the check"));
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["entity"] = entity,
                ["property"] = property.Name,
                ["operation"] = data.Operation,
                ["check"] = data.Check is null ? string.Empty : $" Both also pass the check `{data.Check}`, so {entity}.{property.Name} can go past its limit (a negative balance, stock sold twice).",
                ["token"] = token is null
                    ? $"{entity} has no concurrency token"
                    : $"the `{string.Join(", ", token.Properties)}` row version on {entity} is never updated by SQLite, so it protects nothing there",
            },
            Related = related,
        };
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    // `x.Balance -= a`, `x.Stock--`, `++x.Count`, `x.Points = x.Points + 10`: the member changed from its own value.
    private static MemberAccessExpressionSyntax? Changed(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax left } compound
            when compound.IsKind(SyntaxKind.AddAssignmentExpression) || compound.IsKind(SyntaxKind.SubtractAssignmentExpression) => left,
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax left, Right: var right } simple
            when simple.IsKind(SyntaxKind.SimpleAssignmentExpression) && ArithmeticOn(right, left) => left,
        PostfixUnaryExpressionSyntax { Operand: MemberAccessExpressionSyntax operand } postfix
            when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => operand,
        PrefixUnaryExpressionSyntax { Operand: MemberAccessExpressionSyntax operand } prefix
            when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => operand,
        _ => null,
    };

    private static bool ArithmeticOn(ExpressionSyntax value, MemberAccessExpressionSyntax target)
    {
        var text = target.ToString();
        return value.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>()
            .Any(b => (b.IsKind(SyntaxKind.AddExpression) || b.IsKind(SyntaxKind.SubtractExpression)) &&
                (Same(b.Left, text) || Same(b.Right, text)));
    }

    private static bool Same(ExpressionSyntax expression, string text) => OperationBody.Unwrap(expression).ToString() == text;

    private static string Operation(SyntaxNode change) => change switch
    {
        AssignmentExpressionSyntax assignment when !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) => assignment.OperatorToken.ValueText,
        PostfixUnaryExpressionSyntax postfix => postfix.OperatorToken.ValueText,
        PrefixUnaryExpressionSyntax prefix => prefix.OperatorToken.ValueText,
        _ => "=",
    };

    // `user.Wallet.Balance`: the root name and the members after it.
    private static (string? Root, List<string> Path) Path(MemberAccessExpressionSyntax target)
    {
        var path = new List<string>();
        ExpressionSyntax current = target;
        while (current is MemberAccessExpressionSyntax member)
        {
            path.Insert(0, member.Name.Identifier.ValueText);
            current = OperationBody.Unwrap(member.Expression);
        }

        return current is IdentifierNameSyntax root ? (root.Identifier.ValueText, path) : (null, path);
    }

    // The table a local or loop variable holds a row of: `var user = await db.Users.FindAsync(id)`,
    // `foreach (var item in cart.Items)` over a query, or a list a query filled earlier.
    private static EfSetRef? LoadOf(string name, SyntaxNode body, int before, EfFile file)
    {
        foreach (var node in OperationBody.Nodes(body))
        {
            if (node.SpanStart >= before)
            {
                break;
            }

            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } declarator when declarator.Identifier.ValueText == name:
                    return file.ChainOf(OperationBody.Unwrap(value)) is { } chain && chain.Operators.Count > 0 && RowOperators.Contains(chain.Operators[^1]) ? chain.Root : null;
                case ForEachStatementSyntax loop when loop.Identifier.ValueText == name:
                    return RowsOf(loop.Expression, body, file);
            }
        }

        return null;
    }

    private static EfSetRef? RowsOf(ExpressionSyntax rows, SyntaxNode body, EfFile file)
    {
        var unwrapped = OperationBody.Unwrap(rows);
        if (unwrapped is IdentifierNameSyntax list)
        {
            var declared = OperationBody.Nodes(body).OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == list.Identifier.ValueText);
            if (declared?.Initializer?.Value is not { } value)
            {
                return null;
            }

            unwrapped = value;
        }

        var chain = file.ChainOf(unwrapped);
        return chain is not null && (chain.Operators.Count == 0 || EfSyntax.Materialisers.Contains(chain.Operators[^1]) || !EfSyntax.SingleResults.Contains(chain.Operators[^1]))
            ? chain.Root
            : null;
    }

    // `if (user.Balance < amount) return ...` before the change: the check both requests pass.
    private static string? CheckBefore(SyntaxNode body, MemberAccessExpressionSyntax target, int before)
    {
        var text = target.ToString();
        foreach (var test in OperationBody.Nodes(body).OfType<IfStatementSyntax>())
        {
            if (test.SpanStart >= before)
            {
                break;
            }

            foreach (var comparison in test.Condition.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>())
            {
                if (comparison.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression &&
                    (Same(comparison.Left, text) || Same(comparison.Right, text)))
                {
                    return comparison.ToString();
                }
            }
        }

        return null;
    }

    /// <summary>The table the row came from, the members changed (navigations, then the number), the check passed before, the operator.</summary>
    internal sealed record Candidate(EfSetRef Table, EquatableArray<string> Path, string? Check, string Operation);
}
