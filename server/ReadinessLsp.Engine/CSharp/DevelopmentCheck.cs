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
        if (ValuesInScope.Nearest(node, IsEnvironment) is { } environment)
        {
            return $"{environment}.IsDevelopment()";
        }

        // Top-level statements have no type around them: the builder's environment is at hand.
        return node.Ancestors().Any(a => a is GlobalStatementSyntax) && file.BuilderNames.FirstOrDefault() is { } builder
            ? $"{builder}.Environment.IsDevelopment()"
            : null;
    }

    private static bool IsEnvironment(TypeSyntax? type) => CSharpFileModel.SimpleName(type) is { } name && EnvironmentTypes.Contains(name);
}
