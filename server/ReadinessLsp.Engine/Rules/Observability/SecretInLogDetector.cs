using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Model.Requests;

namespace ReadinessLsp.Engine.Rules.Observability;

/// <summary>
/// RDY5101: a password, token, secret, one-time code or card number written to a log
/// (<c>ILogger</c>, Serilog, NLog, <c>Console.WriteLine</c>), by the name of the value, of its
/// message-template placeholder, or of the interpolated expression. RDY5102: a whole object that
/// carries such values logged: a record (whose generated <c>ToString()</c> prints every property),
/// a serialised object, or a destructured <c>{@User}</c> when the app logs through Serilog.
/// Masked, hashed or measured values (<c>Mask(token)</c>, <c>password.Length</c>) are not reported.
/// </summary>
internal sealed class SecretInLogDetector : ICSharpDetector, IDeferredResolver<SecretInLogDetector.LoggedObject>
{
    private static readonly HashSet<string> Serializers = ["Serialize", "SerializeObject"];

    // Values, collections and framework types logged whole carry none of the app's secrets.
    private static readonly HashSet<string> SimpleValues =
    [
        "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "Uri", "String", "Int32", "Int64", "Decimal", "List", "IEnumerable",
        "IReadOnlyList", "IList", "ICollection", "Dictionary", "IDictionary", "HashSet", "Exception", "HttpStatusCode", "PathString", "StringValues",
        "CancellationToken", "Task", "IActionResult", "IResult", "HttpContext", "HttpRequest", "HttpResponse",
    ];

    public string RuleId => "RDY5101";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY5101", "RDY5102"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. SensitiveNames.Words, "{@", "Serialize"];

    // A log call names its receiver (Console, Debug, Trace, or one with "log" in its name in any case,
    // so every spelling of the three letters): its calls are found from those, not from a walk of every call.
    public IReadOnlyCollection<string>? Anchors { get; } =
        ["Console", "Debug", "Trace", "log", "loG", "lOg", "lOG", "Log", "LoG", "LOg", "LOG"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(RequestModelIndex), typeof(ProjectIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (!LoggerSyntax.IsLogCall(call))
        {
            return;
        }

        var arguments = call.ArgumentList.Arguments;
        var templateIndex = -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or InterpolatedStringExpressionSyntax)
            {
                templateIndex = i;
                break;
            }
        }

        var placeholders = templateIndex >= 0 && arguments[templateIndex].Expression.StringLiteralValue() is { } template ? Placeholders(template) : [];
        var reported = false;
        if (templateIndex >= 0 && arguments[templateIndex].Expression is InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (var hole in interpolated.Contents.OfType<InterpolationSyntax>())
            {
                reported |= ReportSecret(hole.Expression, null, context);
            }
        }

        var start = templateIndex >= 0 ? templateIndex + 1 : 0;
        for (var i = start; i < arguments.Count; i++)
        {
            var placeholder = templateIndex >= 0 && i - start < placeholders.Count ? placeholders[i - start] : null;
            foreach (var part in Parts(arguments[i].Expression))
            {
                reported |= ReportSecret(part, placeholder?.TrimStart('@'), context);
            }

            if (!reported)
            {
                ReportObject(arguments[i].Expression, placeholder, context);
            }
        }
    }

    public Detection? Resolve(Detection candidate, LoggedObject data, WorkspaceModels models)
    {
        if (models.Get<RequestModelIndex>().SecretsOf(candidate.Path, data.Type) is not { } secrets)
        {
            return null;
        }

        // Destructuring `{@User}` writes properties only through a structured sink such as Serilog's.
        var projects = models.Get<ProjectIndex>();
        var serilog = projects.AppsOf(candidate.Path)
            .Select(a => projects.Projects.FirstOrDefault(p => p.Path == a)).OfType<ProjectFact>()
            .Any(p => projects.References(p, "Serilog.AspNetCore") || projects.References(p, "Serilog") || projects.References(p, "Serilog.Extensions.Hosting"));
        var writesThem = data.How switch
        {
            "serialised" => true,
            "destructured" => secrets.IsRecord || serilog,
            _ => secrets.IsRecord,
        };
        if (!writesThem)
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(candidate.Arguments) { ["secrets"] = string.Join(", ", secrets.Secrets.Select(s => $"`{s}`")) };
        return candidate with { Arguments = arguments };
    }

    private bool ReportSecret(ExpressionSyntax expression, string? placeholder, CSharpContext context)
    {
        var name = NameOf(expression);
        if (name is null)
        {
            return false;
        }

        var kind = SensitiveNames.KindOf(name) ?? (placeholder is not null && expression is IdentifierNameSyntax or MemberAccessExpressionSyntax ? SensitiveNames.KindOf(placeholder) : null);
        if (kind is null || !MayReport(context))
        {
            return false;
        }

        context.ReportAs("RDY5101", expression.Span, new Dictionary<string, string> { ["value"] = expression.ToString(), ["kind"] = kind });
        return true;
    }

    // `{@User}` with `user`, `JsonSerializer.Serialize(request)`, or a record passed as is.
    private void ReportObject(ExpressionSyntax expression, string? placeholder, CSharpContext context)
    {
        var how = "passed";
        if (expression is InvocationExpressionSyntax call && call.MethodName() is { } name && Serializers.Contains(name) && call.ArgumentList.Arguments.Count > 0)
        {
            expression = call.ArgumentList.Arguments[0].Expression;
            how = "serialised";
        }
        else if (placeholder?.StartsWith('@') == true)
        {
            how = "destructured";
        }

        if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax) || context.Model.DeclaredTypeOf(expression) is not { } declared ||
            declared is PredefinedTypeSyntax or NullableTypeSyntax { ElementType: PredefinedTypeSyntax } or ArrayTypeSyntax ||
            CSharpFileModel.SimpleName(declared) is not { } type || SimpleValues.Contains(type))
        {
            return;
        }

        context.Defer(this, expression.Span, new LoggedObject(type, how), new Dictionary<string, string> { ["value"] = expression.ToString(), ["type"] = type }, ruleId: "RDY5102");
    }

    // The words of RDY5101 in the file, so a plain `token` is not reported in a file only parsed for someone else.
    private bool MayReport(CSharpContext context) =>
        context.Local<FileWords>(this).Contains ??= context.Document.ContainsAny(SensitiveNames.WordSearch);

    // The values a log argument is built from: `"token: " + token` gives both sides.
    private static IEnumerable<ExpressionSyntax> Parts(ExpressionSyntax expression) => expression switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add => Parts(add.Left).Concat(Parts(add.Right)),
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolationSyntax>().Select(h => h.Expression),
        ParenthesizedExpressionSyntax parenthesized => Parts(parenthesized.Expression),
        _ => [expression],
    };

    // `password`, `req.Password`, `user?.Token`, `token!`, `token.ToString()`; not `Mask(token)` or `password.Length`.
    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax binding } => binding.Name.Identifier.ValueText,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => NameOf(suppressed.Operand),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString", Expression: var inner } } => NameOf(inner),
        _ => null,
    };

    // `"Reset token for {Email}: {Token}"` gives Email, Token.
    private static List<string> Placeholders(string template)
    {
        var names = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }

            if (template[i] != '{')
            {
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                break;
            }

            var name = template[(i + 1)..end].Split(',', ':')[0].Trim();
            names.Add(name);
            i = end;
        }

        return names;
    }

    /// <summary>A whole object logged: its declared type, and how (passed, destructured, serialised).</summary>
    internal sealed record LoggedObject(string Type, string How);

    private sealed class FileWords
    {
        public bool? Contains { get; set; }
    }
}
