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

    /// <summary>
    /// The words a minimal API handler's call is found by: detectors reading sites take the Map*
    /// calls from these anchors and the methods from the walk of declarations, so a file with a
    /// controller is not walked into every method body for them.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Anchors = MapVerbs;

    /// <summary>The site <paramref name="node"/> is, or null when it cannot be a handler.</summary>
    public static EndpointSite? Of(SyntaxNode node, AnalysisContext context)
    {
        // Most nodes cannot be handlers: said before anything is looked up or allocated.
        switch (node)
        {
            case InvocationExpressionSyntax invocation when !MayMap(invocation):
                return null;
            case MethodDeclarationSyntax method when !MayBeAction(method, context):
                return null;
            case not (InvocationExpressionSyntax or MethodDeclarationSyntax):
                return null;
        }

        // Several endpoint rules ask about the same handler: read it once per file. The rules see the
        // nodes in the same order, so the last few sites answer nearly every question.
        var sites = context.Local<RecentSites>(SitesKey);
        if (!sites.TryGet(node, out var site))
        {
            site = node is MethodDeclarationSyntax action ? Action(action, context) : Minimal((InvocationExpressionSyntax)node);
            sites.Add(node, site);
        }

        return site;
    }

    private static readonly object SitesKey = new();

    // A public instance method of a class that may handle requests.
    private static bool MayBeAction(MethodDeclarationSyntax method, AnalysisContext context) =>
        method.Parent is ClassDeclarationSyntax type && method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword) &&
        HandlerTypeCollector.MayHandleRequests(type, context);

    /// <summary>The sites read last in a file, by node: a small ring, since rules ask in walk order.</summary>
    private sealed class RecentSites
    {
        private const int Size = 8;
        private readonly SyntaxNode?[] _nodes = new SyntaxNode?[Size];
        private readonly EndpointSite?[] _sites = new EndpointSite?[Size];
        private Dictionary<SyntaxNode, EndpointSite?>? _older;
        private int _olderEnd = -1;
        private int _next;

        public bool TryGet(SyntaxNode node, out EndpointSite? site)
        {
            for (var i = 0; i < Size; i++)
            {
                if (ReferenceEquals(_nodes[i], node))
                {
                    site = _sites[i];
                    return true;
                }
            }

            // Nodes come in walk order: one that starts after every node pushed out was never read.
            site = null;
            return _older is not null && node.SpanStart <= _olderEnd && _older.TryGetValue(node, out site);
        }

        public void Add(SyntaxNode node, EndpointSite? site)
        {
            // A node pushed out of the ring is still asked for now and then (a minimal handler's siblings): keep it.
            if (_nodes[_next] is { } evicted)
            {
                (_older ??= new Dictionary<SyntaxNode, EndpointSite?>(NodeIdentity.Instance))[evicted] = _sites[_next];
                _olderEnd = Math.Max(_olderEnd, evicted.SpanStart);
            }

            _nodes[_next] = node;
            _sites[_next] = site;
            _next = (_next + 1) % Size;
        }
    }

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
    private static string TypeWords(SeparatedSyntaxList<ParameterSyntax> parameters)
    {
        System.Text.StringBuilder? sb = null;
        foreach (var parameter in parameters)
        {
            var type = CSharpFileModel.SimpleName(parameter.Type) ?? string.Empty;
            if (type is "CancellationToken" or "HttpContext" or "HttpRequest" or "ClaimsPrincipal" or "string" ||
                type.EndsWith("Context", StringComparison.Ordinal) || type.EndsWith("Service", StringComparison.Ordinal))
            {
                continue;
            }

            (sb ??= new System.Text.StringBuilder()).Append(sb.Length > 0 ? " " : string.Empty).Append(Split(type));
        }

        return sb is null ? string.Empty : HandlerShape.Normalize(sb.ToString());
    }

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
        var type = (ClassDeclarationSyntax)method.Parent!;
        var path = context.Path;

        var names = new List<string>(3) { HandlerShape.Normalize(Split(method.Identifier.ValueText)) };
        foreach (var list in method.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.ArgumentList is { Arguments.Count: > 0 } arguments && CSharpFileModel.AttributeName(attribute) is "Route" or "HttpGet" or "HttpPost" or "HttpPut" or "HttpDelete" or "HttpPatch")
                {
                    names.Add(HandlerShape.Normalize(StripParameters(arguments.Arguments[0].Expression.StringLiteralValue()) ?? string.Empty));
                }
            }
        }

        var classRoutes = new List<string?>(1);
        foreach (var list in type.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.ArgumentList is { Arguments.Count: > 0 } arguments && CSharpFileModel.AttributeName(attribute) == "Route")
                {
                    classRoutes.Add(arguments.Arguments[0].Expression.StringLiteralValue());
                }
            }
        }

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

        // The route literal and the handler (the last delegate), in one pass and without LINQ over the list.
        var arguments = call.ArgumentList.Arguments;
        ArgumentSyntax? literal = null;
        ExpressionSyntax? handler = null;
        foreach (var argument in arguments)
        {
            literal ??= argument.Expression.StringLiteralValue() is not null ? argument : null;
            handler = argument.Expression is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax ? argument.Expression : handler;
        }

        if (handler is null)
        {
            return null;
        }

        TypeDeclarationSyntax? owner = null;
        for (var parent = call.Parent; parent is not null && owner is null; parent = parent.Parent)
        {
            owner = parent as TypeDeclarationSyntax;
        }

        SyntaxNode code = handler;
        if (handler is IdentifierNameSyntax group && owner is not null)
        {
            foreach (var sibling in owner.Members)
            {
                if (sibling is MethodDeclarationSyntax method && method.Identifier.ValueText == group.Identifier.ValueText)
                {
                    code = method;
                    break;
                }
            }
        }

        var end = arguments.Count > 0 && arguments[0] == literal ? literal.Span.End : member.Name.Span.End;
        var type = owner?.Identifier.ValueText;
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
