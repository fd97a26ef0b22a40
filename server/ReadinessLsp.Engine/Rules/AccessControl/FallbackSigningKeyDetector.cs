using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1016: a token signing key with a fallback written in the code, used whenever the setting is
/// missing (<c>config["Jwt:Key"] ?? "default-secret"</c>, <c>GetValue("Jwt:Key", "secret")</c>). Any
/// deployment that forgot the setting signs its tokens with a key everyone who has seen the code
/// knows. Whatever the fallback reads like, it is reported: a placeholder signs tokens as well as a
/// real key does.
/// </summary>
internal sealed class FallbackSigningKeyDetector : ICSharpDetector
{
    public string RuleId => "RDY1016";

    // The fallback's holder, found from its operator or method: a string literal has no word to be found by.
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.CoalesceExpression, SyntaxKind.InvocationExpression, SyntaxKind.ConditionalExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["??", "GetValue", "IsNullOrEmpty", "IsNullOrWhiteSpace"];

    public IReadOnlyCollection<string>? Anchors => RequiredWords;

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var candidate = node switch
        {
            BinaryExpressionSyntax coalesce => coalesce.Right,
            InvocationExpressionSyntax { ArgumentList.Arguments: [_, var fallback] } => fallback.Expression,
            ConditionalExpressionSyntax conditional => conditional.WhenTrue,
            _ => null,
        };
        while (candidate is ParenthesizedExpressionSyntax parenthesized)
        {
            candidate = parenthesized.Expression;
        }

        if (candidate is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal && Setting(literal) is { } setting)
        {
            var arguments = new Dictionary<string, string> { ["setting"] = setting, ["masked"] = SecretMask.Mask(literal.Token.ValueText) };
            context.Report(literal.Span, arguments);
        }
    }

    /// <summary>Whether <paramref name="literal"/> is a signing key's fallback (so the plain secret rule leaves it to this one).</summary>
    public static bool Claims(LiteralExpressionSyntax literal) => Setting(literal) is not null;

    private static string? Setting(LiteralExpressionSyntax literal)
    {
        if (literal.Token.ValueText.Trim().Length == 0 || SigningKeySyntax.FallbackOf(literal) is not { } setting)
        {
            return null;
        }

        return SigningKeySyntax.IsSigningKeyName(setting) || SigningKeySyntax.IsInKeyCreation(literal) || FlowsIntoKey(literal) ? setting : null;
    }

    // `var key = config["AppSettings:Token"] ?? "..."; ... new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))`.
    private static bool FlowsIntoKey(LiteralExpressionSyntax literal)
    {
        var holder = literal.Ancestors().TakeWhile(a => a is ExpressionSyntax or EqualsValueClauseSyntax or VariableDeclaratorSyntax)
            .OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        return holder is not null && SigningKeySyntax.IsUsedAsKey(holder.Identifier.ValueText, literal.SyntaxTree.GetRoot());
    }
}
