using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Hosting;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Rules.Resilience;

/// <summary>
/// RDY5005: a web app with no exception handler that runs in production, reported once, where it
/// starts (<c>app.Run()</c>). Counts <c>UseExceptionHandler</c> (outside a development guard),
/// <c>AddExceptionHandler</c>, exception middleware and exception filters anywhere in the app; a
/// developer exception page does not count, <c>AddProblemDetails</c> does. Apps that map no HTTP
/// endpoint are not reported.
/// </summary>
internal sealed class NoExceptionHandlerDetector : ICSharpDetector, IDeferredResolver<NoExceptionHandlerDetector.AppStart>
{
    public string RuleId => "RDY5005";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [".Run(", ".RunAsync("];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(AppSetupIndex), typeof(WebAppIndex), typeof(EndpointIndex), typeof(ProjectIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (HostRunSyntax.IsHostRun(call, context.Model))
        {
            context.Defer(this, call.Span, new AppStart(), fixes: SetupFix(call, context));
        }
    }

    // An app that maps no HTTP endpoint (a worker or a gRPC service on the web SDK) has no error page to show.
    public Detection? Resolve(Detection candidate, AppStart data, WorkspaceModels models) =>
        models.Get<WebAppIndex>().Contains(candidate.Path) && !models.Get<AppSetupIndex>().Has(AppFeature.ExceptionHandler, candidate.Path) &&
        models.Get<EndpointIndex>().All.Any(e => models.Get<ProjectIndex>().SameApp(e.Path, candidate.Path))
            ? candidate
            : null;

    // `builder.Services.AddProblemDetails();` before the host is built and `app.UseExceptionHandler();` first in the pipeline.
    private static IReadOnlyList<Fix> SetupFix(InvocationExpressionSyntax run, CSharpContext context)
    {
        if (TopLevelHost.In(run.SyntaxTree.GetRoot(), context.Model) is not { } host)
        {
            return [];
        }

        var newLine = Indentation.NewLine(run);
        return
        [
            new Fix(null,
            [
                FileEdit.Insert(context.Path, context.RangeOf(host.BuildStatement.Span).Start, $"{host.Builder}.Services.AddProblemDetails();{newLine}{newLine}"),
                FileEdit.Insert(context.Path, context.RangeOf(host.BuildStatement.Span).End, $"{newLine}{newLine}{host.App}.UseExceptionHandler();"),
            ]),
        ];
    }

    /// <summary>No data: the app of the file decides.</summary>
    internal sealed record AppStart;
}
