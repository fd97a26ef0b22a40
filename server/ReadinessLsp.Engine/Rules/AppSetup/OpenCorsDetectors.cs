using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.AppSetup;

/// <summary>
/// RDY2002 (any origin) and RDY2003 (any origin with credentials): a CORS policy that lets every
/// website call the API. Both rules share one detection; credentials decide which one reports.
/// </summary>
internal abstract class OpenCorsDetectorBase : ICSharpDetector
{
    public abstract string RuleId { get; }

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["AllowAnyOrigin", "WithOrigins", "SetIsOriginAllowed"];

    protected abstract bool WithCredentials { get; }

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (!OpensEveryOrigin(call) || AllowsCredentials(call) != WithCredentials)
        {
            return;
        }

        // Flag the call itself (`AllowAnyOrigin()`), not the whole receiver chain before it.
        var span = call.Expression is MemberAccessExpressionSyntax member ? TextSpan.FromBounds(member.Name.SpanStart, call.Span.End) : call.Span;
        context.Report(span, new Dictionary<string, string> { ["call"] = call.MethodName()! }, ConfiguredOriginsFix(call, context));
    }

    private static bool OpensEveryOrigin(InvocationExpressionSyntax call)
    {
        var arguments = call.ArgumentList.Arguments;
        return call.MethodName() switch
        {
            "AllowAnyOrigin" => arguments.Count == 0,
            "WithOrigins" => arguments.Any(a => a.Expression.StringLiteralValue() == "*"),
            "SetIsOriginAllowed" => arguments.Count == 1 && AlwaysTrue(arguments[0].Expression),
            _ => false,
        };
    }

    private static bool AlwaysTrue(ExpressionSyntax predicate) => predicate switch
    {
        LambdaExpressionSyntax { ExpressionBody: { } body } => body.IsBooleanLiteral(true),
        LambdaExpressionSyntax { Block.Statements: [ReturnStatementSyntax { Expression: { } returned }] } => returned.IsBooleanLiteral(true),
        AnonymousMethodExpressionSyntax { Block.Statements: [ReturnStatementSyntax { Expression: { } returned }] } => returned.IsBooleanLiteral(true),
        _ => false,
    };

    // Credentials may be set in the same fluent chain or in another statement of the policy lambda.
    private static bool AllowsCredentials(InvocationExpressionSyntax call)
    {
        if (call.FluentChain().Any(c => c.MethodName() == "AllowCredentials"))
        {
            return true;
        }

        var policy = call.Ancestors().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault();
        return policy is not null && policy.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "AllowCredentials");
    }

    // With a WebApplicationBuilder named `builder` in scope, origins can come from configuration.
    private static IReadOnlyList<Fix> ConfiguredOriginsFix(InvocationExpressionSyntax call, CSharpContext context)
    {
        if (call.Expression is not MemberAccessExpressionSyntax member || !BuilderInScope(call))
        {
            return [];
        }

        const string configured = "WithOrigins(builder.Configuration.GetSection(\"Cors:AllowedOrigins\").Get<string[]>() ?? [])";
        var span = TextSpan.FromBounds(member.Name.SpanStart, call.Span.End);
        return [context.Replace(span, configured)];
    }

    private static bool BuilderInScope(InvocationExpressionSyntax call) =>
        call.Ancestors().Any(a => a is GlobalStatementSyntax) &&
        call.SyntaxTree.GetRoot().DescendantNodes(n => n is not TypeDeclarationSyntax)
            .OfType<VariableDeclaratorSyntax>()
            .Any(v => v.Identifier.ValueText == "builder" && v.Initializer?.Value is InvocationExpressionSyntax { } create && create.MethodName() == "CreateBuilder");
}

/// <summary>RDY2002: any website may call the API (no credentials).</summary>
internal sealed class OpenCorsDetector : OpenCorsDetectorBase
{
    public override string RuleId => "RDY2002";

    protected override bool WithCredentials => false;
}

/// <summary>RDY2003: any website may call the API as the signed-in user.</summary>
internal sealed class OpenCorsWithCredentialsDetector : OpenCorsDetectorBase
{
    public override string RuleId => "RDY2003";

    protected override bool WithCredentials => true;
}
