using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Cors;

/// <summary>Records where CORS policies are applied, for <see cref="CorsUsage"/>.</summary>
internal sealed class CorsAppliedCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.Attribute];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["UseCors", "RequireCors", "EnableCors"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            // UseCors(builder => ...) carries its own inline policy, which is judged where it is written.
            case InvocationExpressionSyntax call when call.MethodName() is "UseCors" or "RequireCors" &&
                !call.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax):
                context.Facts.Add(new CorsApplied(PolicyOf(call.ArgumentList), EnvironmentGuard.IsDevelopmentOnly(call)));
                break;
            case AttributeSyntax attribute when CSharpFileModel.SimpleName(attribute.Name) is "EnableCors" or "EnableCorsAttribute":
                context.Facts.Add(new CorsApplied(attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression.StringLiteralValue() ?? (attribute.ArgumentList is { Arguments.Count: > 0 } ? null : string.Empty), false));
                break;
        }
    }

    // UseCors() applies the default policy; UseCors("name") a named one; anything else could be any.
    private static string? PolicyOf(ArgumentListSyntax arguments) =>
        arguments.Arguments.Count == 0 ? string.Empty : arguments.Arguments[0].Expression.StringLiteralValue();
}
