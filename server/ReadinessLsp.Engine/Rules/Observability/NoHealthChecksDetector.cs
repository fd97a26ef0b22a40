using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Observability;

/// <summary>
/// RDY5110: a web app with no health checks, reported once, where it starts (<c>app.Run()</c>).
/// Any file of the app counts (<c>AddHealthChecks</c> in an extension method, Aspire's
/// <c>AddServiceDefaults</c>, a mapped <c>/health</c> route); console tools and workers are not reported.
/// </summary>
internal sealed class NoHealthChecksDetector : ICSharpDetector, IDeferredResolver<NoHealthChecksDetector.AppStart>
{
    public string RuleId => "RDY5110";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [".Run(", ".RunAsync("];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(AppSetupIndex), typeof(WebAppIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (HostRunSyntax.IsHostRun(call, context.Model))
        {
            context.Defer(this, call.Span, new AppStart(), fixes: SetupFix(call, context));
        }
    }

    public Detection? Resolve(Detection candidate, AppStart data, WorkspaceModels models) =>
        models.Get<WebAppIndex>().Contains(candidate.Path) && !models.Get<AppSetupIndex>().Has(AppFeature.HealthChecks, candidate.Path) ? candidate : null;

    // `builder.Services.AddHealthChecks();` before the host is built and `app.MapHealthChecks("/health");` before it runs.
    private static IReadOnlyList<Fix> SetupFix(InvocationExpressionSyntax run, CSharpContext context)
    {
        if (TopLevelHost.In(run.SyntaxTree.GetRoot(), context.Model) is not { } host || run.Parent is not ExpressionStatementSyntax and not AwaitExpressionSyntax ||
            run.Receiver() is not IdentifierNameSyntax { Identifier.ValueText: var app } || app != host.App)
        {
            return [];
        }

        var runStatement = run.Ancestors().OfType<StatementSyntax>().First();
        var newLine = Indentation.NewLine(run);
        return
        [
            new Fix(null,
            [
                FileEdit.Insert(context.Path, context.RangeOf(host.BuildStatement.Span).Start, $"{host.Builder}.Services.AddHealthChecks();{newLine}{newLine}"),
                FileEdit.Insert(context.Path, context.RangeOf(runStatement.Span).Start, $"{app}.MapHealthChecks(\"/health\");{newLine}{newLine}"),
            ]),
        ];
    }

    /// <summary>No data: the app of the file decides.</summary>
    internal sealed record AppStart;
}
