using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Model.Ownership;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1006: a request handler loads a row by an id the caller sends (<c>FindAsync(id)</c>,
/// <c>FirstOrDefaultAsync(o =&gt; o.Id == id)</c>, a child found through its parent's navigation, a
/// specification, or a repository or service method of the workspace that does it), or a list by a
/// user id the caller sends, and returns or changes it without asking whose it is. The EF model
/// decides at resolve time whether the row belongs to a user (a <c>UserId</c>-style key, a
/// navigation to the user entity, the user entity pointing at it, or the user entity itself), and
/// the endpoint model whether the handler is one any user may call. Silent when the handler
/// compares anything with the signed-in user before it writes, asks <c>IAuthorizationService</c>
/// or an ownership helper, when a global query filter scopes the entity, and for admin endpoints.
/// </summary>
internal sealed class OwnerCheckMissingDetector : ICSharpDetector, IDeferredResolver<OwnerCandidate>
{
    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    public string RuleId => "RDY1006";

    public IReadOnlyCollection<SyntaxKind> NodeKinds => EndpointSite.NodeKinds;

    public IReadOnlyCollection<string>? Anchors => EndpointSite.Anchors;

    // Handlers that load, and handlers that hand an id to a repository (controllers, minimal APIs, command handlers).
    public IReadOnlyCollection<string>? RequiredWords { get; } =
        ["Find", "FirstOrDefault", "SingleOrDefault", "First(", "FirstAsync", "Single(", "SingleAsync", "ToList", "ToArray", "ControllerBase", ": Controller", "[Http", "[Route", "Handle(", "MapGet", "MapPut",
        "MapPost", "MapDelete", "MapPatch"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex), typeof(EfModel), typeof(RowLookups)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        SyntaxNode handler;
        SyntaxNode? body;
        SeparatedSyntaxList<ParameterSyntax> parameterList;
        string? request = null;
        if (node is InvocationExpressionSyntax call)
        {
            // Most nodes are calls: only a Map* call can be a handler, and that test allocates nothing.
            if (!EndpointSite.MayMap(call) || EndpointSite.Of(call, context) is not { } site || site.Words.Contains("admin", StringComparison.Ordinal))
            {
                return;
            }

            (handler, body) = (site.Handler, site.Body);
            parameterList = handler switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                _ => default,
            };
        }
        else
        {
            var method = (MethodDeclarationSyntax)node;
            if (method.ParameterList.Parameters.Count == 0 || method.Parent is not ClassDeclarationSyntax type)
            {
                return;
            }

            if (method.Identifier.ValueText == "Handle")
            {
                if (MediatorRequest(method, type) is not { } requestType)
                {
                    return;
                }

                request = requestType;
            }
            else if (!method.Modifiers.Any(SyntaxKind.PublicKeyword) || method.Modifiers.Any(SyntaxKind.StaticKeyword) || !HandlerTypeCollector.MayHandleRequests(type, context))
            {
                return;
            }

            (handler, body, parameterList) = (method, (SyntaxNode?)method.Body ?? method.ExpressionBody, method.ParameterList.Parameters);
        }

        if (body is null || parameterList.Count == 0)
        {
            return;
        }

        var parameters = request is null ? CallerParameters(parameterList) : [parameterList[0].Identifier.ValueText];
        if (parameters.Count == 0)
        {
            return;
        }

        var scan = OwnerScan.Read(body);
        scan.Request = request is null ? null : parameters[0];
        var file = EfFile.Of(context);
        if (FirstLoad(scan, body, parameters, file, context, request is not null) is not { } found)
        {
            return;
        }

        var (candidate, at) = found;
        var currentUser = scan.CurrentUserNames(parameterList);
        var settled = scan.SettlesOwnershipAt(currentUser);
        var late = false;
        if (settled != int.MaxValue)
        {
            // Asked before anything was written: the handler checks whose row it is.
            if (settled < scan.FirstWriteAfter(at))
            {
                return;
            }

            late = true;
        }

        var (owner, ownerType) = OwnerAtHand(handler, body, currentUser, scan);
        var data = candidate.Data with { CurrentUser = owner, CurrentUserType = ownerType, Request = request, CheckedTooLate = late };
        if (late && data.Use is null)
        {
            data = data with { Use = "changes what hangs off it" }; // the writes before the check are the harm
        }

        context.Defer(this, candidate.Span, data, Placeholder);
    }

    // The first row the handler loads by a caller's value, directly, through a navigation, a specification or one call into the workspace.
    private static ((TextSpan Span, OwnerCandidate Data), int At)? FirstLoad(OwnerScan scan, SyntaxNode body, List<string> parameters, EfFile file, CSharpContext context, bool command)
    {
        Dictionary<string, InvocationExpressionSyntax>? loaded = null;
        foreach (var load in scan.Loads)
        {
            var name = load.MethodName()!;
            var outer = RowSyntax.Outermost(load);
            if (outer.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } && next.MethodName() is { } after &&
                (RowSyntax.Loads.Contains(after) || after.StartsWith("Where", StringComparison.Ordinal) || after.StartsWith("Include", StringComparison.Ordinal)))
            {
                continue; // an inner step of a longer chain: the outer call is the load
            }

            // Only a load that compares something with what the caller sends is worth asking the file's model about.
            var data = MayCompareWithCaller(load, parameters, scan) ? LoadOf(load, name, file, parameters, context, loaded) ?? SpecificationLoad(load, scan, parameters) : null;
            var use = data is null ? null : UseOf(outer, body);

            // In a command handler the request's user fields are the caller's own (the endpoint fills them from the token): a list by them is no leak.
            if (data is not null && use is not null && !(command && data.Property is { } property && OwnerScan.IsUserField(property)))
            {
                return ((load.Span, data with { Use = use, Single = !name.StartsWith("To", StringComparison.Ordinal) }), load.SpanStart);
            }

            // Remember what each local holds, for a child row found through it later (`article.Comments.FirstOrDefault(...)`).
            if (RowSyntax.LocalOf(outer) is { } holder && !name.StartsWith("To", StringComparison.Ordinal))
            {
                (loaded ??= new(StringComparer.Ordinal))[holder] = load;
            }
        }

        // A repository or service does the loading: `return Ok(await _accounts.GetProfileByFormId(formId));`.
        foreach (var call in scan.Calls)
        {
            if (call.Expression is not MemberAccessExpressionSyntax member || RowSyntax.Loads.Contains(member.Name.Identifier.ValueText))
            {
                continue;
            }

            for (var i = 0; i < call.ArgumentList.Arguments.Count; i++)
            {
                if (RowSyntax.ParameterOf(call.ArgumentList.Arguments[i].Expression, parameters, out var field) is not { } parameter)
                {
                    continue;
                }

                if (RowSyntax.NamesOtherParty(field) || (command && field is not null && OwnerScan.IsUserField(field)) || Via(call, member, file) is not { } via)
                {
                    break;
                }

                var outer = RowSyntax.Outermost(call);
                return ((call.Span, new OwnerCandidate(null, null, parameter) { Via = via, ViaArgument = i, Use = UseOf(outer, body), Value = Text(call.ArgumentList.Arguments[i].Expression) }), call.SpanStart);
            }
        }

        return null;
    }

    private static bool ImportsEfCore(SyntaxNode node) =>
        node.SyntaxTree.GetRoot() is CompilationUnitSyntax unit && unit.Usings.Any(u => u.Name is QualifiedNameSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Microsoft" }, Right.Identifier.ValueText: "EntityFrameworkCore" });

    private static string Text(ExpressionSyntax value) => value is IdentifierNameSyntax { Identifier.ValueText: var name } ? name : value.ToString();

    // The workspace method a call reaches: through the receiver's declared type, or, for `services.Queries.GetOrderAsync(id)`, the property's name.
    private static EfMethodRef? Via(InvocationExpressionSyntax call, MemberAccessExpressionSyntax member, EfFile file)
    {
        if (member.Expression is IdentifierNameSyntax { Identifier.ValueText: "_mediator" or "mediator" or "Mediator" or "_sender" or "sender" })
        {
            return null; // the request's handler is read on its own
        }

        if (WorkspaceCalls.Of(call, file) is { } reference)
        {
            return reference.Type is "IMediator" or "ISender" or "Mediator" || reference.Type.StartsWith("IRequestHandler", StringComparison.Ordinal) ? null : reference;
        }

        return member.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax, Name.Identifier.ValueText: var property } &&
            property is not ("Mediator" or "Logger" or "Context" or "Db")
            ? new EfMethodRef("?" + property, member.Name.Identifier.ValueText)
            : null;
    }

    // Whether a load may compare a row with a caller's value, by syntax alone: an argument that is
    // one (`Find(id)`, `FirstOrDefaultAsync(spec)` of a local), or a filter along the chain that names one.
    private static bool MayCompareWithCaller(InvocationExpressionSyntax load, List<string> parameters, OwnerScan scan)
    {
        ExpressionSyntax current = load;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax step } invocation)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                switch (argument.Expression)
                {
                    case SimpleLambdaExpressionSyntax { ExpressionBody: { } condition }:
                        foreach (var node in condition.DescendantNodesAndSelf())
                        {
                            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } && parameters.Contains(name))
                            {
                                return true;
                            }
                        }

                        break;
                    case IdentifierNameSyntax { Identifier.ValueText: var name } when parameters.Contains(name) || HoldsCreation(scan, name):
                        return true; // Find(id), a specification kept in a local
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner } } when parameters.Contains(owner):
                        return true; // Find(request.Id)
                    case CollectionExpressionSyntax or ObjectCreationExpressionSyntax or CastExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax:
                        return true; // FindAsync([id]), a specification: read properly below
                }
            }

            current = step.Expression;
        }

        return current is QueryExpressionSyntax or ParenthesizedExpressionSyntax or AwaitExpressionSyntax;
    }

    private static bool HoldsCreation(OwnerScan scan, string local)
    {
        foreach (var declarator in scan.Declarators)
        {
            if (declarator.Initializer?.Value is ObjectCreationExpressionSyntax && declarator.Identifier.ValueText == local)
            {
                return true;
            }
        }

        return false;
    }

    // `repo.FirstOrDefaultAsync(new OrderByIdSpec(id))`, or a spec kept in a local first.
    private static OwnerCandidate? SpecificationLoad(InvocationExpressionSyntax load, OwnerScan scan, List<string> parameters)
    {
        if (load.ArgumentList.Arguments.Count == 0)
        {
            return null;
        }

        var argument = load.ArgumentList.Arguments[0].Expression;
        if (argument is IdentifierNameSyntax { Identifier.ValueText: var local })
        {
            foreach (var declarator in scan.Declarators)
            {
                if (declarator.Identifier.ValueText == local && declarator.SpanStart < load.SpanStart)
                {
                    argument = declarator.Initializer?.Value ?? argument;
                }
            }
        }

        if (argument is not ObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation || CSharpFileModel.SimpleName(creation.Type) is not { } spec)
        {
            return null;
        }

        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            if (RowSyntax.ParameterOf(arguments.Arguments[i].Expression, parameters, out _) is { } parameter)
            {
                return new OwnerCandidate(null, null, parameter) { Via = new EfMethodRef(spec, "new"), ViaArgument = i, Value = Text(arguments.Arguments[i].Expression) };
            }
        }

        return null;
    }

    // `Handle(TRequest request, ...)` of a MediatR-style handler: the request is what an endpoint passed on from the caller.
    private static string? MediatorRequest(MethodDeclarationSyntax method, ClassDeclarationSyntax type)
    {
        if (type.BaseList is null)
        {
            return null;
        }

        var requestType = CSharpFileModel.SimpleName(method.ParameterList.Parameters[0].Type);
        foreach (var baseType in type.BaseList.Types)
        {
            if (baseType.Type is GenericNameSyntax { Identifier.ValueText: "IRequestHandler" or "ICommandHandler" or "IQueryHandler" } generic &&
                generic.TypeArgumentList.Arguments.Count > 0 && CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[0]) == requestType)
            {
                return requestType;
            }
        }

        return null;
    }

    // The names the caller fills in: every parameter that is not a service, a token or the request itself.
    private static List<string> CallerParameters(SeparatedSyntaxList<ParameterSyntax> list)
    {
        var names = new List<string>(list.Count);
        foreach (var parameter in list)
        {
            if (CSharpFileModel.HasAttribute(parameter, static name => name is "FromServices" or "FromKeyedServices"))
            {
                continue;
            }

            // What the framework hands in is not the caller's to choose.
            if (parameter.Type is IdentifierNameSyntax { Identifier.ValueText: "CancellationToken" or "HttpContext" or "HttpRequest" or "ClaimsPrincipal" })
            {
                continue;
            }

            names.Add(parameter.Identifier.ValueText);
        }

        return names;
    }

    // The load's table and the caller's value it is looked up by: Find(id), `x.Prop == id` in a filter, or a child of a loaded row.
    private static OwnerCandidate? LoadOf(InvocationExpressionSyntax load, string name, EfFile file, List<string> parameters, CSharpContext context, Dictionary<string, InvocationExpressionSyntax>? loaded)
    {
        if (name.StartsWith("Find", StringComparison.Ordinal))
        {
            if (load.Expression is not MemberAccessExpressionSyntax member || load.ArgumentList.Arguments.Count == 0 ||
                RowSyntax.ParameterOf(load.ArgumentList.Arguments[0].Expression, parameters, out var field) is not { } parameter || RowSyntax.NamesOtherParty(field) ||
                EfSyntax.ChainOf(member.Expression, file) is not { Operators.Count: 0 } chain)
            {
                return null;
            }

            return new OwnerCandidate(chain.Root, null, parameter)
            {
                Value = Text(load.ArgumentList.Arguments[0].Expression),
                FindCall = load.ArgumentList.Arguments.Count == 1 ? context.RangeOf(load.Span) : null,
                // FirstOrDefaultAsync is an extension of EF Core's namespace: offered only where the file imports it.
                FindTable = name == "Find" || ImportsEfCore(load) ? member.Expression.ToString() : null,
                FindArgument = load.ArgumentList.Arguments[0].Expression.ToString(),
                FindAsync = name == "FindAsync",
            };
        }

        if (file.ChainOf(load) is { } query)
        {
            foreach (var predicate in query.Predicates)
            {
                if (RowSyntax.HasOr(predicate.Condition))
                {
                    continue;
                }

                foreach (var (property, value) in RowSyntax.Equalities(predicate.Condition, predicate.Row))
                {
                    if (RowSyntax.ParameterOf(value, parameters, out var field) is { } parameter && !RowSyntax.NamesOtherParty(field))
                    {
                        return new OwnerCandidate(query.Root, property, parameter)
                        {
                            Value = Text(value),
                            Row = predicate.Row,
                            PredicateEnd = context.RangeOf(new TextSpan(predicate.Condition.Span.End, 0)).Start,
                        };
                    }
                }
            }

            return null;
        }

        return loaded is null ? null : ChildOf(load, parameters, loaded, file);
    }

    // `article.Comments.FirstOrDefault(c => c.CommentId == id)`: a row found through a navigation of a row loaded before.
    private static OwnerCandidate? ChildOf(InvocationExpressionSyntax load, List<string> parameters, Dictionary<string, InvocationExpressionSyntax> loaded, EfFile file)
    {
        ExpressionSyntax current = load;
        LambdaExpressionSyntax? filter = null;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax step } invocation)
        {
            if (invocation.ArgumentList.Arguments.Count > 0 && invocation.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax lambda && step.Name.Identifier.ValueText is not ("Include" or "OrderBy"))
            {
                filter ??= lambda;
            }

            current = step.Expression;
        }

        if (current is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var parent }, Name.Identifier.ValueText: var navigation } ||
            !loaded.TryGetValue(parent, out var parentLoad) || filter is not SimpleLambdaExpressionSyntax { ExpressionBody: { } condition } simple || RowSyntax.HasOr(condition) ||
            file.ChainOf(parentLoad) is not { Root: var table })
        {
            return null;
        }

        foreach (var (property, value) in RowSyntax.Equalities(condition, simple.Parameter.Identifier.ValueText))
        {
            if (RowSyntax.ParameterOf(value, parameters, out var field) is { } parameter && !RowSyntax.NamesOtherParty(field))
            {
                return new OwnerCandidate(table, property, parameter) { Navigation = navigation, Value = Text(value) };
            }
        }

        return null;
    }

    // What the handler does with what it loaded: returns it, changes it or deletes it; null when it only looks.
    private static string? UseOf(ExpressionSyntax outer, SyntaxNode body)
    {
        if (RowSyntax.IsReturned(outer, body))
        {
            return "returns it";
        }

        return RowSyntax.LocalOf(outer) is { } local ? RowSyntax.UseOf(local, outer.Span.End, body) : null;
    }

    // The signed-in user's id as the handler already holds it, and its type when the code says: a local or a property of the class.
    private static (string? Name, string? Type) OwnerAtHand(SyntaxNode handler, SyntaxNode body, HashSet<string> currentUser, OwnerScan scan)
    {
        foreach (var variable in scan.Declarators)
        {
            if (variable.Initializer?.Value is { } value && currentUser.Contains(variable.Identifier.ValueText) &&
                variable.Parent is VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax } declaration && IdType(declaration.Type, value) is { } type)
            {
                return (variable.Identifier.ValueText, type);
            }
        }

        var property = handler.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Members.OfType<PropertyDeclarationSyntax>()
            .FirstOrDefault(p => p.Identifier.ValueText.Contains("CurrentUser", StringComparison.Ordinal) && (p.ExpressionBody is not null || p.AccessorList is not null));
        var expression = property?.ExpressionBody?.Expression;
        return property is not null && expression is not null && scan.IsCurrentUser(expression, currentUser, 0) && IdType(property.Type, expression) is { } propertyType
            ? (property.Identifier.ValueText, propertyType)
            : (null, null);
    }

    private static string? IdType(TypeSyntax declared, ExpressionSyntax value)
    {
        if (!declared.IsVar)
        {
            return declared.ToString().TrimEnd('?');
        }

        return value switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax type, Name.Identifier.ValueText: "Parse" } } => type.Keyword.ValueText,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Guid" }, Name.Identifier.ValueText: "Parse" } } => "Guid",
            InvocationExpressionSyntax call when call.MethodName() == "FindFirstValue" => "string",
            PostfixUnaryExpressionSyntax { Operand: var inner } => IdType(declared, inner),
            _ => null,
        };
    }

    public Detection? Resolve(Detection candidate, OwnerCandidate data, WorkspaceModels models) => OwnerResolution.Resolve(candidate, data, models);
}
