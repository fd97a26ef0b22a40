using System.Text;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// Who can call what: every endpoint of every app with its verbs and route, who may call it and
/// why, whether a rate limiter covers it, and whether it changes data. Endpoints anyone can call
/// come first, and those that also change data stand out: the first question before a launch.
/// </summary>
internal static class EndpointMapSection
{
    /// <summary>
    /// Rows a reader can go through, shared by the apps (each gets at least <see cref="MinRowsPerApp"/>):
    /// beyond it endpoints are counted, not listed, and the page stays small for a workspace with thousands.
    /// </summary>
    private const int MaxRows = 300;
    private const int MinRowsPerApp = 25;

    /// <summary>The endpoints in the order the map shows them: open and data-changing first, then by route.</summary>
    public static IReadOnlyList<Endpoint> Ordered(ReportContext context) =>
        [.. context.Input.State.Models.Get<EndpointIndex>().All
            .OrderBy(e => e.App, StringComparer.Ordinal)
            .ThenBy(Exposure)
            .ThenBy(e => e.Route, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => string.Join(',', e.Verbs), StringComparer.Ordinal)];

    /// <summary>One sentence for the verdict: how many endpoints, how many open, and which open ones change data by omission.</summary>
    public static string? Summary(IReadOnlyList<Endpoint> endpoints)
    {
        if (endpoints.Count == 0)
        {
            return null;
        }

        var open = endpoints.Count(e => e.IsAnonymous);
        var onPurpose = endpoints.Count(e => e.IsAnonymous && e.Authorization.OnPurpose);
        var risky = endpoints.Count(e => Exposure(e) == 0);
        var sb = new StringBuilder($"{Html.Plural(endpoints.Count, "endpoint")}; ");
        sb.Append(open == 0
            ? "every one needs a signed-in user"
            : $"{open} can be called without signing in{(onPurpose > 0 ? $" ({onPurpose} marked as meant to be open)" : string.Empty)}");
        if (risky > 0)
        {
            sb.Append($"; {risky} {(risky == 1 ? "changes" : "change")} data with nothing saying {(risky == 1 ? "it" : "they")} should be open");
        }

        return sb.Append('.').ToString();
    }

