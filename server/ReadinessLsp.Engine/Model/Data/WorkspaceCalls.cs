using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Calls that may reach a repository, a service or a mediator handler of the workspace, named so
/// the EF model can answer what the callee does (<see cref="EfView.Methods(EfMethodRef)"/>).
/// </summary>
internal static class WorkspaceCalls
{
    // Receivers that are never the workspace's own data access.
    private static readonly HashSet<string> FrameworkTypes = new(StringComparer.Ordinal)
    {
        "ILogger", "IMapper", "IConfiguration", "IOptions", "HttpClient", "IHttpClientFactory", "IWebHostEnvironment", "IMemoryCache",
        "IDistributedCache", "UserManager", "SignInManager", "RoleManager", "string", "String", "StringBuilder", "List", "Dictionary",
    };

    /// <summary>
    /// The workspace method a call may reach: <c>_orders.GetAllAsync()</c> through the receiver's
    /// declared type, <c>GetUser(id)</c> in the same class, <c>_mediator.Send(new GetOrders())</c>
    /// through the request's handler. Null when the call names no type the file knows.
    /// </summary>
    public static EfMethodRef? Of(InvocationExpressionSyntax call, EfFile file)
    {
        switch (call.Expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: var name }:
                return call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } own ? new EfMethodRef(own.Identifier.ValueText, name) : null;
            case GenericNameSyntax generic:
                return call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } owner ? new EfMethodRef(owner.Identifier.ValueText, generic.Identifier.ValueText) : null;
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var method }:
                return call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } self ? new EfMethodRef(self.Identifier.ValueText, method) : null;
            case MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var method }:
                var type = CSharpFileModel.SimpleName(file.DeclaredTypeOf(receiver));
                if (type is null || FrameworkTypes.Contains(type))
                {
                    return null;
                }

                if (method is "Send" or "SendAsync" && type is "IMediator" or "ISender" or "Mediator" &&
                    call.ArgumentList.Arguments.FirstOrDefault()?.Expression is ObjectCreationExpressionSyntax request)
                {
                    return new EfMethodRef($"IRequestHandler<{CSharpFileModel.SimpleName(request.Type)}>", "Handle");
                }

                // IRepository<Order>: the generic repository's methods are declared on IRepository.
                return new EfMethodRef(type, method);
            default:
                return null;
        }
    }
}
