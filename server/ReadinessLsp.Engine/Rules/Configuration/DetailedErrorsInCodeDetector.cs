using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2004: detailed errors switched on in code for every environment: SignalR's
/// <c>EnableDetailedErrors = true</c> (exception messages sent to every connected client) and Blazor
/// Server's circuit <c>DetailedErrors = true</c> (exception details shown in the browser). Silent
/// under a development guard and when the value already depends on the environment.
/// </summary>
internal sealed class DetailedErrorsInCodeDetector : ICSharpDetector
{
    public string RuleId => "RDY2004";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["DetailedErrors"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var assignment = (AssignmentExpressionSyntax)node;
        var setting = assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax name when assignment.Parent is InitializerExpressionSyntax => name.Identifier.ValueText,
            _ => null,
        };
        if (setting is not ("EnableDetailedErrors" or "DetailedErrors") || !assignment.Right.IsBooleanLiteral(true))
        {
            return;
        }

        var arguments = new Dictionary<string, string>
        {
            ["setting"] = setting,
            ["who"] = setting == "EnableDetailedErrors" ? "every client connected to the SignalR hub" : "the browser of every Blazor Server user",
        };
        var fixes = DevelopmentCheck.At(assignment, context.Model) is { } check
            ? [context.Replace(assignment.Right.Span, check)]
            : Array.Empty<Findings.Fix>();
        context.Report(assignment.Span, arguments, fixes);
    }
}
