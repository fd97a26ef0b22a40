using System.Text.RegularExpressions;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Builds <see cref="EndpointIndex"/> from the facts of every file, one app at a time: follows
/// controller base classes and route builders across files, then decides each endpoint's
/// authorization and rate limiting the way ASP.NET Core does.
/// </summary>
internal sealed partial class EndpointBuilder(WorkspaceModels models, ProjectIndex projects)
{
    private const int MaxDepth = 8;

    private readonly Dictionary<string, AppFacts> _apps = new(StringComparer.Ordinal);

    public (IReadOnlyList<Endpoint> Endpoints, IReadOnlyDictionary<string, AppSecuritySetup> Setups) Build()
    {
        foreach (var (path, bag) in models.Bags)
        {
            var types = bag.Has(typeof(HandlerTypeFact)) ? bag.OfType<HandlerTypeFact>().ToList() : null;
            var methods = bag.Has(typeof(RouteMethodFact)) ? bag.OfType<RouteMethodFact>().ToList() : null;
            var setups = bag.Has(typeof(SetupFact)) ? bag.OfType<SetupFact>().ToList() : null;
            var helpers = bag.Has(typeof(ConventionHelperFact)) ? bag.OfType<ConventionHelperFact>().ToList() : null;
            var filters = bag.Has(typeof(FilterTypeFact)) ? bag.OfType<FilterTypeFact>().ToList() : null;
            if (types is null && methods is null && setups is null && helpers is null && filters is null)
            {
                continue;
            }

            foreach (var app in projects.AppsOf(path))
            {
                if (!_apps.TryGetValue(app, out var facts))
                {
                    _apps[app] = facts = new AppFacts(app);
                }

                facts.Types.AddRange(types?.Select(t => (path, t)) ?? []);
                facts.Methods.AddRange(methods?.Select(m => (path, m)) ?? []);
                facts.Setups.AddRange(setups?.Select(s => (path, s)) ?? []);
                foreach (var helper in helpers ?? [])
                {
                    facts.Helpers.TryAdd(helper.Method, (path, helper));
                }

                foreach (var filter in filters ?? [])
                {
                    facts.Filters.TryAdd(filter.Name, (path, filter));
                }
            }
        }

        var endpoints = new List<Endpoint>();
        var setupsByApp = new Dictionary<string, AppSecuritySetup>(StringComparer.Ordinal);
        foreach (var app in _apps.Values)
        {
            var context = new AppContext(app, this);
            setupsByApp[app.App] = context.Setup;
            endpoints.AddRange(context.Minimal());
            endpoints.AddRange(context.Actions());
            endpoints.AddRange(context.Pages());
            endpoints.AddRange(context.HubMethods());
        }

        return (endpoints, setupsByApp);
    }

    /// <summary>"Program.cs:41" for a reason, relative to the workspace folder that holds the file.</summary>
    internal string Where(string path, FactSpan span)
    {
        var root = models.Roots.Where(r => path.StartsWith(r, StringComparison.Ordinal)).MaxBy(r => r.Length);
        var relative = root is null ? System.IO.Path.GetFileName(path) : PathNormalizer.Relative(root, path);
        return $"{relative}:{span.Start.Line + 1}";
    }

    private readonly Dictionary<string, string?> _projectOf = new(StringComparer.Ordinal);

    /// <summary>The project file a path belongs to, looked up once per path.</summary>
    internal string? ProjectOf(string path)
    {
        if (!_projectOf.TryGetValue(path, out var project))
        {
            _projectOf[path] = project = projects.ProjectOf(path)?.Path;
        }

        return project;
    }

    [GeneratedRegex("^On(?<verb>Get|Post|Put|Delete|Patch)(?<handler>\\w*?)(Async)?$")]
    private static partial Regex PageHandler();

    private sealed class AppFacts(string app)
    {
        public string App { get; } = app;

        public List<(string Path, HandlerTypeFact Fact)> Types { get; } = [];

