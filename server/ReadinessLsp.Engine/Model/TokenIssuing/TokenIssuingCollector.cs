using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.TokenIssuing;

/// <summary>
/// Records how the app's tokens are made and checked, for <see cref="TokenIssuingIndex"/>: the tokens
/// it issues (with or without issuer and audience) and the symmetric keys it creates.
/// </summary>
internal sealed class TokenIssuingCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["JwtSecurityToken", "SecurityTokenDescriptor", "SymmetricSecurityKey"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var creation = (ObjectCreationExpressionSyntax)node;
        switch (CSharpFileModel.SimpleName(creation.Type))
        {
            case "SymmetricSecurityKey":
                context.Facts.Add(new SymmetricKeyCreated());
                break;
            case "JwtSecurityToken" when creation.ArgumentList is { Arguments.Count: > 0 } arguments:
                context.Facts.Add(JwtToken(arguments.Arguments));
                break;
            case "SecurityTokenDescriptor":
                context.Facts.Add(new IssuedToken(Initialises(creation.Initializer, "Issuer"), Initialises(creation.Initializer, "Audience")));
                break;
        }
    }

    // new JwtSecurityToken(issuer, audience, claims, ...) or with named arguments; a single argument is a token read back from text.
    private static IssuedToken JwtToken(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        if (arguments.Count == 1 && arguments[0].NameColon is null)
        {
            return new IssuedToken(true, true);
        }

        return new IssuedToken(Carries(arguments, "issuer", 0), Carries(arguments, "audience", 1));
    }

    private static bool Carries(SeparatedSyntaxList<ArgumentSyntax> arguments, string name, int position)
    {
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        var argument = named ?? (arguments.Count > position && arguments.Take(position + 1).All(a => a.NameColon is null) ? arguments[position] : null);
        return argument is not null && !argument.Expression.IsKind(SyntaxKind.NullLiteralExpression);
    }

    private static bool Initialises(InitializerExpressionSyntax? initializer, string member) =>
        initializer is not null && initializer.Expressions.OfType<AssignmentExpressionSyntax>().Any(a =>
            TokenSettings.Name(a.Left) == member && !a.Right.IsKind(SyntaxKind.NullLiteralExpression));
}
