using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1019: a sign-in or session cookie that page scripts can read (<c>HttpOnly = false</c>, or a token
/// written with <c>Response.Cookies.Append</c> and default options), that travels over plain HTTP
/// (<c>Secure = false</c>, <c>SecurePolicy = None/SameAsRequest</c>, <c>SameSite = None</c> without
/// Secure), or that lasts for months. One finding per cookie, listing what is wrong with it. Cookies
/// that are not credentials (theme, culture, consent, the antiforgery token a SPA must read) are not reported.
/// </summary>
internal sealed partial class InsecureCookieDetector : ICSharpDetector
{
    private static readonly TimeSpan Months = TimeSpan.FromDays(30);

    // Calls that configure the app's sign-in or session cookie through a lambda.
    private static readonly HashSet<string> CookieSetups = ["AddCookie", "ConfigureApplicationCookie", "ConfigureExternalCookie", "AddSession"];

    public string RuleId => "RDY1019";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["Cookies.Append", .. CookieSetups];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        var (span, problems) = call.MethodName() switch
        {
            "Append" when call.Receiver() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cookies" } => (call.Expression.Span, AppendedCookie(call)),
            { } name when CookieSetups.Contains(name) && call.Expression is MemberAccessExpressionSyntax member => (member.Name.Span, ConfiguredCookie(call)),
            _ => (default, []),
        };
        if (problems.Count > 0)
        {
            context.Report(span, new Dictionary<string, string> { ["problems"] = string.Join("; ", problems) });
        }
    }

    // `Response.Cookies.Append("access_token", token, new CookieOptions { ... })`.
    private static List<string> AppendedCookie(InvocationExpressionSyntax call)
    {
        var arguments = call.ArgumentList.Arguments;
        if (arguments.Count < 2 || !IsCredentialCookie(arguments[0].Expression, arguments[1].Expression))
        {
            return [];
        }

        if (arguments.Count == 2)
        {
            return ["written with default options: page scripts can read it and it is sent over plain HTTP"];
        }

        var options = arguments[2].Expression;
        var creation = options as ObjectCreationExpressionSyntax ?? (options is IdentifierNameSyntax name ? LocalInitializers.Of(name) as ObjectCreationExpressionSyntax : null);
        if (creation is null)
        {
            return [];
        }

        var settings = Settings(creation.Initializer);
        if (options is IdentifierNameSyntax variable)
        {
            // `options.HttpOnly = true;` written after the object was made.
            foreach (var later in call.Ancestors().OfType<BlockSyntax>().FirstOrDefault()?.Descendants().OfType<AssignmentExpressionSyntax>() ?? [])
            {
                if (later.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } member && target.Identifier.ValueText == variable.Identifier.ValueText)
                {
                    settings[member.Name.Identifier.ValueText] = later.Right;
                }
            }
        }

        var problems = new List<string>();
        if (!settings.TryGetValue("HttpOnly", out var httpOnly) || httpOnly.IsBooleanLiteral(false))
        {
            problems.Add(httpOnly is null ? "HttpOnly is not set, so page scripts can read it" : "HttpOnly = false: page scripts can read it");
        }

        var secure = settings.GetValueOrDefault("Secure");
        if (secure is null || secure.IsBooleanLiteral(false))
        {
            problems.Add(secure is null ? "Secure is not set, so it is also sent over plain HTTP" : "Secure = false: it is also sent over plain HTTP");
        }

        if (IsSameSiteNone(settings.GetValueOrDefault("SameSite")) && !(secure?.IsBooleanLiteral(true) ?? false))
        {
            problems.Add("SameSite = None: other sites' pages send it along with their requests");
        }

        AddLifetime(problems, settings.GetValueOrDefault("Expires") ?? settings.GetValueOrDefault("MaxAge"));
        return problems;
    }

    // `AddCookie(o => { o.Cookie.HttpOnly = false; o.ExpireTimeSpan = TimeSpan.FromDays(365); })`.
    private static List<string> ConfiguredCookie(InvocationExpressionSyntax call)
    {
        var lambda = call.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault();
        if (lambda is null)
        {
            return [];
        }

        var settings = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        var replaced = false;
        foreach (var assignment in lambda.Descendants().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is MemberAccessExpressionSyntax member)
            {
                settings[member.Name.Identifier.ValueText] = assignment.Right;
            }

            // `options.Cookie = new CookieBuilder { Name = ... }` throws away the sign-in cookie's defaults (HttpOnly among them).
            if (assignment.Right is ObjectCreationExpressionSyntax builder && CSharpFileModel.SimpleName(builder.Type) == "CookieBuilder")
            {
                replaced = true;
                settings.Remove("HttpOnly");
                settings.Remove("SecurePolicy");
                settings.Remove("SameSite");
                foreach (var (name, value) in Settings(builder.Initializer))
                {
                    settings[name] = value;
                }
            }
        }

        var problems = new List<string>();
        var httpOnly = settings.GetValueOrDefault("HttpOnly");
        if (httpOnly is not null && httpOnly.IsBooleanLiteral(false))
        {
            problems.Add("HttpOnly = false: page scripts can read the sign-in cookie");
        }
        else if (httpOnly is null && replaced)
        {
            problems.Add("the cookie settings are replaced by a new CookieBuilder that leaves HttpOnly off, so page scripts can read the sign-in cookie");
        }

        var policy = EnumMember(settings.GetValueOrDefault("SecurePolicy"));
        if (policy is "None" or "SameAsRequest")
        {
            problems.Add($"SecurePolicy = {policy}: the cookie is sent over plain HTTP{(policy == "SameAsRequest" ? " whenever the app sees HTTP, as it does behind most proxies" : string.Empty)}");
        }

        if (IsSameSiteNone(settings.GetValueOrDefault("SameSite")) && policy != "Always")
        {
            problems.Add("SameSite = None without SecurePolicy = Always: other sites' pages send it along with their requests");
        }

        AddLifetime(problems, settings.GetValueOrDefault("ExpireTimeSpan") ?? settings.GetValueOrDefault("MaxAge") ?? settings.GetValueOrDefault("IdleTimeout"));
        return problems;
    }

    private static Dictionary<string, ExpressionSyntax> Settings(InitializerExpressionSyntax? initializer) =>
        (initializer?.Expressions.OfType<AssignmentExpressionSyntax>() ?? [])
            .Where(a => a.Left is IdentifierNameSyntax)
            .GroupBy(a => ((IdentifierNameSyntax)a.Left).Identifier.ValueText)
            .ToDictionary(g => g.Key, g => g.Last().Right, StringComparer.Ordinal);

    private static void AddLifetime(List<string> problems, ExpressionSyntax? lifetime)
    {
        if (lifetime is not null && LifetimeSyntax.Of(lifetime) is { } span && span >= Months)
        {
            problems.Add($"it lasts {LifetimeSyntax.Describe(span)}");
        }
    }

    // The cookie's name or value says it carries a credential: "access_token", "jwt", ".AspNetCore.Session", `token`.
    private static bool IsCredentialCookie(ExpressionSyntax name, ExpressionSyntax value)
    {
        var text = name.StringLiteralValue() ?? (name is IdentifierNameSyntax or MemberAccessExpressionSyntax ? name.ToString() : string.Empty);
        if (NotCredential().IsMatch(text))
        {
            return false;
        }

        return CredentialName().IsMatch(text) || (value is IdentifierNameSyntax or MemberAccessExpressionSyntax && CredentialName().IsMatch(value.ToString()));
    }

    private static bool IsSameSiteNone(ExpressionSyntax? value) => EnumMember(value) == "None";

    private static string? EnumMember(ExpressionSyntax? value) => value is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : null;

    [GeneratedRegex(@"(?i)token|jwt|auth|session|sid\b|identity|login|remember|bearer|refresh")]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"(?i)xsrf|csrf|antiforgery|consent|theme|culture|lang|locale|cart|preference|tracking")]
    private static partial Regex NotCredential();
}
