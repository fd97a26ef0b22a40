using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Records what the top-level statements, <c>Main</c>, <c>Startup.Configure</c> and every method
/// that takes a route builder map: minimal API endpoints with their route groups and conventions,
/// hubs, controllers and Razor Pages, and the calls that hand a builder to another method
/// (<c>app.MapTodoEndpoints()</c>), so groups built in other files are followed when the model is built.
/// Only methods that can see a route builder are read, so the cost stays with startup code.
/// </summary>
internal sealed class RouteMethodCollector : ICSharpFactCollector
{
    private static readonly Dictionary<string, string> VerbMaps = new(StringComparer.Ordinal)
    {
        ["MapGet"] = "GET",
        ["MapPost"] = "POST",
        ["MapPut"] = "PUT",
        ["MapPatch"] = "PATCH",
        ["MapDelete"] = "DELETE",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.CompilationUnit, SyntaxKind.MethodDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods", "MapGroup", "MapHub", "MapControllers", "MapControllerRoute",
        "MapDefaultControllerRoute", "MapAreaControllerRoute", "MapRazorPages", "UseEndpoints", "WebApplication", "IEndpointRouteBuilder",
        "RouteGroupBuilder",
    ];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        if (node is CompilationUnitSyntax unit)
        {
            if (unit.Members.Any(m => m is GlobalStatementSyntax))
            {
                Read(new RouteScope(unit, "Program", string.Empty, default, false, context), context);
            }

            return;
        }

        var method = (MethodDeclarationSyntax)node;
        var parameters = method.ParameterList.Parameters;
        var isEntry = method.Identifier.ValueText is "Main" or "Configure";
        if (!isEntry && !parameters.Any(p => RouteBuilders.IsBuilderType(p.Type)))
        {
            return;
        }

