using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Ownership;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// A handler's code read once, in text order, for RDY1006: the loads, the calls that may hand a
/// caller's id on, the declarations and assignments that may hold the signed-in user, the
/// comparisons that may settle whose row it is, and where it first writes.
/// </summary>
internal sealed class OwnerScan
{
    // Calls that read the signed-in user.
    private static readonly HashSet<string> CurrentUserCalls = new(StringComparer.Ordinal)
    {
        "GetUserId", "GetUserIdAsync", "GetUserAsync", "FindFirst", "FindFirstValue", "GetUserName", "GetUsername", "GetCurrentUser", "GetCurrentUserAsync",
        "GetCurrentUserId", "GetCurrentUserIdAsync", "GetLoggedInUserId", "GetUserIdentity",
    };

    // Calls that settle who may see the row: IAuthorizationService, or the app's own ownership helpers.
    private static readonly string[] OwnershipCallWords = ["Authorize", "Owner", "Owns", "CanAccess", "CanEdit", "CanView", "CanModify", "CanDelete", "HasAccess", "CheckAccess", "EnsureAccess", "Permission", "Belongs"];

    /// <summary>The request parameter of a command handler: its user fields (<c>request.UserId</c>) are the caller's own.</summary>
    public string? Request { get; set; }

    public List<InvocationExpressionSyntax> Loads { get; } = [];

    /// <summary>Calls on a receiver with arguments: repositories and services a caller's id may be handed to, and ownership helpers.</summary>
    public List<InvocationExpressionSyntax> Calls { get; } = [];

    public List<VariableDeclaratorSyntax> Declarators { get; } = [];

    public List<AssignmentExpressionSyntax> Assignments { get; } = [];

    public List<ExpressionSyntax> Comparisons { get; } = [];

    public List<int> Writes { get; } = [];

