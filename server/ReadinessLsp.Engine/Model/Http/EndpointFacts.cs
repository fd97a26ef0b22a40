using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>Whether a piece of metadata asks for a signed-in caller or lets anyone in.</summary>
internal enum AuthMetaKind
{
    Authorize,
    AllowAnonymous,

    /// <summary>
    /// A call of the app's own extension method on a builder (<c>group.WithPamDefaults()</c>), which may
    /// apply conventions in another file: <see cref="AuthMeta.Resolves"/> names it, and the model
    /// replaces it with what that method applies (<see cref="ConventionHelperFact"/>).
    /// </summary>
    Helper,

    /// <summary>
    /// An attribute that may be a filter of the app's own (<c>[InjectProvider(...)]</c>,
    /// <c>[TypeFilter(typeof(X))]</c>): <see cref="AuthMeta.Resolves"/> names the class, and the model
    /// decides from <see cref="FilterTypeFact"/> whether it turns callers away.
    /// </summary>
    Filter,
}

/// <summary>
/// One piece of authorization metadata as the code writes it: an <c>[Authorize]</c> or
/// <c>[AllowAnonymous]</c> attribute, a <c>RequireAuthorization()</c> or <c>AllowAnonymous()</c>
/// convention. Roles, policies and schemes are the texts written (a literal's value, or the
/// expression: <c>AuthorizationConstants.ADMINISTRATORS</c>). <paramref name="Source"/> says where it
/// was written, in words for a hover: "[Authorize] on OrdersController".
/// </summary>
internal sealed record AuthMeta(
    AuthMetaKind Kind,
    EquatableArray<string> Roles,
    EquatableArray<string> Policies,
    EquatableArray<string> Schemes,
    string Source)
{
    /// <summary>Whether it lets only some signed-in users in (a role or a policy), not every one.</summary>
    public bool Restricts => Kind == AuthMetaKind.Authorize && (Roles.Count > 0 || Policies.Count > 0);

    /// <summary>For <see cref="AuthMetaKind.Helper"/> and <see cref="AuthMetaKind.Filter"/>: the method or class the model looks up.</summary>
    public string? Resolves { get; init; }

    public AuthMeta WithSource(string source) => this with { Source = source };
}

/// <summary>A rate-limiting attribute or convention: <c>[EnableRateLimiting("login")]</c>, <c>DisableRateLimiting()</c>.</summary>
internal sealed record RateLimitMeta(bool Disable, string? Policy, string Source);

/// <summary>Where a handler parameter's value comes from in the request.</summary>
internal enum ParameterSource
{
    Unknown,
    Route,
    Query,
    Body,
    Form,
    Header,

    /// <summary>Supplied by the server, not the caller: services, the user, the cancellation token.</summary>
    Server,
}

/// <summary>A handler parameter: its name, its type as written and where its value comes from.</summary>
internal sealed record HandlerParameter(string Name, string Type, ParameterSource Source)
{
    /// <summary>Whether the caller chooses its value.</summary>
    public bool FromCaller => Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Body or ParameterSource.Form or ParameterSource.Header;
}

/// <summary>
/// A public method of a controller, page model or hub: a request handler once the class turns out
/// to be one. <paramref name="Verbs"/> and <paramref name="Templates"/> come from
/// <c>[HttpGet("{id}")]</c>, <c>[Route]</c> and <c>[AcceptVerbs]</c>; both empty means "any verb,
/// conventional route".
/// </summary>
internal sealed record ActionFact(
    string Name,
    EquatableArray<string> Verbs,
    EquatableArray<string> Templates,
    EquatableArray<AuthMeta> Auth,
    EquatableArray<RateLimitMeta> RateLimits,
    EquatableArray<HandlerParameter> Parameters,
    bool Writes,
    bool Broadcasts,
    FactSpan Span,
    FactSpan Body)
{
    /// <summary>Overloads differ by their parameter types: <c>Get(int id)</c> and <c>Get()</c> are two actions.</summary>
    public string Signature => $"{Name}({string.Join(",", Parameters.Select(p => p.Type))})";
}

