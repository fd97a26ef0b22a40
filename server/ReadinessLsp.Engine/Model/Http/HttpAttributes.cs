using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Reads the ASP.NET Core attributes that decide routing, authorization and rate limiting from
/// syntax: <c>[Authorize(Roles = "Admin")]</c>, <c>[AllowAnonymous]</c>, <c>[HttpGet("{id}")]</c>,
/// <c>[Route]</c>, <c>[EnableRateLimiting]</c>. Values are kept as written (a literal's value, or
/// the expression's text), since constants live in other files.
/// </summary>
internal static class HttpAttributes
{
    private static readonly Dictionary<string, string> VerbAttributes = new(StringComparer.Ordinal)
    {
        ["HttpGet"] = "GET",
        ["HttpPost"] = "POST",
        ["HttpPut"] = "PUT",
        ["HttpDelete"] = "DELETE",
        ["HttpPatch"] = "PATCH",
        ["HttpHead"] = "HEAD",
        ["HttpOptions"] = "OPTIONS",
    };

    /// <summary>Authorization metadata of a type, method or lambda; <paramref name="where"/> names it for the reason ("OrdersController").</summary>
    public static EquatableArray<AuthMeta> Auth(IEnumerable<AttributeSyntax> attributes, string where)
    {
        List<AuthMeta>? result = null;
        foreach (var attribute in attributes)
        {
            var meta = AuthOf(attribute, where);
            if (meta is not null)
            {
                (result ??= []).Add(meta);
            }
        }

        return result is null ? EquatableArray<AuthMeta>.Empty : result.ToEquatableArray();
    }

    public static AuthMeta? AuthOf(AttributeSyntax attribute, string where)
    {
        var name = CSharpFileModel.AttributeName(attribute);
        if (name == "AllowAnonymous")
        {
            return new AuthMeta(AuthMetaKind.AllowAnonymous, default, default, default, $"[AllowAnonymous] on {where}");
        }

        if (name == "Authorize")
        {
            var (roles, policies, schemes) = ReadAuthorizeArguments(attribute.ArgumentList?.Arguments);
            return new AuthMeta(AuthMetaKind.Authorize, roles, policies, schemes, $"{Shorten(attribute)} on {where}");
        }

        // Home-made checks: [AuthorizeRoles("Admin")], [RequirePermission(...)], [TypeFilter(typeof(AdminOnlyFilter))].
        if (IsCustomAuthorization(name, attribute))
        {
            return new AuthMeta(AuthMetaKind.Authorize, default, new[] { Shorten(attribute) }, default, $"{Shorten(attribute)} on {where}");
        }

        // Any other attribute may be a filter of the app's own that turns callers away: the model looks its class up.
        if (NotFilters.Contains(name) || VerbAttributes.ContainsKey(name))
        {
            return null;
        }

        var target = name is "TypeFilter" or "ServiceFilter"
            ? (attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression as TypeOfExpressionSyntax)?.Type is { } filter ? CSharpFileModel.SimpleName(filter) : null
            : name;
        // Most of these are no filter at all: the reason names the attribute without quoting its arguments.
        return target is null ? null : new AuthMeta(AuthMetaKind.Filter, default, default, default, $"[{name}] on {where}") { Resolves = target };
    }

    // Attributes of ASP.NET Core and common libraries on actions and controllers that never authorize.
    private static readonly HashSet<string> NotFilters = new(StringComparer.Ordinal)
    {
        "Route", "AcceptVerbs", "ApiController", "Controller", "NonAction", "NonController", "ActionName", "Area", "ApiExplorerSettings", "Produces",
        "ProducesResponseType", "ProducesDefaultResponseType", "ProducesErrorResponseType", "Consumes", "Obsolete", "EnableRateLimiting",
        "DisableRateLimiting", "EnableCors", "DisableCors", "ResponseCache", "OutputCache", "RequestSizeLimit", "DisableRequestSizeLimit",
        "RequestFormLimits", "ValidateAntiForgeryToken", "AutoValidateAntiforgeryToken", "IgnoreAntiforgeryToken", "SwaggerOperation",
        "SwaggerResponse", "SwaggerTag", "EndpointSummary", "EndpointDescription", "EndpointName", "Tags", "ExcludeFromDescription", "ApiVersion",
        "MapToApiVersion", "FormatFilter", "AllowAnonymous", "Authorize", "Description", "DisplayName",
        "ExcludeFromCodeCoverage", "SuppressMessage", "DebuggerStepThrough", "MethodImpl", "AsyncStateMachine", "HttpGet", "BindProperties",
    };

