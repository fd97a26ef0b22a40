using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>What kind of request handler an endpoint is.</summary>
internal enum EndpointKind
{
    /// <summary>A controller action.</summary>
    Action,

    /// <summary>A minimal API handler (<c>MapGet</c>, <c>MapPost</c>...).</summary>
    Minimal,

    /// <summary>A Razor Pages handler (<c>OnGet</c>, <c>OnPostDeleteAsync</c>).</summary>
    Page,

    /// <summary>A public method of a SignalR hub, callable by every connected client.</summary>
    HubMethod,
}

/// <summary>Who may call an endpoint.</summary>
internal enum Access
{
    /// <summary>Anyone on the internet, without signing in.</summary>
    Anyone,

    /// <summary>Any signed-in user.</summary>
    SignedIn,

    /// <summary>Only signed-in users with a role, or who pass a named policy or a custom check.</summary>
    Restricted,
}

/// <summary>
/// The authorization an endpoint really gets, and why: <see cref="Because"/> names the attribute,
/// convention or app-wide setting that decides it ("[Authorize] on OrdersController", "the fallback
/// policy (Program.cs:41)"), or says that nothing asks for a signed-in user.
/// </summary>
/// <param name="OnPurpose">Anonymous because the code says so (<c>[AllowAnonymous]</c>, <c>AllowAnonymous()</c>), not by omission.</param>
internal sealed record EndpointAuthorization(
    Access Access,
    bool OnPurpose,
    EquatableArray<string> Roles,
    EquatableArray<string> Policies,
    EquatableArray<string> Schemes,
    string Because)
{
    public bool IsAnonymous => Access == Access.Anyone;
}

/// <summary>Whether a rate limiter covers the endpoint, and why (or why not).</summary>
internal sealed record EndpointRateLimit(bool Limited, string? Policy, string Because);

/// <summary>
/// One request handler of an app with everything the access-control rules ask: its verbs and
/// route, where its parameters come from, who may call it and why, whether a rate limiter covers
/// it, and whether it changes data. <see cref="Member"/> is the member its code belongs to, exactly
/// as <see cref="Scope.CodeScope.MemberOf"/> and <see cref="Findings.Detection.Member"/> name it.
/// </summary>
/// <param name="App">The app (web project path, or "" for a workspace without projects) this answer is for.</param>
/// <param name="Verbs">Upper-case verbs; empty means any verb (a conventional MVC action).</param>
/// <param name="Writes">The handler's body saves or deletes data (whatever its verb).</param>
/// <param name="Broadcasts">A hub method that sends to other connections.</param>
/// <param name="Span">The action's name or the <c>Map*</c> call and its route: where hovering explains the endpoint.</param>
/// <param name="HandlerSpan">The handler's code (the lambda, or the method's name).</param>
internal sealed record Endpoint(
    EndpointKind Kind,
    string Path,
    string Member,
    string App,
    EquatableArray<string> Verbs,
    string Route,
    EquatableArray<string> RouteParameters,
    EquatableArray<HandlerParameter> Parameters,
    EndpointAuthorization Authorization,
    EndpointRateLimit RateLimit,
    bool Writes,
    bool Broadcasts,
    FactSpan Span,
    FactSpan HandlerSpan)
{
    private static readonly string[] DataVerbs = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>A controller action under <c>[ApiController]</c> (on the class or a base class): invalid models are answered with 400 before the action runs.</summary>
    public bool ApiController { get; init; }

    public bool IsAnonymous => Authorization.IsAnonymous;

    /// <summary>Whether calling it changes data: a POST, PUT, PATCH or DELETE, a handler that writes, or a hub method that broadcasts.</summary>
    public bool ChangesData => Verbs.Any(v => DataVerbs.Contains(v)) || Writes || Broadcasts;

    /// <summary>How people name it: "DELETE /api/messages/{id:int}", "hub method ChatHub.Send (/chat)".</summary>
    public string Display => Kind switch
    {
        EndpointKind.HubMethod => $"hub method {Member} ({Route})",
        _ => $"{(Verbs.Count == 0 ? "ANY" : string.Join('|', Verbs))} {Route}",
    };

    /// <summary>The handler's parameter the caller chooses, by name (route, query, body, form or header), or null.</summary>
    public HandlerParameter? CallerParameter(string name) =>
        Parameters.FirstOrDefault(p => p.FromCaller && p.Name == name) ??
        (RouteParameters.Contains(name) ? new HandlerParameter(name, string.Empty, ParameterSource.Route) : null);
}

/// <param name="LockoutSignIn">Somewhere the app checks passwords counting failures towards lockout.</param>
/// <param name="Authentication">The app registers an authentication scheme, so <c>[Authorize]</c> can work.</param>
/// <summary>
/// An app's security setup as its startup code writes it, for rules and hovers that talk about the
/// app rather than one endpoint (where a fallback policy would go, whether Identity is there).
/// </summary>
internal sealed record AppSecuritySetup(
    string App,
    bool FallbackPolicy,
    bool GlobalAuthorizeFilter,
    bool RateLimiter,
    bool UsesRateLimiter,
    bool GlobalLimiter,
    EquatableArray<string> LimiterPolicies,
    bool Identity,
    bool LockoutDisabled,
    bool LockoutSignIn,
    bool Authentication)
{
    public static readonly AppSecuritySetup None = new(string.Empty, false, false, false, false, false, default, false, false, false, false);

    /// <summary>Whether requests are rate limited at all (a limiter registered and in the pipeline, or a global one).</summary>
    public bool RateLimiting => (RateLimiter && UsesRateLimiter) || GlobalLimiter;
}
