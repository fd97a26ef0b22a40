using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// The expression that asks "is this Development?" where a node is, for fixes that make a setting
/// depend on the environment: <c>builder.Environment.IsDevelopment()</c> in top-level statements,
/// <c>env.IsDevelopment()</c> with a host-environment parameter or field in scope. Null when the code
/// has no environment at hand, so no fix is offered.
/// </summary>
internal static class DevelopmentCheck
{
    private static readonly HashSet<string> EnvironmentTypes = ["IWebHostEnvironment", "IHostEnvironment", "IHostingEnvironment", "IWebHostingEnvironment"];

    public static string? At(SyntaxNode node, CSharpFileModel file)
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
            if (parameters.FirstOrDefault(p => IsEnvironment(p.Type)) is { } parameter)
            {
                return $"{parameter.Identifier.ValueText}.IsDevelopment()";
            }

            switch (ancestor)
            {
                case TypeDeclarationSyntax type:
                    return EnvironmentMember(type) is { } member ? $"{member}.IsDevelopment()" : null;
                case GlobalStatementSyntax when file.BuilderNames.FirstOrDefault() is { } builder:
                    return $"{builder}.Environment.IsDevelopment()";
            }
        }

        return null;
    }

    private static bool IsEnvironment(TypeSyntax? type) => CSharpFileModel.SimpleName(type) is { } name && EnvironmentTypes.Contains(name);

    private static string? EnvironmentMember(TypeDeclarationSyntax type)
    {
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when IsEnvironment(field.Declaration.Type) && field.Declaration.Variables.Count > 0:
                    return field.Declaration.Variables[0].Identifier.ValueText;
                case PropertyDeclarationSyntax property when IsEnvironment(property.Type):
                    return property.Identifier.ValueText;
            }
        }

        return null;
    }
}
