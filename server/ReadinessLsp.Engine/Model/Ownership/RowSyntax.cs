using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Model.Ownership;

/// <summary>
/// How code looks a row up and what it then does with it, read from syntax: the loads
/// (<c>FindAsync(id)</c>, <c>FirstOrDefaultAsync(o =&gt; o.Id == id)</c>), the equality filters and the
/// values they compare with, and whether the row is returned, changed or deleted. Shared by the
/// IDOR rule (in handlers) and the collector of repository lookups (in the methods handlers call).
/// </summary>
internal static class RowSyntax
{
    /// <summary>Calls that run a query for one row or a list.</summary>
    public static readonly HashSet<string> Loads = new(StringComparer.Ordinal)
    {
        "Find", "FindAsync", "FirstOrDefault", "FirstOrDefaultAsync", "SingleOrDefault", "SingleOrDefaultAsync", "First", "FirstAsync",
        "Single", "SingleAsync", "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "GetBySpecAsync", "SingleOrDefaultAsync",
    };

    /// <summary>The words that find those calls in a text.</summary>
    public static readonly IReadOnlyCollection<string> LoadWords = EfSyntax.CallWords(Loads);

    // Calls that write whatever they are handed (or whatever the context tracks).
    private static readonly HashSet<string> WriteCalls = new(StringComparer.Ordinal)
    {
        "Remove", "RemoveRange", "Delete", "DeleteAsync", "Update", "UpdateAsync", "UpdateRange", "Attach", "SaveChanges", "SaveChangesAsync",
        "SaveEntitiesAsync", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "AddAsync", "AddRangeAsync", "InsertAsync",
        "CommitAsync", "Commit", "Execute", "ExecuteAsync",
    };

    /// <summary>Whether a call writes data: a context's or repository's write, or an awaited add.</summary>
    public static bool IsWrite(InvocationExpressionSyntax call, string name) =>
        WriteCalls.Contains(name) || (name.StartsWith("Delete", StringComparison.Ordinal) || name.StartsWith("Remove", StringComparison.Ordinal)) && call.Parent is AwaitExpressionSyntax;

    /// <summary>The parts of an <c>&amp;&amp;</c> chain; empty when the filter has an <c>||</c> (it may match rows by something else).</summary>
    public static void Conjuncts(ExpressionSyntax condition, List<ExpressionSyntax> into)
    {
        switch (condition)
        {
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                Conjuncts(and.Left, into);
                Conjuncts(and.Right, into);
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                Conjuncts(parenthesized.Expression, into);
                break;
            default:
                into.Add(condition);
                break;
        }
    }

