using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1017: a sign-in token (JWT) issued for days or more with no way to renew it: a stolen token
/// keeps working for all that time and signing out does not end it. A file that also issues refresh
/// tokens is a short-access-token design and stays silent, as do lifetimes read from configuration.
/// </summary>
internal sealed partial class LongLivedTokenDetector : ICSharpDetector
{
    // Two days: a token that outlives a working day and the night after it is a standing pass.
    private static readonly TimeSpan Threshold = TimeSpan.FromDays(2);

    public string RuleId => "RDY1017";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["JwtSecurityToken", "SecurityTokenDescriptor"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var creation = (BaseObjectCreationExpressionSyntax)node;
        if (Expiry(creation) is not { } expires || LifetimeSyntax.Of(expires) is not { } lifetime || lifetime < Threshold || HasRefresh(creation) || IsNotSignIn(creation))
        {
            return;
        }

        context.Report(expires.Span, new Dictionary<string, string> { ["lifetime"] = LifetimeSyntax.Describe(lifetime) });
    }

    // `new JwtSecurityToken(..., expires: X)` (or its fifth argument), `new SecurityTokenDescriptor { Expires = X }`.
    private static ExpressionSyntax? Expiry(BaseObjectCreationExpressionSyntax creation)
    {
        var type = CreatedTypes.NameOf(creation);
        if (type == "JwtSecurityToken" && creation.ArgumentList is { } list)
        {
            return list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "expires")?.Expression
                ?? (list.Arguments.Count >= 5 && list.Arguments.All(a => a.NameColon is null) ? list.Arguments[4].Expression : null);
        }

        if (type == "SecurityTokenDescriptor" && creation.Initializer is { } initializer)
        {
            return initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Expires" })?.Right;
        }

        return null;
    }

    // Licences, invitations, download and e-mail links are tokens too, but they do not sign anyone in.
    private static bool IsNotSignIn(SyntaxNode node)
    {
        var names = string.Join(' ', node.Ancestors().OfType<MemberDeclarationSyntax>().Select(m => m switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
            _ => string.Empty,
        }));
        return NotSignIn().IsMatch(names);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)licen[cs]|invit|download|unsubscribe|confirm|verif|reset|share|export|attachment|webhook")]
    private static partial System.Text.RegularExpressions.Regex NotSignIn();

    // A token service that also hands out refresh tokens means short access tokens are renewed, not a year-long pass.
    private static bool HasRefresh(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.Identifier.ValueText ?? string.Empty;
        return method.Contains("Refresh", StringComparison.OrdinalIgnoreCase) ||
            text.ToString().Contains("RefreshToken", StringComparison.OrdinalIgnoreCase) ||
            text.ToString().Contains("refresh_token", StringComparison.OrdinalIgnoreCase);
    }
}
