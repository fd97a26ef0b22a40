using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1020: an access check that fails open. Two shapes, reported only when unambiguous:
/// <list type="bullet">
/// <item>inverted: <c>if (!User.IsInRole("Admin")) return await db.Orders.ToListAsync();</c> followed
/// by the caller's own rows (<c>.Where(o =&gt; o.UserId == userId)</c>): everyone who is not an admin
/// gets everything;</item>
/// <item>skipped: <c>var tenant = User.FindFirst("tenant_id")?.Value; if (tenant != null) query =
/// query.Where(...); return query...</c>: a caller whose token lacks the claim gets every tenant's rows.</item>
/// </list>
/// A guard that turns the caller away (<c>if (!User.IsInRole("Admin")) return Forbid();</c>) is the
/// right shape and stays silent, as does a filter whose claim was required earlier.
/// </summary>
internal sealed class FailOpenCheckDetector : ICSharpDetector
{
    private static readonly string[] OwnWords = ["userid", "ownerid", "customerid", "authorid", "memberid", "accountid", "currentuser", "byuser", "foruser", "byowner", "mine"];
    private static readonly string[] ScopeClaimWords = ["tenant", "user", "owner", "org", "company", "customer", "account", "sub", "nameidentifier", "sid", "team", "workspace"];

    public string RuleId => "RDY1020";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.IfStatement];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["IsInRole", "IsAdmin", "isAdmin", "Role !=", "role !=", "HasClaim", "FindFirst"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var statement = (IfStatementSyntax)node;
        if (statement.Parent is not BlockSyntax block)
        {
            return;
        }

        if (NegatedRoleTest(statement.Condition) is { } role && InvertedReturn(statement, block))
        {
            context.Report(statement.Condition.Span, new Dictionary<string, string>
            {
                ["check"] = Short(statement.Condition.ToString()),
                ["what"] = $"callers who are not {role} get every record, and those who are get only their own",
            });
            return;
        }

        if (statement.Else is null && SkippedClaimFilter(statement, block) is { } claim)
        {
            context.Report(statement.Condition.Span, new Dictionary<string, string>
            {
                ["check"] = Short(statement.Condition.ToString()),
                ["what"] = $"when the token carries no {claim} claim, the filter is skipped and the caller gets everyone's records",
            });
        }
    }

    // `!User.IsInRole("Admin")`, `!await users.IsInRoleAsync(u, "Admin")`, `!isAdmin`, `role != "Admin"`: the role it names.
    private static string? NegatedRoleTest(ExpressionSyntax condition)
    {
        switch (condition)
        {
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var operand }:
                var inner = operand is AwaitExpressionSyntax awaited ? awaited.Expression : operand;
                inner = inner is ParenthesizedExpressionSyntax p ? p.Expression : inner;
                if (inner is InvocationExpressionSyntax call && call.MethodName() is "IsInRole" or "IsInRoleAsync")
                {
                    var literal = call.ArgumentList.Arguments.Select(a => a.Expression.StringLiteralValue()).LastOrDefault(v => v is not null);
                    return literal is null ? "in the role" : $"in the {literal} role";
                }

                var name = inner switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    InvocationExpressionSyntax invocation => invocation.MethodName(),
                    _ => null,
                };
                return name is not null && name.EndsWith("IsAdmin", StringComparison.OrdinalIgnoreCase) || name is "isAdmin" or "IsAdminAsync" ? "admins" : null;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } compare:
                var (side, value) = compare.Right.StringLiteralValue() is { } right ? (compare.Left, right) : (compare.Right, compare.Left.StringLiteralValue());
                return value is not null && LastName(side)?.Contains("role", StringComparison.OrdinalIgnoreCase) == true ? $"in the {value} role" : null;
            default:
                return null;
        }
    }

    // The guarded branch hands back an unfiltered read, and the path for the role returns the caller's own rows.
    private static bool InvertedReturn(IfStatementSyntax statement, BlockSyntax block)
    {
        if (ReturnOf(statement.Statement) is not { } everything || !ReadsEverything(everything))
        {
            return false;
        }

        var rest = statement.Else?.Statement is { } otherwise
            ? ReturnOf(otherwise)
            : block.Statements.SkipWhile(s => s != statement).Skip(1).OfType<ReturnStatementSyntax>().FirstOrDefault()?.Expression;
        return rest is not null && ReadsOwn(rest);
    }

    private static ExpressionSyntax? ReturnOf(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: { } value } => value,
        BlockSyntax { Statements: [.., ReturnStatementSyntax { Expression: { } value }] } => value,
        _ => null,
    };

    // `await db.Orders.ToListAsync()`, `Ok(await repo.GetAllAsync())`, `db.Orders.ToList()`: a whole set, no Where.
    private static bool ReadsEverything(ExpressionSyntax value)
    {
        var calls = value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Select(c => c.MethodName()).OfType<string>().ToList();
        return !calls.Any(n => n is "Where" or "Find" or "FindAsync" || n.StartsWith("First", StringComparison.Ordinal) || n.StartsWith("Single", StringComparison.Ordinal)) &&
            calls.Any(n => n.StartsWith("GetAll", StringComparison.Ordinal) || n is "ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync") &&
            !Mentions(value, OwnWords);
    }

    private static bool ReadsOwn(ExpressionSyntax value) => Mentions(value, OwnWords) || value.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "Where") && Mentions(value, ["user", "owner"]);

    private static bool Mentions(SyntaxNode node, string[] words)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && words.Any(w => token.ValueText.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    // `if (tenant != null) query = query.Where(...)` with `tenant` read from a claim, and `query` returned later.
    private static string? SkippedClaimFilter(IfStatementSyntax statement, BlockSyntax block)
    {
        if (PresenceTest(statement.Condition) is not { } variable ||
            (statement.Statement is BlockSyntax { Statements: [var only] } ? only : statement.Statement) is not ExpressionStatementSyntax
            {
                Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target, Right: var filtered },
            } ||
            !filtered.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "Where") ||
            !filtered.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == variable))
        {
            return null;
        }

        var before = block.Statements.TakeWhile(s => s != statement).ToList();
        var claim = before.OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables)
            .Where(v => v.Identifier.ValueText == variable && v.Initializer is not null).Select(v => ClaimRead(v.Initializer!.Value)).LastOrDefault();
        if (claim is null)
        {
            return null;
        }

        // Required earlier (`if (tenant is null) return Forbid();`): the filter always applies.
        if (before.OfType<IfStatementSyntax>().Any(s => s.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == variable)))
        {
            return null;
        }

        var after = block.Statements.SkipWhile(s => s != statement).Skip(1);
        var returned = after.OfType<ReturnStatementSyntax>().FirstOrDefault()?.Expression;
        return returned is not null && returned.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == target.Identifier.ValueText) ? claim : null;
    }

    // `x != null`, `x is not null`, `!string.IsNullOrEmpty(x)`, `!string.IsNullOrWhiteSpace(x)`: the variable tested.
    private static string? PresenceTest(ExpressionSyntax condition) => condition switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: IdentifierNameSyntax x, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } => x.Identifier.ValueText,
        IsPatternExpressionSyntax { Expression: IdentifierNameSyntax x, Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } => x.Identifier.ValueText,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax call }
            when call.MethodName() is "IsNullOrEmpty" or "IsNullOrWhiteSpace" && call.ArgumentList.Arguments is [{ Expression: IdentifierNameSyntax x }] => x.Identifier.ValueText,
        _ => null,
    };

    // `User.FindFirst("tenant_id")?.Value`, `User.FindFirstValue(ClaimTypes.NameIdentifier)`: the claim, when it scopes data.
    private static string? ClaimRead(ExpressionSyntax value)
    {
        var call = value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(c => c.MethodName() is "FindFirst" or "FindFirstValue");
        if (call?.ArgumentList.Arguments.FirstOrDefault()?.Expression is not { } argument)
        {
            return null;
        }

        var claim = argument.StringLiteralValue() ?? LastName(argument) ?? argument.ToString();
        return ScopeClaimWords.Any(w => claim.Contains(w, StringComparison.OrdinalIgnoreCase)) ? claim : null;
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };

    private static string Short(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 60 ? flat[..57] + "..." : flat;
    }
}
