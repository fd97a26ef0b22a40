using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2001: developer error pages (stack traces, SQL, config) switched on in every environment.
/// Silent when an environment guard in any of its usual shapes keeps the call to Development.
/// </summary>
internal sealed class UnguardedDeveloperExceptionPageDetector : ICSharpDetector
{
    private static readonly HashSet<string> DeveloperPages = ["UseDeveloperExceptionPage", "UseDatabaseErrorPage", "UseMigrationsEndPoint"];

    public string RuleId => "RDY2001";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords => DeveloperPages;

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() is not { } name || !DeveloperPages.Contains(name) || EnvironmentGuard.IsDevelopmentOnly(call))
        {
            return;
        }

        context.Report(call.Span, new Dictionary<string, string> { ["call"] = name }, WrapInDevelopmentGuard(call, context));
    }

    // Only a call that is a whole statement in a block can be wrapped without changing anything else.
    private static IReadOnlyList<Fix> WrapInDevelopmentGuard(InvocationExpressionSyntax call, CSharpContext context)
    {
        if (call.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } statement ||
            EnvironmentGuard.EnvironmentExpression(call, call.FluentChain().First().Receiver(), context.Model) is not { } environment)
        {
            return [];
        }

        var indent = Indentation.Of(statement);
        var unit = Indentation.Unit(indent);
        var newLine = Indentation.NewLine(statement);
        var wrapped = $"if ({environment}.IsDevelopment()){newLine}{indent}{{{newLine}{indent}{unit}{statement}{newLine}{indent}}}";
        return [context.Replace(statement.Span, wrapped)];
    }
}
