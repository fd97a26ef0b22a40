using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// Where a value leaves the server for the client, by name: MVC and minimal-API results, writes to
/// the response, messages shown on the next page (model errors, <c>TempData</c>), SignalR sends and
/// gRPC statuses.
/// </summary>
internal static class ResponseSinks
{
    private static readonly HashSet<string> ControllerResults =
    [
        "Ok", "BadRequest", "NotFound", "Conflict", "StatusCode", "Problem", "ValidationProblem", "UnprocessableEntity", "Unauthorized",
        "Json", "Content", "Created", "CreatedAtAction", "CreatedAtRoute", "Accepted", "AcceptedAtAction", "AcceptedAtRoute", "View",
        "PartialView", "Page", "AddModelError",
    ];

    private static readonly HashSet<string> ResultTypes =
    [
        "ObjectResult", "JsonResult", "ContentResult", "BadRequestObjectResult", "OkObjectResult", "NotFoundObjectResult", "ConflictObjectResult",
        "UnprocessableEntityObjectResult", "ProblemDetails", "ValidationProblemDetails", "RpcException", "Status", "HttpResponseException",
    ];

    private static readonly HashSet<string> ResponseWrites = ["WriteAsync", "WriteAsJsonAsync", "WriteAsJson", "Write"];

    /// <summary>A call that answers the client with its arguments, described for the message; null when it is not one.</summary>
    public static string? Call(InvocationExpressionSyntax call)
    {
        if (call.MethodName() is not { } name)
        {
            return null;
        }

        var receiver = call.Receiver();
        if (receiver is IdentifierNameSyntax { Identifier.ValueText: "Results" or "TypedResults" })
        {
            return $"Results.{name}(...)";
        }

        if ((receiver is null or ThisExpressionSyntax or BaseExpressionSyntax || receiver is IdentifierNameSyntax { Identifier.ValueText: "ModelState" }) && ControllerResults.Contains(name))
        {
            return $"{name}(...)";
        }

        if (ResponseWrites.Contains(name) && receiver is not null && receiver.ToString() is var text &&
            (text.EndsWith("Response", StringComparison.Ordinal) || text.EndsWith("Response.Body", StringComparison.Ordinal)))
        {
            return $"Response.{name}(...)";
        }

        if (name == "SendAsync" && receiver?.ToString().Contains("Clients", StringComparison.Ordinal) == true)
        {
            return "Clients.SendAsync(...)";
        }

        return null;
    }

    /// <summary>An object that becomes the response body or status: <c>new ObjectResult(...)</c>, <c>new ProblemDetails { Detail = ... }</c>.</summary>
    public static string? Creation(BaseObjectCreationExpressionSyntax creation) =>
        creation is ObjectCreationExpressionSyntax { Type: var type } && CSharpFileModel.SimpleName(type) is { } name && ResultTypes.Contains(name) ? $"new {name}(...)" : null;

    /// <summary><c>TempData["Error"] = ...</c>, <c>ViewBag.Error = ...</c>, <c>ViewData["Error"] = ...</c>: shown on the next page.</summary>
    public static string? Target(ExpressionSyntax target) => target switch
    {
        ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TempData" or "ViewData" } name } => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ViewBag" } } => "ViewBag",
        _ => null,
    };
}