    public static OwnerScan Read(SyntaxNode body)
    {
        var scan = new OwnerScan();
        foreach (var node in body.Descendants())
        {
            switch (node)
            {
                case InvocationExpressionSyntax call:
                    if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name })
                    {
                        if (RowSyntax.Loads.Contains(name))
                        {
                            scan.Loads.Add(call);
                        }

                        if (RowSyntax.IsWrite(call, name))
                        {
                            scan.Writes.Add(call.SpanStart);
                        }
                    }

                    if (call.ArgumentList.Arguments.Count > 0)
                    {
                        scan.Calls.Add(call);
                    }

                    break;
                case VariableDeclaratorSyntax declarator:
                    scan.Declarators.Add(declarator);
                    break;
                case AssignmentExpressionSyntax assignment:
                    scan.Assignments.Add(assignment);
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } equality:
                    scan.Comparisons.Add(equality);
                    break;
                case IsPatternExpressionSyntax pattern:
                    scan.Comparisons.Add(pattern);
                    break;
            }
        }

        return scan;
    }

    /// <summary>The first write at or after <paramref name="position"/>, or <see cref="int.MaxValue"/>.</summary>
    public int FirstWriteAfter(int position)
    {
        foreach (var write in Writes)
        {
            if (write >= position)
            {
                return write;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Names that hold the signed-in user or its id: locals set from User, a ClaimsPrincipal parameter, or a current-user helper.</summary>
    public HashSet<string> CurrentUserNames(SeparatedSyntaxList<ParameterSyntax> parameters)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "User" };
        foreach (var parameter in parameters)
        {
            if (CSharpFileModel.SimpleName(parameter.Type) is "ClaimsPrincipal" or "ICurrentUser" or "ICurrentUserService" or "CurrentUser" or "IIdentityService" or "IUserContext")
            {
                names.Add(parameter.Identifier.ValueText);
            }
        }

        // Twice: a local set from another one (`var user = await GetUser(); var id = user.Id;`).
        for (var pass = 0; pass < 2; pass++)
        {
            var before = names.Count;
            foreach (var declarator in Declarators)
            {
                if (declarator.Initializer?.Value is { } value && IsCurrentUser(value, names, 0))
                {
                    names.Add(declarator.Identifier.ValueText);
                }
            }

            foreach (var assignment in Assignments)
            {
                if (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var target } && IsCurrentUser(assignment.Right, names, 0))
                {
                    names.Add(target);
                }
            }

            if (names.Count == before)
            {
                break;
            }
        }

        return names;
    }

    /// <summary>
    /// Where the handler first asks whose row it is: a comparison with the signed-in user (in a query
    /// or after loading), the user handed to a helper, or an ownership call; <see cref="int.MaxValue"/> when never.
    /// </summary>
    public int SettlesOwnershipAt(HashSet<string> currentUser)
    {
        var at = int.MaxValue;
        foreach (var comparison in Comparisons)
        {
            if (comparison.SpanStart >= at)
            {
                break;
            }

            switch (comparison)
            {
                case BinaryExpressionSyntax equality when !IsNull(equality.Left) && !IsNull(equality.Right) &&
                    (IsCurrentUser(equality.Left, currentUser, 0) || IsCurrentUser(equality.Right, currentUser, 0)):
                    at = comparison.SpanStart;
                    break;
                case IsPatternExpressionSyntax pattern when pattern.Pattern is not ConstantPatternSyntax { Expression: LiteralExpressionSyntax } &&
                    pattern.Pattern is not UnaryPatternSyntax && IsCurrentUser(pattern.Expression, currentUser, 0):
                    at = comparison.SpanStart;
                    break;
            }
        }

        foreach (var call in Calls)
        {
            if (call.SpanStart >= at)
            {
                break;
            }

            if (call.MethodName() is not { } name)
            {
                continue;
            }

            if (Settles(call, name, currentUser))
            {
                at = call.SpanStart;
            }
        }

        foreach (var call in Loads)
        {
            // Ownership helpers without arguments (`EnsureOwner()`) are not in Calls; loads are: a filter lambda comparing with the user was seen above.
            if (call.SpanStart < at && call.ArgumentList.Arguments.Count == 0 && call.MethodName() is { } name && OwnershipCallWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
            {
                at = call.SpanStart;
            }
        }

        return at;
    }

    private bool Settles(InvocationExpressionSyntax call, string name, HashSet<string> currentUser)
    {
        foreach (var word in OwnershipCallWords)
        {
            if (name.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (CurrentUserCalls.Contains(name) || name.StartsWith("Log", StringComparison.Ordinal))
        {
            return false;
        }

        // `x.Equals(userId)`, `string.Equals(a, userId)`, or the user handed to the query's own helper (`GetOrder(id, userId)`).
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (IsCurrentUser(argument.Expression, currentUser, 0))
            {
                return true;
            }
        }

        return name == "Equals" && call.Expression is MemberAccessExpressionSyntax member && IsCurrentUser(member.Expression, currentUser, 0);
    }

    /// <summary>Whether an expression reads the signed-in user: a name that holds it, <c>User.FindFirstValue(...)</c>, <c>int.Parse(...)</c> of one.</summary>
    public bool IsCurrentUser(ExpressionSyntax expression, HashSet<string> names, int depth)
    {
        if (depth > 6)
        {
            return false;
        }

        switch (expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: var id }:
                return names.Contains(id) || id.Contains("CurrentUser", StringComparison.Ordinal) || id.Contains("LoggedInUser", StringComparison.Ordinal) ||
                    id is "currentUser" or "_currentUser";
            case MemberAccessExpressionSyntax member:
                // A command carries the signed-in user's id the endpoint put in it (`request.UserId`).
                if (Request is not null && member.Expression is IdentifierNameSyntax { Identifier.ValueText: var owner } && owner == Request && IsUserField(member.Name.Identifier.ValueText))
                {
                    return true;
                }

                return IsCurrentUser(member.Expression, names, depth + 1);
            case InvocationExpressionSyntax call:
                if (call.MethodName() is { } name && CurrentUserCalls.Contains(name))
                {
                    return true;
                }

                if (call.Expression is MemberAccessExpressionSyntax receiver && IsCurrentUser(receiver.Expression, names, depth + 1))
                {
                    return true;
                }

                foreach (var argument in call.ArgumentList.Arguments)
                {
                    if (IsCurrentUser(argument.Expression, names, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case AwaitExpressionSyntax awaited:
                return IsCurrentUser(awaited.Expression, names, depth + 1);
            case ParenthesizedExpressionSyntax parenthesized:
                return IsCurrentUser(parenthesized.Expression, names, depth + 1);
            case CastExpressionSyntax cast:
                return IsCurrentUser(cast.Expression, names, depth + 1);
            case PostfixUnaryExpressionSyntax postfix:
                return IsCurrentUser(postfix.Operand, names, depth + 1);
            case ConditionalAccessExpressionSyntax conditional:
                return IsCurrentUser(conditional.Expression, names, depth + 1) || IsCurrentUser(conditional.WhenNotNull, names, depth + 1);
            case MemberBindingExpressionSyntax:
                return false;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression or (int)SyntaxKind.AsExpression } binary:
                return IsCurrentUser(binary.Left, names, depth + 1);
            case ConditionalExpressionSyntax ternary:
                return IsCurrentUser(ternary.WhenTrue, names, depth + 1) || IsCurrentUser(ternary.WhenFalse, names, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>A field that names a user: <c>UserId</c>, <c>OwnerId</c>, <c>BuyerId</c>, <c>UserName</c>.</summary>
    public static bool IsUserField(string name) =>
        name.Contains("User", StringComparison.Ordinal) || name.Contains("Owner", StringComparison.Ordinal) || name.Contains("Author", StringComparison.Ordinal) ||
        name.Contains("Buyer", StringComparison.Ordinal) || name.Contains("Customer", StringComparison.Ordinal) || name.Contains("Requester", StringComparison.Ordinal) ||
        name.Contains("Caller", StringComparison.Ordinal) || name.Contains("Member", StringComparison.Ordinal);

    private static bool IsNull(ExpressionSyntax expression) => expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression);
}
