using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Integrity;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// RDY3003: a POST handler (a controller action, a Razor page's <c>OnPost</c>, a <c>MapPost</c>
/// lambda) creates an order, payment, transfer, withdrawal or charge, directly or through a
/// service, repository or mediator handler of the workspace, and nothing makes a repeated request
/// harmless: no idempotency key or client request id taken by the handler, no unique index on
/// such a key on the entity, no idempotency filter in the app. Silent for upserts (the handler or
/// the service looks the same entity up first) and for entities that are not money or orders.
/// </summary>
internal sealed class DoubleSubmitDetector : ICSharpDetector, IDeferredResolver<DoubleSubmitDetector.Candidate>
{
    // What a double click must not create twice, by the entity's name (its last word).
    private static readonly string[] MoneyEntities =
    [
        "Order", "Payment", "Transfer", "Withdrawal", "Charge", "Purchase", "Transaction", "Deposit", "Payout", "Donation", "Booking", "Reservation", "Refund",
    ];

    // Service and handler methods named for what they create, when the model cannot see inside them.
    private static readonly string[] MoneyVerbs = ["Transfer", "Withdraw", "Deposit", "Pay", "Charge", "Checkout", "Purchase", "Refund", "PlaceOrder", "Reserve"];

    private static readonly string[] CreateVerbs = ["Create", "Add", "Place", "Insert", "Submit", "Make", "Process", "New", "Book", "Save"];

    private static readonly string[] KeyWords = ["idempoten", "requestid", "request-id", "request_id", "dedup"];

    private static readonly SearchValues<string> KeyWordSearch = SearchValues.Create(KeyWords, StringComparison.OrdinalIgnoreCase);

