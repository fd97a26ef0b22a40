using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1001 (forged or everlasting tokens accepted), RDY1002 (tokens from other issuers or for other
/// apps accepted) and RDY1003 (signing keys fetched over plain HTTP): token checks switched off
/// outside a development guard. One detection, three rules, so each gets its own explanation.
/// </summary>
internal abstract class TokenValidationDetectorBase : ICSharpDetector
{
    public abstract string RuleId { get; }

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.SimpleAssignmentExpression];

    // Only these settings are ever reported.
    public IReadOnlyCollection<string>? RequiredWords => [.. SwitchedOffSettings, .. BypassedValidators];

    /// <summary>Settings whose <c>false</c> this rule reports.</summary>
    protected abstract IReadOnlySet<string> SwitchedOffSettings { get; }

    /// <summary>Validator delegates whose always-succeeding lambda this rule reports.</summary>
    protected virtual IReadOnlySet<string> BypassedValidators { get; } = new HashSet<string>();

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var assignment = (AssignmentExpressionSyntax)node;
        var setting = SettingName(assignment.Left);
        if (setting is null || !InTokenValidationContext(assignment, setting) || EnvironmentGuard.IsDevelopmentOnly(assignment))
        {
            return;
        }

        var arguments = new Dictionary<string, string> { ["setting"] = setting };
        if (SwitchedOffSettings.Contains(setting) && assignment.Right.IsBooleanLiteral(false))
        {
            context.Report(assignment.Span, arguments, [context.Replace(assignment.Right.Span, "true", $"Set {setting} = true")]);
        }
        else if (BypassedValidators.Contains(setting) && AlwaysSucceeds(assignment.Right))
        {
            context.Report(assignment.Span, arguments);
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

/// <summary>RDY1001: the checks that stop forged and expired tokens.</summary>
internal sealed class TokenValidationSwitchedOffDetector : TokenValidationDetectorBase
{
    public override string RuleId => "RDY1001";

    protected override IReadOnlySet<string> SwitchedOffSettings { get; } =
        new HashSet<string> { "ValidateLifetime", "RequireSignedTokens", "RequireExpirationTime" };

    protected override IReadOnlySet<string> BypassedValidators { get; } =
        new HashSet<string> { "SignatureValidator", "LifetimeValidator", "IssuerSigningKeyValidator" };
}

/// <summary>RDY1002: the checks that a token was issued by the expected issuer, for this app, with a trusted key.</summary>
internal sealed class TokenIssuerChecksSwitchedOffDetector : TokenValidationDetectorBase
{
    public override string RuleId => "RDY1002";

    protected override IReadOnlySet<string> SwitchedOffSettings { get; } =
        new HashSet<string> { "ValidateIssuer", "ValidateAudience", "ValidateIssuerSigningKey" };
}

/// <summary>RDY1003: the identity provider's metadata (and its signing keys) may be fetched over plain HTTP.</summary>
internal sealed class TokenMetadataOverHttpDetector : TokenValidationDetectorBase
{
    public override string RuleId => "RDY1003";

    protected override IReadOnlySet<string> SwitchedOffSettings { get; } = new HashSet<string> { "RequireHttpsMetadata" };
}
