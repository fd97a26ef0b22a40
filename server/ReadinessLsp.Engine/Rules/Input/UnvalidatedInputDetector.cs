using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Hosting;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Model.Requests;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// RDY4011: a POST, PUT or PATCH that binds a model nothing validates: a controller action with
/// no <c>[ApiController]</c>, no <c>ModelState.IsValid</c> check and no global validation filter; a
/// minimal API handler with no validator, no validation filter and no <c>AddValidation()</c>.
/// RDY4012: amounts, quantities and prices a request supplies with no range anywhere (no
/// <c>[Range]</c>, no validator, no comparison in the app's code), so a negative quantity refunds
/// money. A validator for the model (FluentValidation) counts as validation for both. Entities
/// bound directly are left to the over-posting rules; endpoints only a role or policy may call
/// (trusted operators) and handlers that check the model themselves (<c>if (... input.Title ...) return BadRequest()</c>) are not reported.
/// </summary>
internal sealed class UnvalidatedInputDetector : ICSharpDetector, IDeferredResolver<UnvalidatedInputDetector.BoundParameter>
{
    public string RuleId => "RDY4011";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY4011", "RDY4012"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration, SyntaxKind.ParenthesizedLambdaExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["HttpPost", "HttpPut", "HttpPatch", "MapPost", "MapPut", "MapPatch", "AcceptVerbs", "MapMethods"];

    // Handler lambdas by their arrow (the methods come from the walk of declarations), so the file's bodies are not walked.
    public IReadOnlyCollection<string>? Anchors { get; } = ["=>"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex), typeof(RequestModelIndex), typeof(AppSetupIndex), typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (!BoundModels.IsHandlerShape(node) || !BoundModels.ParametersOf(node).Any(BoundModels.MayBeModel))
        {
            return;
        }