        var type = method.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "Program";
        var isExtension = parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true;
        Read(new RouteScope(method, type, method.Identifier.ValueText, parameters, isExtension, context), context);
    }

    private static void Read(RouteScope scope, CSharpContext context)
    {
        var endpoints = new List<MappedEndpointFact>();
        var calls = new List<RouteCallFact>();
        foreach (var call in scope.Invocations())
        {
            var name = call.MethodName();
            if (name is null || RouteBuilders.IsConvention(name) || name == "MapGroup")
            {
                continue;
            }

            var mapped = Mapping(call, name, scope, context);
            if (mapped is not null)
            {
                if (!EnvironmentGuard.IsDevelopmentOnly(call))
                {
                    endpoints.Add(mapped);
                }

                continue;
            }

            if (!RouteBuilders.IsFramework(name) && RouteCall(call, name, scope) is { } routeCall)
            {
                calls.Add(routeCall);
            }
        }

        if (endpoints.Count + calls.Count > 0)
        {
            context.Facts.Add(new RouteMethodFact(scope.Type, scope.Method, scope.IsExtension, scope.ParameterCount, endpoints.ToEquatableArray(), calls.ToEquatableArray()));
        }
    }

    private static MappedEndpointFact? Mapping(InvocationExpressionSyntax call, string name, RouteScope scope, CSharpContext context)
    {
        if (call.Receiver() is not { } receiver)
        {
            return null;
        }

        var arguments = call.ArgumentList.Arguments;
        switch (name)
        {
            case "MapControllers" or "MapDefaultControllerRoute":
                return Mapped(MappingKind.Controllers, [], name == "MapDefaultControllerRoute" ? "{controller=Home}/{action=Index}/{id?}" : string.Empty);
            case "MapControllerRoute" or "MapAreaControllerRoute":
                var pattern = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "pattern") ?? arguments.LastOrDefault(a => a.Expression.StringLiteralValue() is not null);
                return pattern?.Expression.StringLiteralValue() is { } template ? Mapped(MappingKind.Controllers, [], template) : null;
            case "MapRazorPages":
                return Mapped(MappingKind.RazorPages, [], string.Empty);
            case "MapHub" when call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax hub } && hub.TypeArgumentList.Arguments.Count == 1:
                return Mapped(MappingKind.Hub, [], arguments.FirstOrDefault()?.Expression.StringLiteralValue() ?? string.Empty, CSharpFileModel.SimpleName(hub.TypeArgumentList.Arguments[0]));
        }

        var verbs = VerbMaps.TryGetValue(name, out var verb) ? [verb] : name == "MapMethods" ? Methods(arguments) : null;
        if (verbs is null && !(name == "Map" && arguments.Count == 2))
        {
            return null;
        }

        // The route is the literal argument (custom wrappers put it second), the handler the last delegate.
        var literal = arguments.Select(a => a.Expression.StringLiteralValue()).FirstOrDefault(v => v is not null);
        var route = literal ?? (arguments.Count > 1 ? "{" + arguments[0].Expression + "}" : null);
        var handler = arguments.Select(a => a.Expression)
            .Where((e, i) => e is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax && (literal is not null || i > 0 || arguments.Count == 1))
            .LastOrDefault();
        if (handler is null || (route is null && name == "Map") || scope.IsParameter(handler))
        {
            return null; // A wrapper forwarding its own handler parameter: its callers map the real endpoints.
        }

        var routeParameters = route is null ? [] : RouteTemplate.Parameters(route).ToList();
        var found = Handler(handler, routeParameters, scope);
        return Mapped(MappingKind.Minimal, verbs ?? [], route ?? string.Empty, found.Member, found.Parameters, HandlerSyntax.Writes(found.Body, scope.Context), found.Span, found.Attributes);

        MappedEndpointFact Mapped(
            MappingKind kind,
            string[] mappedVerbs,
            string pattern,
            string? handlerName = null,
            EquatableArray<HandlerParameter> handlerParameters = default,
            bool writes = false,
            FactSpan handlerSpan = default,
            IReadOnlyList<AttributeSyntax>? attributes = null)
        {
            var where = scope.Describe(call);
            var chain = scope.Chains.Evaluate(receiver)
                .With(HttpAttributes.Auth(attributes ?? [], $"the handler of {where}"), HttpAttributes.RateLimits(attributes ?? [], $"the handler of {where}"))
                .With(Conventions.After(call, where), Conventions.RateLimitsAfter(call, where));
            chain = chain.With(scope.Chains.StatementConventionsOfResult(call), scope.Chains.StatementRateLimitsOfResult(call));
            var end = arguments.FirstOrDefault()?.Expression.StringLiteralValue() is not null ? arguments[0].Span.End : call.Expression.Span.End;
            var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(((MemberAccessExpressionSyntax)call.Expression).Name.SpanStart, end);
            return new MappedEndpointFact(kind, mappedVerbs, pattern, chain, handlerName, handlerParameters, writes, context.RangeOf(span), handlerSpan == default ? context.RangeOf(span) : handlerSpan);
        }
    }

    private static string[] Methods(SeparatedSyntaxList<ArgumentSyntax> arguments) =>
        arguments.Count > 1 && arguments[1].Expression is { } methods
            ? [.. methods.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Select(l => l.Token.ValueText.ToUpperInvariant()).Where(v => v.Length > 0)]
            : [];

    // The handler's member as CodeScope names it, its parameters, its body, and where it is.
    private static (string? Member, EquatableArray<HandlerParameter> Parameters, SyntaxNode? Body, FactSpan Span, IReadOnlyList<AttributeSyntax> Attributes) Handler(
        ExpressionSyntax handler, IReadOnlyCollection<string> routeParameters, RouteScope scope)
    {
        if (handler is AnonymousFunctionExpressionSyntax lambda)
        {
            var parameters = lambda switch
            {
                ParenthesizedLambdaExpressionSyntax p => HandlerSyntax.Parameters(p.ParameterList, routeParameters),
                SimpleLambdaExpressionSyntax s => new EquatableArray<HandlerParameter>([HandlerSyntax.Parameter(s.Parameter, routeParameters)]),
                AnonymousMethodExpressionSyntax a => HandlerSyntax.Parameters(a.ParameterList, routeParameters),
                _ => EquatableArray<HandlerParameter>.Empty,
            };
            return (CodeScope.MemberOf(lambda.Body), parameters, lambda.Body, scope.Context.RangeOf(lambda.Span), [.. CSharpFileModel.AttributesOf(lambda)]);
        }

        // A method group: `GetOrderAsync` in this class, `OrdersApi.GetOrderAsync` elsewhere.
        var methodName = handler is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)handler).Identifier.ValueText;
        var owner = handler is MemberAccessExpressionSyntax { Expression: var qualifier } ? LastIdentifier(qualifier) : scope.Type;
        if (owner == "Program" && handler is IdentifierNameSyntax)
        {
            return ("Program", EquatableArray<HandlerParameter>.Empty, null, scope.Context.RangeOf(handler.Span), []);
        }

        var declaration = owner == scope.Type ? scope.SiblingMethod(methodName) : null;
        return (
            $"{owner}.{methodName}",
            declaration is null ? EquatableArray<HandlerParameter>.Empty : HandlerSyntax.Parameters(declaration.ParameterList, routeParameters),
            declaration is null ? null : HandlerSyntax.BodyOf(declaration),
            scope.Context.RangeOf(declaration is null ? handler.Span : declaration.Span),
            declaration is null ? [] : [.. CSharpFileModel.AttributesOf(declaration)]);
    }

    private static string LastIdentifier(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => expression.ToString(),
    };

    private static RouteCallFact? RouteCall(InvocationExpressionSyntax call, string name, RouteScope scope)
    {
        if (!(call.Receiver() is { } r && scope.MayBeBuilder(r)) && !call.ArgumentList.Arguments.Any(a => scope.MayBeBuilder(a.Expression)))
        {
            return null;
        }

        var arguments = new List<RouteArgument>();
        string? qualifier = null;
        if (call.Receiver() is { } receiver)
        {
            var chain = scope.Chains.Evaluate(receiver);
            if (chain.Root != ChainRoot.Unknown)
            {
                arguments.Add(new RouteArgument(-1, chain));
            }
            else if (receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                qualifier = LastIdentifier(receiver);
            }
        }

        var index = 0;
        foreach (var argument in call.ArgumentList.Arguments)
        {
            var chain = scope.Chains.Evaluate(argument.Expression);
            if (chain.Root != ChainRoot.Unknown)
            {
                arguments.Add(new RouteArgument(index, chain));
            }

            index++;
        }

        if (arguments.Count == 0)
        {
            return null;
        }

        var describe = $"what {name}() returns";
        return new RouteCallFact(name, qualifier, arguments.ToEquatableArray(), Conventions.After(call, describe), Conventions.RateLimitsAfter(call, describe));
    }
}
