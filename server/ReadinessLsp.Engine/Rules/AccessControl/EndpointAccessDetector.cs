using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// Who may call each endpoint, against what the endpoint does. RDY1004: it changes data and anyone
/// may call it without signing in. RDY1005: it is admin work (banning, refunding, changing roles,
/// reading every user's records, a back office) and no role or policy guards it. RDY1009: it
/// checks passwords, sends resets or takes one-time codes, and nothing limits how often. The
/// handler's shape is read here; the endpoint model decides at resolve time who may call it.
/// </summary>
internal sealed class EndpointAccessDetector : ICSharpDetector, IDeferredResolver<EndpointAccessDetector.Candidate>, IDeferredResolver<EndpointAccessDetector.AdminSurface>
{
    public string RuleId => "RDY1004";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY1004", "RDY1005", "RDY1009"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration, SyntaxKind.InvocationExpression, SyntaxKind.ClassDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "ActionResult", "ControllerBase", "ApiController", "[Controller", "PageModel", "Hub", "[Route", "[Http", "Authorize", "AllowAnonymous",
        "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods",
    ];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is ClassDeclarationSyntax type)
        {
            AnalyzeAdminSurface(type, context);
            return;
        }

        if (EndpointSite.Of(node, context.Path) is not { } site)
        {
            return;
        }

        var flow = HandlerShape.Flow(site.NameWords, site.Body);
        var flowFromName = flow != AuthFlow.None && HandlerShape.Flow(site.NameWords, null) == flow;
        if (flow == AuthFlow.None && CreatesUser(site))
        {
            flow = AuthFlow.Register; // POST /users: signing up, as the RealWorld spec and many APIs name it.
        }

        var (siblingsChecking, siblings) = SiblingRoleChecks(site, context);
        var candidate = new Candidate(
            flow,
            HandlerShape.PublicByDesign(site.NameWords, flow, site.Body) || HandlerShape.PublicByDesign(site.Words, HandlerShape.Flow(site.Words, null), null),
            HandlerShape.AdminOperation(site.Names),
            HandlerShape.ChecksRoleInBody(site.Body),
            HandlerShape.UsesCurrentUser(site.Body),
            HandlerShape.UsesCurrentUser(site.Body) && RefusesInBody(site.Body),
            HandlerShape.Lockout(site.Body),
            HandlerShape.MakesRandomCodes(site.Handler.SyntaxTree.GetRoot()),
            siblingsChecking,
            siblings,
            HandlerShape.ReturnsUsers(site.Body),
            flowFromName,
            HandlerShape.RequestsReset(site.Names));

        context.Defer(this, site.Span, candidate, fixes: Fixes(node, context), ruleId: "RDY1004");
        context.Defer(this, site.Span, candidate, fixes: RoleFix(node, context), ruleId: "RDY1005");
        if (flow is AuthFlow.SignIn or AuthFlow.Register or AuthFlow.PasswordReset or AuthFlow.OneTimeCode)
        {
            context.Defer(this, site.Span, candidate, ruleId: "RDY1009");
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
            "RDY1004" => AnonymousWrite(candidate, data, endpoint, index),
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
            Arguments = Arguments(
                $"{data.Type} ({open.Count} {(open.Count == 1 ? "action" : "actions")})",
                "an admin back office",
                Who(weakest),
                weakest.Authorization.Because),
            Fixes = RoleFixes(candidate, candidate.Fixes.Count > 0 ? candidate.Fixes[0] : null, index),
        };
    }

    private static Detection? AnonymousWrite(Detection candidate, Candidate data, Endpoint endpoint, EndpointIndex index)
    {
        if (!endpoint.IsAnonymous || endpoint.Authorization.OnPurpose || data.PublicByDesign || data.ChecksUserInBody ||
            (data.AdminOperation is not null && data.AdminOperation != HandlerShape.ListsEverything))
        {
            return null; // Admin work open to anyone is RDY1005's to explain.
        }

        // Reading other people's records counts as much as changing them.
        var readsUsers = !endpoint.ChangesData && (data.ReadsUsers || data.AdminOperation == HandlerShape.ListsEverything) && !data.UsesCurrentUser && endpoint.Kind != EndpointKind.HubMethod;
        if (!endpoint.ChangesData && !readsUsers)
        {
            return null;
        }

        return candidate with
        {
            Arguments = Arguments(endpoint.Display, readsUsers ? "returns users' records" : "changes data", "anyone", endpoint.Authorization.Because),
            Fixes = index.SetupOf(candidate.Path).Authentication ? candidate.Fixes : [],
        };
    }

