using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// Who may call each endpoint, against what the endpoint does. RDY1004: it changes data (or
/// returns users' records) and anyone may call it without signing in. RDY1005: it is admin work
/// (banning, refunding, changing roles, reading every user's records, a back office) and no role
/// or policy guards it. RDY1009: it checks passwords, sends resets or takes one-time codes, and
/// nothing limits how often. The handler's shape is read here, and only handlers that could fire
/// a rule wait for the endpoint model, which decides at resolve time who may call them.
/// </summary>
internal sealed class EndpointAccessDetector : ICSharpDetector, IDeferredResolver<EndpointAccessDetector.Candidate>, IDeferredResolver<EndpointAccessDetector.AdminSurface>
{
    // Words of a role test in code (not of an attribute's Roles = "..."): a file without them has no handler that tests roles itself.
    private static readonly SearchValues<string> RoleWords = SearchValues.Create(
        ["IsInRole", "HasClaim", "AuthorizeAsync", "Permission", "IsAdmin", "isAdmin", ".Role ", ".Role)", "Role ==", "Role !=", "role ==", "role !=", "Roles.Contains", "RoleAsync"],
        StringComparison.Ordinal);
    private static readonly SearchValues<string> AdminWords = SearchValues.Create(["admin", "backoffice"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> RandomWords = SearchValues.Create(["Random"], StringComparison.Ordinal);

    // Words of code that checks passwords or codes: without them, no handler of the file signs anyone in by its code.
    private static readonly SearchValues<string> CredentialWords = SearchValues.Create(
        ["Password", "password", "Verify", "SignIn", "Credential", "Otp", "TwoFactor"], StringComparison.Ordinal);

    // Words of code that fetches users, and of code that sends to a hub's clients.
    private static readonly SearchValues<string> UserWords = SearchValues.Create(["User", "Customer", "Member", "Profile"], StringComparison.Ordinal);
    private static readonly SearchValues<string> ClientsWords = SearchValues.Create(["Clients."], StringComparison.Ordinal);

    // A shared key compared in constant time: a handler that authenticates its one caller itself.
    private static readonly SearchValues<string> SharedKeyWords = SearchValues.Create(["FixedTimeEquals"], StringComparison.Ordinal);

    // Words of code that reads the signed-in user.
    private static readonly SearchValues<string> CurrentUserWords = SearchValues.Create(
        ["User.", "User?.", "ClaimsPrincipal", "CurrentUser", "GetUserId", "FindFirst", "GetUserName", "GetUsername", "GetUserIdentity", "GetUserAsync"], StringComparison.Ordinal);


    private static readonly object SiblingsKey = new();
    private static readonly object RandomKey = new();
    private static readonly object WordsKey = new();

    public string RuleId => "RDY1004";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY1004", "RDY1005", "RDY1009"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration, SyntaxKind.InvocationExpression, SyntaxKind.ClassDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "ActionResult", "ControllerBase", "ApiController", "[Controller", "PageModel", "Hub", "[Route", "[Http", "Authorize", "AllowAnonymous",
        "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods",
    ];

    public IReadOnlyCollection<string>? Anchors => EndpointSite.Anchors;

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is ClassDeclarationSyntax type)
        {
            AnalyzeAdminSurface(type, context);
            return;
        }

        if ((node is InvocationExpressionSyntax call && !EndpointSite.MayMap(call)) || EndpointSite.Of(node, context) is not { } site)
        {
            return;
        }

        var words = FileWords.Of(context);

        var local = LocalAuth.Of(site);
        var verb = LocalVerb(site);
        var place = node is MethodDeclarationSyntax method ? AuthorizePlace.Above(method, context) : AuthorizePlace.After((InvocationExpressionSyntax)node, context);

        // Sign-in and its relatives: only the rate limit is in question.
        var flow = HandlerShape.Flow(site.NameWords, null);
        var flowFromName = flow != AuthFlow.None;
        if (flow == AuthFlow.None && verb is not ("GET" or "DELETE"))
        {
            // POST /users signs up even when the file never says "password" (the handler hands the body to a mediator).
            flow = words.Credentials ? HandlerShape.Flow(site.NameWords, HandlerBody.Of(site.Body, context)) : flow;
            flow = flow == AuthFlow.None && CreatesUser(site) ? AuthFlow.Register : flow;
        }

        if (flow is AuthFlow.SignIn or AuthFlow.Register or AuthFlow.PasswordReset or AuthFlow.OneTimeCode)
        {
            if (verb is not ("GET" or "DELETE") && !local.Restricted)
            {
                var codes = flow is AuthFlow.OneTimeCode or AuthFlow.PasswordReset && RandomCodesIn(site, context);
                context.Defer(this, site.Span, Candidate.RateLimit(flow, flowFromName, HandlerBody.Of(site.Body, context).Lockout, codes, HandlerShape.RequestsReset(site.Names)), ruleId: "RDY1009");
            }

            return;
        }

        if (flow != AuthFlow.None || local.Restricted || HandlerShape.PublicByDesign(site.Words, AuthFlow.None, words.SharedKeys || HandlerShape.NamesWebhook(site.Words) ? site.Body : null))
        {
            return;
        }

        // A role test in the handler's own code settles it; read once per class along with its siblings'.
        var siblings = words.Roles ? SiblingRoleChecks(site, context) : default;
        if (siblings.Self)
        {
            return;
        }

        var operation = HandlerShape.AdminOperation(site.Names) ??
            (verb is not ("GET" or "DELETE") && HandlerShape.CreditsMoney(site.Names, site.Types, site.Body) ? HandlerShape.CreditsMoneyOperation : null);
        var anonymousPossible = !local.Authorized || local.AllowAnonymous;
        if (operation is null && !anonymousPossible && siblings.Checking < 2 && !site.IsMinimal)
        {
            return; // Signed in by its own class, no admin work, nothing its siblings check: no rule applies.
        }

        var body = new Lazy<HandlerBody>(() => HandlerBody.Of(site.Body, context));
        var usesCurrentUser = words.CurrentUser && body.Value.UsesCurrentUser;
        if (operation is not null && !(operation is HandlerShape.ListsEverything or HandlerShape.CreditsMoneyOperation && usesCurrentUser))
        {
            context.Defer(this, site.Span, Candidate.Admin(operation, 0, 0, place), ruleId: "RDY1005");
            if (operation is not (HandlerShape.ListsEverything or HandlerShape.CreditsMoneyOperation) || !anonymousPossible)
            {
                return;
            }
        }

        if (!usesCurrentUser && siblings.Checking >= 2 && siblings.Checking * 2 >= siblings.Total)
        {
            context.Defer(this, site.Span, Candidate.Admin(null, siblings.Checking, siblings.Total, place), ruleId: "RDY1005");
            return;
        }

        if (site.IsMinimal && verb is not "GET" && words.Admin)
        {
            context.Defer(this, site.Span, Candidate.Admin(null, 0, 0, place), ruleId: "RDY1005"); // under an admin route group, perhaps
        }

        // Anyone may call it? Only then does changing data or returning users' records matter.
        if (!anonymousPossible)
        {
            return;
        }

        var changes = verb is "POST" or "PUT" or "PATCH" or "DELETE" || HandlerSyntax.Writes(site.Body, context) || (words.Clients && body.Value.Broadcasts);
        var readsUsers = !changes && !usesCurrentUser && (operation == HandlerShape.ListsEverything || (words.Users && HandlerShape.ReturnsUsers(site.Body)));
        if ((changes || readsUsers) && !(usesCurrentUser && body.Value.Refuses))
        {
            context.Defer(this, site.Span, Candidate.Anonymous(readsUsers, place), ruleId: "RDY1004");
        }
    }

    // Two kinds of candidate: a handler, and a back-office class.
    Detection? IDeferredResolver.Resolve(Detection candidate, object data, WorkspaceModels models) => data switch
    {
        Candidate handler => Resolve(candidate, handler, models),
        AdminSurface surface => Resolve(candidate, surface, models),
        _ => null,
    };

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var index = models.Get<EndpointIndex>();
        var endpoint = index.At(candidate.Path, candidate.Range.Start);
        if (endpoint is null)
        {
            return null;
        }

        return candidate.RuleId switch
        {
            "RDY1004" => AnonymousAccess(candidate, data, endpoint, index),
            "RDY1005" => AdminOpen(candidate, data, endpoint, index),
            _ => NoRateLimit(candidate, data, endpoint, index),
        };
    }

    public Detection? Resolve(Detection candidate, AdminSurface data, WorkspaceModels models)
    {
        var index = models.Get<EndpointIndex>();
        var open = data.Actions
            .SelectMany(a => index.AllForMember(candidate.Path, $"{data.Type}.{a}"))
            .Where(e => e.Authorization.Access != Access.Restricted)
            .ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var weakest = open.MinBy(e => e.Authorization.Access)!;
        return candidate with
        {
            Arguments = Arguments($"{data.Type} ({open.Count} {(open.Count == 1 ? "action" : "actions")})", "an admin back office", Who(weakest), weakest.Authorization.Because),
            Fixes = RoleFix(candidate.Path, data.Place, index),
        };
    }

    private static Detection? AnonymousAccess(Detection candidate, Candidate data, Endpoint endpoint, EndpointIndex index)
    {
        if (!endpoint.IsAnonymous || endpoint.Authorization.OnPurpose || (!data.ReadsUsers && !endpoint.ChangesData))
        {
            return null;
        }

        return candidate with
        {
            Arguments = Arguments(endpoint.Display, data.ReadsUsers && !endpoint.ChangesData ? "returns users' records" : "changes data", "anyone", endpoint.Authorization.Because),
            Fixes = index.SetupOf(candidate.Path).Authentication && data.Place is { } place
                ? [place.Fix(candidate.Path, "Authorize", place.Kind == AuthorizeFixKind.RequireAuthorization ? "Require a signed-in user: .RequireAuthorization()" : "Require a signed-in user: [Authorize]")]
                : [],
        };
    }

    private static Detection? AdminOpen(Detection candidate, Candidate data, Endpoint endpoint, EndpointIndex index)
    {
        if (endpoint.Authorization.Access == Access.Restricted)
        {
            return null;
        }

        string what;
        if (data.Operation == HandlerShape.CreditsMoneyOperation && endpoint.IsAnonymous)
        {
            return null; // Money for anyone: RDY1004 says so.
        }

        if (data.Operation == HandlerShape.ListsEverything)
        {
            if (endpoint.IsAnonymous)
            {
                return null; // Every user's records for anyone: RDY1004 says so.
            }

            what = "it lists every user's records";
        }
        else if (data.Operation is { } operation)
        {
            what = $"admin work: {operation}";
        }
        else if (data.SiblingsCheckingRole > 0)
        {
            what = $"its {data.SiblingsCheckingRole} siblings check the caller's role in code, this one does not";
        }
        else if (endpoint.Kind == EndpointKind.Minimal && IsAdminRoute(endpoint.Route) && endpoint.ChangesData)
        {
            what = "an admin route";
        }
        else
        {
            return null;
        }

        return candidate with
        {
            Arguments = Arguments(endpoint.Display, what, Who(endpoint), endpoint.Authorization.Because),
            Fixes = RoleFix(candidate.Path, data.Place, index),
        };
    }

    private static Detection? NoRateLimit(Detection candidate, Candidate data, Endpoint endpoint, EndpointIndex index)
    {
        var setup = index.SetupOf(candidate.Path);
        var acceptsInput = endpoint.Verbs.Any(v => v is "POST" or "PUT" or "PATCH") || (endpoint.Verbs.Count == 0 && data.Lockout is not null);
        if (endpoint.RateLimit.Limited || endpoint.Kind == EndpointKind.HubMethod || !acceptsInput || endpoint.Authorization.Access == Access.Restricted ||
            (!endpoint.IsAnonymous && (data.Flow is not AuthFlow.SignIn || !data.FlowFromName)))
        {
            return null; // Behind a sign-in, guessing needs an account first (a sign-in behind a client token still counts).
        }

        if (data.Flow == AuthFlow.PasswordReset && !data.RequestsReset && !data.RandomCodes)
        {
            return null; // Completing a reset takes the long token the e-mail carried.
        }

        // A sign-in that counts failures locks the account after a few wrong passwords; one that
        // delegates the check is trusted when the app counts failures somewhere.
        var lockout = data.Lockout ?? (setup.LockoutSignIn && !setup.LockoutDisabled);
        if (data.Flow == AuthFlow.SignIn && lockout)
        {
            return null;
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["endpoint"] = endpoint.Display,
                ["what"] = data.Flow switch
                {
                    AuthFlow.SignIn => "passwords",
                    AuthFlow.Register => "sign-ups",
                    AuthFlow.PasswordReset => "password resets",
                    _ => "one-time codes",
                },
                ["missing"] = data.Flow == AuthFlow.SignIn ? "no rate limiter and no account lockout" : "no rate limiter",
                ["random"] = data.RandomCodes ? " Its codes come from System.Random, which is predictable: worse still." : string.Empty,
                ["because"] = endpoint.RateLimit.Because,
            },
        };
    }

