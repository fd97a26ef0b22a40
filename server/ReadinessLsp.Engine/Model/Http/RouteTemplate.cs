using System.Text;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>Route templates as ASP.NET Core combines them: prefixes, tokens, and the parameters they declare.</summary>
internal static class RouteTemplate
{
    /// <summary>
    /// Joins a prefix and a template the way attribute routing and route groups do: a template
    /// starting with "/" or "~/" under a controller route replaces it; otherwise the parts are joined with one "/".
    /// </summary>
    public static string Combine(string prefix, string template, bool absoluteOverrides = false)
    {
        if (absoluteOverrides && (template.StartsWith('/') || template.StartsWith("~/", StringComparison.Ordinal)))
        {
            return template.TrimStart('~');
        }

        var left = prefix.Trim().TrimEnd('/');
        var right = template.Trim().TrimStart('~').TrimStart('/');
        return right.Length == 0 ? left : left.Length == 0 ? right : left + "/" + right;
    }

    /// <summary>A route as shown to people: always starting with "/".</summary>
    public static string Display(string route) => "/" + route.Trim().TrimStart('~').TrimStart('/');

    /// <summary>
    /// Replaces <c>[controller]</c>, <c>[action]</c> and <c>[area]</c> in an attribute route, and the
    /// reserved parameters <c>{controller}</c>, <c>{action}</c> and <c>{area}</c>: in an attribute
    /// route they only match the action's own names (<c>[HttpPost("{action}")]</c> on <c>Confirm</c> is <c>/Confirm</c>).
    /// </summary>
    public static string ReplaceTokens(string template, string controller, string action, string? area) =>
        template
            .Replace("[controller]", controller, StringComparison.OrdinalIgnoreCase)
            .Replace("[action]", action, StringComparison.OrdinalIgnoreCase)
            .Replace("[area]", area ?? string.Empty, StringComparison.OrdinalIgnoreCase)
            .Replace("{controller}", controller, StringComparison.OrdinalIgnoreCase)
            .Replace("{action}", action, StringComparison.OrdinalIgnoreCase)
            .Replace("{area}", area ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A conventional route (<c>{controller=Home}/{action=Index}/{id?}</c>) filled in for one
    /// action: the controller and action segments become the names, the rest stays.
    /// </summary>
    public static string ForConvention(string pattern, string controller, string action, string? area, IEnumerable<string> parameters)
    {
        var names = parameters.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sb = new StringBuilder();
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = ParameterName(segment);
            var value = name switch
            {
                "controller" => controller,
                "action" => action,
                "area" => area ?? string.Empty,
                { } other when segment.Contains('?', StringComparison.Ordinal) && !names.Contains(other) => string.Empty, // an optional {id?} the action does not take
                _ => segment,
            };
            if (value.Length > 0)
            {
                sb.Append('/').Append(value);
            }
        }

        return sb.Length == 0 ? "/" : sb.ToString();
    }

    /// <summary>The names of the parameters a template declares: <c>id</c> for <c>{id:int}</c>, <c>path</c> for <c>{**path}</c>.</summary>
    public static IEnumerable<string> Parameters(string template)
    {
        var start = template.IndexOf('{');
        while (start >= 0)
        {
            var end = template.IndexOf('}', start + 1);
            if (end < 0)
            {
                yield break;
            }

            var name = ParameterName(template[start..(end + 1)]);
            if (name is { Length: > 0 })
            {
                yield return name;
            }

            start = template.IndexOf('{', end + 1);
        }
    }

    // "{id:int?}" -> "id"; "{*slug}" -> "slug"; "{controller=Home}" -> "controller"; not a parameter -> null.
    private static string? ParameterName(string segment)
    {
        if (!segment.StartsWith('{') || !segment.EndsWith('}'))
        {
            return null;
        }

        var inner = segment[1..^1].TrimStart('*');
        var end = inner.IndexOfAny([':', '=', '?']);
        return (end < 0 ? inner : inner[..end]).Trim();
    }
}