    public static void Write(StringBuilder html, ReportContext context, IReadOnlyList<Endpoint> endpoints)
    {
        html.Append("<section id=\"endpoints\" aria-labelledby=\"endpoints-h\">\n<h2 id=\"endpoints-h\">Who can call what</h2>\n");
        if (endpoints.Count == 0)
        {
            html.Append("<p class=\"empty\">No request handler found: no controller action, minimal API, Razor Pages handler or SignalR hub.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"lead\">Every endpoint the code maps, with the authorization it really gets and why. ");
        html.Append("Endpoints anyone can call come first; those that also change data are marked — check each is meant to be open. ");
        html.Append("Endpoints that need a signed-in user follow, grouped by what protects them.</p>\n");
        var index = context.Input.State.Models.Get<EndpointIndex>();
        var apps = endpoints.GroupBy(e => e.App, StringComparer.Ordinal).ToList();
        var rows = Math.Max(MinRowsPerApp, MaxRows / apps.Count);
        foreach (var app in apps)
        {
            if (apps.Count > 1)
            {
                html.Append($"<h3>{Html.E(AppName(context, app.Key))}</h3>\n");
            }

            html.Append($"<p class=\"endpoint-summary\">{Html.E(Summary([.. app]))}</p>\n");
            var limited = index.SetupOf(app.First().Path).RateLimiting;
            if (!limited)
            {
                html.Append("<p class=\"note\">No rate limiting in this app (it needs <code>AddRateLimiter</code> and <code>UseRateLimiter</code>): sign-in, sign-up and anything that sends email can be called as fast as a script can.</p>\n");
            }

            WriteOpen(html, context, [.. app.Where(e => e.IsAnonymous)], limited, rows);
            WriteProtected(html, context, [.. app.Where(e => !e.IsAnonymous)], limited, rows);
        }

        html.Append("</section>\n");
    }

    // Endpoints anyone can call, one row each (the most exposed first, up to a limit a reader can go through).
    private static void WriteOpen(StringBuilder html, ReportContext context, IReadOnlyList<Endpoint> open, bool appLimits, int maxRows)
    {
        if (open.Count == 0)
        {
            return;
        }

        WriteTableStart(html);
        foreach (var endpoint in open.Take(maxRows))
        {
            WriteRow(html, context, endpoint, appLimits);
        }

        html.Append("</tbody></table></div>\n");
        if (open.Count > maxRows)
        {
            html.Append($"<p class=\"note\">And {open.Count - maxRows:N0} more endpoints anyone can call, not listed: the {maxRows} above are the most exposed. Hovering an endpoint in the editor says who can call it.</p>\n");
        }
    }

    // Endpoints that need a signed-in user, grouped by what protects them: one line per group, its endpoints inside.
    private static void WriteProtected(StringBuilder html, ReportContext context, IReadOnlyList<Endpoint> protectedEndpoints, bool appLimits, int maxRows)
    {
        if (protectedEndpoints.Count == 0)
        {
            return;
        }

        var writes = protectedEndpoints.Count(e => e.ChangesData);
        var groups = protectedEndpoints
            .GroupBy(e => (e.Authorization.Access, Who: WhoCanCall(e), e.Authorization.Because))
            .OrderBy(g => g.Key.Access)
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.Because, StringComparer.Ordinal)
            .ToList();
        var listEach = protectedEndpoints.Count <= maxRows;
        html.Append($"<details class=\"protected\"><summary>{Html.Plural(protectedEndpoints.Count, "endpoint")} need a signed-in user ({writes:N0} change data), in {Html.Plural(groups.Count, "group")} by what protects them</summary>\n");
        html.Append("<div class=\"table-wrap\"><table class=\"settings endpoints\">\n<thead><tr><th scope=\"col\">Who can call them, and why</th><th scope=\"col\">Endpoints</th></tr></thead>\n<tbody>\n");
        foreach (var group in groups.Take(maxRows))
        {
            var first = group.First();
            html.Append($"<tr class=\"ep-closed\"><th scope=\"row\"><span class=\"access a-{AccessClass(first.Authorization)}\">{Html.E(group.Key.Who)}</span><br><span class=\"why\">{Html.E(Sentence(group.Key.Because))}</span></th>");
            var changing = group.Count(e => e.ChangesData);
            html.Append($"<td data-label=\"Endpoints\"><span class=\"count-line\">{Html.Plural(group.Count(), "endpoint")}{(changing > 0 ? $", {changing:N0} {(changing == 1 ? "changes" : "change")} data" : string.Empty)}</span>");
            if (listEach)
            {
                html.Append("<ul class=\"ep-list\">");
                foreach (var endpoint in group.OrderBy(e => e.Route, StringComparer.OrdinalIgnoreCase))
                {
                    html.Append("<li>");
                    AppendVerbsAndRoute(html, endpoint);
                    html.Append(' ').Append(context.Location(endpoint.Path, endpoint.Span.Start, $"{context.Input.Display(endpoint.Path)}:{endpoint.Span.Start.Line + 1}"));
                    if (endpoint.ChangesData)
                    {
                        html.Append(" <span class=\"writes\">changes data</span>");
                    }

                    if (appLimits)
                    {
                        html.Append(endpoint.RateLimit.Limited ? " <span class=\"yes\">rate limited</span>" : " <span class=\"no\">no rate limit</span>");
                    }

                    html.Append("</li>");
                }

                html.Append("</ul>");
            }
            else
            {
                html.Append(" — first: ").Append(context.Location(first.Path, first.Span.Start, $"{context.Input.Display(first.Path)}:{first.Span.Start.Line + 1}"));
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        if (groups.Count > maxRows)
        {
            html.Append($"<p class=\"note\">And {groups.Count - maxRows:N0} smaller groups, not listed.</p>\n");
        }

        html.Append("</details>\n");
    }

    private static void WriteTableStart(StringBuilder html) =>
        html.Append("<div class=\"table-wrap\"><table class=\"settings endpoints\">\n<thead><tr><th scope=\"col\">Endpoint</th><th scope=\"col\">Who can call it</th><th scope=\"col\">Rate limit</th><th scope=\"col\">Changes data</th></tr></thead>\n<tbody>\n");

    private static void AppendVerbsAndRoute(StringBuilder html, Endpoint endpoint)
    {
        var verbs = endpoint.Kind == EndpointKind.HubMethod ? ["HUB"] : endpoint.Verbs.Count == 0 ? ["ANY"] : endpoint.Verbs.ToList();
        foreach (var verb in verbs)
        {
            html.Append($"<span class=\"verb v-{Html.E(verb.ToLowerInvariant())}\">{Html.E(verb)}</span>");
        }

        html.Append($"<code class=\"route\">{Html.E(endpoint.Kind == EndpointKind.HubMethod ? $"{endpoint.Route} · {endpoint.Member}" : endpoint.Route)}</code>");
    }

    private static void WriteRow(StringBuilder html, ReportContext context, Endpoint endpoint, bool appLimits)
    {
        var auth = endpoint.Authorization;
        var exposure = Exposure(endpoint) switch { 0 => "ep-danger", 1 => "ep-open", 2 => "ep-open-writes", _ => "ep-anon" };
        html.Append($"<tr class=\"{exposure}\"><th scope=\"row\">");
        AppendVerbsAndRoute(html, endpoint);
        html.Append("<br><span class=\"src\">").Append(context.Location(endpoint.Path, endpoint.Span.Start, $"{context.Input.Display(endpoint.Path)}:{endpoint.Span.Start.Line + 1}")).Append("</span></th>");

        html.Append($"<td data-label=\"Who\"><span class=\"access a-{AccessClass(auth)}\">{Html.E(WhoCanCall(endpoint))}</span>");
        html.Append($"<br><span class=\"why\">{Html.E(Sentence(auth.Because))}</span></td>");

        html.Append("<td data-label=\"Rate limit\">");
        html.Append(endpoint.RateLimit.Limited
            ? $"<span class=\"yes\">Limited</span>{(endpoint.RateLimit.Policy is { } policy ? $" <code>{Html.E(policy)}</code>" : string.Empty)}"
            : "<span class=\"no\">None</span>");
        if (appLimits)
        {
            // Without a limiter in the app the reason is the same for every row, and said once above.
            html.Append($"<br><span class=\"why\">{Html.E(Sentence(endpoint.RateLimit.Because))}</span>");
        }

        html.Append("</td><td data-label=\"Changes data\">");
        html.Append(endpoint.ChangesData ? "<span class=\"writes\">Yes</span>" : "<span class=\"reads\">No</span>");
        if (endpoint.IsAnonymous && endpoint.ChangesData && !auth.OnPurpose)
        {
            html.Append("<br><span class=\"danger\">Anyone can change data here</span>");
        }

        html.Append("</td></tr>\n");
    }

    // 0: anyone can change data and nothing says it is on purpose; 1: open by omission; 2: open on purpose and changes data; 3: open on purpose; 4: signed in.
    private static int Exposure(Endpoint e) => e.IsAnonymous switch
    {
        true when e.ChangesData && !e.Authorization.OnPurpose => 0,
        true when !e.Authorization.OnPurpose => 1,
        true when e.ChangesData => 2,
        true => 3,
        _ => 4 + (int)e.Authorization.Access,
    };

    private static string AccessClass(EndpointAuthorization auth) => auth.Access switch
    {
        Access.Anyone => "anyone",
        Access.SignedIn => "signed-in",
        _ => "restricted",
    };

    private static string WhoCanCall(Endpoint endpoint)
    {
        var auth = endpoint.Authorization;
        return auth.Access switch
        {
            Access.Anyone when auth.OnPurpose => "Anyone (on purpose)",
            Access.Anyone => "Anyone, without signing in",
            Access.SignedIn => "Any signed-in user",
            _ => "Signed-in users with " + string.Join(" and ", auth.Roles.Select(r => $"role {r}").Concat(auth.Policies.Select(p => $"policy {p}")).DefaultIfEmpty("a custom check")),
        };
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? string.Empty : ".");

    private static string AppName(ReportContext context, string app) =>
        app.Length == 0 ? "This workspace" : Path.GetFileNameWithoutExtension(app) + " — " + context.Input.Display(app);
}