/// <summary>
/// A class that may handle requests: a controller by name or attribute, a class deriving from one
/// (the chain is followed across files when the model is built), a Razor page model or a SignalR hub.
/// </summary>
/// <param name="BaseType">The simple name of the first type in its base list, if any.</param>
/// <param name="PagePath">For a Razor Pages code-behind (<c>Pages/Orders/Edit.cshtml.cs</c>): the page's route, "/Orders/Edit".</param>
internal sealed record HandlerTypeFact(
    string Name,
    string Namespace,
    string? BaseType,
    bool IsAbstract,
    bool ControllerAttribute,
    bool NonController,
    bool ApiController,
    EquatableArray<string> Templates,
    string? Area,
    EquatableArray<AuthMeta> Auth,
    EquatableArray<RateLimitMeta> RateLimits,
    EquatableArray<ActionFact> Actions,
    string? PagePath,
    FactSpan Span);

/// <summary>Where a chain of route builders starts: the app itself, a parameter of the method, or something unknown.</summary>
internal enum ChainRoot
{
    App,
    Parameter,
    Unknown,
}

/// <summary>
/// A route builder as a method sees it: where it starts (the app, or parameter number
/// <paramref name="Parameter"/>), the <c>MapGroup</c> prefixes in between, and the conventions
/// applied along the way (<c>RequireAuthorization</c>, <c>AllowAnonymous</c>, rate limiting).
/// </summary>
internal sealed record RouteChain(
    ChainRoot Root,
    int Parameter,
    EquatableArray<string> Prefixes,
    EquatableArray<AuthMeta> Auth,
    EquatableArray<RateLimitMeta> RateLimits)
{
    public static readonly RouteChain Unknown = new(ChainRoot.Unknown, -1, EquatableArray<string>.Empty, EquatableArray<AuthMeta>.Empty, EquatableArray<RateLimitMeta>.Empty);

    public RouteChain Then(RouteChain inner) => inner with
    {
        Root = Root,
        Parameter = Parameter,
        Prefixes = new([.. Prefixes, .. inner.Prefixes]),
        Auth = new([.. Auth, .. inner.Auth]),
        RateLimits = new([.. RateLimits, .. inner.RateLimits]),
    };

    public RouteChain With(IEnumerable<AuthMeta> auth, IEnumerable<RateLimitMeta> rateLimits)
    {
        // Most endpoints add nothing at most steps: then nothing is copied.
        var moreAuth = auth as IReadOnlyCollection<AuthMeta> ?? [.. auth];
        var moreLimits = rateLimits as IReadOnlyCollection<RateLimitMeta> ?? [.. rateLimits];
        if (moreAuth.Count == 0 && moreLimits.Count == 0)
        {
            return this;
        }

        return this with
        {
            Auth = moreAuth.Count == 0 ? Auth : new([.. Auth, .. moreAuth]),
            RateLimits = moreLimits.Count == 0 ? RateLimits : new([.. RateLimits, .. moreLimits]),
        };
    }
}

/// <summary>What a <c>Map*</c> call maps.</summary>
internal enum MappingKind
{
    /// <summary><c>MapGet</c>, <c>MapPost</c>, <c>MapMethods</c>...: one minimal API endpoint.</summary>
    Minimal,

    /// <summary><c>MapHub&lt;T&gt;</c>: every public method of the hub.</summary>
    Hub,

    /// <summary><c>MapControllers</c>, <c>MapControllerRoute</c>, <c>MapDefaultControllerRoute</c>: every controller action.</summary>
    Controllers,

    /// <summary><c>MapRazorPages</c>: every page handler.</summary>
    RazorPages,
}

/// <summary>
/// One <c>Map*</c> call on a route builder. For a minimal endpoint, <paramref name="Handler"/> is
/// the member the handler's code belongs to, as <see cref="Scope.CodeScope.MemberOf"/> names it
/// ("Program.DELETE /api/messages/{id:int}", "OrdersApi.GetOrderAsync"). For a hub, it is the
/// hub's type; for conventional controller routes, the route template.
/// </summary>
internal sealed record MappedEndpointFact(
    MappingKind Kind,
    EquatableArray<string> Verbs,
    string Pattern,
    RouteChain Chain,
    string? Handler,
    EquatableArray<HandlerParameter> Parameters,
    bool Writes,
    FactSpan Span,
    FactSpan HandlerSpan);

/// <summary>A builder handed to another method: argument <paramref name="Index"/> of the call (the receiver of an extension call is -1).</summary>
internal sealed record RouteArgument(int Index, RouteChain Chain);