    private static Detection? AdminOpen(Detection candidate, Candidate data, Endpoint endpoint, EndpointIndex index)
    {
        if (endpoint.Authorization.Access == Access.Restricted || data.ChecksRole || data.PublicByDesign)
        {
            return null;
        }

        string what;
        var listsEverything = data.AdminOperation == HandlerShape.ListsEverything;
        if (listsEverything && endpoint.IsAnonymous)
        {
            return null; // Every user's records for anyone: RDY1004 says so.
        }

        if (data.AdminOperation is { } operation && !(listsEverything && data.UsesCurrentUser))
        {
            what = listsEverything ? "it lists every user's records" : $"admin work: {operation}";
        }
        else if (data.SiblingsCheckingRole >= 2 && data.SiblingsCheckingRole * 2 >= data.Siblings && !data.UsesCurrentUser)
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
            Fixes = RoleFixes(candidate, candidate.Fixes.Count > 0 ? candidate.Fixes[0] : null, index),
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

        var what = data.Flow switch
        {
            AuthFlow.SignIn => "passwords",
            AuthFlow.Register => "sign-ups",
            AuthFlow.PasswordReset => "password resets",
            _ => "one-time codes",
        };
        var missing = data.Flow == AuthFlow.SignIn ? "no rate limiter and no account lockout" : "no rate limiter";
        var random = data.RandomCodes ? " Its codes come from System.Random, which is predictable: worse still." : string.Empty;
        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["endpoint"] = endpoint.Display,
                ["what"] = what,
                ["missing"] = missing,
                ["random"] = random,
                ["because"] = endpoint.RateLimit.Because,
            },
        };
    }

    // A class named or routed as a back office: report it once, for every action nothing restricts.
    private void AnalyzeAdminSurface(ClassDeclarationSyntax type, CSharpContext context)
    {
        var name = type.Identifier.ValueText;
        var routes = type.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => CSharpFileModel.AttributeName(a) is "Route" or "Area" && a.ArgumentList?.Arguments.Count > 0)
            .Select(a => a.ArgumentList!.Arguments[0].Expression.StringLiteralValue() ?? string.Empty);
        var page = HandlerTypeCollector.PageOf(context.Path, type.BaseList is null ? null : "PageModel")?.Page;
        var isAdmin = name.Contains("Admin", StringComparison.Ordinal) || routes.Any(IsAdminRoute) || (page is not null && IsAdminRoute(page));
        if (!isAdmin || type.Modifiers.Any(SyntaxKind.AbstractKeyword) || !HandlerTypeCollector.MayHandleRequests(type, context.Path))
        {
            return;
        }

        var actions = type.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword) && !m.Modifiers.Any(SyntaxKind.StaticKeyword) && !HandlerShape.ChecksRoleInBody(HandlerSyntax.BodyOf(m)))
            .Select(m => m.Identifier.ValueText)
            .Distinct(StringComparer.Ordinal)
            .ToEquatableArray();
        if (actions.Count == 0)
        {
            return;
        }

        context.Defer(this, type.Identifier.Span, new AdminSurface(name, actions), fixes: [ClassRoleFix(type, context)], ruleId: "RDY1005");
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

    // How many handlers next to this one test the caller's role in their code, and how many there are.
    private static (int Checking, int Total) SiblingRoleChecks(EndpointSite site, CSharpContext context)
    {
        var scope = site.IsMinimal
            ? site.Handler.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or CompilationUnitSyntax)
            : site.Handler.Parent;
        if (scope is null)
        {
            return (0, 0);
        }

        var cache = context.Local<Dictionary<SyntaxNode, (int, int, HashSet<SyntaxNode>)>>(SiblingsKey);
        if (!cache.TryGetValue(scope, out var counts))
        {
            var handlers = site.IsMinimal
                ? scope.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(c => EndpointSite.Of(c, context.Path)).OfType<EndpointSite>().Select(s => s.Handler).ToList()
                : [.. ((TypeDeclarationSyntax)scope).Members.OfType<MethodDeclarationSyntax>().Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword))];
            var checking = handlers.Where(h => HandlerShape.ChecksRoleInBody(HandlerSyntax.BodyOf(h))).ToHashSet();
            cache[scope] = counts = (checking.Count, handlers.Count, checking);
        }

        var self = counts.Item3.Contains(site.Handler) ? 1 : 0;
        return (counts.Item1 - self, counts.Item2 - 1);
    }

    private static readonly object SiblingsKey = new();

    // `[HttpPost] Create(...)` on a users resource, or `MapPost("/users", ...)`: the way many APIs spell sign-up.
    private static bool CreatesUser(EndpointSite site)
    {
        if (site.IsMinimal)
        {
            return site.MapMethod == "MapPost" && site.Names[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is "users" or "user";
        }

        var method = (site.Handler as MethodDeclarationSyntax)?.Identifier.ValueText;
        var type = site.TypeName ?? string.Empty;
        return method is "Create" or "Post" or "Add" or "CreateUser" or "AddUser" or "CreateAsync" or "PostAsync" && site.Names.Count == 1 &&
            (type.StartsWith("User", StringComparison.Ordinal) || type.StartsWith("Users", StringComparison.Ordinal));
    }

    private static bool RefusesInBody(SyntaxNode? body) =>
        body is not null && body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is "Unauthorized" or "Challenge" or "Forbid") ||
        (body?.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Any(o => CSharpFileModel.SimpleName(o.Type) is "UnauthorizedAccessException" or "UnauthorizedResult") ?? false);

    private static IReadOnlyList<Fix> Fixes(SyntaxNode node, CSharpContext context) => node switch
    {
        MethodDeclarationSyntax method => [AuthorizeFixes.Attribute(method, "[Authorize]", "Require a signed-in user: [Authorize]", context)],
        InvocationExpressionSyntax map => [AuthorizeFixes.RequireAuthorization(map, context)],
        _ => [],
    };

    // Where a role attribute would go; the role itself is chosen at resolve time from the roles the app already uses.
    private static IReadOnlyList<Fix> RoleFix(SyntaxNode node, CSharpContext context) =>
        node is MethodDeclarationSyntax method ? [AuthorizeFixes.Attribute(method, RolePlaceholder, "Restrict to the admin role", context)] : [];

    private static Fix ClassRoleFix(ClassDeclarationSyntax type, CSharpContext context)
    {
        var authorize = type.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => CSharpFileModel.AttributeName(a) == "Authorize" && a.ArgumentList is null);
        return authorize is null
            ? AuthorizeFixes.Attribute(type, RolePlaceholder, "Restrict to the admin role", context)
            : context.Replace(authorize.Span, RolePlaceholder[1..^1], "Restrict to the admin role");
    }

    private const string RolePlaceholder = "[Authorize(Roles = \"\u0000\")]";

    // The app's admin role, when its other endpoints already use one: then the fix cannot lock out the app's own admins.
    private static IReadOnlyList<Fix> RoleFixes(Detection candidate, Fix? fix, EndpointIndex index)
    {
        var role = AdminRole(index, candidate.Path);
        if (fix is null || role is null)
        {
            return [];
        }

        return [fix with { Edits = [.. fix.Edits.Select(e => e with { NewText = e.NewText.Replace("\u0000", role, StringComparison.Ordinal) })], Title = $"Restrict to the {role} role" }];
    }

    private static string? AdminRole(EndpointIndex index, string path)
    {
        var app = index.SetupOf(path).App;
        return index.All.Where(e => e.App == app).SelectMany(e => e.Authorization.Roles)
            .Where(r => r.Contains("Admin", StringComparison.OrdinalIgnoreCase) && !r.Contains('.', StringComparison.Ordinal))
            .GroupBy(r => r, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
    }

    /// <summary>What the handler's name, route and code say, for the endpoint rules to weigh against who may call it.</summary>
    internal sealed record Candidate(
        AuthFlow Flow,
        bool PublicByDesign,
        string? AdminOperation,
        bool ChecksRole,
        bool UsesCurrentUser,
        bool ChecksUserInBody,
        bool? Lockout,
        bool RandomCodes,
        int SiblingsCheckingRole,
        int Siblings,
        bool ReadsUsers,
        bool FlowFromName,
        bool RequestsReset);

    /// <summary>A back-office class and its actions that do not check a role in their code.</summary>
    internal sealed record AdminSurface(string Type, EquatableArray<string> Actions);
}
