using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Endpoint conventions as code applies them to a builder: <c>RequireAuthorization("Admin")</c>,
/// <c>AllowAnonymous()</c>, <c>RequireRateLimiting("fixed")</c>, <c>DisableRateLimiting()</c>.
/// </summary>
internal static class Conventions
{
    // What ASP.NET Core and common libraries chain on endpoints and groups: never the app's own helper.
    private static readonly HashSet<string> FrameworkCalls = new(StringComparer.Ordinal)
    {
        "WithTags", "WithName", "WithOpenApi", "WithSummary", "WithDescription", "WithMetadata", "WithDisplayName", "WithGroupName", "WithOrder",
        "WithRequestTimeout", "WithFormOptions", "WithHttpLogging", "WithApiVersionSet", "Produces", "ProducesProblem", "ProducesValidationProblem",
        "Accepts", "AddEndpointFilter", "AddEndpointFilterFactory", "CacheOutput", "RequireCors", "RequireHost", "ExcludeFromDescription",
        "DisableAntiforgery", "ShortCircuit", "DisableHttpMetrics", "HasApiVersion", "MapToApiVersion", "IsApiVersionNeutral", "HasDeprecatedApiVersion",
        "DisableRequestTimeout", "ToString", "GetType", "Add", "Finally", "ConfigureAwait",
    };

    /// <summary>
    /// Whether a call on a builder may be one of the app's own convention helpers (<c>WithPamDefaults()</c>):
    /// not a convention or a framework call, and not a mapping.
    /// </summary>
    public static bool MayBeHelper(string name) =>
        !RouteBuilders.IsConvention(name) && !FrameworkCalls.Contains(name) && !name.StartsWith("Map", StringComparison.Ordinal) &&
        !name.StartsWith("Produces", StringComparison.Ordinal) && !name.StartsWith("Use", StringComparison.Ordinal);

    /// <summary>A call of a possible helper, for the model to resolve across files.</summary>
    public static AuthMeta Helper(string name, string where) =>
        new(AuthMetaKind.Helper, default, default, default, $"{name}() on {where}") { Resolves = name };

    /// <summary>The authorization conventions chained after <paramref name="call"/> (<c>app.MapGet(...).RequireAuthorization()</c>).</summary>
    public static EquatableArray<AuthMeta> After(InvocationExpressionSyntax call, string where) =>
        Above(call).Select(c => AuthOf(c, where)).OfType<AuthMeta>().ToEquatableArray();

    public static EquatableArray<RateLimitMeta> RateLimitsAfter(InvocationExpressionSyntax call, string where) =>
        Above(call).Select(c => RateLimitOf(c, where)).OfType<RateLimitMeta>().ToEquatableArray();

    /// <summary>The authorization a convention call applies, or null when it is not one.</summary>
    public static AuthMeta? AuthOf(InvocationExpressionSyntax call, string where)
    {
        switch (call.MethodName())
        {
            case "AllowAnonymous":
                return new AuthMeta(AuthMetaKind.AllowAnonymous, default, default, default, $"AllowAnonymous() on {where}");
            case "RequireAuthorization":
                var roles = new List<string>();
                var policies = new List<string>();
                foreach (var argument in call.ArgumentList.Arguments)
                {
                    ReadRequirement(argument.Expression, roles, policies);
                }

                var text = call.ArgumentList.Arguments.Count == 0 ? "RequireAuthorization()" : $"RequireAuthorization({Short(call.ArgumentList.Arguments.ToString())})";
                return new AuthMeta(AuthMetaKind.Authorize, roles.ToEquatableArray(), policies.ToEquatableArray(), default, $"{text} on {where}");
            case { } name when MayBeHelper(name):
                return Helper(name, where);
            default:
                return null;
        }
    }

    public static RateLimitMeta? RateLimitOf(InvocationExpressionSyntax call, string where) => call.MethodName() switch
    {
        "RequireRateLimiting" => new RateLimitMeta(false, call.ArgumentList.Arguments.FirstOrDefault() is { } p ? HttpAttributes.ValueText(p.Expression) : null, $"RequireRateLimiting on {where}"),
        "DisableRateLimiting" => new RateLimitMeta(true, null, $"DisableRateLimiting() on {where}"),
        _ => null,
    };

    /// <summary>
    /// What a policy argument asks for: a name (<c>"Admin"</c>), an attribute
    /// (<c>new AuthorizeAttribute { Roles = "Admin" }</c>) or a builder lambda
    /// (<c>p =&gt; p.RequireRole("Admin")</c>). A builder that only asks for a signed-in user adds nothing.
    /// </summary>
    public static void ReadRequirement(ExpressionSyntax expression, List<string> roles, List<string> policies)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal:
                policies.Add(literal.Token.ValueText);
                return;
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer }:
                foreach (var assignment in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                {
                    var value = HttpAttributes.ValueText(assignment.Right);
                    switch ((assignment.Left as IdentifierNameSyntax)?.Identifier.ValueText)
                    {
                        case "Roles":
                            roles.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                            break;
                        case "Policy":
                            policies.Add(value);
                            break;
                    }
                }

                return;
            case AnonymousFunctionExpressionSyntax or InvocationExpressionSyntax:
                foreach (var requirement in expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
                {
                    switch (requirement.MethodName())
                    {
                        case "RequireRole":
                            roles.AddRange(requirement.ArgumentList.Arguments.Select(a => HttpAttributes.ValueText(a.Expression)));
                            break;
                        case "RequireClaim" or "RequireAssertion" or "AddRequirements" or "RequireUserName":
                            policies.Add(Short(requirement.ToString()));
                            break;
                    }
                }

                return;
            case BaseObjectCreationExpressionSyntax:
                return; // new AuthorizeAttribute(): a signed-in user, nothing more.
            default:
                policies.Add(Short(expression.ToString()));
                return;
        }
    }

    /// <summary>Whether a policy builder (a lambda or a <c>new AuthorizationPolicyBuilder()...</c>) asks for more than a signed-in user.</summary>
    public static bool Restricts(SyntaxNode? policy)
    {
        if (policy is null)
        {
            return false;
        }

        var roles = new List<string>();
        var policies = new List<string>();
        foreach (var call in policy.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (call.MethodName() is "RequireRole" or "RequireClaim" or "RequireAssertion" or "AddRequirements" or "RequireUserName")
            {
                return true;
            }
        }

        return policy.Descendants().OfType<MemberAccessExpressionSyntax>().Any(m => m.Name.Identifier.ValueText == "Requirements");
    }

    private static IEnumerable<InvocationExpressionSyntax> Above(InvocationExpressionSyntax call)
    {
        SyntaxNode current = call;
        while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current && member.Parent is InvocationExpressionSyntax outer)
        {
            yield return outer;
            current = outer;
        }
    }

    private static string Short(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 60 ? flat[..57] + "..." : flat;
    }
}