/// <summary>
/// A call that hands a route builder to another method (<c>app.MapTodoEndpoints()</c>,
/// <c>OrdersApi.Map(app.MapGroup("/orders"))</c>), with the conventions applied to what it returns
/// (<c>app.MapOrdersApiV1().RequireAuthorization()</c>).
/// </summary>
internal sealed record RouteCallFact(
    string Method,
    string? Qualifier,
    EquatableArray<RouteArgument> Arguments,
    EquatableArray<AuthMeta> ResultAuth,
    EquatableArray<RateLimitMeta> ResultRateLimits);

/// <summary>
/// A method (or the top-level statements, as "Program") that maps endpoints or hands route builders
/// on. <paramref name="Parameters"/> is its parameter count; <paramref name="IsExtension"/> says the
/// first one is <c>this</c>.
/// </summary>
internal sealed record RouteMethodFact(
    string Type,
    string Method,
    bool IsExtension,
    int Parameters,
    EquatableArray<MappedEndpointFact> Endpoints,
    EquatableArray<RouteCallFact> Calls);

/// <summary>App-wide settings that decide who may call an endpoint.</summary>
internal enum SetupKind
{
    /// <summary>A fallback policy that requires a signed-in user for every endpoint without metadata.</summary>
    FallbackPolicy,

    /// <summary>A global MVC <c>AuthorizeFilter</c>: every controller action and page needs a signed-in user.</summary>
    GlobalAuthorizeFilter,

    /// <summary>A named authorization policy; <see cref="SetupFact.Restricts"/> when it asks for more than a signed-in user.</summary>
    AuthorizationPolicy,

    /// <summary>Razor Pages conventions: <c>AuthorizeFolder</c>, <c>AuthorizePage</c> (Name is the folder or page).</summary>
    AuthorizeFolder,
    AuthorizePage,
    AllowAnonymousFolder,
    AllowAnonymousPage,

    /// <summary><c>AddRateLimiter</c>; a named limiter policy; a global limiter; <c>UseRateLimiter</c>.</summary>
    RateLimiter,
    RateLimiterPolicy,
    GlobalLimiter,
    UseRateLimiter,

    /// <summary>ASP.NET Core Identity registered; Identity lockout switched off for new users.</summary>
    Identity,
    LockoutDisabled,

    /// <summary>A password check that counts failures towards lockout (<c>PasswordSignInAsync(..., lockoutOnFailure: true)</c>).</summary>
    LockoutSignIn,

    /// <summary>An authentication scheme registered (<c>AddAuthentication</c>, <c>AddJwtBearer</c>, Identity's cookies).</summary>
    Authentication,
}

/// <summary>
/// One app-wide setting, written once in the startup code and applying to every endpoint of the app
/// the file is part of. <paramref name="Name"/> is a policy name, a folder or page, or empty.
/// </summary>
internal sealed record SetupFact(SetupKind Kind, string Name, bool Restricts, string Area, FactSpan Span);

/// <summary>
/// An extension method of the app that applies conventions to the builder it is called on and hands
/// it back, wherever it is written: <c>static RouteGroupBuilder WithPamDefaults(this RouteGroupBuilder g)
/// { g.RequireAuthorization("Application"); return g; }</c>. Auth may itself hold
/// <see cref="AuthMetaKind.Helper"/> entries (a helper calling another).
/// </summary>
internal sealed record ConventionHelperFact(string Method, EquatableArray<AuthMeta> Auth, EquatableArray<RateLimitMeta> RateLimits, FactSpan Span);

/// <summary>
/// A class of the app that is, or may be, an MVC filter: it derives from a filter attribute or
/// implements a filter interface. <paramref name="Authorizes"/>: an authorization filter by its
/// base list. <paramref name="Rejects"/>: its code answers 401/403 or challenges the caller.
/// <paramref name="Delegates"/>: the filter type a <c>TypeFilterAttribute</c>/<c>ServiceFilterAttribute</c>
/// subclass hands the work to (<c>: base(typeof(X))</c>), when written.
/// </summary>
internal sealed record FilterTypeFact(string Name, EquatableArray<string> BaseTypes, bool Authorizes, bool Rejects, string? Delegates, FactSpan Span);
