using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// The simple name of the type an object creation makes: written (<c>new CookieOptions { ... }</c>)
/// or target-typed (<c>CookieOptions options = new() { ... }</c>, <c>NetworkCredential Get() => new(...)</c>).
/// </summary>
internal static class CreatedTypes
{
    public static string? NameOf(BaseObjectCreationExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax explicitNew => CSharpFileModel.SimpleName(explicitNew.Type),
        ImplicitObjectCreationExpressionSyntax implicitNew => CSharpFileModel.SimpleName(TargetType(implicitNew)),
        _ => null,
    };

    private static TypeSyntax? TargetType(ImplicitObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
        ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType,
        ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
        ReturnStatementSyntax => creation.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.ReturnType,
        _ => null,
    };
}