    /// <summary>The roles, policies and schemes of <c>[Authorize(...)]</c> or <c>RequireAuthorization(...)</c>.</summary>
    public static (EquatableArray<string> Roles, EquatableArray<string> Policies, EquatableArray<string> Schemes) ReadAuthorizeArguments(
        SeparatedSyntaxList<AttributeArgumentSyntax>? arguments)
    {
        List<string> roles = [], policies = [], schemes = [];
        foreach (var argument in arguments ?? default)
        {
            var value = ValueText(argument.Expression);
            switch (argument.NameEquals?.Name.Identifier.ValueText)
            {
                case "Roles":
                    roles.AddRange(SplitList(value));
                    break;
                case "Policy":
                    policies.Add(value);
                    break;
                case "AuthenticationSchemes":
                    schemes.AddRange(SplitList(value));
                    break;
                case null:
                    policies.Add(value);
                    break;
            }
        }

        return (roles.ToEquatableArray(), policies.ToEquatableArray(), schemes.ToEquatableArray());
    }

    /// <summary>Rate-limiting metadata: <c>[EnableRateLimiting("login")]</c>, <c>[DisableRateLimiting]</c>.</summary>
    public static EquatableArray<RateLimitMeta> RateLimits(IEnumerable<AttributeSyntax> attributes, string where)
    {
        List<RateLimitMeta>? result = null;
        foreach (var attribute in attributes)
        {
            var name = CSharpFileModel.AttributeName(attribute);
            if (name is "EnableRateLimiting" or "DisableRateLimiting")
            {
                var policy = attribute.ArgumentList?.Arguments.FirstOrDefault() is { } first ? ValueText(first.Expression) : null;
                (result ??= []).Add(new RateLimitMeta(name == "DisableRateLimiting", policy, $"{Shorten(attribute)} on {where}"));
            }
        }

        return result is null ? EquatableArray<RateLimitMeta>.Empty : result.ToEquatableArray();
    }

    /// <summary>The verbs and route templates an action's attributes give it.</summary>
    public static (EquatableArray<string> Verbs, EquatableArray<string> Templates) VerbsAndTemplates(IEnumerable<AttributeSyntax> attributes)
    {
        var verbs = new List<string>();
        var templates = new List<string>();
        foreach (var attribute in attributes)
        {
            var name = CSharpFileModel.AttributeName(attribute);
            var arguments = attribute.ArgumentList?.Arguments ?? default;
            if (VerbAttributes.TryGetValue(name, out var verb))
            {
                verbs.Add(verb);
                if (arguments.FirstOrDefault(a => a.NameEquals is null) is { } template)
                {
                    templates.Add(ValueText(template.Expression));
                }
            }
            else if (name == "AcceptVerbs")
            {
                verbs.AddRange(arguments.Where(a => a.NameEquals is null).Select(a => ValueText(a.Expression).ToUpperInvariant()));
                if (arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Route") is { } route)
                {
                    templates.Add(ValueText(route.Expression));
                }
            }
            else if (name == "Route" && arguments.FirstOrDefault() is { } route)
            {
                templates.Add(ValueText(route.Expression));
            }
        }

        return (verbs.Distinct(StringComparer.Ordinal).ToEquatableArray(), templates.ToEquatableArray());
    }

    /// <summary>The <c>[Route]</c> templates written on a class.</summary>
    public static EquatableArray<string> RouteTemplates(IEnumerable<AttributeSyntax> attributes) =>
        attributes.Where(a => CSharpFileModel.AttributeName(a) == "Route" && a.ArgumentList?.Arguments.Count > 0)
            .Select(a => ValueText(a.ArgumentList!.Arguments[0].Expression))
            .ToEquatableArray();

    public static string? Area(IEnumerable<AttributeSyntax> attributes) =>
        attributes.FirstOrDefault(a => CSharpFileModel.AttributeName(a) == "Area" && a.ArgumentList?.Arguments.Count > 0) is { } area
            ? ValueText(area.ArgumentList!.Arguments[0].Expression)
            : null;

    /// <summary>A value as written: a string literal's text, <c>nameof(X)</c> as X, otherwise the expression's text.</summary>
    public static string ValueText(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf when nameOf.ArgumentList.Arguments.Count == 1 =>
            nameOf.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : nameOf.ArgumentList.Arguments[0].Expression.ToString(),
        _ => expression.ToString(),
    };

    /// <summary>The attribute as a reader would quote it, shortened when long.</summary>
    public static string Shorten(AttributeSyntax attribute)
    {
        var text = string.Join(' ', attribute.ToString().Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return "[" + (text.Length > 80 ? text[..77] + "..." : text) + "]";
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsCustomAuthorization(string name, AttributeSyntax attribute)
    {
        if (name is "TypeFilter" or "ServiceFilter")
        {
            var type = attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression.ToString() ?? string.Empty;
            return LooksLikeAccessCheck(type);
        }

        return name.StartsWith("Authorize", StringComparison.Ordinal) || LooksLikeAccessCheck(name);
    }

    private static bool LooksLikeAccessCheck(string name) =>
        name.Contains("Permission", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("Authoriz", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("AdminOnly", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("RequireRole", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("RequiresRole", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("HasRole", StringComparison.OrdinalIgnoreCase);
}
