using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.Observability;

/// <summary>
/// RDY5104: EF Core's <c>EnableSensitiveDataLogging()</c> outside a development guard: every query's
/// parameter values (passwords, e-mail addresses, card data) go to the logs in production.
/// Silent when the argument already depends on the environment.
/// </summary>
internal sealed class SensitiveDataLoggingDetector : ICSharpDetector
{
    public string RuleId => "RDY5104";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["EnableSensitiveDataLogging"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() != "EnableSensitiveDataLogging" || call.Expression is not MemberAccessExpressionSyntax member)
        {
            return;
        }

        var arguments = call.ArgumentList.Arguments;
        if (arguments.Count > 1 || (arguments.Count == 1 && !arguments[0].Expression.IsBooleanLiteral(true)))
        {
            return;
        }

        var span = TextSpan.FromBounds(member.Name.SpanStart, call.Span.End);
        var fixes = DevelopmentCheck.At(call, context.Model) is { } check
            ? [context.Replace(call.ArgumentList.Span, $"({check})")]
            : Array.Empty<Findings.Fix>();
        context.Report(span, null, fixes);
    }
}
