using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// The hover on an endpoint (an action's name, a <c>Map*</c> call and its route, a page handler, a
/// hub method): who can call it and why, in plain words, then whether it changes data, whether a
/// rate limiter covers it, and which values the caller chooses. A pure function of the models.
/// </summary>
internal static class EndpointHover
{
    /// <summary>Markdown for the endpoint at <paramref name="position"/> in <paramref name="path"/>, or null when there is none.</summary>
    public static string? Describe(WorkspaceModels models, string path, LinePosition position)
    {
        var endpoint = models.Get<EndpointIndex>().At(path, position);
        return endpoint is null ? null : Describe(endpoint);
    }

    public static string Describe(Endpoint endpoint)
    {
        var auth = endpoint.Authorization;
        var sb = new StringBuilder();
        sb.Append("**`").Append(endpoint.Display).Append("` — ").Append(WhoCanCall(endpoint)).AppendLine("**").AppendLine();
        sb.Append("Why: ").Append(auth.Because).AppendLine(".").AppendLine();
        if (auth.Schemes.Count > 0)
        {
            sb.Append("Signed in with: ").AppendJoin(", ", auth.Schemes.Select(s => $"`{s}`")).AppendLine(".").AppendLine();
        }

        sb.Append(endpoint.ChangesData ? "It changes data" : "It reads data")
          .Append(endpoint.Writes && !endpoint.Verbs.Any(v => v is "POST" or "PUT" or "PATCH" or "DELETE") && endpoint.Kind != EndpointKind.HubMethod ? " (its code writes, whatever the verb)" : string.Empty)
          .Append(endpoint.Broadcasts ? " and sends messages to other connected clients" : string.Empty)
          .AppendLine(".").AppendLine();
        sb.Append("Rate limiting: ").Append(endpoint.RateLimit.Limited ? "yes" + (endpoint.RateLimit.Policy is { } p ? $" (policy `{p}`)" : string.Empty) : "none")
          .Append(" — ").Append(endpoint.RateLimit.Because).AppendLine(".");
        var fromCaller = endpoint.Parameters.Where(p => p.FromCaller).Select(p => $"`{p.Name}` ({p.Source.ToString().ToLowerInvariant()})")
            .Concat(endpoint.RouteParameters.Where(r => !endpoint.Parameters.Any(p => p.Name == r)).Select(r => $"`{r}` (route)"))
            .ToList();
        if (fromCaller.Count > 0)
        {
            sb.AppendLine().Append("The caller chooses: ").AppendJoin(", ", fromCaller).AppendLine(".");
        }

        return sb.ToString().TrimEnd();
    }

    private static string WhoCanCall(Endpoint endpoint)
    {
        var auth = endpoint.Authorization;
        return auth.Access switch
        {
            Access.Anyone when auth.OnPurpose => "anyone can call it, without signing in, on purpose",
            Access.Anyone => "anyone on the internet can call it, without signing in",
            Access.SignedIn => "any signed-in user can call it",
            _ when auth.Roles.Count == 0 && auth.Policies.Count > 0 && auth.Policies.All(p => p.StartsWith("custom filter ", StringComparison.Ordinal)) =>
                $"only callers the app's own filter {string.Join(" and ", auth.Policies.Select(p => $"`{p["custom filter ".Length..]}`"))} lets through can call it",
            _ when auth.Roles.Count > 0 && auth.Policies.Count == 0 => $"only signed-in users with the role {string.Join(" or ", auth.Roles.Select(r => $"`{r}`"))} can call it",
            _ => $"only signed-in users who pass {string.Join(" and ", auth.Roles.Select(r => $"role `{r}`").Concat(auth.Policies.Select(p => $"`{p}`")))} can call it",
        };
    }
}