        var body = node switch
        {
            MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.Body,
            _ => null,
        };
        var scan = BodyScan.Of(body);
        var filtered = ValidationMarker(node, context.Document);
        foreach (var parameter in BoundModels.ParametersOf(node))
        {
            if (!BoundModels.MayBeModel(parameter))
            {
                continue;
            }

            var name = parameter.Identifier.ValueText;
            var data = new BoundParameter(name, BoundModels.TypeName(parameter), scan.CallsValidation || scan.VerifiesSender || scan.Guarded.Contains(name), filtered, scan.Flowing.Contains(name));
            var arguments = new Dictionary<string, string> { ["parameter"] = parameter.Identifier.ValueText, ["type"] = data.Type };
            var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(parameter.Type!.SpanStart, parameter.Identifier.Span.End);
            context.Defer(this, span, data, arguments, ruleId: "RDY4011");
            context.Defer(this, span, data, arguments, ruleId: "RDY4012");
        }
    }

    public Detection? Resolve(Detection candidate, BoundParameter data, WorkspaceModels models)
    {
        if (BoundModels.Bound(models.Get<EndpointIndex>(), candidate.Path, candidate.Member, candidate.Range.Start, data.Parameter) is not { } bound ||
            !BoundModels.TakesData(bound.Endpoint) || bound.Endpoint.Authorization.Access == Access.Restricted || models.Get<EfModel>().For(candidate.Path) is var ef && (ef.IsEntity(data.Type) || ef.IsContext(data.Type)))
        {
            return null;
        }

        var requests = models.Get<RequestModelIndex>();
        if (requests.HasValidator(candidate.Path, data.Type))
        {
            return null;
        }

        return candidate.RuleId == "RDY4011" ? Unvalidated(candidate, data, bound.Endpoint, requests, models) : UncheckedAmounts(candidate, data, requests);
    }

    private static Detection? Unvalidated(Detection candidate, BoundParameter data, Endpoint endpoint, RequestModelIndex requests, WorkspaceModels models)
    {
        if (data.ChecksValidity || data.ValidationFilter || !(data.Flows || endpoint.Writes))
        {
            return null;
        }

        var setup = models.Get<AppSetupIndex>();
        string reason;
        if (endpoint.Kind == EndpointKind.Action)
        {
            if (endpoint.ApiController || setup.Has(AppFeature.MvcValidation, candidate.Path))
            {
                return null;
            }

            reason = requests.Type(candidate.Path, data.Type)?.HasValidation == true
                ? "its validation attributes are never checked: the controller has no [ApiController] and the action never looks at ModelState.IsValid"
                : "the controller has no [ApiController], the action never checks ModelState.IsValid, and the model declares no rules";
        }
        else
        {
            var model = requests.Type(candidate.Path, data.Type);
            if (setup.Has(AppFeature.MinimalValidation, candidate.Path) && model?.HasValidation != false)
            {
                return null;
            }

            reason = setup.Has(AppFeature.MinimalValidation, candidate.Path)
                ? "the model declares no validation attributes, and no validator or endpoint filter checks it"
                : "minimal APIs do not check validation attributes unless the app calls AddValidation(), and no validator or endpoint filter checks it";
        }

        return candidate with { Arguments = new Dictionary<string, string>(candidate.Arguments) { ["reason"] = reason } };
    }

    private static Detection? UncheckedAmounts(Detection candidate, BoundParameter data, RequestModelIndex requests)
    {
        if (requests.Type(candidate.Path, data.Type) is not { } model)
        {
            return null;
        }

        var unchecked_ = model.Properties
            .Where(p => p.Numeric && !p.Bounded && AmountNames.IsAmount(p.Name) && !requests.RangeChecked(candidate.Path, p.Name))
            .Select(p => p.Name)
            .ToList();
        if (unchecked_.Count == 0)
        {
            return null;
        }

        return candidate with { Arguments = new Dictionary<string, string>(candidate.Arguments) { ["amounts"] = string.Join(", ", unchecked_.Select(a => $"`{a}`")) } };
    }

    // `[ValidateModel]` on the action or its class, `.AddEndpointFilter<ValidationFilter<T>>()` or `.WithParameterValidation()` on the mapping.
    private static bool ValidationMarker(SyntaxNode function, Workspace.SourceDocument document)
    {
        if (function is MethodDeclarationSyntax method)
        {
            var attributes = CSharpFileModel.AttributesOf(method).Concat(method.Parent is ClassDeclarationSyntax type ? CSharpFileModel.AttributesOf(type) : []);
            return attributes.Select(CSharpFileModel.AttributeName).Any(IsValidationName);
        }

        var mapping = function.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        return mapping is not null && mapping.FluentChain().Any(c => c.MethodName() is { } name && IsValidationName(name) ||
            (MaySpellValid(c, document) && c.Descendants().OfType<GenericNameSyntax>().Any(g => IsValidationName(g.Identifier.ValueText))));
    }

    // A call whose text never spells "Valid" names no validation filter: not worth walking (the handler's code is inside the mapping call).
    private static bool MaySpellValid(SyntaxNode call, Workspace.SourceDocument document)
    {
        if (document.Content is not { } content || call.Span.End > content.Length)
        {
            return true;
        }

        var text = content.AsSpan(call.SpanStart, call.Span.Length);
        return text.Contains("Valid", StringComparison.Ordinal) || text.Contains("\\u", StringComparison.Ordinal);
    }

    private static bool IsValidationName(string name) =>
        name.Contains("Valid", StringComparison.Ordinal) && !name.Contains("AntiForgery", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What a handler's body does with its parameters, in one pass: whether it calls validation
    /// (<c>ModelState.IsValid</c>, <c>validator.ValidateAsync</c>), which names it checks before returning
    /// or throwing (<c>if (string.IsNullOrWhiteSpace(input.Title)) return BadRequest()</c>), and which it
    /// hands whole to a call or copies into a new object (<c>new Todo { Title = input.Title }</c>); a
    /// logout form whose id is only read goes nowhere. A webhook that turns away callers without the
    /// provider's secret or signature (<c>if (!FixedTimeEquals(key, settings.WebhookKey)) return</c>) receives
    /// the provider's documents, whose shape is the provider's to keep.
    /// </summary>
    private sealed class BodyScan
    {
        private static readonly BodyScan Empty = new();

        private static readonly string[] SenderChecks = ["Signature", "Secret", "WebhookKey", "FixedTimeEquals", "ConstructEvent", "Hmac"];

        public bool CallsValidation { get; private set; }

        public bool VerifiesSender { get; private set; }

        public HashSet<string> Guarded { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Flowing { get; } = new(StringComparer.Ordinal);

        public static BodyScan Of(SyntaxNode? body)
        {
            if (body is null)
            {
                return Empty;
            }

            var scan = new BodyScan();
            foreach (var node in body.Descendants())
            {
                switch (node)
                {
                    case IdentifierNameSyntax { Identifier.ValueText: var text } when text == "IsValid" || text.Contains("Validat", StringComparison.Ordinal):
                        scan.CallsValidation = true;
                        break;
                    case IfStatementSyntax check when check.Statement.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax):
                        var names = check.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.ValueText).ToList();
                        scan.Guarded.UnionWith(names);
                        scan.VerifiesSender |= names.Any(n => SenderChecks.Any(c => n.Contains(c, StringComparison.OrdinalIgnoreCase)));
                        break;
                    case ArgumentSyntax { Expression: IdentifierNameSyntax argument }:
                        scan.Flowing.Add(argument.Identifier.ValueText);
                        break;
                    case InitializerExpressionSyntax initializer when initializer.Parent is not InitializerExpressionSyntax:
                        scan.Flowing.UnionWith(initializer.Descendants().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.ValueText));
                        break;
                }
            }

            return scan;
        }
    }

    /// <summary>A parameter a request may fill, its type, and what the handler itself does about validation.</summary>
    internal sealed record BoundParameter(string Parameter, string Type, bool ChecksValidity, bool ValidationFilter, bool Flows);
}
