using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>
/// A test-only rule that depends on another file, like check-then-insert depends on the DbContext:
/// every <c>Marker()</c> call is reported unless some file of the workspace calls <c>Clear()</c>.
/// </summary>
internal static class CrossFileTestRule
{
    public const string Id = "RDY9001";

    public static ReadinessEngine CreateEngine() =>
        new(
            new RuleCatalogue([
                new RuleDescriptor(Id, "marker-without-clear", "Marker without a clear", Severity.Warning, "data-integrity", ["csharp"],
                    "Marker() with no Clear() anywhere", "summary", "**Marker** hover", null, new Dictionary<string, string>(), "rdy9001", "test"),
            ]),
            DetectorSet.Create([new MarkerDetector(), new ClearCollector()]),
            Serilog.Core.Logger.None);

    private sealed record ClearFact(string Path);

    private static string? CalledName(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax name } ? name.Identifier.Text : null;

    private sealed class MarkerDetector : ICSharpDetector
    {
        public string RuleId => Id;

        public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

        public void Analyze(SyntaxNode node, CSharpContext context)
        {
            if (CalledName(node) == "Marker")
            {
                context.ReportPending(node.Span, static (facts, candidate) => facts.All<ClearFact>().Any() ? null : candidate);
            }
        }
    }

    private sealed class ClearCollector : ICSharpFactCollector
    {
        public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

        public void Collect(SyntaxNode node, CSharpContext context)
        {
            if (CalledName(node) == "Clear")
            {
                context.Facts.Add(new ClearFact(context.Path));
            }
        }
    }
}
