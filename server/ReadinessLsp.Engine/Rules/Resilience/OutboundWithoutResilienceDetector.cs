using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Resilience;

/// <summary>
/// RDY5004 (hint): a typed or named <c>HttpClient</c> registered with no resilience handler and no
/// timeout of its own, so a slow third party holds requests for the default 100 seconds and a
/// blip fails them at once. Silent when the registration chains a resilience or Polly handler or
/// sets <c>Timeout</c>, and when the app configures every client (<c>ConfigureHttpClientDefaults</c>
/// with a resilience handler, as Aspire's service defaults do).
/// </summary>
internal sealed class OutboundWithoutResilienceDetector : ICSharpDetector, IDeferredResolver<OutboundWithoutResilienceDetector.Registration>
{
    private static readonly HashSet<string> Resilience =
    [
        "AddStandardResilienceHandler", "AddResilienceHandler", "AddPolicyHandler", "AddTransientHttpErrorPolicy", "AddStandardHedgingHandler",
        "AddPolicyHandlerFromRegistry", "AddHttpMessageHandler",
    ];

    public string RuleId => "RDY5004";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["AddHttpClient"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(AppSetupIndex), typeof(WebAppIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() != "AddHttpClient" || call.Expression is not MemberAccessExpressionSyntax member || Name(call) is not { } client)
        {
            return;
        }

        if (call.FluentChain().Any(c => c.MethodName() is { } name && (Resilience.Contains(name) || (name == "ConfigureHttpClient" && SetsTimeout(c)))) || SetsTimeout(call))
        {
            return;
        }

        context.Defer(this, TextSpan.FromBounds(member.Name.SpanStart, call.Span.End), new Registration(), new Dictionary<string, string> { ["client"] = client });
    }

    public Detection? Resolve(Detection candidate, Registration data, WorkspaceModels models) =>
        models.Get<WebAppIndex>().Contains(candidate.Path) && !models.Get<AppSetupIndex>().Has(AppFeature.HttpClientDefaults, candidate.Path) ? candidate : null;

    // `AddHttpClient<CurrencyRates>()`, `AddHttpClient<IRates, Rates>()`, `AddHttpClient("github", ...)`; the bare factory registration has no client.
    private static string? Name(InvocationExpressionSyntax call)
    {
        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } && generic.TypeArgumentList.Arguments.Count > 0)
        {
            return CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[^1]);
        }

        return call.ArgumentList.Arguments.FirstOrDefault()?.Expression.StringLiteralValue() is { } name ? $"\"{name}\"" : null;
    }

    private static bool SetsTimeout(InvocationExpressionSyntax call) =>
        call.ArgumentList.Descendants().OfType<AssignmentExpressionSyntax>().Any(a => a.Left.ToString().EndsWith("Timeout", StringComparison.Ordinal));

    /// <summary>No data: the app's defaults decide.</summary>
    internal sealed record Registration;
}
