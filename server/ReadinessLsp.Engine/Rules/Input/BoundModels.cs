using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// The parameters of a possible request handler that a request may fill with a model: complex
/// types, not services, not simple values. Whether the function really handles requests, and
/// where each parameter comes from, is the endpoint model's answer at resolve time.
/// </summary>
internal static class BoundModels
{
    private static readonly HashSet<string> NotModels =
    [
        "string", "String", "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "Uri", "CancellationToken", "HttpContext",
        "HttpRequest", "HttpResponse", "ClaimsPrincipal", "IFormFile", "IFormFileCollection", "IFormCollection", "JsonElement", "JsonDocument", "JObject",
        "JToken", "Stream", "object", "dynamic", "Dictionary", "IDictionary", "List", "IEnumerable", "IList", "ICollection",
    ];

    /// <summary>
    /// A function that may handle requests: a public method of a class that looks like a controller or
    /// page model (by name, base type or attributes), or one with an <c>[Http*]</c> attribute; or a
    /// lambda mapped with <c>Map*</c>. Services' methods are left out before the endpoint model is asked.
    /// </summary>
    public static bool IsHandlerShape(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Parent is ClassDeclarationSyntax type && !method.Modifiers.Any(SyntaxKind.StaticKeyword) &&
            method.Modifiers.Any(SyntaxKind.PublicKeyword) && (LooksLikeController(type) || HasHttpAttribute(method)),
        ParenthesizedLambdaExpressionSyntax lambda => lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } &&
            call.MethodName() is { } name && name.StartsWith("Map", StringComparison.Ordinal),
        _ => false,
    };

    private static bool LooksLikeController(ClassDeclarationSyntax type) =>
        type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) ||
        type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) is { } name &&
            (name.EndsWith("Controller", StringComparison.Ordinal) || name.EndsWith("ControllerBase", StringComparison.Ordinal) || name == "PageModel")) == true ||
        CSharpFileModel.HasAttribute(type, static name => name is "ApiController" or "Controller" or "Route");

    private static bool HasHttpAttribute(MethodDeclarationSyntax method) =>
        CSharpFileModel.HasAttribute(method, static name => name.StartsWith("Http", StringComparison.Ordinal) || name is "AcceptVerbs" or "Route");

    public static SeparatedSyntaxList<ParameterSyntax> ParametersOf(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.ParameterList.Parameters,
        ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
        _ => default,
    };

    /// <summary>A parameter whose type could be a model the request fills: a class or record, not a simple value or a service.</summary>
    public static bool MayBeModel(ParameterSyntax parameter)
    {
        if (parameter.Type is null or PredefinedTypeSyntax or ArrayTypeSyntax || parameter.Type is NullableTypeSyntax { ElementType: PredefinedTypeSyntax })
        {
            return false;
        }

        var name = CSharpFileModel.SimpleName(parameter.Type);
        if (name is null || NotModels.Contains(name) || (name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1])) || name.StartsWith("ILogger", StringComparison.Ordinal))
        {
            return false;
        }

        return !CSharpFileModel.HasAttribute(parameter, static name => name is "FromServices" or "FromKeyedServices" or "FromQuery" or "FromRoute" or "FromHeader");
    }

    /// <summary>The type's simple name, without nullability: <c>CreateOrderRequest</c> for <c>CreateOrderRequest?</c>.</summary>
    public static string TypeName(ParameterSyntax parameter) =>
        CSharpFileModel.SimpleName(parameter.Type is NullableTypeSyntax nullable ? nullable.ElementType : parameter.Type) ?? string.Empty;

    /// <summary>Where the endpoint fills the parameter from, or null when the function handles no request.</summary>
    public static (Endpoint Endpoint, HandlerParameter Parameter)? Bound(EndpointIndex endpoints, string path, string? member, Microsoft.CodeAnalysis.Text.LinePosition at, string parameter)
    {
        if (member is null || endpoints.ForMember(path, member, at) is not { } endpoint)
        {
            return null;
        }

        return endpoint.Parameters.FirstOrDefault(p => p.Name == parameter) is { Source: ParameterSource.Body or ParameterSource.Form } bound ? (endpoint, bound) : null;
    }

    /// <summary>
    /// Whether the endpoint takes data: a POST, PUT or PATCH, as its attributes or <c>Map*</c> call say
    /// (the words the input detectors look for; a conventional action that accepts any verb is not
    /// told apart from a page that shows a form).
    /// </summary>
    public static bool TakesData(Endpoint endpoint) =>
        endpoint.Kind is EndpointKind.Action or EndpointKind.Minimal && endpoint.Verbs.Any(v => v is "POST" or "PUT" or "PATCH");
}
