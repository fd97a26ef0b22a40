using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Model;
using Findings = ReadinessLsp.Engine.Findings;

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

    private sealed class MarkerDetector : ICSharpDetector, IDeferredResolver<Unit>
    {
        public IReadOnlyCollection<Type> Reads { get; } = [typeof(ClearModel)];

        public string RuleId => Id;

        public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

        public Findings.Detection? Resolve(Findings.Detection candidate, Unit data, WorkspaceModels models) =>
            models.Get<ClearModel>().Any ? null : candidate;

        public void Analyze(SyntaxNode node, CSharpContext context)
        {
            if (CalledName(node) == "Marker")
            {
                context.Defer(this, node.Span, Unit.Value);
            }
        }
    }

    private sealed record Unit
    {
        public static readonly Unit Value = new();
    }

    private sealed class ClearModel : IWorkspaceModel<ClearModel>
    {
        public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(ClearFact)];

        public bool Any { get; private init; }

        public static ClearModel Build(WorkspaceModels models) => new() { Any = models.All<ClearFact>().Count > 0 };
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