    public string RuleId => "RDY3003";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration, SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["HttpPost", "MapPost", "OnPost"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["HttpPost", "MapPost(", "OnPost"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel), typeof(IntegrityGuards)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        (SyntaxNode? handler, SyntaxNode? body, Microsoft.CodeAnalysis.Text.TextSpan at) = node switch
        {
            MethodDeclarationSyntax method when IsPostAction(method) => ((SyntaxNode?)method, (SyntaxNode?)method.Body ?? method.ExpressionBody, method.Identifier.Span),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MapPost" } map } call
                when call.ArgumentList.Arguments.LastOrDefault()?.Expression is AnonymousFunctionExpressionSyntax lambda => (call, lambda.Body, map.Name.Span),
            _ => ((SyntaxNode?)null, (SyntaxNode?)null, default(Microsoft.CodeAnalysis.Text.TextSpan)),
        };
        if (handler is null || body is null || TakesKey(handler, context.Document.Text))
        {
            return;
        }

        var file = EfFile.Of(context);
        var inserts = new List<Created>();
        var lookups = new List<EfSetRef>();
        foreach (var call in OperationBody.Nodes(body).OfType<InvocationExpressionSyntax>())
        {
            if (call.MethodName() is not { } name)
            {
                continue;
            }

            if (EfSyntax.SingleResults.Contains(name) && file.ChainOf(call) is { } chain && !lookups.Contains(chain.Root))
            {
                lookups.Add(chain.Root);
            }
            else if (EfSyntax.InsertOf(call, file) is { } table)
            {
                inserts.Add(new Created(table, null, false));
            }
            else if (MayCreate(name) && WorkspaceCalls.Of(call, file) is { } method)
            {
                inserts.Add(new Created(null, method, NamedForMoney(method.Method)));
            }
        }

        if (inserts.Count > 0)
        {
            context.Defer(this, at, new Candidate(inserts.Distinct().ToEquatableArray(), lookups.ToEquatableArray()), Placeholder);
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        if (models.Get<IntegrityGuards>().Guard(candidate.Path, IntegrityGuardKind.Idempotency) is not null)
        {
            return null;
        }

        var ef = models.Get<EfModel>().For(candidate.Path);
        var looked = data.Lookups.Select(ef.EntityOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var created in data.Inserts)
        {
            var (entity, via) = Entity(created, ef);
            if (entity is not null && (looked.Contains(entity) || via?.Lookup is { } upsert && ef.EntityOf(upsert.Table) == entity || !IsMoney(entity) || HasKeyIndex(ef, entity)))
            {
                continue;
            }

            if (entity is null && !created.NamedForMoney)
            {
                continue;
            }

            var what = entity ?? Noun(created.Method!.Method);
            var related = new List<RelatedLocation>();
            if (entity is not null && ef.Entity(entity)?.Declaration is { } declared)
            {
                related.Add(new RelatedLocation(declared.Path, declared.Span, $"{entity} has no idempotency key under a unique index"));
            }

            if (via is not null)
            {
                related.Add(new RelatedLocation(via.Path, via.Span, $"{via.Type}.{via.Method} creates the {what}"));
            }

            return candidate with
            {
                Arguments = new Dictionary<string, string> { ["what"] = (what[0] is 'A' or 'E' or 'I' or 'O' or 'U' or 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + what, ["entity"] = entity ?? what },
                Related = related,
            };
        }

        return null;
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    private static bool IsPostAction(MethodDeclarationSyntax method) =>
        method.Identifier.ValueText.StartsWith("OnPost", StringComparison.Ordinal) || CSharpFileModel.HasAttribute(method, "HttpPost");

    // An Idempotency-Key header, a client request id parameter, an [Idempotent] attribute.
    // Searched in the text where the handler's parts lie, not in copies of them: handlers are long.
    private static bool TakesKey(SyntaxNode handler, SourceText text)
    {
        if (handler is not MethodDeclarationSyntax method)
        {
            return TextSearch.ContainsAny(text, handler.Span, KeyWordSearch);
        }

        SyntaxNode? body = method.Body is { } block ? block : method.ExpressionBody;
        return (method.AttributeLists.Count > 0 && TextSearch.ContainsAny(text, method.AttributeLists.Span, KeyWordSearch)) ||
            TextSearch.ContainsAny(text, method.ParameterList.Span, KeyWordSearch) ||
            (body is not null && TextSearch.ContainsAny(text, body.Span, KeyWordSearch));
    }

    private static bool MayCreate(string name) =>
        CreateVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal)) || MoneyVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal)) ||
        name is "Send" or "SendAsync" or "Handle";

    // TransferMoney, WithdrawAsync, CreateOrderAsync, PlacePaymentAsync.
    // The verb alone, or followed by what moves (TransferMoney, WithdrawAsync); TransferBasketToUser moves no money.
    private static bool NamedForMoney(string name) =>
        MoneyVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal) && MovesMoney(name[v.Length..])) ||
        (CreateVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal)) && MoneyEntities.Any(e => name.Contains(e, StringComparison.Ordinal) && !name.Contains(e + "Item", StringComparison.Ordinal)));

    private static bool MovesMoney(string rest) =>
        rest.Length == 0 || rest is "Async" || rest.StartsWith("Money", StringComparison.Ordinal) || rest.StartsWith("Funds", StringComparison.Ordinal) ||
        rest.StartsWith("Amount", StringComparison.Ordinal) || MoneyEntities.Any(e => rest.StartsWith(e, StringComparison.Ordinal));

    private static string Noun(string method) =>
        MoneyEntities.FirstOrDefault(e => method.Contains(e, StringComparison.Ordinal))?.ToLowerInvariant() ??
        MoneyVerbs.First(v => method.StartsWith(v, StringComparison.Ordinal)).ToLowerInvariant() switch
        {
            "withdraw" => "withdrawal",
            "pay" => "payment",
            "charge" => "charge",
            "checkout" => "order",
            "reserve" => "reservation",
            "placeorder" => "order",
            var other => other,
        };

    private static bool IsMoney(string entity) =>
        MoneyEntities.Any(e => entity.EndsWith(e, StringComparison.Ordinal) || entity.EndsWith(e + "s", StringComparison.Ordinal));

    // A unique index over a client key (IdempotencyKey, RequestId, ClientReference) on the entity.
    private static bool HasKeyIndex(EfView ef, string entity) =>
        ef.Entity(entity)?.Configuration.Any(c => c.Kind is EfConfigKind.UniqueIndex or EfConfigKind.AlternateKey &&
            c.Properties.Any(p => KeyWords.Any(k => p.Contains(k, StringComparison.OrdinalIgnoreCase)) || p.Contains("ClientReference", StringComparison.OrdinalIgnoreCase))) == true;

    private static (string? Entity, DataAccessMethod? Via) Entity(Created created, EfView ef)
    {
        if (created.Direct is not null)
        {
            return (ef.EntityOf(created.Direct), null);
        }

        foreach (var method in ef.Methods(created.Method!))
        {
            if (method.Inserts is { } table && ef.EntityOf(table) is { } entity)
            {
                return (entity, method);
            }
        }

        return (null, null);
    }

    /// <summary>What the handler creates: a row added here (<see cref="Direct"/>) or through a workspace method.</summary>
    internal sealed record Created(EfSetRef? Direct, EfMethodRef? Method, bool NamedForMoney);

    /// <summary>The rows the handler may create, and the tables it looks up first (an upsert).</summary>
    internal sealed record Candidate(EquatableArray<Created> Inserts, EquatableArray<EfSetRef> Lookups);
}
