using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// A value of a given type the code at a node can already use, for fixes that must not add wiring:
/// a parameter of the nearest method, lambda, local function or primary constructor around it, else
/// a field or property of the type that holds it.
/// </summary>
internal static class ValuesInScope
{
    /// <summary>The name of the nearest such value, or null when there is none.</summary>
    public static string? Nearest(SyntaxNode node, Func<TypeSyntax?, bool> isType)
    {
        foreach (var ancestor in node.Ancestors())
        {
            var parameters = ancestor switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                TypeDeclarationSyntax { ParameterList: { } primary } => primary.Parameters,
                _ => default,
            };
            if (parameters.FirstOrDefault(p => isType(p.Type)) is { } parameter)
            {
                return parameter.Identifier.ValueText;
            }

            if (ancestor is TypeDeclarationSyntax type)
            {
                return Member(type, isType); // the type's members are the last place to look
            }
        }

        return null;
    }

    private static string? Member(TypeDeclarationSyntax type, Func<TypeSyntax?, bool> isType)
    {
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when isType(field.Declaration.Type) && field.Declaration.Variables.Count > 0:
                    return field.Declaration.Variables[0].Identifier.ValueText;
                case PropertyDeclarationSyntax property when isType(property.Type):
                    return property.Identifier.ValueText;
            }
        }

        return null;
    }
}