    // A class named or routed as a back office: reported once, for every action nothing restricts.
    private void AnalyzeAdminSurface(ClassDeclarationSyntax type, CSharpContext context)
    {
        var name = type.Identifier.ValueText;
        var attributes = CSharpFileModel.AttributesOf(type).ToList();
        var routes = attributes
            .Where(a => CSharpFileModel.AttributeName(a) is "Route" or "Area" && a.ArgumentList?.Arguments.Count > 0)
            .Select(a => a.ArgumentList!.Arguments[0].Expression.StringLiteralValue() ?? string.Empty);
        var page = HandlerTypeCollector.PageOf(context.Path, type.BaseList is null ? null : "PageModel")?.Page;
        var isAdmin = name.Contains("Admin", StringComparison.Ordinal) || routes.Any(IsAdminRoute) || (page is not null && IsAdminRoute(page));
        if (!isAdmin || type.Modifiers.Any(SyntaxKind.AbstractKeyword) || !HandlerTypeCollector.MayHandleRequests(type, context) ||
            attributes.Any(a => HttpAttributes.AuthOf(a, name) is { Restricts: true }))
        {
            return;
        }

        var actions = type.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword) && !m.Modifiers.Any(SyntaxKind.StaticKeyword) && !HandlerBody.Of(HandlerSyntax.BodyOf(m), context).ChecksRole)
            .Select(m => m.Identifier.ValueText)
            .Distinct(StringComparer.Ordinal)
            .ToEquatableArray();
        if (actions.Count == 0)
        {
            return;
        }

        var authorize = attributes.FirstOrDefault(a => CSharpFileModel.AttributeName(a) == "Authorize" && a.ArgumentList is null);
        var place = authorize is null ? AuthorizePlace.Above(type, context) : AuthorizePlace.Instead(authorize, context);
        context.Defer(this, type.Identifier.Span, new AdminSurface(name, actions, place), ruleId: "RDY1005");
    }

    // The verb the handler's own declaration gives it: MapPost, [HttpDelete]; null when the model has to tell.
    private static string? LocalVerb(EndpointSite site)
    {
        if (site.MapMethod is { } map)
        {
            return map is "MapMethods" ? null : map[3..].ToUpperInvariant();
        }

        var verbs = CSharpFileModel.AttributesOf(site.Handler)
            .Select(a => CSharpFileModel.AttributeName(a) switch
            {
                "HttpGet" => "GET",
                "HttpPost" => "POST",
                "HttpPut" => "PUT",
                "HttpPatch" => "PATCH",
                "HttpDelete" => "DELETE",
                _ => null,
            })
            .OfType<string>()
            .Distinct()
            .ToList();
        return verbs.Count == 1 ? verbs[0] : null;
    }

    private static bool IsAdminRoute(string route) =>
        route.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(s => s.Equals("admin", StringComparison.OrdinalIgnoreCase) || s.StartsWith("admin-", StringComparison.OrdinalIgnoreCase) || s.Equals("backoffice", StringComparison.OrdinalIgnoreCase));

    private static string Who(Endpoint endpoint) => endpoint.IsAnonymous ? "anyone, without signing in" : "any signed-in user";

    private static Dictionary<string, string> Arguments(string endpoint, string what, string who, string because) => new()
    {
        ["endpoint"] = endpoint,
        ["what"] = what,
        ["who"] = who,
        ["because"] = because,
    };

    // Whether this handler tests the caller's role in its code, how many handlers next to it do,
    // and how many there are: read once per class (or mapping method).
    private static (bool Self, int Checking, int Total) SiblingRoleChecks(EndpointSite site, CSharpContext context)
    {
        var scope = site.IsMinimal
            ? site.Handler.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or CompilationUnitSyntax)
            : site.Handler.Parent;
        if (scope is null)
        {
            return (HandlerBody.Of(site.Body, context).ChecksRole, 0, 0);
        }

        var cache = context.Local<NodeMap<SyntaxNode, (HashSet<SyntaxNode> Checking, int Total)>>(SiblingsKey);
        if (!cache.TryGetValue(scope, out var counts))
        {
            var handlers = site.IsMinimal
                ? scope.Descendants().OfType<InvocationExpressionSyntax>().Select(c => EndpointSite.Of(c, context)).OfType<EndpointSite>().Select(s => s.Handler).ToList()
                : [.. ((TypeDeclarationSyntax)scope).Members.OfType<MethodDeclarationSyntax>().Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword))];
            cache[scope] = counts = (handlers.Where(h => HandlerBody.Of(HandlerSyntax.BodyOf(h), context).ChecksRole).ToHashSet(NodeIdentity.Instance), handlers.Count);
        }

        var self = counts.Checking.Contains(site.Handler);
        return (self, counts.Checking.Count - (self ? 1 : 0), counts.Total - 1);
    }

    // Whether the file makes numeric codes with System.Random; read once per file.
    private static bool RandomCodesIn(EndpointSite site, CSharpContext context)
    {
        var cache = context.Local<Dictionary<SyntaxTree, bool>>(RandomKey);
        var tree = site.Handler.SyntaxTree;
        if (!cache.TryGetValue(tree, out var random))
        {
            cache[tree] = random = context.Document.ContainsAny(RandomWords) && HandlerShape.MakesRandomCodes(tree.GetRoot());
        }

        return random;
    }

    // `[HttpPost] Create(...)` on a users resource, or `MapPost("/users", ...)`: the way many APIs spell sign-up.
    private static bool CreatesUser(EndpointSite site)
    {
        if (site.IsMinimal)
        {
            return site.MapMethod == "MapPost" && site.Names[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is "users" or "user";
        }

        var method = ((MethodDeclarationSyntax)site.Handler).Identifier.ValueText;
        var type = site.TypeName ?? string.Empty;
        return method is "Create" or "Post" or "Add" or "CreateUser" or "AddUser" or "CreateAsync" or "PostAsync" && site.Names.Count == 1 &&
            type.StartsWith("User", StringComparison.Ordinal);
    }

    // The admin role the app's other endpoints already require: then the fix cannot lock the app's own admins out.
    private static IReadOnlyList<Fix> RoleFix(string path, AuthorizePlace? place, EndpointIndex index)
    {
        var app = index.SetupOf(path).App;
        var role = index.All.Where(e => e.App == app).SelectMany(e => e.Authorization.Roles)
            .Where(r => r.Contains("Admin", StringComparison.OrdinalIgnoreCase) && !r.Contains('.', StringComparison.Ordinal))
            .GroupBy(r => r, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return place is null || role is null || place.Kind == AuthorizeFixKind.RequireAuthorization ? [] : [place.Fix(path, $"Authorize(Roles = \"{role}\")", $"Restrict to the {role} role")];
    }

    /// <summary>Whether the file mentions roles, an admin area, passwords...: each searched once per file, when first asked.</summary>
    private sealed class FileWords(SourceDocument document)
    {
        private bool? _roles, _admin, _credentials, _currentUser, _users, _clients, _sharedKeys;

        public bool Roles => _roles ??= document.ContainsAny(RoleWords);

        public bool Admin => _admin ??= document.ContainsAny(AdminWords);

        public bool Credentials => _credentials ??= document.ContainsAny(CredentialWords);

        public bool CurrentUser => _currentUser ??= document.ContainsAny(CurrentUserWords);

        public bool Users => _users ??= document.ContainsAny(UserWords);

        public bool Clients => _clients ??= document.ContainsAny(ClientsWords);

        public bool SharedKeys => _sharedKeys ??= document.ContainsAny(SharedKeyWords);

        public static FileWords Of(CSharpContext context)
        {
            var holder = context.Local<Holder>(WordsKey);
            return holder.Words ??= new FileWords(context.Document);
        }

        private sealed class Holder
        {
            public FileWords? Words { get; set; }
        }
    }

    /// <summary>The authorization a handler's own declaration and class write, before other files have their say.</summary>
    private readonly record struct LocalAuth(bool Authorized, bool Restricted, bool AllowAnonymous)
    {
        public static LocalAuth Of(EndpointSite site)
        {
            bool authorized = false, restricted = false, anonymous = false;
            var attributes = CSharpFileModel.AttributesOf(site.Handler)
                .Concat(site.Handler is MethodDeclarationSyntax { Parent: ClassDeclarationSyntax type } ? CSharpFileModel.AttributesOf(type) : []);
            foreach (var attribute in attributes)
            {
                var name = CSharpFileModel.AttributeName(attribute);
                if (name == "AllowAnonymous")
                {
                    anonymous = true;
                }
                else if (name == "Authorize")
                {
                    authorized = true;
                    restricted |= attribute.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText is null or "Roles" or "Policy") == true;
                }
                else if (name.StartsWith("Authorize", StringComparison.Ordinal) || name.Contains("Permission", StringComparison.Ordinal))
                {
                    authorized = restricted = true;
                }
            }

            return new LocalAuth(authorized, restricted, anonymous);
        }
    }

    /// <summary>What the handler's name, route and code say, for one endpoint rule to weigh against who may call it.</summary>
    internal sealed record Candidate(
        AuthFlow Flow,
        bool FlowFromName,
        bool? Lockout,
        bool RandomCodes,
        bool RequestsReset,
        string? Operation,
        int SiblingsCheckingRole,
        int Siblings,
        bool ReadsUsers,
        AuthorizePlace? Place)
    {
        public static Candidate RateLimit(AuthFlow flow, bool fromName, bool? lockout, bool randomCodes, bool requestsReset) =>
            new(flow, fromName, lockout, randomCodes, requestsReset, null, 0, 0, false, null);

        public static Candidate Admin(string? operation, int checking, int siblings, AuthorizePlace place) =>
            new(AuthFlow.None, false, null, false, false, operation, checking, siblings, false, place);

        public static Candidate Anonymous(bool readsUsers, AuthorizePlace place) =>
            new(AuthFlow.None, false, null, false, false, null, 0, 0, readsUsers, place);
    }

    /// <summary>A back-office class, its actions that do not check a role in their code, and where a role would go.</summary>
    internal sealed record AdminSurface(string Type, EquatableArray<string> Actions, AuthorizePlace Place);
}