    /// <summary>Whether a filter may match rows by an alternative (<c>a || b</c>): then it is no lookup by one value.</summary>
    public static bool HasOr(ExpressionSyntax condition) => condition switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and => HasOr(and.Left) || HasOr(and.Right),
        ParenthesizedExpressionSyntax parenthesized => HasOr(parenthesized.Expression),
        _ => false,
    };

    /// <summary>
    /// The equality comparisons of a filter between the row's properties and other values:
    /// <c>o =&gt; o.Id == id &amp;&amp; o.UserId == userId</c> gives (Id, id), (UserId, userId).
    /// </summary>
    public static List<(string Property, ExpressionSyntax Value)> Equalities(ExpressionSyntax condition, string row)
    {
        var parts = new List<ExpressionSyntax>(4);
        Conjuncts(condition, parts);
        var equalities = new List<(string, ExpressionSyntax)>(parts.Count);
        foreach (var part in parts)
        {
            if (part is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equality)
            {
                if (RowProperty(equality.Left, row) is { } left)
                {
                    equalities.Add((left, equality.Right));
                }
                else if (RowProperty(equality.Right, row) is { } right)
                {
                    equalities.Add((right, equality.Left));
                }
            }
            else if (part is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equals", Expression: var receiver }, ArgumentList.Arguments: [var argument] } &&
                RowProperty(receiver, row) is { } property)
            {
                equalities.Add((property, argument.Expression));
            }
        }

        return equalities;
    }

    private static string? RowProperty(ExpressionSyntax expression, string row) =>
        expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var property } && receiver == row
            ? property
            : null;

    /// <summary>The parameter a value comes from (<c>id</c>, <c>request.OrderId</c>, <c>(int)id</c>), or null.</summary>
    public static string? ParameterOf(ExpressionSyntax expression, IReadOnlyCollection<string> parameters, out string? member)
    {
        member = null;
        switch (expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: var name } when parameters.Contains(name):
                return name;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name.Identifier.ValueText: var field } when parameters.Contains(owner):
                member = field;
                return owner;
            case CastExpressionSyntax cast:
                return ParameterOf(cast.Expression, parameters, out member);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                return ParameterOf(bang.Operand, parameters, out member);
            case CollectionExpressionSyntax { Elements: [ExpressionElementSyntax only] }:
                return ParameterOf(only.Expression, parameters, out member); // FindAsync([id], ct)
            case ImplicitArrayCreationExpressionSyntax { Initializer.Expressions: [var single] }:
                return ParameterOf(single, parameters, out member);
            case ArrayCreationExpressionSyntax { Initializer.Expressions: [var element] }:
                return ParameterOf(element, parameters, out member);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether a value names the other party on purpose: the recipient of a transfer, the target of
    /// a follow. Looking that row up is the point, not a leak.
    /// </summary>
    public static bool NamesOtherParty(string? member) =>
        member is not null && (member.StartsWith("To", StringComparison.Ordinal) && member.Length > 2 && char.IsUpper(member[2]) ||
            member.Contains("Recipient", StringComparison.Ordinal) || member.Contains("Target", StringComparison.Ordinal) ||
            member.Contains("Destination", StringComparison.Ordinal) || member.Contains("Receiver", StringComparison.Ordinal) ||
            member.Contains("Payee", StringComparison.Ordinal) || member.Contains("Followed", StringComparison.Ordinal));

    /// <summary>The whole expression a load ends: past awaits, <c>ConfigureAwait</c>, <c>!</c> and <c>?? throw</c>.</summary>
    public static ExpressionSyntax Outermost(ExpressionSyntax load)
    {
        var current = load;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                    current = (ExpressionSyntax)parent;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == current:
                    current = coalesce;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured }:
                    current = configured;
                    continue;
            }

            return current;
        }

        return current;
    }

    /// <summary>The local a load's value is stored in (<c>var order = await ...</c>, <c>order = await ...</c>), or null.</summary>
    public static string? LocalOf(ExpressionSyntax outermost) => outermost.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target } assignment when assignment.Right == outermost => target.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether the expression is handed back: in a return statement or an expression body, up to <paramref name="body"/>.</summary>
    public static bool IsReturned(SyntaxNode expression, SyntaxNode body)
    {
        if (expression == body)
        {
            return true; // `(int id, Db db) => db.Orders.Find(id)`
        }

        for (var current = expression.Parent; current is not null && current != body; current = current.Parent)
        {
            switch (current)
            {
                case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                    return true;
                case StatementSyntax or AnonymousFunctionExpressionSyntax:
                    return false;
                case IsPatternExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }:
                    return false; // `await db.Orders.FindAsync(id) is null ? NotFound() : Ok()`: only tested
            }
        }

        return body is ArrowExpressionClauseSyntax || body is ExpressionSyntax;
    }

    /// <summary>
    /// What code does with the row in <paramref name="local"/> after <paramref name="after"/>: deletes
    /// it, changes it (assigns a property, hands it to <c>Update</c>, calls a method on it and saves),
    /// or returns it; null when it only looks. One walk of <paramref name="body"/>, skipping lambdas.
    /// </summary>
    public static string? UseOf(string local, int after, SyntaxNode body)
    {
        string? use = null;
        var calledOnRow = false;
        var saves = false;
        // What ends before `after` holds nothing after it: not entered.
        foreach (var node in body.Descendants(n => n is not AnonymousFunctionExpressionSyntax && n.Span.End > after))
        {
            if (node.SpanStart < after)
            {
                continue;
            }

            switch (node)
            {
                case InvocationExpressionSyntax call when call.MethodName() is { } name:
                    if (call.ArgumentList.Arguments.Count > 0 && call.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var argument } && argument == local)
                    {
                        if (name is "Remove" or "RemoveRange" or "Delete" or "DeleteAsync" or "RemoveAsync")
                        {
                            return "deletes it";
                        }

                        if (name is "Update" or "UpdateAsync" or "Attach")
                        {
                            use = "changes it";
                        }
                    }

                    if (call.Expression is MemberAccessExpressionSyntax { Expression: var target } && Names(target, local) &&
                        !name.StartsWith("Get", StringComparison.Ordinal) && !name.StartsWith("To", StringComparison.Ordinal) && !name.StartsWith("Is", StringComparison.Ordinal) &&
                        !name.StartsWith("Has", StringComparison.Ordinal) && name is not ("Equals" or "Any" or "Select" or "Where" or "Count" or "Contains" or "First" or "FirstOrDefault"))
                    {
                        calledOnRow = true; // order.SetCancelledStatus(): a change when something saves afterwards
                    }

                    saves |= name.StartsWith("Save", StringComparison.Ordinal) || name.StartsWith("Commit", StringComparison.Ordinal) || name is "Update" or "UpdateAsync";
                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: var receiver } } when Names(receiver, local):
                    use ??= "changes it";
                    break;
                case ReturnStatementSyntax { Expression: { } returned } when use is null && Hands(returned, local):
                    use = "returns it";
                    break;
                case ArrowExpressionClauseSyntax { Expression: var arrow } when use is null && Hands(arrow, local):
                    use = "returns it";
                    break;
            }
        }

        return use is "returns it" or null && calledOnRow && saves ? "changes it" : use;
    }

    // `order`, or `order!`.
    private static bool Names(ExpressionSyntax expression, string local) => expression switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } => name == local,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression, Operand: IdentifierNameSyntax { Identifier.ValueText: var name } } => name == local,
        _ => false,
    };

    // Whether a returned expression carries the row out, not only a test of it (`return order != null`).
    private static bool Hands(ExpressionSyntax returned, string local)
    {
        foreach (var node in returned.DescendantNodesAndSelf(static n => n is not (BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } or IsPatternExpressionSyntax)))
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } && name == local &&
                node.Parent is not (BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } or IsPatternExpressionSyntax) &&
                !(node.Parent is ConditionalExpressionSyntax conditional && conditional.Condition == node))
            {
                return true;
            }
        }

        return false;
    }
}
