using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// What a string literal in C# is called: the variable, field, property, named argument,
/// parameter or configuration key it is written to. A secret classifier needs the name the way
/// it needs a settings key: "sk_live_..." is a secret anywhere, "Adm1n!2024" only under a password.
/// </summary>
internal static class CodeLiteralNames
{
    /// <summary>The name <paramref name="literal"/> is stored under, or null when it is only passed along or compared.</summary>
    public static string? Of(LiteralExpressionSyntax literal)
    {
        var value = ValueSide(literal);
        return value.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } => variable.Identifier.ValueText,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
            EqualsValueClauseSyntax { Parent: ParameterSyntax parameter } => parameter.Identifier.ValueText,
            ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
            AssignmentExpressionSyntax assignment when assignment.Right == value => TargetName(assignment.Left),
            ArgumentSyntax { NameColon: { } name } => name.Name.Identifier.ValueText,
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression, Expressions: [var key, var second] } when second == value =>
                key.StringLiteralValue(),
            _ => null,
        };
    }

    /// <summary>Whether the literal sits in an attribute, a comparison or a <c>case</c>: read, not stored.</summary>
    public static bool IsReadOnlyUse(LiteralExpressionSyntax literal) =>
        literal.FirstAncestorOrSelf<AttributeSyntax>() is not null ||
        ValueSide(literal).Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } or CaseSwitchLabelSyntax or ConstantPatternSyntax;

    // `config["Jwt:Key"] = "..."` and `["Jwt:Key"] = "..."` are named by their key; `Options.ApiKey = "..."` by its member.
    private static string? TargetName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax { ArgumentList.Arguments: [var key] } => key.Expression.StringLiteralValue(),
        ImplicitElementAccessSyntax { ArgumentList.Arguments: [var key] } => key.Expression.StringLiteralValue(),
        _ => null,
    };

    // `(string)"..."`, `("...")` and `"..."!` stand for the literal itself.
    private static ExpressionSyntax ValueSide(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = (ExpressionSyntax)expression.Parent;
        }

        return expression;
    }
}
