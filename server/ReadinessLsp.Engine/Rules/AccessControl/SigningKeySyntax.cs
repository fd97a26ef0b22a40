using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// Where a value becomes the key tokens are signed with (<c>new SymmetricSecurityKey(...)</c>,
/// directly or through a local or field), and where a literal is only the fallback of a setting
/// (<c>config["Jwt:Key"] ?? "default-secret"</c>, <c>GetValue("Jwt:Key", "secret")</c>).
/// </summary>
internal static partial class SigningKeySyntax
{
    /// <summary>
    /// Whether <paramref name="node"/> is inside the arguments of a <c>new SymmetricSecurityKey(...)</c>,
    /// and not in a throw there (<c>config["Jwt:Key"] ?? throw new InvalidOperationException("JWT key not configured.")</c>).
    /// </summary>
    public static bool IsInKeyCreation(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case StatementSyntax or MemberDeclarationSyntax or ThrowExpressionSyntax:
                    return false;
                case BaseObjectCreationExpressionSyntax creation when IsKeyCreation(creation):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a local, field or property named <paramref name="name"/> is passed to a <c>new SymmetricSecurityKey(...)</c> in this file.</summary>
    public static bool IsUsedAsKey(string name, SyntaxNode root) =>
        root.Descendants().OfType<BaseObjectCreationExpressionSyntax>().Where(IsKeyCreation)
            .Any(creation => creation.ArgumentList!.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name));

    /// <summary>Whether a configuration key or member name reads as a token signing key ("Jwt:Key", "JWT_SECRET", "SigningKey").</summary>
    public static bool IsSigningKeyName(string name)
    {
        var split = name.LastIndexOfAny([':', '.']) + 1;
        var last = name[split..];
        // "Storage:SecretKey", "Stripe:SecretKey": a section naming another service holds its credentials, not the token key.
        return KeyWord().IsMatch(last) && !OtherCredential().IsMatch(last) &&
            (SigningContext().IsMatch(name) || (SigningMember().IsMatch(last) && !OtherService().IsMatch(name[..split])));
    }

    /// <summary>
    /// The setting a literal stands in for when the setting is missing, or null when the literal is
    /// not a fallback: <c>config["Jwt:Key"] ?? "x"</c>, <c>GetValue("Jwt:Key", "x")</c>,
    /// <c>string.IsNullOrEmpty(key) ? "x" : key</c>, <c>Environment.GetEnvironmentVariable("JWT_SECRET") ?? "x"</c>.
    /// </summary>
    public static string? FallbackOf(LiteralExpressionSyntax literal)
    {
        ExpressionSyntax value = literal;
        while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized;
        }

        return value.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Right == value => SettingRead(coalesce.Left),
            ArgumentSyntax { Parent: ArgumentListSyntax { Arguments: [var key, var fallback], Parent: InvocationExpressionSyntax call } } argument
                when argument == fallback && call.MethodName() == "GetValue" => key.Expression.StringLiteralValue(),
            ConditionalExpressionSyntax conditional when conditional.WhenTrue == value && IsMissingCheck(conditional.Condition) is { } checkedName
                && SameExpression(conditional.WhenFalse, checkedName) => SettingRead(checkedName) ?? checkedName.ToString(),
            _ => null,
        };
    }

    /// <summary>The name a setting read goes by: its key, or the member or variable that holds it.</summary>
    public static string? SettingRead(ExpressionSyntax expression)
    {
        expression = Unwrapped(expression);
        return expression switch
        {
            ElementAccessExpressionSyntax { ArgumentList.Arguments: [var key] } access => Qualified(access.Expression, key.Expression.StringLiteralValue()),
            InvocationExpressionSyntax { ArgumentList.Arguments: [var key, ..] } call
                when call.MethodName() is "GetValue" or "GetConnectionString" or "GetEnvironmentVariable" => key.Expression.StringLiteralValue(),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value", Expression: InvocationExpressionSyntax { ArgumentList.Arguments: [var section] } getSection }
                when getSection.MethodName() is "GetSection" or "GetRequiredSection" => section.Expression.StringLiteralValue(),
            MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax => expression.WithoutTrivia().ToString(),
            IdentifierNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };
    }

    private static bool IsKeyCreation(BaseObjectCreationExpressionSyntax creation) =>
        creation.ArgumentList is not null && CreatedTypes.NameOf(creation) == "SymmetricSecurityKey";

    // `config.GetSection("Jwt")["Key"]` is "Jwt:Key".
    private static string? Qualified(ExpressionSyntax receiver, string? key) =>
        key is null ? null
        : receiver is InvocationExpressionSyntax { ArgumentList.Arguments: [var section] } call && call.MethodName() is "GetSection" or "GetRequiredSection"
            && section.Expression.StringLiteralValue() is { } prefix ? prefix + ":" + key
        : key;

    private static ExpressionSyntax? IsMissingCheck(ExpressionSyntax condition) =>
        Unwrapped(condition) switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call when call.MethodName() is "IsNullOrEmpty" or "IsNullOrWhiteSpace" => argument.Expression,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when equals.Right.IsKind(SyntaxKind.NullLiteralExpression) => equals.Left,
            IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } pattern => pattern.Expression,
            _ => null,
        };

    private static bool SameExpression(ExpressionSyntax a, ExpressionSyntax b) =>
        Unwrapped(a).WithoutTrivia().ToString() == Unwrapped(b).WithoutTrivia().ToString();

    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                    expression = bang.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    [GeneratedRegex(@"(?i)(?:key|secret|token)$")]
    private static partial Regex KeyWord();

    [GeneratedRegex(@"(?i)client_?secret|api_?key|app_?secret|access_?token|refresh_?token|webhook|bot_?token")]
    private static partial Regex OtherCredential();

    [GeneratedRegex(@"(?i)storage|s3|minio|aws|azure|blob|bucket|stripe|paypal|payment|captcha|smtp|mail|sendgrid|twilio|firebase|cloudinary")]
    private static partial Regex OtherService();

    [GeneratedRegex(@"(?i)jwt|signing|bearer|token|auth")]
    private static partial Regex SigningContext();

    [GeneratedRegex(@"(?i)^_?(?:secret_?key|security_?key|issuer_?signing_?key|signing_?key|symmetric_?key)$")]
    private static partial Regex SigningMember();
}
