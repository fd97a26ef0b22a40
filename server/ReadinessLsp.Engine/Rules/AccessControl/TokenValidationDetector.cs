using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.TokenIssuing;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1001 (forged or everlasting tokens accepted), RDY1002 (tokens from other issuers or for other
/// apps accepted) and RDY1003 (signing keys fetched over plain HTTP): token checks switched off
/// outside a development guard. One detection, three rules, so each gets its own explanation.
/// RDY1002's issuer and audience checks are silent for an app that mints its own tokens with a
/// symmetric key and fetches no identity provider's metadata (nobody else can sign a token it
/// accepts); RDY1003 is silent when no metadata is fetched at all.
/// </summary>
internal sealed class TokenValidationDetector : ICSharpDetector, IDeferredResolver<TokenValidationDetector.IssuerCheck>
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

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(TokenIssuingIndex)];

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
            var block = TokenSettings.Block(assignment);
            if (setting == "RequireHttpsMetadata" && !TokenSettings.FetchesMetadata(block))
            {
                return;
            }

            var fix = context.Replace(assignment.Right.Span, "true", $"Set {setting} = true");
            if (setting is "ValidateIssuer" or "ValidateAudience")
            {
                var issuer = setting == "ValidateIssuer";
                var expected = issuer ? TokenSettings.Sets(block, "ValidIssuer", "ValidIssuers") : TokenSettings.Sets(block, "ValidAudience", "ValidAudiences");
                var ownKey = TokenSettings.Sets(block, "IssuerSigningKey", "IssuerSigningKeys") && !TokenSettings.FetchesMetadata(block);
                context.Defer(this, assignment.Span, new IssuerCheck(issuer, ownKey), arguments, expected ? [fix] : [], rule);
                return;
            }

            context.ReportAs(rule, assignment.Span, arguments, [fix]);
        }
        else if (BypassedValidators.Contains(setting) && AlwaysSucceeds(assignment.Right))
        {
            context.ReportAs("RDY1001", assignment.Span, arguments);
        }
    }

    // Silent when only the app's own key signs what it accepts; the fix only when its own tokens would pass the check.
    public Detection? Resolve(Detection candidate, IssuerCheck data, WorkspaceModels models)
    {
        var tokens = models.Get<TokenIssuingIndex>();
        if (data.OwnKey && tokens.SignsOwnTokens(candidate.Path))
        {
            return null;
        }

        return tokens.IssuedTokensCarry(candidate.Path, data.Issuer) ? candidate : candidate with { Fixes = [] };
    }

    private static string? SettingName(ExpressionSyntax left) => TokenSettings.Name(left);

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

    /// <summary>An issuer (or audience) check switched off, and whether the parameters check the app's own signing key with no metadata fetched.</summary>
    internal sealed record IssuerCheck(bool Issuer, bool OwnKey);
}
