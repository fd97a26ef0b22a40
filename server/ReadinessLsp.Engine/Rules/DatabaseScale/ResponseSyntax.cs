using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// Which code answers a request and what it sends back, from syntax alone: controller actions,
/// minimal API handlers, MediatR request handlers, and the value a <c>return</c> hands to the
/// client through <c>Ok(...)</c>, <c>View(...)</c>, a mapper or a local.
/// </summary>
internal static class ResponseSyntax
{
    private static readonly HashSet<string> ControllerBases = new(StringComparer.Ordinal)
    {
        "Controller", "ControllerBase", "ApiController", "ODataController",
    };

    private static readonly HashSet<string> HandlerBases = new(StringComparer.Ordinal)
    {
        "IRequestHandler", "IQueryHandler", "IStreamRequestHandler",
    };

    // Wrappers whose first argument is what the client receives.
    private static readonly HashSet<string> ResultWrappers = new(StringComparer.Ordinal)
    {
        "Ok", "View", "PartialView", "Json", "Created", "CreatedAtAction", "CreatedAtRoute", "Accepted", "Success", "Map", "Adapt",
        "ProjectTo", "FromResult", "Result", "Of", "Create", "Response",
    };

    /// <summary>
    /// The member that answers a request around <paramref name="node"/>: a public controller
    /// action, a lambda given to <c>Map*</c>, a request handler's <c>Handle</c>. Null elsewhere.
    /// </summary>
    public static SyntaxNode? EndpointAround(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    if (IsRouteHandler(lambda))
                    {
                        return lambda;
                    }

                    // A lambda inside an action (Select, a local callback) belongs to the action.
                    continue;
                case LocalFunctionStatementSyntax:
                    return null;
                case MethodDeclarationSyntax method:
                    return IsEndpointMethod(method) ? method : null;
                case MemberDeclarationSyntax or GlobalStatementSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A lambda handed to <c>MapGet</c>, <c>MapPost</c>, ...: it runs for each request.</summary>
    public static bool IsRouteHandler(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax owner } } &&
        owner.MethodName() is { } name && name.StartsWith("Map", StringComparison.Ordinal) && name is not ("MapGroup" or "MapControllers" or "MapHub");

    /// <summary>A public action of a controller, or the <c>Handle</c> of a MediatR request handler.</summary>
    public static bool IsEndpointMethod(MethodDeclarationSyntax method)
    {
        if (method.Parent is not TypeDeclarationSyntax type || method.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return false;
        }

        if (method.Identifier.ValueText is "Handle" or "HandleAsync" && Bases(type).Any(HandlerBases.Contains))
        {
            return true;
        }

        return method.Modifiers.Any(SyntaxKind.PublicKeyword) && !CSharpFileModel.HasAttribute(method, "NonAction") && IsController(type);
    }

    /// <summary>A controller by name or base class.</summary>
    public static bool IsController(TypeDeclarationSyntax type) =>
        type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) || Bases(type).Any(ControllerBases.Contains);

    /// <summary>
    /// The expression whose value a <c>return</c> (or an expression body) sends to the client:
    /// <c>Ok(orders)</c>, <c>View(await ...)</c>, <c>_mapper.Map&lt;List&lt;Dto&gt;&gt;(orders)</c>, with the
    /// local followed back to the value it was set to. Null when nothing recognisable is returned.
    /// </summary>
    public static ExpressionSyntax? ReturnedValue(ExpressionSyntax returned, SyntaxNode body)
    {
        var current = returned;
        for (var depth = 0; depth < 12; depth++)
        {
            switch (current)
            {
                case AwaitExpressionSyntax awaited:
                    current = awaited.Expression;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    current = cast.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member }:
                    current = member.Expression;
                    continue;
                case InvocationExpressionSyntax wrapper when IsWrapper(wrapper) && wrapper.ArgumentList.Arguments.Count > 0:
                    current = wrapper.ArgumentList.Arguments[^1].Expression is var last && wrapper.MethodName() is "CreatedAtAction" or "CreatedAtRoute" or "Created"
                        ? last
                        : wrapper.ArgumentList.Arguments[0].Expression;
                    continue;
                case ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var only] } creation when
                    CSharpFileModel.SimpleName(creation.Type) is "OkObjectResult" or "JsonResult" or "ObjectResult":
                    current = only.Expression;
                    continue;
                case IdentifierNameSyntax identifier:
                    return LastValueOf(identifier, body) is { } value && value != current ? Follow(value, body, depth) : identifier;
                default:
                    return current;
            }
        }

        return current;
    }

    private static ExpressionSyntax? Follow(ExpressionSyntax value, SyntaxNode body, int depth) =>
        depth > 10 ? value : ReturnedValue(value, body);

    // Ok(...), View(...), Results.Ok(...), TypedResults.Ok(...), _mapper.Map<T>(...): not a query, a wrapper.
    private static bool IsWrapper(InvocationExpressionSyntax call) =>
        call.MethodName() is { } name && ResultWrappers.Contains(name) &&
        call.Expression is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax or ThisExpressionSyntax or MemberAccessExpressionSyntax };

    /// <summary>
    /// The value a local was last given before <paramref name="use"/> in the body: its initializer or
    /// a later plain assignment (statements of the blocks around the use, no descent into lambdas).
    /// </summary>
    public static ExpressionSyntax? LastValueOf(IdentifierNameSyntax use, SyntaxNode body)
    {
        var name = use.Identifier.ValueText;
        ExpressionSyntax? value = null;
        var root = body is AnonymousFunctionExpressionSyntax lambda ? lambda.Body : body;
        foreach (var node in root.Descendants(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
        {
            if (node.SpanStart >= use.SpanStart)
            {
                break;
            }

            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == name:
                    value = initial;
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var assigned } } assignment when
                    assigned == name && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.Right.Span.Contains(use.Span):
                    value = assignment.Right;
                    break;
            }
        }

        return value;
    }

    private static IEnumerable<string> Bases(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Select(t => CSharpFileModel.SimpleName(t.Type)).OfType<string>() ?? [];
}
