using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>What a local was set to, read from syntax: the initializer of its declaration earlier in the same method, lambda or top-level program.</summary>
internal static class LocalInitializers
{
    public static ExpressionSyntax? Of(IdentifierNameSyntax name)
    {
        var scope = name.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return null;
        }

        ExpressionSyntax? found = null;
        foreach (var declarator in scope.Descendants().OfType<VariableDeclaratorSyntax>())
        {
            if (declarator.SpanStart >= name.SpanStart)
            {
                break;
            }

            if (declarator.Identifier.ValueText == name.Identifier.ValueText)
            {
                found = declarator.Initializer?.Value;
            }
        }

        return found;
    }
}
