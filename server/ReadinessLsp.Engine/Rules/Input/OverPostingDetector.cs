using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// RDY4013 and RDY4014: an EF entity bound from the request and saved as sent (<c>db.Users.Update(user)</c>,
/// <c>_repository.AddAsync(order)</c>), so the caller sets any column: RDY4014 when the entity has
/// columns that grant rights or move money (<c>Role</c>, <c>IsAdmin</c>, <c>Balance</c>, <c>Price</c>,
/// <c>Status</c>...), RDY4013 otherwise. Silent for endpoints only some roles or policies may call
/// (an admin editing every column on purpose), and when the handler copies chosen fields onto an
/// entity it loaded instead of saving the bound one.
/// </summary>
internal sealed class OverPostingDetector : ICSharpDetector, IDeferredResolver<OverPostingDetector.SavedParameter>
{
    private static readonly string[] SavePrefixes = ["Add", "Update", "Attach", "Insert", "Create", "Save", "Upsert", "Put", "Edit", "Register", "Entry"];

    private static readonly string[] Privileged =
    [
        "Role", "Roles", "RoleId", "IsAdmin", "Admin", "IsSuperAdmin", "IsStaff", "Permissions", "Balance", "Credits", "Points", "Price", "UnitPrice",
        "Total", "Amount", "Discount", "Status", "IsVerified", "Verified", "IsApproved", "Approved", "EmailConfirmed", "PhoneNumberConfirmed",
        "IsDeleted", "PasswordHash", "SecurityStamp", "UserId", "OwnerId", "TenantId", "CreatedBy", "Plan", "Level", "Limit", "Salary",
    ];

    public string RuleId => "RDY4013";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY4013", "RDY4014"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration, SyntaxKind.ParenthesizedLambdaExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["HttpPost", "HttpPut", "HttpPatch", "MapPost", "MapPut", "MapPatch", "AcceptVerbs", "MapMethods"];

    // Handler lambdas by their arrow (the methods come from the walk of declarations), so the file's bodies are not walked.
    public IReadOnlyCollection<string>? Anchors { get; } = ["=>"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex), typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (!BoundModels.IsHandlerShape(node))
        {
            return;
        }

        if (!BoundModels.ParametersOf(node).Any(BoundModels.MayBeModel))
        {
            return;
        }

        var parameters = BoundModels.ParametersOf(node).Where(BoundModels.MayBeModel).ToDictionary(p => p.Identifier.ValueText, StringComparer.Ordinal);

        var saved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in node.Descendants().OfType<InvocationExpressionSyntax>())
        {
            // PutAsJsonAsync(url, user): sent on to an API, which is judged where it binds the body.
            if (call.MethodName() is not { } name || !SavePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || name.EndsWith("AsJsonAsync", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var argument in call.ArgumentList.Arguments)
            {
                if (argument.Expression is IdentifierNameSyntax { Identifier.ValueText: var used } && parameters.TryGetValue(used, out var parameter) && saved.Add(used))
                {
                    var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(parameter.Type!.SpanStart, parameter.Identifier.Span.End);
                    context.Defer(
                        this,
                        span,
                        new SavedParameter(used, BoundModels.TypeName(parameter)),
                        new Dictionary<string, string> { ["parameter"] = used, ["type"] = BoundModels.TypeName(parameter), ["call"] = $"{name}(...)" });
                }
            }
        }
    }

    public Detection? Resolve(Detection candidate, SavedParameter data, WorkspaceModels models)
    {
        if (BoundModels.Bound(models.Get<EndpointIndex>(), candidate.Path, candidate.Member, candidate.Range.Start, data.Parameter) is not { } bound ||
            bound.Endpoint.Authorization.Access == Access.Restricted || !BoundModels.TakesData(bound.Endpoint))
        {
            return null;
        }

        if (models.Get<EfModel>().For(candidate.Path).Entity(data.Type) is not { } entity)
        {
            return null;
        }

        var privileged = entity.Properties.Select(p => p.Name).Where(p => Privileged.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var arguments = new Dictionary<string, string>(candidate.Arguments)
        {
            ["columns"] = privileged.Count > 0 ? string.Join(", ", privileged.Select(p => $"`{p}`")) : "every column",
            ["who"] = bound.Endpoint.IsAnonymous ? "anyone" : "any signed-in user",
        };
        return candidate with { RuleId = privileged.Count > 0 ? "RDY4014" : "RDY4013", Arguments = arguments };
    }

    /// <summary>A handler parameter passed whole to a save call, and its declared type.</summary>
    internal sealed record SavedParameter(string Parameter, string Type);
}
