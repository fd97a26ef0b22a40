using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3130: a new <c>HttpClient</c> per request or per call. Each one opens its own connections,
/// which linger for minutes after it is disposed; under load the machine runs out of sockets.
/// Reported in methods and handlers that run per request, in the fields and constructors of types
/// made per request (controllers, pages, hubs, components, request handlers) and in per-request
/// factories (<c>AddScoped(sp =&gt; new HttpClient())</c>). Silent for shared clients (static fields,
/// static constructors, a lazily set field of a service), startup code, a factory method that
/// returns the client, background workers outside loops, and outside web apps.
/// </summary>
internal sealed class HttpClientPerCallDetector : ICSharpDetector
{
    private static readonly HashSet<string> PerRequestBases =
    [
        "Controller", "ControllerBase", "PageModel", "Hub", "ComponentBase", "OwningComponentBase", "LayoutComponentBase", "IRequestHandler", "INotificationHandler",
    ];

    public string RuleId => "RDY3130";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["HttpClient"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var creation = (ExpressionSyntax)node;
        if (!CreatesHttpClient(creation) || Where(creation) is not { } where)
        {
            return;
        }

        context.Defer(WebAppOnly.Resolver, creation.Span, WebAppOnly.Any, new Dictionary<string, string> { ["where"] = where }, HttpClientFactoryInjection.For(creation, context));
    }

    private static bool CreatesHttpClient(ExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax explicitNew => CSharpFileModel.SimpleName(explicitNew.Type) == "HttpClient",
        ImplicitObjectCreationExpressionSyntax implicitNew => CSharpFileModel.SimpleName(TargetType(implicitNew)) == "HttpClient",
        _ => false,
    };

    // `HttpClient client = new();`, `private readonly HttpClient _http = new();`
    private static TypeSyntax? TargetType(ImplicitObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
        _ => null,
    };

    // Why this client is made per request, or null when it is shared or made once.
    private static string? Where(ExpressionSyntax creation)
    {
        var member = creation.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or GlobalStatementSyntax);
        var type = creation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (member is BaseFieldDeclarationSyntax or PropertyDeclarationSyntax { Initializer: not null } or ConstructorDeclarationSyntax)
        {
            // Made with an instance: shared when the instance is (a static field, a singleton service).
            return member is MemberDeclarationSyntax declared && !declared.Modifiers.Any(SyntaxKind.StaticKeyword) && AssignsInstanceMember(creation) &&
                type is not null && IsPerRequestType(type)
                ? $"for every {Kind(type)} instance, that is for every request"
                : null;
        }

        if (IsReturned(creation) || CreatesLazily(creation) || (AssignedToMember(creation) && InNullCheck(creation)))
        {
            return null;
        }

        return CodeTimings.Of(creation) switch
        {
            CodeTiming.Request when InFactoryLambda(creation) => "for every scope that resolves it (every request, or every Blazor circuit)",
            CodeTiming.Request => "on every call",
            CodeTiming.Background when InLoop(creation) => "on every pass of the loop",
            _ => null,
        };
    }

    private static bool IsPerRequestType(TypeDeclarationSyntax type) =>
        type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) ||
        type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) is { } name && PerRequestBases.Contains(name)) == true;

    private static string Kind(TypeDeclarationSyntax type) =>
        type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) ? "controller" : type.Identifier.ValueText;

    // `_http = new HttpClient()` or `this.Client = ...` outside a field initializer.
    private static bool AssignedToMember(ExpressionSyntax creation) =>
        creation.Parent is AssignmentExpressionSyntax assignment && assignment.Right == creation && !IsLocal(assignment.Left);

    // A field or property initializer, or an assignment to a member: not a local variable.
    private static bool AssignsInstanceMember(ExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax } } } => true,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax } => true,
        AssignmentExpressionSyntax assignment => !IsLocal(assignment.Left),
        _ => false,
    };

    private static bool IsLocal(ExpressionSyntax target)
    {
        if (target is not IdentifierNameSyntax name)
        {
            return false;
        }

        var scope = target.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax);
        if (scope is GlobalStatementSyntax)
        {
            return true;
        }

        return scope is not null && scope.Descendants().OfType<VariableDeclaratorSyntax>().Any(v => v.Identifier.ValueText == name.Identifier.ValueText);
    }

    // `return new HttpClient(handler);` or `=> new HttpClient(...)`: a factory; whoever calls it decides how often.
    private static bool IsReturned(ExpressionSyntax creation) =>
        creation.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax };

    // `_client ??= new HttpClient()`: made once and kept.
    private static bool CreatesLazily(ExpressionSyntax creation) =>
        creation.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression };

    // `if (_client == null) _client = new HttpClient();`
    private static bool InNullCheck(ExpressionSyntax creation)
    {
        var target = ((AssignmentExpressionSyntax)creation.Parent!).Left.ToString();
        return creation.Ancestors().OfType<IfStatementSyntax>().Any(i => i.Condition.ToString().Contains(target, StringComparison.Ordinal) && i.Condition.ToString().Contains("null", StringComparison.Ordinal));
    }

    private static bool InFactoryLambda(ExpressionSyntax creation) =>
        creation.Ancestors().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault()?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } &&
        call.MethodName() is "AddScoped" or "AddTransient" or "TryAddScoped" or "TryAddTransient";

    private static bool InLoop(SyntaxNode node) =>
        node.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
}
