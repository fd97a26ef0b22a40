using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Records classes that may handle requests — controllers (by name, attribute or base class),
/// Razor page models and SignalR hubs — with their routing, authorization and rate-limiting
/// attributes and their public methods. Whether a class really is a controller depends on its base
/// classes, which may live in other files: <see cref="EndpointIndex"/> follows the chain.
/// </summary>
internal sealed class HandlerTypeCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> HubLifecycle = new(StringComparer.Ordinal) { "OnConnectedAsync", "OnDisconnectedAsync", "Dispose", "DisposeAsync" };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ClassDeclaration];

    // A controller without any of these words (no attribute, no action result, no base class
    // named here) is not worth a parse of its file.
    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "ActionResult", "ControllerBase", "ApiController", "[Controller", "PageModel", "Hub", "[Route", "[Http", "Authorize", "AllowAnonymous",
        "RateLimiting",
    ];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var type = (ClassDeclarationSyntax)node;
        if (!MayHandleRequests(type, context))
        {
            return;
        }

        var name = type.Identifier.ValueText;
        var baseType = BaseTypeOf(type);
        var attributes = CSharpFileModel.AttributesOf(type).ToList();
        var attributeNames = attributes.Select(CSharpFileModel.AttributeName).ToList();
        var page = PageOf(context.Path, baseType);
        var isHub = baseType is "Hub";
        var actions = new List<ActionFact>();
        foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
        {
            if (!IsPublicInstance(method) || CSharpFileModel.HasAttribute(method, "NonAction") || (isHub && HubLifecycle.Contains(method.Identifier.ValueText)))
            {
                continue;
            }

            actions.Add(Action(method, name, isHub || baseType is not ("Controller" or "ControllerBase" or "PageModel"), context));
        }

        context.Facts.Add(new HandlerTypeFact(
            name,
            type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? string.Empty,
            baseType,
            type.Modifiers.Any(SyntaxKind.AbstractKeyword),
            attributeNames.Any(a => a is "Controller" or "ApiController"),
            attributeNames.Contains("NonController"),
            attributeNames.Contains("ApiController"),
            HttpAttributes.RouteTemplates(attributes),
            HttpAttributes.Area(attributes) ?? page?.Area,
            HttpAttributes.Auth(attributes, name),
            HttpAttributes.RateLimits(attributes, name),
            actions.ToEquatableArray(),
            page?.Page,
            context.RangeOf(type.Identifier.Span)));
    }

    private static ActionFact Action(MethodDeclarationSyntax method, string typeName, bool mayBroadcast, CSharpContext context)
    {
        var attributes = new List<AttributeSyntax>(4);
        foreach (var list in method.AttributeLists)
        {
            attributes.AddRange(list.Attributes);
        }

        var where = $"{typeName}.{method.Identifier.ValueText}";
        var (verbs, templates) = HttpAttributes.VerbsAndTemplates(attributes);
        var routeParameters = templates.SelectMany(RouteTemplate.Parameters).ToList();
        var body = HandlerSyntax.BodyOf(method);
        return new ActionFact(
            method.Identifier.ValueText,
            verbs,
            templates,
            HttpAttributes.Auth(attributes, where),
            HttpAttributes.RateLimits(attributes, where),
            HandlerSyntax.Parameters(method.ParameterList, routeParameters),
            HandlerSyntax.Writes(body, context),
            mayBroadcast && HandlerSyntax.Broadcasts(body),
            context.RangeOf(method.Identifier.Span),
            context.RangeOf(method.Span));
    }

    /// <summary>
    /// Whether a class may handle requests: named like a controller, a Razor Pages code-behind,
    /// marked <c>[ApiController]</c>/<c>[Controller]</c>/<c>[Route]</c>/<c>[Area]</c>, or deriving from
    /// a controller, page model or hub. Cheap: read from the declaration alone.
    /// </summary>
    public static bool MayHandleRequests(ClassDeclarationSyntax type, AnalysisContext context)
    {
        // Asked by the collector and by every endpoint rule for each method, in walk order: the last class answers.
        var last = context.Local<LastClass>(HandlerClassesKey);
        if (!ReferenceEquals(last.Type, type))
        {
            last.Type = type;
            last.Handles = MayHandleRequests(type, context.Path);
        }

        return last.Handles;
    }

    private sealed class LastClass
    {
        public ClassDeclarationSyntax? Type { get; set; }

        public bool Handles { get; set; }
    }

    private static readonly object HandlerClassesKey = new();

    private static bool MayHandleRequests(ClassDeclarationSyntax type, string path)
    {
        var baseType = BaseTypeOf(type);
        return MayHandleRequests(
            type.Identifier.ValueText,
            baseType,
            [.. CSharpFileModel.AttributesOf(type).Select(CSharpFileModel.AttributeName)],
            PageOf(path, baseType) is not null);
    }

    private static string? BaseTypeOf(ClassDeclarationSyntax type) =>
        type.BaseList?.Types.Select(t => CSharpFileModel.SimpleName(t.Type)).FirstOrDefault(n => n is not null && !IsInterfaceName(n));

    private static bool MayHandleRequests(string name, string? baseType, List<string> attributes, bool isPage) =>
        name.EndsWith("Controller", StringComparison.Ordinal) || name.EndsWith("ControllerBase", StringComparison.Ordinal) ||
        isPage ||
        attributes.Any(a => a is "ApiController" or "Controller" or "Route" or "Area") ||
        (baseType is not null && (baseType.EndsWith("Controller", StringComparison.Ordinal) || baseType.EndsWith("ControllerBase", StringComparison.Ordinal) ||
            baseType.EndsWith("PageModel", StringComparison.Ordinal) || baseType == "Hub" ||
            attributes.Any(a => a is "Authorize" or "AllowAnonymous")));

    // I-prefixed names in a base list are interfaces: `class OrdersController : ControllerBase, IDisposable`.
    private static bool IsInterfaceName(string name) => name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]);

    private static bool IsPublicInstance(MethodDeclarationSyntax method) =>
        method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword) &&
        method.ExplicitInterfaceSpecifier is null && method.TypeParameterList is null;

    /// <summary>
    /// The page name of a Razor page from its code-behind's path, and its area: <c>Pages/Orders/Edit.cshtml.cs</c>
    /// is "/Orders/Edit", <c>Areas/Identity/Pages/Account/Login.cshtml.cs</c> is "/Account/Login" in
    /// area "Identity", and an Index page is its folder.
    /// </summary>
    public static (string Page, string? Area)? PageOf(string path, string? baseType)
    {
        if (!path.EndsWith(".cshtml.cs", StringComparison.OrdinalIgnoreCase) || baseType is null)
        {
            return null;
        }

        var segments = path.Replace('\\', '/').Split('/');
        var pages = Array.FindLastIndex(segments, s => s.Equals("Pages", StringComparison.OrdinalIgnoreCase));
        if (pages < 0)
        {
            return null;
        }

        var area = pages >= 2 && segments[pages - 2].Equals("Areas", StringComparison.OrdinalIgnoreCase) ? segments[pages - 1] : null;
        var parts = segments[(pages + 1)..].ToList();
        parts[^1] = parts[^1][..^".cshtml.cs".Length];
        if (parts[^1].Equals("Index", StringComparison.OrdinalIgnoreCase))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return ("/" + string.Join('/', parts), area);
    }
}
