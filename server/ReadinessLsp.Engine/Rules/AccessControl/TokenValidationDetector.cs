using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1001 (forged or everlasting tokens accepted), RDY1002 (tokens from other issuers or for other
/// apps accepted) and RDY1003 (signing keys fetched over plain HTTP): token checks switched off
/// outside a development guard. One detection, three rules, so each gets its own explanation.
/// </summary>
internal sealed class TokenValidationDetector : ICSharpDetector
{
    // Settings whose `false` is reported, by the rule that explains them.
    private static readonly Dictionary<string, string> SwitchedOff = new(StringComparer.Ordinal)
    {
        ["ValidateLifetime"] = "RDY1001",
        ["RequireSignedTokens"] = "RDY1001",
        ["RequireExpirationTime"] = "RDY1001",
        ["ValidateIssuer"] = "RDY1002",
        ["ValidateAudience"] = "RDY1002",
        ["ValidateIssuerSigningKey"] = "RDY1002",
        ["RequireHttpsMetadata"] = "RDY1003",
    };

    // Validator delegates whose always-succeeding lambda is reported.
    private static readonly HashSet<string> BypassedValidators = ["SignatureValidator", "LifetimeValidator", "IssuerSigningKeyValidator"];

    public string RuleId => "RDY1001";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY1001", "RDY1002", "RDY1003"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. SwitchedOff.Keys, .. BypassedValidators];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var assignment = (AssignmentExpressionSyntax)node;
        var setting = SettingName(assignment.Left);
        if (setting is null || !InTokenValidationContext(assignment, setting))
        {
            return;
        }

        var arguments = new Dictionary<string, string> { ["setting"] = setting };
        if (SwitchedOff.TryGetValue(setting, out var rule) && assignment.Right.IsBooleanLiteral(false))
        {
            context.ReportAs(rule, assignment.Span, arguments, [context.Replace(assignment.Right.Span, "true", $"Set {setting} = true")]);
        }
        else if (BypassedValidators.Contains(setting) && AlwaysSucceeds(assignment.Right))
        {
            context.ReportAs("RDY1001", assignment.Span, arguments);
        }
    }

    private static string? SettingName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    // RequireHttpsMetadata lives on the bearer options; the rest belong to TokenValidationParameters.
    private static bool InTokenValidationContext(AssignmentExpressionSyntax assignment, string setting)
    {
        if (setting == "RequireHttpsMetadata")
        {
            return true;
        }

        if (assignment.Left is MemberAccessExpressionSyntax member)
        {
            return member.Expression.ToString().EndsWith("TokenValidationParameters", StringComparison.Ordinal);
        }

        return assignment.Parent is InitializerExpressionSyntax { Parent: { } creation } && creation switch
        {
            ObjectCreationExpressionSyntax explicitNew => explicitNew.Type.ToString().EndsWith("TokenValidationParameters", StringComparison.Ordinal),
            ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.Parent is AssignmentExpressionSyntax outer && SettingName(outer.Left) == "TokenValidationParameters",
            _ => false,
        };
    }

    // `(token, parameters) => new JwtSecurityToken(token)` or `(...) => true`: a validator that never says no.
    private static bool AlwaysSucceeds(ExpressionSyntax validator) =>
        validator is LambdaExpressionSyntax { ExpressionBody: { } body } &&
        (body.IsBooleanLiteral(true) || body is ObjectCreationExpressionSyntax);
}
