using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// What a handler's code does that access-control rules weigh, read in one pass over its body:
/// the calls it makes, whether it writes data, tests the caller's role, reads the signed-in user,
/// turns callers away, checks a password (and counts failures), and what it returns. A handler is
/// read once per file however many rules and siblings ask.
/// </summary>
internal sealed class HandlerBody
{
    private static readonly object CacheKey = new();

    private static readonly HashSet<string> RoleChecks = new(StringComparer.Ordinal)
    {
        "IsInRole", "HasClaim", "AuthorizeAsync", "IsInRoleAsync", "RequireRole", "HasPermission", "HasPermissionAsync", "CheckPermission",
        "CheckPermissionAsync", "EnsureAdmin", "IsAdmin", "IsAdminAsync", "IsSuperAdmin",
    };

    private static readonly HashSet<string> Refusals = new(StringComparer.Ordinal) { "Unauthorized", "Challenge", "Forbid" };

    private readonly SyntaxNode? _body;
    private readonly HashSet<string> _principals = new(StringComparer.Ordinal) { "User" };
    private bool? _returnsUsers;

    private HandlerBody(SyntaxNode? body)
    {
        _body = body;
        if (body is null)
        {
            return;
        }

        // A handler parameter typed ClaimsPrincipal (`(ClaimsPrincipal user, ...) =>`) is the signed-in user, like `User` in a controller.
        var parameters = body.Parent switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            _ => default,
        };
        _principals.UnionWith(parameters.Where(p => CSharpFileModel.SimpleName(p.Type) == "ClaimsPrincipal").Select(p => p.Identifier.ValueText));
        foreach (var node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax call:
                    Read(call);
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name.Identifier.ValueText: var member }:
                    UsesCurrentUser |= _principals.Contains(owner);
                    Broadcasts |= owner == "Clients" && member is "All" or "Others" or "Group" or "Groups" or "OthersInGroup" or "AllExcept" or "Users" or "User" or "Client" or "GroupExcept";
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: { Length: >= 11 } id } when !UsesCurrentUser:
                    UsesCurrentUser = id.Contains("CurrentUser", StringComparison.Ordinal);
                    break;
                case IfStatementSyntax statement:
                    ChecksRole |= MentionsRole(statement.Condition);
                    break;
                case ConditionalExpressionSyntax conditional:
                    ChecksRole |= MentionsRole(conditional.Condition);
                    break;
                case SwitchStatementSyntax switchStatement:
                    ChecksRole |= MentionsRole(switchStatement.Expression);
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } equality when !ChecksRole:
                    ChecksRole |= MentionsRole(equality);
                    break;
                case ObjectCreationExpressionSyntax creation when CSharpFileModel.SimpleName(creation.Type) is "UnauthorizedAccessException" or "UnauthorizedResult":
                    Refuses = true;
                    break;
            }
        }
    }

    /// <summary>The names of the methods it calls.</summary>
    public HashSet<string> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>It saves or deletes data (<see cref="HandlerSyntax.IsWrite"/>).</summary>
    public bool Writes { get; private set; }

    /// <summary>A hub method that sends to other connections.</summary>
    public bool Broadcasts { get; private set; }

    /// <summary>It tests the caller's role, claims or permissions itself (<c>if (!User.IsInRole("Admin")) return Forbid();</c>).</summary>
    public bool ChecksRole { get; private set; }

    /// <summary>It reads the signed-in user (<c>User.FindFirst</c>, <c>GetUserId()</c>, a ClaimsPrincipal parameter).</summary>
    public bool UsesCurrentUser { get; private set; }

    /// <summary>It turns a caller away itself (<c>Unauthorized()</c>, <c>Challenge()</c>, <c>Forbid()</c>).</summary>
    public bool Refuses { get; private set; }

    /// <summary>It checks a password against a hash (BCrypt, a hasher) or with Identity.</summary>
    public bool ChecksPassword { get; private set; }

    /// <summary>
    /// Whether its password check counts failures towards lockout:
    /// <c>PasswordSignInAsync(..., lockoutOnFailure: true)</c>, <c>CheckPasswordSignInAsync(user, password, true)</c>,
    /// <c>AccessFailedAsync</c>. Null when it checks no password itself (a service does).
    /// </summary>
    public bool? Lockout { get; private set; }

    /// <summary>
    /// It sends users' records back: it returns what a user lookup gave (<c>repository.GetUserByUsername(name)</c>,
    /// <c>GetAllUsers()</c>, <c>userManager.FindByEmailAsync</c>, <c>db.Users</c>), directly or mapped, not
    /// merely uses it to find something else (<c>GetLikesOfUser(user)</c>).
    /// </summary>
    public bool ReturnsUsers => _returnsUsers ??= HandlerShape.ReturnsUsers(_body);

    /// <summary>The handler's body, read once per file.</summary>
    public static HandlerBody Of(SyntaxNode? body, AnalysisContext context)
    {
        if (body is null)
        {
            return new HandlerBody(null);
        }

        var cache = context.Local<NodeMap<SyntaxNode, HandlerBody>>(CacheKey);
        if (!cache.TryGetValue(body, out var read))
        {
            cache[body] = read = new HandlerBody(body);
        }

        return read;
    }

    private void Read(InvocationExpressionSyntax call)
    {
        if (call.MethodName() is not { } name)
        {
            return;
        }

        Calls.Add(name);
        Writes |= HandlerSyntax.IsWrite(call);
        ChecksRole |= RoleChecks.Contains(name) || name.Contains("Permission", StringComparison.Ordinal);
        UsesCurrentUser |= name.Contains("CurrentUser", StringComparison.Ordinal) || name is "GetUserId" or "GetUserAsync" or "FindFirst" or "FindFirstValue" or "GetUsername" or "GetUserName" or "GetUserIdentity";
        Refuses |= Refusals.Contains(name);
        switch (name)
        {
            case "AccessFailedAsync" or "IsLockedOutAsync":
                Lockout = true;
                break;
            case "PasswordSignInAsync":
                ChecksPassword = true;
                Lockout = HandlerShape.LockoutArgument(call, 3) || (Lockout ?? false);
                break;
            case "CheckPasswordSignInAsync":
                ChecksPassword = true;
                Lockout = HandlerShape.LockoutArgument(call, 2) || (Lockout ?? false);
                break;
            case "CheckPasswordAsync" or "VerifyHashedPassword" or "ValidateCredentials" or "ValidateCredentialsAsync":
                ChecksPassword = true;
                Lockout ??= false;
                break;
            default:
                if (HandlerShape.IsHashVerify(call))
                {
                    ChecksPassword = true;
                    Lockout ??= false;
                }

                break;
        }
    }

    private static bool MentionsRole(SyntaxNode condition)
    {
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case IdentifierNameSyntax { Identifier.ValueText: var id } when id.Contains("Role", StringComparison.OrdinalIgnoreCase) || id.Contains("Admin", StringComparison.OrdinalIgnoreCase) ||
                    id.Contains("Permission", StringComparison.OrdinalIgnoreCase):
                case LiteralExpressionSyntax { Token.ValueText: var text } when text.Contains("admin", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }
}
