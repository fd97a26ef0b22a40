using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.TokenIssuing;

/// <summary>Reads authentication options as written: the setting an assignment sets, and what one options block sets.</summary>
internal static class TokenSettings
{
    /// <summary><c>Authority</c> in <c>options.Authority = ...</c> or <c>Authority = ...</c> in an initializer.</summary>
    public static string? Name(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The options block a setting belongs to: the lambda that configures a handler
    /// (<c>AddJwtBearer(options => { ... })</c>), else the object initializer, else the method.
    /// </summary>
    public static SyntaxNode Block(SyntaxNode setting) =>
        setting.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax) ??
        setting.Ancestors().FirstOrDefault(a => a is InitializerExpressionSyntax) ??
        setting.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or CompilationUnitSyntax) ??
        setting;

    /// <summary>Whether <paramref name="block"/> sets any of <paramref name="names"/> to something other than null.</summary>
    public static bool Sets(SyntaxNode block, params string[] names) =>
        block.Descendants().OfType<AssignmentExpressionSyntax>().Any(a =>
            a.IsKind(SyntaxKind.SimpleAssignmentExpression) && Name(a.Left) is { } name && names.Contains(name) && !a.Right.IsKind(SyntaxKind.NullLiteralExpression));

    /// <summary>
    /// Whether the handler configured in <paramref name="block"/> fetches an identity provider's metadata:
    /// an <c>Authority</c> or <c>MetadataAddress</c>, or options bound from configuration that may hold one.
    /// </summary>
    public static bool FetchesMetadata(SyntaxNode block) =>
        Sets(block, "Authority", "MetadataAddress") ||
        block.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" });
}
