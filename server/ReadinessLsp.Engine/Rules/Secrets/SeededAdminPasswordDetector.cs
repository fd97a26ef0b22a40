using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY1102: an administrator account created with a password written in the code
/// (<c>userManager.CreateAsync(admin, "Admin@123")</c>, <c>HashPassword(admin, "...")</c>, a seeded
/// <c>Password = "..."</c>), so every deployment that ran the seed has the same administrator login.
/// A development-only seed is out of scope; a password read from configuration is not a literal.
/// </summary>
internal sealed partial class SeededAdminPasswordDetector : ICSharpDetector
{
    // Calls whose string argument is the password an account gets.
    private static readonly HashSet<string> PasswordCalls = ["CreateAsync", "AddPasswordAsync", "HashPassword", "EnhancedHashPassword", "CreateUserAsync"];

    public string RuleId => "RDY1102";

    // The call or initializer the password is given to, found by its name: a string literal has no word to be found by.
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["admin", "superuser"];

    // The password calls, and the members PasswordMember names (password, pwd, passwd, in any case).
    public IReadOnlyCollection<string>? Anchors { get; } = [.. PasswordCalls, "assword", "ASSWORD", "wd", "WD"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        IEnumerable<ExpressionSyntax> given = node switch
        {
            InvocationExpressionSyntax call => call.ArgumentList.Arguments.Select(a => a.Expression),
            AssignmentExpressionSyntax assignment => [assignment.Right],
            _ => [],
        };
        foreach (var value in given)
        {
            // Once per literal: a local may be the password of several calls.
            if (Fallback(value) is { } literal && Claims(literal) && context.Local<NodeSet>(this).Add(literal))
            {
                context.Report(literal.Span, new Dictionary<string, string> { ["masked"] = SecretMask.Mask(literal.Token.ValueText) });
            }
        }
    }

    // The literal a value ends in: itself, in parentheses, or the last fallback of `a ?? b ?? "..."`.
    // A local set to a literal earlier (`string password = "admin123"; CreateAsync(user, password)`) ends in that literal.
    private static LiteralExpressionSyntax? Fallback(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal,
        ParenthesizedExpressionSyntax parenthesized => Fallback(parenthesized.Expression),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => Fallback(coalesce.Right),
        IdentifierNameSyntax local when LocalInitializers.Of(local) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } initial => initial,
        _ => null,
    };

    /// <summary>Whether <paramref name="literal"/> is the fixed password of a seeded administrator (so the plain secret rule leaves it to this one).</summary>
    public static bool Claims(LiteralExpressionSyntax literal) =>
        literal.Token.ValueText.Trim().Length > 0 &&
        ((IsPasswordGiven(literal) && SeedsAdministrator(literal)) || (CallGivenLocal(literal) is { } call && SeedsAdministrator(call) == true));

    // `string password = "admin123";` and, later in the same block, `CreateAsync(user, password)`: the call the local is the password of.
    private static InvocationExpressionSyntax? CallGivenLocal(LiteralExpressionSyntax literal)
    {
        if (literal.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax holder } || holder.FirstAncestorOrSelf<BlockSyntax>() is not { } block)
        {
            return null;
        }

        foreach (var call in block.Descendants().OfType<InvocationExpressionSyntax>())
        {
            if (call.SpanStart > holder.Span.End && call.MethodName() is { } method && PasswordCalls.Contains(method) &&
                call.ArgumentList.Arguments.FirstOrDefault(a => a.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name == holder.Identifier.ValueText) is { } argument &&
                IsPasswordPosition(method, call.ArgumentList, argument))
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>Whether the literal is the password an account is created or hashed with.</summary>
    public static bool IsPasswordGiven(LiteralExpressionSyntax literal)
    {
        ExpressionSyntax value = literal;
        // `config["Seed:AdminPassword"] ?? "Admin@123"`: the literal is the password wherever the setting is missing.
        while (value.Parent is ParenthesizedExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression })
        {
            if (value.Parent is BinaryExpressionSyntax coalesce && coalesce.Right != value)
            {
                return false;
            }

            value = (ExpressionSyntax)value.Parent;
        }

        return value.Parent switch
        {
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument =>
                call.MethodName() is { } method && PasswordCalls.Contains(method) && IsPasswordPosition(method, list, argument),
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment when assignment.Right == value =>
                assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && PasswordMember().IsMatch(name),
            _ => false,
        };
    }

    // UserManager takes (user, password); BCrypt takes (password[, work factor]); PasswordHasher takes (user, password).
    private static bool IsPasswordPosition(string method, ArgumentListSyntax list, ArgumentSyntax argument) =>
        argument.NameColon is { } name ? PasswordMember().IsMatch(name.Name.Identifier.ValueText)
        : method is "HashPassword" or "EnhancedHashPassword" ? argument == (list.Arguments[^1].Expression.IsKind(SyntaxKind.NumericLiteralExpression) ? list.Arguments[0] : list.Arguments[^1])
        : list.Arguments.Count == 2 && argument == list.Arguments[1];

    // What the code says about the account: the user passed to `CreateAsync(admin, ...)` (its initializer and the
    // statements that use it, such as `AddToRoleAsync(admin, "Admin")`), the seeded object the hash goes into, or the
    // local the hash is kept in and the statements that use it.
    private static bool SeedsAdministrator(LiteralExpressionSyntax literal)
    {
        if (literal.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call && SeedsAdministrator(call) is { } byUser)
        {
            return byUser;
        }

        var creation = literal.Ancestors().TakeWhile(a => a is not StatementSyntax).OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault(c => c.Initializer is not null);
        if (creation is not null)
        {
            return MentionsAdmin(creation.ToString());
        }

        if (literal.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } holder)
        {
            return MentionsAdmin(holder.Identifier.ValueText) || UsesMentionAdmin(holder, holder.Identifier.ValueText);
        }

        return literal.FirstAncestorOrSelf<StatementSyntax>() is { } statement && MentionsAdmin(statement.ToString());
    }

    // `CreateAsync(admin, ...)`: what the code says about the user account the call creates; null for other calls.
    private static bool? SeedsAdministrator(InvocationExpressionSyntax call) =>
        call is { ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax user }, ..] } && call.MethodName() is "CreateAsync" or "AddPasswordAsync" or "CreateUserAsync"
            ? MentionsAdmin(user.Identifier.ValueText) || (LocalInitializers.Of(user) is { } initializer && MentionsAdmin(initializer.ToString())) || UsesMentionAdmin(call, user.Identifier.ValueText)
            : null;

    private static bool UsesMentionAdmin(SyntaxNode at, string name) =>
        at.Ancestors().OfType<BlockSyntax>().FirstOrDefault() is { } block &&
        block.Statements.Where(s => s.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name)).Any(s => MentionsAdmin(s.ToString()));

    private static bool MentionsAdmin(string text) => AdminWord().IsMatch(text);

    [GeneratedRegex(@"(?i)^(?:password|pwd|passwd|plainpassword|initialpassword|defaultpassword|adminpassword)$")]
    private static partial Regex PasswordMember();

    [GeneratedRegex(@"(?i)admin|superuser|super_user")]
    private static partial Regex AdminWord();
}
