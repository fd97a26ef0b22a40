using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Cors;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2002 (any origin) and RDY2003 (any origin with credentials): a CORS policy that lets every
/// website call the API. Both rules share one detection; credentials decide which one reports.
/// A policy defined in <c>AddCors</c> is silent when the app applies it only under a development
/// guard (<c>if (app.Environment.IsDevelopment()) app.UseCors("dev");</c>), like any other
/// development-only code.
/// </summary>
internal sealed class OpenCorsDetector : ICSharpDetector, IDeferredResolver<OpenCorsDetector.NamedPolicy>
{
    public string RuleId => "RDY2002";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY2002", "RDY2003"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["AllowAnyOrigin", "WithOrigins", "SetIsOriginAllowed"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(CorsUsage)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (!OpensEveryOrigin(call))
        {
            return;
        }

        // Flag the call itself (`AllowAnyOrigin()`), not the whole receiver chain before it.
        var span = call.Expression is MemberAccessExpressionSyntax member ? TextSpan.FromBounds(member.Name.SpanStart, call.Span.End) : call.Span;
        var rule = AllowsCredentials(call) ? "RDY2003" : "RDY2002";
        var arguments = new Dictionary<string, string> { ["call"] = call.MethodName()! };
        if (DefiningPolicy(call) is { } policy)
        {
            context.Defer(this, span, policy, arguments, ConfiguredOriginsFix(call, context), rule);
            return;
        }

        context.ReportAs(rule, span, arguments, ConfiguredOriginsFix(call, context));
    }

    // A named or default policy is open only where the app applies it.
    public Detection? Resolve(Detection candidate, NamedPolicy data, WorkspaceModels models) =>
        models.Get<CorsUsage>().AppliedOnlyInDevelopment(candidate.Path, data.Name) ? null : candidate;

    // AddPolicy("name", p => p.AllowAnyOrigin()) or AddDefaultPolicy(...); an inline UseCors(p => ...) policy is judged where it is written.
    private static NamedPolicy? DefiningPolicy(InvocationExpressionSyntax call)
    {
        var policy = call.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault(c => c.MethodName() is "AddPolicy" or "AddDefaultPolicy" or "UseCors");
        return policy?.MethodName() switch
        {
            "AddDefaultPolicy" => new NamedPolicy(string.Empty),
            "AddPolicy" => new NamedPolicy(policy.ArgumentList.Arguments.FirstOrDefault()?.Expression.StringLiteralValue()),
            _ => null,
        };
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
        return policy is not null && policy.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "AllowCredentials");
    }

    // With a WebApplicationBuilder named `builder` in scope, origins can come from configuration.
    private static IReadOnlyList<Fix> ConfiguredOriginsFix(InvocationExpressionSyntax call, CSharpContext context)
    {
        if (call.Expression is not MemberAccessExpressionSyntax member || !context.Model.BuilderNames.Contains("builder") || !call.Ancestors().Any(a => a is GlobalStatementSyntax))
        {
            return [];
        }

        // Only origins the app's settings really list: a key that exists nowhere would shut out its own front end.
        var span = TextSpan.FromBounds(member.Name.SpanStart, call.Span.End);
        return [Fix.Late(null, new Config.Fixes.UseConfiguredOrigins(context.Path, context.RangeOf(span)))];
    }

    /// <summary>The policy a finding is in: its name, "" for the default policy, null when the name is not a literal.</summary>
    internal sealed record NamedPolicy(string? Name);
}
