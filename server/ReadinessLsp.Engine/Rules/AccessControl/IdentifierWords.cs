using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// What identifiers say about the values they hold: a password as typed (<c>password</c>,
/// <c>req.Password</c>, <c>plainPassword</c>, but not <c>PasswordHash</c>, <c>passwordResetToken</c> or
/// <c>ConfirmPassword</c>), a request-shaped holder (<c>request</c>, <c>dto</c>, <c>model</c>), a user-shaped one.
/// </summary>
internal static partial class IdentifierWords
{
    private static readonly HashSet<string> PasswordWords = new(StringComparer.OrdinalIgnoreCase) { "password", "passwd", "pwd", "pass", "passphrase" };
    private static readonly HashSet<string> PlainSuffixes = new(StringComparer.OrdinalIgnoreCase) { "text", "plain", "plaintext", "value", "string", "bytes", "input", "raw" };
    private static readonly HashSet<string> NotPlain = new(StringComparer.OrdinalIgnoreCase) { "confirm", "confirmation", "repeat", "retype", "hash", "hashed", "salt", "policy", "reset", "expired" };

    private static readonly HashSet<string> RequestWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "request", "req", "dto", "model", "input", "command", "cmd", "login", "register", "registration", "signup", "signin", "form", "vm",
        "viewmodel", "body", "payload", "credentials", "creds", "args", "data", "params", "query", "change", "update", "reset",
    };

    private static readonly HashSet<string> UserWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "user", "users", "account", "accounts", "customer", "member", "admin", "administrator", "employee", "student", "teacher", "person",
        "player", "owner", "staff", "manager", "patient", "doctor", "seller", "buyer", "existing", "entity", "u", "x", "a", "c", "e", "s",
    };

    /// <summary>The words of an identifier: <c>userPassword_text</c> is user, password, text.</summary>
    public static IReadOnlyList<string> Of(string identifier) => Word().Matches(identifier).Select(m => m.Value).ToList();

    /// <summary>Whether the name holds a password as the person typed it.</summary>
    public static bool IsPlainPassword(string identifier)
    {
        var words = Of(identifier);
        if (words.Count == 0 || words.Any(NotPlain.Contains))
        {
            return false;
        }

        return PasswordWords.Contains(words[^1]) || (words.Count >= 2 && PlainSuffixes.Contains(words[^1]) && PasswordWords.Contains(words[^2]));
    }

    /// <summary>Whether any identifier inside <paramref name="node"/> names a password as typed.</summary>
    public static bool MentionsPlainPassword(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => IsPlainPassword(i.Identifier.ValueText));

    public static bool IsRequestShaped(string identifier) => Of(identifier).Any(RequestWords.Contains);

    public static bool IsUserShaped(string identifier) => Of(identifier) is { Count: > 0 } words && !IsRequestShaped(identifier) && words.Any(UserWords.Contains);

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex Word();
}
