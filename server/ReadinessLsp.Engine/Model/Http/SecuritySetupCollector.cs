using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Records the app-wide settings that decide who may call an endpoint and how often: fallback
/// policies, global <c>AuthorizeFilter</c>s, named policies, Razor Pages folder conventions, rate
/// limiters and Identity. Settings written only for Development do not count.
/// </summary>
internal sealed class SecuritySetupCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> LimiterPolicies = new(StringComparer.Ordinal)
    {
        "AddFixedWindowLimiter", "AddSlidingWindowLimiter", "AddTokenBucketLimiter", "AddConcurrencyLimiter",
    };

    private static readonly Dictionary<string, SetupKind> PageConventions = new(StringComparer.Ordinal)
    {
        ["AuthorizeFolder"] = SetupKind.AuthorizeFolder,
        ["AuthorizeAreaFolder"] = SetupKind.AuthorizeFolder,
        ["AuthorizePage"] = SetupKind.AuthorizePage,
        ["AuthorizeAreaPage"] = SetupKind.AuthorizePage,
        ["AllowAnonymousToFolder"] = SetupKind.AllowAnonymousFolder,
        ["AllowAnonymousToAreaFolder"] = SetupKind.AllowAnonymousFolder,
        ["AllowAnonymousToPage"] = SetupKind.AllowAnonymousPage,
        ["AllowAnonymousToAreaPage"] = SetupKind.AllowAnonymousPage,
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "FallbackPolicy", "AuthorizeFilter", "AddPolicy", "AuthorizeFolder", "AuthorizePage", "AuthorizeArea", "AllowAnonymousTo", "RateLimit",
        "GlobalLimiter", "AddIdentity", "AddDefaultIdentity", "Lockout", "PasswordSignInAsync", "CheckPasswordSignInAsync", "AccessFailedAsync",
        "AddAuthentication", "AddJwtBearer", "AddCookie", "AddMicrosoftIdentity", "AddOpenIdConnect",
    ];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var fact = node is InvocationExpressionSyntax call ? FromCall(call) : FromAssignment((AssignmentExpressionSyntax)node);
        if (fact is not null && !EnvironmentGuard.IsDevelopmentOnly(node))
        {
            context.Facts.Add(new SetupFact(fact.Value.Kind, fact.Value.Name, fact.Value.Restricts, fact.Value.Area, context.RangeOf(node.Span)));
        }
    }

    private static (SetupKind Kind, string Name, bool Restricts, string Area)? FromCall(InvocationExpressionSyntax call)
    {
        var name = call.MethodName();
        var arguments = call.ArgumentList.Arguments;
        switch (name)
        {
            case null:
                return null;
            case "AddRateLimiter":
                return (SetupKind.RateLimiter, string.Empty, false, string.Empty);
            case "UseRateLimiter":
                return (SetupKind.UseRateLimiter, string.Empty, false, string.Empty);
            case "UseIpRateLimiting" or "UseClientRateLimiting":
                return (SetupKind.GlobalLimiter, name, false, string.Empty); // AspNetCoreRateLimit: every request is counted.
            case "AddIdentity" or "AddDefaultIdentity" or "AddIdentityCore" or "AddIdentityApiEndpoints":
                return (SetupKind.Identity, string.Empty, false, string.Empty);
            case "AddAuthentication" or "AddJwtBearer" or "AddCookie" or "AddOpenIdConnect" or "AddMicrosoftIdentityWebApi" or "AddMicrosoftIdentityWebApp" or "AddNegotiate" or "AddBearerToken":
                return (SetupKind.Authentication, string.Empty, false, string.Empty);
            case "AccessFailedAsync":
                return (SetupKind.LockoutSignIn, name, false, string.Empty);
            case "PasswordSignInAsync" when LockoutOn(arguments, 3):
            case "CheckPasswordSignInAsync" when LockoutOn(arguments, 2):
                return (SetupKind.LockoutSignIn, name, false, string.Empty);
            case "SetFallbackPolicy" when arguments.Count == 1 && !arguments[0].Expression.IsKind(SyntaxKind.NullLiteralExpression):
                return (SetupKind.FallbackPolicy, string.Empty, Conventions.Restricts(arguments[0].Expression), string.Empty);
            case "Add" when arguments.Count == 1 && IsAuthorizeFilter(arguments[0].Expression):
            case "Add" when call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: [var filter] } } && CSharpFileModel.SimpleName(filter) == "AuthorizeFilter":
                return (SetupKind.GlobalAuthorizeFilter, string.Empty, false, string.Empty);
        }

        if (LimiterPolicies.Contains(name) && arguments.FirstOrDefault() is { } limiter)
        {
            return (SetupKind.RateLimiterPolicy, HttpAttributes.ValueText(limiter.Expression), false, string.Empty);
        }

        if (PageConventions.TryGetValue(name, out var kind))
        {
            var area = name.Contains("Area", StringComparison.Ordinal) && arguments.Count > 1 ? HttpAttributes.ValueText(arguments[0].Expression) : string.Empty;
            var target = arguments.Count > (area.Length > 0 ? 1 : 0) ? HttpAttributes.ValueText(arguments[area.Length > 0 ? 1 : 0].Expression) : "/";
            var restricts = arguments.Count > (area.Length > 0 ? 2 : 1);
            return (kind, target, restricts, area);
        }

        if (name.StartsWith("AddPolicy", StringComparison.Ordinal) && arguments.FirstOrDefault() is { } policyName)
        {
            return Owner(call) switch
            {
                "AddRateLimiter" => (SetupKind.RateLimiterPolicy, HttpAttributes.ValueText(policyName.Expression), false, string.Empty),
                "AddAuthorization" => (SetupKind.AuthorizationPolicy, HttpAttributes.ValueText(policyName.Expression), PolicyRestricts(arguments), string.Empty),
                _ => null,
            };
        }

        return null;
    }

    private static (SetupKind Kind, string Name, bool Restricts, string Area)? FromAssignment(AssignmentExpressionSyntax assignment)
    {
        var left = assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        switch (left)
        {
            case "FallbackPolicy" when !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression):
                return (SetupKind.FallbackPolicy, string.Empty, Conventions.Restricts(assignment.Right), string.Empty);
            case "GlobalLimiter" when !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression):
                return (SetupKind.GlobalLimiter, "GlobalLimiter", false, string.Empty);
            case "AllowedForNewUsers" when assignment.Right.IsBooleanLiteral(false) && assignment.Left.ToString().Contains("Lockout", StringComparison.Ordinal):
                return (SetupKind.LockoutDisabled, string.Empty, false, string.Empty);
            default:
                return null;
        }
    }

    // `lockoutOnFailure: true`, by name or at its position; a variable is taken at its word.
    private static bool LockoutOn(SeparatedSyntaxList<ArgumentSyntax> arguments, int position)
    {
        var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "lockoutOnFailure") ??
            (arguments.Count > position && arguments[position].NameColon is null ? arguments[position] : null);
        return argument is not null && !argument.Expression.IsBooleanLiteral(false);
    }

    // A policy built in place is read; one built elsewhere (a variable) is taken to ask for more than a signed-in user.
    private static bool PolicyRestricts(SeparatedSyntaxList<ArgumentSyntax> arguments) =>
        arguments.Count < 2 || arguments[1].Expression is not (AnonymousFunctionExpressionSyntax or InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) ||
        Conventions.Restricts(arguments[1].Expression);

    private static bool IsAuthorizeFilter(ExpressionSyntax expression) => expression switch
    {
        ObjectCreationExpressionSyntax creation => CSharpFileModel.SimpleName(creation.Type) == "AuthorizeFilter",
        TypeOfExpressionSyntax typeOf => CSharpFileModel.SimpleName(typeOf.Type) == "AuthorizeFilter",
        _ => false,
    };

    // Which registration a policy belongs to: `AddAuthorization(o => o.AddPolicy(...))`,
    // `AddAuthorizationBuilder().AddPolicy(...)`, `AddRateLimiter(o => o.AddPolicy(...))`, or CORS.
    private static string? Owner(InvocationExpressionSyntax call)
    {
        foreach (var chained in call.FluentChain())
        {
            if (chained.MethodName() is "AddAuthorizationBuilder")
            {
                return "AddAuthorization";
            }
        }

        foreach (var outer in call.Ancestors().OfType<InvocationExpressionSyntax>())
        {
            switch (outer.MethodName())
            {
                case "AddRateLimiter":
                    return "AddRateLimiter";
                case "AddAuthorization" or "AddAuthorizationCore" or "AddAuthorizationBuilder" or "Configure" when outer.MethodName() != "Configure" || outer.ToString().Contains("AuthorizationOptions", StringComparison.Ordinal):
                    return "AddAuthorization";
                case "AddCors":
                    return null;
            }
        }

        return null;
    }
}
