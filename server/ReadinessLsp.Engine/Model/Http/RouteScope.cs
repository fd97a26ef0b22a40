using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>Names that route builders are known by: their types, the conventions on them, and framework calls that are not route methods.</summary>
internal static class RouteBuilders
{
    private static readonly HashSet<string> ConventionNames = new(StringComparer.Ordinal)
    {
        "RequireAuthorization", "AllowAnonymous", "RequireRateLimiting", "DisableRateLimiting",
    };

    public static bool IsBuilderType(TypeSyntax? type) =>
        CSharpFileModel.SimpleName(type) is { } name &&
        (name is "WebApplication" or "IApplicationBuilder" || name.EndsWith("EndpointRouteBuilder", StringComparison.Ordinal) || name.EndsWith("GroupBuilder", StringComparison.Ordinal));

    public static bool IsConvention(string name) => ConventionNames.Contains(name);

    // Framework calls on the app that never map endpoints of the app's own code.
    public static bool IsFramework(string name) =>
        name is "Run" or "RunAsync" or "Build" or "MapGroup" or "UseEndpoints" or "MapFallbackToFile" or "MapStaticAssets" or "MapHealthChecks" or "MapOpenApi" ||
        (name.StartsWith("Use", StringComparison.Ordinal) && name is not ("UseEndpoints")) ||
        name.StartsWith("With", StringComparison.Ordinal) || name.StartsWith("Add", StringComparison.Ordinal) ||
        name.StartsWith("Produces", StringComparison.Ordinal) || name.StartsWith("Has", StringComparison.Ordinal);
}

/// <summary>
/// The statements of one method (or of the top-level program) that maps endpoints, with what its
/// local variables and parameters hold: <c>var api = app.MapGroup("/api").RequireAuthorization();</c>
/// makes <c>api</c> a group under the app; <c>group.RequireAuthorization();</c> as a statement adds
/// to the group whatever order it comes in, as ASP.NET Core applies group conventions when the app starts.
/// </summary>
internal sealed class RouteScope
{
    private readonly SyntaxNode _root;
    private readonly SeparatedSyntaxList<ParameterSyntax> _parameters;

    public RouteScope(SyntaxNode root, string type, string method, SeparatedSyntaxList<ParameterSyntax> parameters, bool isExtension, CSharpContext context)
    {
        _root = root;
        _parameters = parameters;
        Type = type;
        Method = method;
        IsExtension = isExtension;
        Context = context;
        Chains = new ChainEvaluator(this);
    }

    public string Type { get; }

    public string Method { get; }

    public bool IsExtension { get; }

    public int ParameterCount => _parameters.Count;

    public CSharpContext Context { get; }

    public ChainEvaluator Chains { get; }

    /// <summary>The statements of the scope, without nested types, other methods or the code of the handlers it maps.</summary>
    public IEnumerable<SyntaxNode> Nodes() => _root switch
    {
        CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().SelectMany(g => g.Descendants(IntoRouteCode)),
        BaseMethodDeclarationSyntax method => HandlerSyntax.BodyOf(method)?.Descendants(IntoRouteCode) ?? [],
        _ => [],
    };

    // A handler's code (`app.MapGet("/", async (...) => { ... })`) maps nothing: not worth reading here.
    private static bool IntoRouteCode(SyntaxNode node) =>
        node is not AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax owner } } ||
        owner.MethodName() is not { } name || !name.StartsWith("Map", StringComparison.Ordinal) || name == "MapGroup";

    public IEnumerable<InvocationExpressionSyntax> Invocations() => Nodes().OfType<InvocationExpressionSyntax>();

    /// <summary>The index of the scope's parameter named like <paramref name="expression"/>, or -1.</summary>
    public int ParameterIndex(ExpressionSyntax expression)
    {
        if (expression is not IdentifierNameSyntax name)
        {
            return -1;
        }

        for (var i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Identifier.ValueText == name.Identifier.ValueText && !ShadowedByLambda(name))
            {
                return i;
            }
        }

        return -1;
    }

    public bool IsParameter(ExpressionSyntax expression) => ParameterIndex(expression) >= 0;

    /// <summary>
    /// Whether an expression may hold a route builder: it names a builder-typed parameter, the app,
    /// or a variable whose initializer does; or it is a call on one. A cheap test before evaluating.
    /// </summary>
    public bool MayBeBuilder(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => BuilderNames().Contains(name.Identifier.ValueText),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } } => MayBeBuilder(receiver),
        ParenthesizedExpressionSyntax parenthesized => MayBeBuilder(parenthesized.Expression),
        _ => false,
    };

    private HashSet<string>? _builderNames;

    // Parameters typed as builders, the app's variables, lambda parameters of UseEndpoints, and
    // variables initialised from any of these (to a fixed point, as one may feed the next).
    private HashSet<string> BuilderNames()
    {
        if (_builderNames is not null)
        {
            return _builderNames;
        }

        var names = new HashSet<string>(_parameters.Where(p => RouteBuilders.IsBuilderType(p.Type)).Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
        names.UnionWith(Context.Model.AppNames);
        var declarators = Nodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Initializer is not null).ToList();
        foreach (var lambda in Nodes().OfType<SimpleLambdaExpressionSyntax>())
        {
            names.Add(lambda.Parameter.Identifier.ValueText);
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var variable in declarators)
            {
                if (!names.Contains(variable.Identifier.ValueText) && variable.Initializer!.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => names.Contains(i.Identifier.ValueText)))
                {
                    changed |= names.Add(variable.Identifier.ValueText);
                }
            }
        }

        return _builderNames = names;
    }

    public string ParameterName(int index) => index >= 0 && index < _parameters.Count ? _parameters[index].Identifier.ValueText : "?";

    /// <summary>A method of the same class, for handlers given as method groups (<c>api.MapGet("/", GetOrders)</c>).</summary>
    public MethodDeclarationSyntax? SiblingMethod(string name) =>
        _root.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Members.OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Identifier.ValueText == name);

    /// <summary>How a reason names the thing a convention is applied to: <c>MapDelete("/api/messages/{id}")</c>.</summary>
    public string Describe(InvocationExpressionSyntax call)
    {
        var route = call.ArgumentList.Arguments.Select(a => a.Expression.StringLiteralValue()).FirstOrDefault(v => v is not null);
        return route is null ? $"{call.MethodName()}()" : $"{call.MethodName()}(\"{route}\")";
    }

    private static bool ShadowedByLambda(IdentifierNameSyntax name) =>
        name.Ancestors().Any(a => a switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText == name.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name.Identifier.ValueText),
            _ => false,
        });
}

