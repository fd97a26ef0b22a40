using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// A place in code that may be a request handler, where endpoint rules report: an action's (page
/// handler's, hub method's) name, or a <c>Map*</c> call and its route. The endpoint model decides at
/// resolve time whether it is one and who may call it; <see cref="EndpointIndex.At"/> finds it by
/// <see cref="Span"/>.
/// </summary>
/// <param name="Handler">The method or lambda whose code handles the request.</param>
/// <param name="Names">The handler's name and its routes, each normalised (<see cref="HandlerShape.Normalize"/>), for telling a login from a refund.</param>
/// <param name="Types">The types of the parameters the caller fills in (<c>LoginDto</c>), normalised.</param>
/// <param name="Words">Everything together, with the class's name and route (or the page's path).</param>
/// <param name="MapMethod">For a minimal endpoint, the <c>Map*</c> method (<c>MapPost</c>).</param>
internal sealed record EndpointSite(TextSpan Span, SyntaxNode Handler, SyntaxNode? Body, IReadOnlyList<string> Names, string Types, string Words, string? TypeName, string? MapMethod)
{
    public bool IsMinimal => MapMethod is not null;

    /// <summary>The name, routes and parameter types, for <see cref="HandlerShape.Flow"/>.</summary>
    public string NameWords => string.Join(' ', [.. Names, Types]);

    public static readonly IReadOnlyCollection<SyntaxKind> NodeKinds = [SyntaxKind.MethodDeclaration, SyntaxKind.InvocationExpression];

    private static readonly HashSet<string> MapVerbs = new(StringComparer.Ordinal) { "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods" };

    /// <summary>The site <paramref name="node"/> is, or null when it cannot be a handler.</summary>
    public static EndpointSite? Of(SyntaxNode node, AnalysisContext context)
    {
        if (node is InvocationExpressionSyntax invocation && !MayMap(invocation))
        {
            return null;
        }

        // Several endpoint rules ask about the same node: read it once per file.
        var sites = context.Local<Dictionary<SyntaxNode, EndpointSite?>>(SitesKey);
        if (!sites.TryGetValue(node, out var site))
        {
            sites[node] = site = node switch
            {
                MethodDeclarationSyntax method => Action(method, context),
                InvocationExpressionSyntax call => Minimal(call),
                _ => null,
            };
        }

        return site;
    }

    private static readonly object SitesKey = new();

    // "ForgotPassword" -> "Forgot Password": words stay words, and "ForgotPassword" still reads "forgotpassword" once compacted.
    private static string Split(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                sb.Append(' ');
            }

            sb.Append(name[i]);
        }

        return sb.ToString();
    }

    // The request types a caller sends (`LoginDto`), not what the server hands in (`CancellationToken`).
    private static string TypeWords(SeparatedSyntaxList<ParameterSyntax> parameters) =>
        HandlerShape.Normalize(string.Join(' ', parameters
            .Select(p => CSharpFileModel.SimpleName(p.Type) ?? string.Empty)
            .Where(t => t is not ("CancellationToken" or "HttpContext" or "HttpRequest" or "ClaimsPrincipal" or "string") && !t.EndsWith("Context", StringComparison.Ordinal) && !t.EndsWith("Service", StringComparison.Ordinal))
            .Select(Split)));

    // "/api/{token}" says nothing about tokens: route parameters are names the caller fills in.
    private static string? StripParameters(string? route)
    {
        if (route is null || !route.Contains('{', StringComparison.Ordinal))
        {
            return route;
        }

        var sb = new System.Text.StringBuilder(route.Length);
        var depth = 0;
        foreach (var c in route)
        {
            depth += c == '{' ? 1 : 0;
            sb.Append(depth > 0 ? ' ' : c);
            depth -= c == '}' && depth > 0 ? 1 : 0;
        }

        return sb.ToString();
    }

    private static EndpointSite? Action(MethodDeclarationSyntax method, AnalysisContext context)
    {
        if (!method.Modifiers.Any(SyntaxKind.PublicKeyword) || method.Modifiers.Any(SyntaxKind.StaticKeyword) || method.Parent is not ClassDeclarationSyntax type)
        {
            return null;
        }

        if (!HandlerTypeCollector.MayHandleRequests(type, context))
        {
            return null;
        }

        var path = context.Path;

        var routes = method.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => a.ArgumentList?.Arguments.Count > 0 && CSharpFileModel.AttributeName(a) is "Route" or "HttpGet" or "HttpPost" or "HttpPut" or "HttpDelete" or "HttpPatch")
            .Select(a => a.ArgumentList!.Arguments[0].Expression.StringLiteralValue());
        var classRoutes = type.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => CSharpFileModel.AttributeName(a) == "Route" && a.ArgumentList?.Arguments.Count > 0)
            .Select(a => a.ArgumentList!.Arguments[0].Expression.StringLiteralValue());
        var names = new List<string> { HandlerShape.Normalize(Split(method.Identifier.ValueText)) };
        names.AddRange(routes.Select(r => HandlerShape.Normalize(StripParameters(r) ?? string.Empty)));
        var types = TypeWords(method.ParameterList.Parameters);
        var page = HandlerTypeCollector.PageOf(path, type.BaseList is null ? null : "PageModel")?.Page;
        var words = HandlerShape.Normalize(string.Join(' ', [.. names, types, Split(type.Identifier.ValueText), page, .. classRoutes.Select(StripParameters)]));
        return new EndpointSite(method.Identifier.Span, method, HandlerSyntax.BodyOf(method), names, types, words, type.Identifier.ValueText, null);
    }

    /// <summary>Whether a call may map a minimal endpoint: <c>x.MapGet(...)</c> and its kin. Cheap, for rules that see every call.</summary>
    public static bool MayMap(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax member && MapVerbs.Contains(member.Name.Identifier.ValueText);

    private static EndpointSite? Minimal(InvocationExpressionSyntax call)
    {
        if (!MayMap(call))
        {
            return null;
        }

        var member = (MemberAccessExpressionSyntax)call.Expression;

        var arguments = call.ArgumentList.Arguments;
        var literal = arguments.FirstOrDefault(a => a.Expression.StringLiteralValue() is not null);
        var handler = arguments.Select(a => a.Expression).LastOrDefault(e => e is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax);
        if (handler is null)
        {
            return null;
        }

        SyntaxNode code = handler;
        if (handler is IdentifierNameSyntax group &&
            call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == group.Identifier.ValueText) is { } sibling)
        {
            code = sibling;
        }

        var end = arguments.Count > 0 && arguments[0] == literal ? literal.Span.End : member.Name.Span.End;
        var type = call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
        var names = new List<string> { HandlerShape.Normalize(StripParameters(literal?.Expression.StringLiteralValue()) ?? string.Empty) };
        if (handler is not AnonymousFunctionExpressionSyntax)
        {
            names.Add(HandlerShape.Normalize(Split(handler is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : handler.ToString())));
        }

        var types = code switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => TypeWords(lambda.ParameterList.Parameters),
            MethodDeclarationSyntax method => TypeWords(method.ParameterList.Parameters),
            _ => string.Empty,
        };
        var words = HandlerShape.Normalize(string.Join(' ', [.. names, types, type is null ? null : Split(type)]));
        return new EndpointSite(TextSpan.FromBounds(member.Name.SpanStart, end), code, HandlerSyntax.BodyOf(code), names, types, words, type, member.Name.Identifier.ValueText);
    }
}