        public List<(string Path, RouteMethodFact Fact)> Methods { get; } = [];

        public List<(string Path, SetupFact Fact)> Setups { get; } = [];

        /// <summary>The app's convention helpers by method name (the first one written, when two share a name).</summary>
        public Dictionary<string, (string Path, ConventionHelperFact Fact)> Helpers { get; } = new(StringComparer.Ordinal);

        /// <summary>The app's filter classes by name.</summary>
        public Dictionary<string, (string Path, FilterTypeFact Fact)> Filters { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One app's facts, indexed, and the decisions made from them.</summary>
    private sealed class AppContext
    {
        private readonly AppFacts _facts;
        private readonly EndpointBuilder _builder;
        private readonly Dictionary<string, List<(string Path, HandlerTypeFact Fact)>> _types;
        private readonly Dictionary<string, List<(string Path, RouteMethodFact Caller, RouteCallFact Call)>> _callsByName;
        private readonly List<(string Path, RouteMethodFact Method, MappedEndpointFact Endpoint, RouteChain Chain)> _mapped = [];
        private readonly (string Path, SetupFact Fact)? _fallback;
        private readonly (string Path, SetupFact Fact)? _globalFilter;
        private readonly (string Path, SetupFact Fact)? _globalLimiter;
        private readonly Dictionary<string, bool> _policies;

        public AppContext(AppFacts facts, EndpointBuilder builder)
        {
            _facts = facts;
            _builder = builder;
            _types = facts.Types.GroupBy(t => t.Fact.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            _callsByName = facts.Methods
                .SelectMany(m => m.Fact.Calls.Select(c => (m.Path, Caller: m.Fact, Call: c)))
                .GroupBy(c => c.Call.Method, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            _fallback = First(SetupKind.FallbackPolicy);
            _globalFilter = First(SetupKind.GlobalAuthorizeFilter);
            _globalLimiter = First(SetupKind.GlobalLimiter);
            _policies = facts.Setups.Where(s => s.Fact.Kind == SetupKind.AuthorizationPolicy)
                .GroupBy(s => s.Fact.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Any(s => s.Fact.Restricts), StringComparer.Ordinal);
            foreach (var (path, method) in facts.Methods)
            {
                foreach (var endpoint in method.Endpoints)
                {
                    foreach (var chain in Resolve(method, endpoint.Chain, 0))
                    {
                        _mapped.Add((path, method, endpoint, ExpandHelpers(chain)));
                    }
                }
            }

            var has = facts.Setups.Select(s => s.Fact.Kind).ToHashSet();
            Setup = new AppSecuritySetup(
                facts.App,
                _fallback is not null,
                _globalFilter is not null,
                has.Contains(SetupKind.RateLimiter),
                has.Contains(SetupKind.UseRateLimiter),
                _globalLimiter is { } limiter && (limiter.Fact.Name.StartsWith("Use", StringComparison.Ordinal) || has.Contains(SetupKind.UseRateLimiter)),
                facts.Setups.Where(s => s.Fact.Kind == SetupKind.RateLimiterPolicy).Select(s => s.Fact.Name).Distinct(StringComparer.Ordinal).ToEquatableArray(),
                has.Contains(SetupKind.Identity),
                has.Contains(SetupKind.LockoutDisabled),
                has.Contains(SetupKind.LockoutSignIn),
                has.Contains(SetupKind.Authentication) || has.Contains(SetupKind.Identity));
        }

        public AppSecuritySetup Setup { get; }

        public IEnumerable<Endpoint> Minimal()
        {
            foreach (var (path, method, mapped, chain) in _mapped.Where(m => m.Endpoint.Kind == MappingKind.Minimal))
            {
                var route = RouteTemplate.Display(chain.Prefixes.Append(mapped.Pattern).Aggregate(string.Empty, (a, b) => RouteTemplate.Combine(a, b)));
                var member = mapped.Handler ?? (method.Method.Length == 0 ? method.Type : $"{method.Type}.{method.Method}");
                yield return new Endpoint(
                    EndpointKind.Minimal,
                    path,
                    member,
                    _facts.App,
                    mapped.Verbs,
                    route,
                    RouteTemplate.Parameters(route).ToEquatableArray(),
                    mapped.Parameters,
                    Decide([.. chain.Auth], mvc: false, page: null, subject: "this endpoint or its route groups"),
                    RateLimit([.. chain.RateLimits]),
                    mapped.Writes,
                    false,
                    mapped.Span,
                    mapped.HandlerSpan);
            }
        }

        public IEnumerable<Endpoint> Actions()
        {
            var mappings = _mapped.Where(m => m.Endpoint.Kind == MappingKind.Controllers).ToList();
            var conventional = mappings.Select(m => m.Endpoint.Pattern).Where(p => p.Length > 0).ToList();
            var mappingAuth = mappings.SelectMany(m => m.Chain.Auth).ToList();
            var mappingLimits = mappings.SelectMany(m => m.Chain.RateLimits).ToList();
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, type) in _facts.Types)
            {
                var chain = ChainOf(path, type);
                if (!IsController(type, chain) || !done.Add($"{_builder.ProjectOf(path)}|{type.Name}|{chain.Select(c => c.Fact.Area).FirstOrDefault(a => a is not null)}"))
                {
                    continue;
                }

                var controller = Trim(type.Name, "Controller");
                var templates = chain.Select(t => t.Fact.Templates).FirstOrDefault(t => t.Count > 0);
                var area = chain.Select(t => t.Fact.Area).FirstOrDefault(a => a is not null);
                var classAuth = chain.AsEnumerable().Reverse().SelectMany(t => t.Fact.Auth).ToList();
                var classLimits = chain.AsEnumerable().Reverse().SelectMany(t => t.Fact.RateLimits).ToList();
                var subject = $"{type.Name}, its base classes or the action";
                EndpointAuthorization? classDecision = null;
                EndpointRateLimit? classLimit = null;
                foreach (var (actionPath, owner, action) in chain.SelectMany(t => t.Fact.Actions.Select(a => (t.Path, t.Fact.Name, Action: a))).DistinctBy(a => a.Action.Signature))
                {
                    var route = ActionRoute(controller, Trim(action.Name, "Async"), action, templates, area, conventional);
                    yield return new Endpoint(
                        EndpointKind.Action,
                        actionPath,
                        $"{owner}.{action.Name}",
                        _facts.App,
                        action.Verbs,
                        route,
                        RouteTemplate.Parameters(route).ToEquatableArray(),
                        action.Parameters,
                        action.Auth.Count == 0 ? classDecision ??= Decide([.. mappingAuth, .. classAuth], mvc: true, page: null, subject) : Decide([.. mappingAuth, .. classAuth, .. action.Auth], mvc: true, page: null, subject),
                        action.RateLimits.Count == 0 ? classLimit ??= RateLimit([.. mappingLimits, .. classLimits]) : RateLimit([.. mappingLimits, .. classLimits, .. action.RateLimits]),
                        action.Writes,
                        false,
                        action.Span,
                        action.Body)
                    {
                        ApiController = chain.Any(t => t.Fact.ApiController),
                    };
                }
            }
        }

        public IEnumerable<Endpoint> Pages()
        {
            var mappings = _mapped.Where(m => m.Endpoint.Kind == MappingKind.RazorPages).ToList();
            var mappingAuth = mappings.SelectMany(m => m.Chain.Auth).ToList();
            var mappingLimits = mappings.SelectMany(m => m.Chain.RateLimits).ToList();
            foreach (var (path, type) in _facts.Types.Where(t => t.Fact.PagePath is not null))
            {
                var chain = ChainOf(path, type);
                var page = type.PagePath!;
                var route = (type.Area is null ? string.Empty : "/" + type.Area) + page;
                var classAuth = chain.AsEnumerable().Reverse().SelectMany(t => t.Fact.Auth).ToList();
                var conventions = PageConventions(page, type.Area).ToList();
                foreach (var handler in type.Actions)
                {
                    var match = PageHandler().Match(handler.Name);
                    if (!match.Success)
                    {
                        continue;
                    }

                    var name = match.Groups["handler"].Value;
                    yield return new Endpoint(
                        EndpointKind.Page,
                        path,
                        $"{type.Name}.{handler.Name}",
                        _facts.App,
                        new[] { match.Groups["verb"].Value.ToUpperInvariant() },
                        name.Length == 0 ? route : $"{route}?handler={name}",
                        default,
                        handler.Parameters,
                        Decide([.. mappingAuth, .. conventions, .. classAuth], mvc: true, page: page, subject: $"{type.Name} or the folder conventions of Razor Pages"),
                        RateLimit([.. mappingLimits, .. chain.AsEnumerable().Reverse().SelectMany(t => t.Fact.RateLimits)]),
                        handler.Writes,
                        false,
                        handler.Span,
                        handler.Body);
                }
            }
        }

        public IEnumerable<Endpoint> HubMethods()
        {
            foreach (var (_, _, mapped, chain) in _mapped.Where(m => m.Endpoint.Kind == MappingKind.Hub))
            {
                if (mapped.Handler is null || !_types.TryGetValue(mapped.Handler, out var hubs))
                {
                    continue;
                }

                var route = RouteTemplate.Display(chain.Prefixes.Append(mapped.Pattern).Aggregate(string.Empty, (a, b) => RouteTemplate.Combine(a, b)));
                var (path, hub) = hubs[0];
                var types = ChainOf(path, hub);
                var classAuth = types.AsEnumerable().Reverse().SelectMany(t => t.Fact.Auth).ToList();
                foreach (var (methodPath, owner, method) in types.SelectMany(t => t.Fact.Actions.Select(a => (t.Path, t.Fact.Name, Method: a))).DistinctBy(m => m.Method.Signature))
                {
                    yield return new Endpoint(
                        EndpointKind.HubMethod,
                        methodPath,
                        $"{owner}.{method.Name}",
                        _facts.App,
                        default,
                        route,
                        default,
                        method.Parameters,
                        Decide([.. chain.Auth, .. classAuth, .. method.Auth], mvc: false, page: null, subject: $"{hub.Name}, the method or MapHub"),
                        RateLimit([.. chain.RateLimits]),
                        method.Writes,
                        method.Broadcasts,
                        method.Span,
                        method.Body);
                }
            }
        }

        // The type and its base classes found in this app, nearest first. Partial parts of the same
        // class in the same project lend each other their attributes.
        private List<(string Path, HandlerTypeFact Fact)> ChainOf(string path, HandlerTypeFact type)
        {
            var chain = new List<(string Path, HandlerTypeFact Fact)> { (path, type) };
            if (_types.TryGetValue(type.Name, out var parts) && parts.Count > 1)
            {
                var project = _builder.ProjectOf(path);
                chain.AddRange(parts.Where(p => p.Path != path && p.Fact.Namespace == type.Namespace && p.Fact.PagePath == type.PagePath &&
                    !ReferenceEquals(p.Fact, type) && _builder.ProjectOf(p.Path) == project));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { type.Name };
            for (var baseName = chain.Select(c => c.Fact.BaseType).FirstOrDefault(b => b is not null); baseName is not null && seen.Add(baseName) && seen.Count < MaxDepth;)
            {
                if (!_types.TryGetValue(baseName, out var bases))
                {
                    break;
                }

                // Two classes may share a name: prefer the one in the same namespace.
                var sameNamespace = bases.Where(b => b.Fact.Namespace == type.Namespace).ToList();
                bases = sameNamespace.Count > 0 ? sameNamespace : bases;
                chain.AddRange(bases);
                baseName = bases.Select(b => b.Fact.BaseType).FirstOrDefault(b => b is not null);
            }

            return chain;
        }

        private static bool IsController(HandlerTypeFact type, List<(string Path, HandlerTypeFact Fact)> chain)
        {
            if (type.IsAbstract || type.PagePath is not null || chain.Any(t => t.Fact.NonController))
            {
                return false;
            }

            var root = chain[^1].Fact.BaseType;
            if (root is "Hub" || (root?.EndsWith("PageModel", StringComparison.Ordinal) ?? false))
            {
                return false;
            }

            return type.Name.EndsWith("Controller", StringComparison.Ordinal) || chain.Any(t => t.Fact.ControllerAttribute);
        }

        private static string ActionRoute(string controller, string action, ActionFact fact, EquatableArray<string> classTemplates, string? area, List<string> conventional)
        {
            string route;
            if (fact.Templates.Count > 0)
            {
                var template = fact.Templates[0];
                route = classTemplates.Count > 0 ? RouteTemplate.Combine(classTemplates[0], template, absoluteOverrides: true) : template;
            }
            else if (classTemplates.Count > 0)
            {
                route = classTemplates[0];
            }
            else
            {
                var pattern = conventional.FirstOrDefault(p => p.Contains("area", StringComparison.Ordinal) == (area is not null)) ?? "{controller=Home}/{action=Index}/{id?}";
                return RouteTemplate.ForConvention(pattern, controller, action, area, fact.Parameters.Select(p => p.Name));
            }

            return RouteTemplate.Display(RouteTemplate.ReplaceTokens(route, controller, action, area));
        }

        private IEnumerable<AuthMeta> PageConventions(string page, string? area)
        {
            foreach (var (path, setup) in _facts.Setups)
            {
                if (setup.Kind is not (SetupKind.AuthorizeFolder or SetupKind.AuthorizePage or SetupKind.AllowAnonymousFolder or SetupKind.AllowAnonymousPage) ||
                    !string.Equals(setup.Area.Length == 0 ? null : setup.Area, area, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var target = "/" + setup.Name.Trim('/');
                var normalizedPage = page.Length == 0 ? "/" : page;
                var applies = setup.Kind is SetupKind.AuthorizeFolder or SetupKind.AllowAnonymousFolder
                    ? target == "/" || normalizedPage.Equals(target, StringComparison.OrdinalIgnoreCase) || normalizedPage.StartsWith(target + "/", StringComparison.OrdinalIgnoreCase)
                    : normalizedPage.Equals(target, StringComparison.OrdinalIgnoreCase) || (normalizedPage + "/Index").Equals(target, StringComparison.OrdinalIgnoreCase) ||
                      (normalizedPage == "/" && target.Equals("/Index", StringComparison.OrdinalIgnoreCase));
                if (!applies)
                {
                    continue;
                }

                var source = $"the Razor Pages convention {setup.Kind switch { SetupKind.AuthorizeFolder => "AuthorizeFolder", SetupKind.AuthorizePage => "AuthorizePage", SetupKind.AllowAnonymousFolder => "AllowAnonymousToFolder", _ => "AllowAnonymousToPage" }}(\"{setup.Name}\") ({_builder.Where(path, setup.Span)})";
                yield return setup.Kind is SetupKind.AllowAnonymousFolder or SetupKind.AllowAnonymousPage
                    ? new AuthMeta(AuthMetaKind.AllowAnonymous, default, default, default, source)
                    : new AuthMeta(AuthMetaKind.Authorize, default, setup.Restricts ? new EquatableArray<string>([setup.Name]) : EquatableArray<string>.Empty, default, source);
            }
        }

        // ASP.NET Core's decision: [AllowAnonymous] anywhere wins; otherwise every [Authorize] and
        // RequireAuthorization applies (and so does a global AuthorizeFilter, for MVC); with none of
        // them the fallback policy decides; without one, anyone may call.
        private EndpointAuthorization Decide(List<AuthMeta> metas, bool mvc, string? page, string subject)
        {
            // A filter of the app's own that turns callers away runs whatever [AllowAnonymous] says.
            var guards = ResolveFilters(metas);
            if (guards is not null)
            {
                return new EndpointAuthorization(Access.Restricted, false, default, guards.Select(g => g.Policy).ToEquatableArray(), default, string.Join("; ", guards.Select(g => g.Because)));
            }

            var anonymous = metas.LastOrDefault(m => m.Kind == AuthMetaKind.AllowAnonymous);
            if (anonymous is not null)
            {
                return new EndpointAuthorization(Access.Anyone, true, default, default, default, anonymous.Source);
            }

            var authorize = metas.Where(m => m.Kind == AuthMetaKind.Authorize).ToList();
            if (mvc && _globalFilter is { } filter)
            {
                authorize.Insert(0, new AuthMeta(AuthMetaKind.Authorize, default, default, default, $"the global AuthorizeFilter ({_builder.Where(filter.Path, filter.Fact.Span)})"));
            }

            if (authorize.Count == 0)
            {
                if (_fallback is { } fallback)
                {
                    return new EndpointAuthorization(
                        fallback.Fact.Restricts ? Access.Restricted : Access.SignedIn,
                        false,
                        default,
                        fallback.Fact.Restricts ? new EquatableArray<string>(["fallback policy"]) : EquatableArray<string>.Empty,
                        default,
                        $"the fallback policy ({_builder.Where(fallback.Path, fallback.Fact.Span)})");
                }

                var what = page is null ? "no [Authorize] or RequireAuthorization() on " + subject : "no [Authorize] on " + subject;
                return new EndpointAuthorization(Access.Anyone, false, default, default, default, $"nothing asks for a signed-in user: {what}, and the app sets no fallback policy");
            }

            var roles = authorize.SelectMany(a => a.Roles).Distinct(StringComparer.Ordinal).ToEquatableArray();
            var policies = authorize.SelectMany(a => a.Policies).Where(Restricts).Distinct(StringComparer.Ordinal).ToEquatableArray();
            var schemes = authorize.SelectMany(a => a.Schemes).Distinct(StringComparer.Ordinal).ToEquatableArray();
            var because = string.Join("; ", authorize.AsEnumerable().Reverse().Select(a => a.Source).Distinct(StringComparer.Ordinal));
            return new EndpointAuthorization(roles.Count + policies.Count > 0 ? Access.Restricted : Access.SignedIn, false, roles, policies, schemes, because);
        }

        // `group.WithPamDefaults()`: what the app's helper applies, in place of the call, with where it is written.
        private RouteChain ExpandHelpers(RouteChain chain)
        {
            if (_facts.Helpers.Count == 0 || !chain.Auth.Any(a => a.Kind == AuthMetaKind.Helper))
            {
                return chain;
            }

            var auth = new List<AuthMeta>();
            var limits = new List<RateLimitMeta>(chain.RateLimits);
            foreach (var meta in chain.Auth)
            {
                if (meta.Kind == AuthMetaKind.Helper)
                {
                    Expand(meta, meta.Source, auth, limits, 0);
                }
                else
                {
                    auth.Add(meta);
                }
            }

            return chain with { Auth = auth.ToEquatableArray(), RateLimits = limits.ToEquatableArray() };
        }

        private void Expand(AuthMeta helper, string appliedTo, List<AuthMeta> auth, List<RateLimitMeta> limits, int depth)
        {
            if (depth > MaxDepth || helper.Resolves is null || !_facts.Helpers.TryGetValue(helper.Resolves, out var found))
            {
                return;
            }

            var where = $"{helper.Resolves}() ({_builder.Where(found.Path, found.Fact.Span)}), applied as {appliedTo}";
            foreach (var inner in found.Fact.Auth)
            {
                if (inner.Kind == AuthMetaKind.Helper)
                {
                    Expand(inner, appliedTo, auth, limits, depth + 1);
                }
                else
                {
                    auth.Add(inner.WithSource($"{Before(inner.Source)} in {where}"));
                }
            }

            limits.AddRange(found.Fact.RateLimits.Select(l => l with { Source = $"{Before(l.Source)} in {where}" }));
        }

        // "RequireAuthorization(X) on the builder WithPamDefaults() is given" -> "RequireAuthorization(X)".
        private static string Before(string source)
        {
            var at = source.IndexOf(" on the builder ", StringComparison.Ordinal);
            return at < 0 ? source : source[..at];
        }

        /// <summary>
        /// The app's own filters on the endpoint that turn callers away, each with a reason for the
        /// hover, or null when there are none. Conservative: a filter the engine cannot see into
        /// (its check lives in a package, or in a type it cannot find) counts as a guard.
        /// </summary>
        private List<(string Policy, string Because)>? ResolveFilters(List<AuthMeta> metas)
        {
            List<(string, string)>? guards = null;
            foreach (var meta in metas)
            {
                if (meta.Kind != AuthMetaKind.Filter || meta.Resolves is null)
                {
                    continue;
                }

                var byTypeFilter = meta.Source.StartsWith("[TypeFilter", StringComparison.Ordinal) || meta.Source.StartsWith("[ServiceFilter", StringComparison.Ordinal);
                var reason = FilterGuard(meta.Resolves, 0) ?? (byTypeFilter && FindFilter(meta.Resolves) is null ? $"is a filter whose code is not in the workspace, so the engine cannot see into it" : null);
                if (reason is not null)
                {
                    (guards ??= []).Add(($"custom filter {meta.Resolves}", $"{meta.Source}, a filter of the app's own that {reason}"));
                }
            }

            return guards;
        }

        // ActionFilterAttribute and friends are the framework's: they only matter through the app's code above them.
        private static readonly HashSet<string> FrameworkFilterBases = new(StringComparer.Ordinal)
        {
            "Attribute", "ActionFilterAttribute", "ResultFilterAttribute", "ExceptionFilterAttribute", "IActionFilter", "IAsyncActionFilter",
            "IResultFilter", "IAsyncResultFilter", "IExceptionFilter", "IAsyncExceptionFilter", "IResourceFilter", "IAsyncResourceFilter",
            "IEndpointFilter", "IFilterMetadata", "IOrderedFilter", "IFilterFactory", "ValidationAttribute", "TypeFilterAttribute", "ServiceFilterAttribute",
            "IAlwaysRunResultFilter", "IAsyncAlwaysRunResultFilter", "IPageFilter", "IAsyncPageFilter",
        };

        private (string Path, FilterTypeFact Fact)? FindFilter(string name) =>
            _facts.Filters.TryGetValue(name, out var found) || _facts.Filters.TryGetValue(name + "Attribute", out found) ? found : null;

        private string? FilterGuard(string name, int depth)
        {
            if (depth > MaxDepth || FindFilter(name) is not { } found)
            {
                return null;
            }

            var (path, filter) = found;
            var at = $"({_builder.Where(path, filter.Span)})";
            if (filter.Authorizes)
            {
                return $"decides in its own code who may pass (an authorization filter) {at}";
            }

            if (filter.Rejects)
            {
                return $"turns callers away in its own code {at}";
            }

            if (filter.Delegates is { } delegated)
            {
                return FilterGuard(delegated, depth + 1) ?? (FindFilter(delegated) is null ? $"hands the check to {delegated}, whose code is not in the workspace {at}" : null);
            }

            if (filter.BaseTypes.Any(b => b is "TypeFilterAttribute" or "ServiceFilterAttribute"))
            {
                return $"hands the check to a filter the engine cannot see {at}";
            }

            foreach (var baseType in filter.BaseTypes.Where(b => !FrameworkFilterBases.Contains(b)))
            {
                var inherited = FilterGuard(baseType, depth + 1);
                if (inherited is not null)
                {
                    return inherited;
                }

                if (FindFilter(baseType) is null && (baseType.EndsWith("Filter", StringComparison.Ordinal) || baseType.EndsWith("FilterAttribute", StringComparison.Ordinal)))
                {
                    return $"derives from {baseType}, a filter whose code is not in the workspace {at}";
                }
            }

            return null;
        }

        // A policy the app defines as "any signed-in user" restricts nothing more; an unknown one is taken to.
        private bool Restricts(string policy) => !_policies.TryGetValue(policy, out var restricts) || restricts;

        private EndpointRateLimit RateLimit(List<RateLimitMeta> metas)
        {
            if (metas.FirstOrDefault(m => m.Disable) is { } disabled)
            {
                return new EndpointRateLimit(false, null, disabled.Source);
            }

            if (_globalLimiter is { } thirdParty && thirdParty.Fact.Name.StartsWith("Use", StringComparison.Ordinal))
            {
                return new EndpointRateLimit(true, null, $"{thirdParty.Fact.Name}() ({_builder.Where(thirdParty.Path, thirdParty.Fact.Span)})");
            }

            if (!Setup.RateLimiter)
            {
                return new EndpointRateLimit(false, null, "the app registers no rate limiter (no AddRateLimiter)");
            }

            if (!Setup.UsesRateLimiter)
            {
                return new EndpointRateLimit(false, null, "AddRateLimiter is registered, but app.UseRateLimiter() is never called");
            }

            if (metas.LastOrDefault(m => !m.Disable) is { } enabled)
            {
                return new EndpointRateLimit(true, enabled.Policy, enabled.Source);
            }

            return _globalLimiter is { } global
                ? new EndpointRateLimit(true, null, $"the global limiter ({_builder.Where(global.Path, global.Fact.Span)})")
                : new EndpointRateLimit(false, null, "no [EnableRateLimiting] or RequireRateLimiting() covers it, and there is no global limiter");
        }

        // A route builder handed in as a parameter: follow every call that hands one in, across files.
        private IEnumerable<RouteChain> Resolve(RouteMethodFact method, RouteChain chain, int depth)
        {
            if (chain.Root != ChainRoot.Parameter || depth > MaxDepth)
            {
                yield return chain;
                yield break;
            }

            var found = false;
            foreach (var (_, caller, call) in _callsByName.GetValueOrDefault(method.Method) ?? [])
            {
                if (call.Qualifier is not null && call.Qualifier != method.Type)
                {
                    continue;
                }

                var argument = ArgumentFor(call, method, chain.Parameter);
                if (argument is null)
                {
                    continue;
                }

                found = true;
                var outer = argument.Chain.With(call.ResultAuth, call.ResultRateLimits);
                foreach (var resolved in Resolve(caller, outer.Then(chain), depth + 1))
                {
                    yield return resolved;
                }
            }

            if (!found)
            {
                yield return chain with { Root = ChainRoot.Unknown };
            }
        }

        private static RouteArgument? ArgumentFor(RouteCallFact call, RouteMethodFact method, int parameter)
        {
            var receiver = call.Arguments.FirstOrDefault(a => a.Index == -1);
            var index = method.IsExtension && receiver is not null ? parameter - 1 : parameter;
            return index == -1 ? receiver : call.Arguments.FirstOrDefault(a => a.Index == index);
        }

        private (string Path, SetupFact Fact)? First(SetupKind kind) =>
            _facts.Setups.Where(s => s.Fact.Kind == kind).Select(s => ((string, SetupFact)?)s).FirstOrDefault();

        private static string Trim(string name, string suffix) =>
            name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length ? name[..^suffix.Length] : name;
    }
}