/// <summary>Evaluates an expression of a <see cref="RouteScope"/> to the route builder it holds.</summary>
internal sealed class ChainEvaluator
{
    private const int MaxDepth = 8;

    private readonly RouteScope _scope;
    private Dictionary<string, ExpressionSyntax>? _bindings;
    private Dictionary<string, (List<AuthMeta> Auth, List<RateLimitMeta> RateLimits)>? _statements;
    private readonly Dictionary<string, RouteChain> _variables = new(StringComparer.Ordinal);

    public ChainEvaluator(RouteScope scope) => _scope = scope;

    public RouteChain Evaluate(ExpressionSyntax expression) => Evaluate(expression, 0);

    /// <summary>Conventions applied in later statements to the variable a <c>Map*</c> call's result is stored in.</summary>
    public IEnumerable<AuthMeta> StatementConventionsOfResult(InvocationExpressionSyntax call) =>
        StoredIn(call) is { } variable && Statements().TryGetValue(variable, out var applied) ? applied.Auth : [];

    public IEnumerable<RateLimitMeta> StatementRateLimitsOfResult(InvocationExpressionSyntax call) =>
        StoredIn(call) is { } variable && Statements().TryGetValue(variable, out var applied) ? applied.RateLimits : [];

    private RouteChain Evaluate(ExpressionSyntax expression, int depth)
    {
        if (depth > MaxDepth)
        {
            return RouteChain.Unknown;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, depth + 1);
            case CastExpressionSyntax cast:
                return Evaluate(cast.Expression, depth + 1);
            case AwaitExpressionSyntax awaited:
                return Evaluate(awaited.Expression, depth + 1);
            case IdentifierNameSyntax name:
                return WithStatements(Identifier(name, depth), name.Identifier.ValueText);
            case InvocationExpressionSyntax call when call.Receiver() is { } receiver:
                var inner = Evaluate(receiver, depth + 1);
                if (inner.Root == ChainRoot.Unknown)
                {
                    return inner;
                }

                var method = call.MethodName()!;
                if (method == "MapGroup")
                {
                    var prefix = call.ArgumentList.Arguments.FirstOrDefault()?.Expression is { } p ? p.StringLiteralValue() ?? "{" + p + "}" : string.Empty;
                    return inner with { Prefixes = new([.. inner.Prefixes, prefix]) };
                }

                if (RouteBuilders.IsConvention(method))
                {
                    var where = Describe(receiver, inner);
                    return inner.With(Conventions.AuthOf(call, where) is { } auth ? [auth] : [], Conventions.RateLimitOf(call, where) is { } limit ? [limit] : []);
                }

                // MapGet and friends return an endpoint, not a group; anything else (NewVersionedApi, WithTags) passes the builder through,
                // and the app's own helpers (WithPamDefaults) may apply conventions the model finds in their file.
                if (method.StartsWith("Map", StringComparison.Ordinal))
                {
                    return IsRouteMethodCall(method) ? inner : RouteChain.Unknown;
                }

                return Conventions.MayBeHelper(method) ? inner.With([Conventions.Helper(method, Describe(receiver, inner))], []) : inner;
            default:
                return RouteChain.Unknown;
        }
    }

    private RouteChain Identifier(IdentifierNameSyntax name, int depth)
    {
        var text = name.Identifier.ValueText;
        var index = _scope.ParameterIndex(name);
        if (index >= 0)
        {
            return RouteChain.Unknown with { Root = ChainRoot.Parameter, Parameter = index };
        }

        if (_scope.Context.Model.AppNames.Contains(text))
        {
            return RouteChain.Unknown with { Root = ChainRoot.App };
        }

        if (Bindings().TryGetValue(text, out var initializer) && initializer.SpanStart < name.SpanStart)
        {
            // A variable holds one builder wherever it is used: evaluated once.
            if (!_variables.TryGetValue(text, out var chain))
            {
                _variables[text] = chain = Evaluate(initializer, depth + 1);
            }

            return chain;
        }

        // `app.UseEndpoints(endpoints => endpoints.MapControllers())`: the lambda's parameter is the app's builder.
        foreach (var lambda in name.Ancestors().OfType<LambdaExpressionSyntax>())
        {
            var parameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } p => p.ParameterList.Parameters[0].Identifier.ValueText,
                _ => null,
            };
            if (parameter == text && lambda.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { } owner } && owner.MethodName() == "UseEndpoints")
            {
                var app = owner.Receiver() is { } receiver ? Evaluate(receiver, depth + 1) : RouteChain.Unknown;
                return app.Root == ChainRoot.Unknown ? RouteChain.Unknown with { Root = ChainRoot.App } : app;
            }
        }

        return RouteChain.Unknown;
    }

    // A user method that maps on the builder it is given and returns a group (`app.MapOrdersApiV1()`) is a route call, not an endpoint.
    private static bool IsRouteMethodCall(string name) =>
        !name.StartsWith("MapGet", StringComparison.Ordinal) && !name.StartsWith("MapPost", StringComparison.Ordinal) &&
        !name.StartsWith("MapPut", StringComparison.Ordinal) && !name.StartsWith("MapPatch", StringComparison.Ordinal) &&
        !name.StartsWith("MapDelete", StringComparison.Ordinal) && name is not ("MapMethods" or "Map" or "MapHub" or "MapControllers" or "MapRazorPages" or
            "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute" or "MapFallback" or "MapFallbackToPage" or "MapFallbackToController");

    private RouteChain WithStatements(RouteChain chain, string variable) =>
        chain.Root != ChainRoot.Unknown && Statements().TryGetValue(variable, out var applied) ? chain.With(applied.Auth, applied.RateLimits) : chain;

    private string Describe(ExpressionSyntax receiver, RouteChain chain)
    {
        if (chain.Prefixes.Count > 0)
        {
            return $"MapGroup(\"{chain.Prefixes[^1]}\")";
        }

        return chain.Root == ChainRoot.Parameter
            ? $"the group `{_scope.ParameterName(chain.Parameter)}` of {_scope.Type}.{_scope.Method}"
            : receiver is IdentifierNameSyntax ? $"`{receiver}`" : "the app";
    }

    private static string? StoredIn(InvocationExpressionSyntax call)
    {
        SyntaxNode top = call;
        while (top.Parent is MemberAccessExpressionSyntax member && member.Expression == top && member.Parent is InvocationExpressionSyntax outer)
        {
            top = outer;
        }

        return top.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } ? variable.Identifier.ValueText : null;
    }

    private Dictionary<string, ExpressionSyntax> Bindings()
    {
        if (_bindings is not null)
        {
            return _bindings;
        }

        _bindings = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        foreach (var variable in _scope.Nodes().OfType<VariableDeclaratorSyntax>())
        {
            if (variable.Initializer?.Value is { } value)
            {
                _bindings[variable.Identifier.ValueText] = value;
            }
        }

        return _bindings;
    }

    // `group.RequireAuthorization();` as a statement of its own.
    private Dictionary<string, (List<AuthMeta> Auth, List<RateLimitMeta> RateLimits)> Statements()
    {
        if (_statements is not null)
        {
            return _statements;
        }

        _statements = new Dictionary<string, (List<AuthMeta>, List<RateLimitMeta>)>(StringComparer.Ordinal);
        foreach (var statement in _scope.Nodes().OfType<ExpressionStatementSyntax>())
        {
            if (statement.Expression is not InvocationExpressionSyntax top)
            {
                continue;
            }

            var calls = top.FluentChain().ToList();
            if (calls[0].Receiver() is not IdentifierNameSyntax variable || calls.Any(c => c.MethodName() is { } n && n.StartsWith("Map", StringComparison.Ordinal)))
            {
                continue;
            }

            var where = $"`{variable.Identifier.ValueText}`";
            var auth = calls.Select(c => Conventions.AuthOf(c, where)).OfType<AuthMeta>().ToList();
            var limits = calls.Select(c => Conventions.RateLimitOf(c, where)).OfType<RateLimitMeta>().ToList();
            if (auth.Count + limits.Count == 0)
            {
                continue;
            }

            if (!_statements.TryGetValue(variable.Identifier.ValueText, out var applied))
            {
                _statements[variable.Identifier.ValueText] = applied = ([], []);
            }

            applied.Auth.AddRange(auth);
            applied.RateLimits.AddRange(limits);
        }

        return _statements;
    }
}
