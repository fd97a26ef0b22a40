using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1006: a request handler loads a row by an id the caller sends (<c>FindAsync(id)</c>,
/// <c>FirstOrDefaultAsync(o =&gt; o.Id == id)</c>), or a list by a user id the caller sends, and
/// returns or changes it without asking whose it is. The EF model decides at resolve time whether
/// the row belongs to a user (a <c>UserId</c>-style key or a navigation to the user entity), and
/// the endpoint model whether the handler is one any user may call. Silent when the handler
/// compares anything with the signed-in user (in the query or after loading), asks
/// <c>IAuthorizationService</c> or an ownership helper, when a global query filter scopes the
/// entity, and for admin endpoints.
/// </summary>
internal sealed class OwnerCheckMissingDetector : ICSharpDetector, IDeferredResolver<OwnerCheckMissingDetector.Candidate>
{
    private static readonly HashSet<string> Loads = new(StringComparer.Ordinal)
    {
        "Find", "FindAsync", "FirstOrDefault", "FirstOrDefaultAsync", "SingleOrDefault", "SingleOrDefaultAsync", "First", "FirstAsync",
        "Single", "SingleAsync", "ToList", "ToListAsync", "ToArray", "ToArrayAsync",
    };

    // Calls that settle who may see the row: IAuthorizationService, or the app's own ownership helpers.
    private static readonly string[] OwnershipCallWords = ["Authorize", "Owner", "Owns", "CanAccess", "CanEdit", "CanView", "CanModify", "CanDelete", "HasAccess", "CheckAccess", "EnsureAccess", "Permission", "Belongs"];

    // Calls that read the signed-in user.
    private static readonly HashSet<string> CurrentUserCalls = new(StringComparer.Ordinal)
    {
        "GetUserId", "GetUserIdAsync", "GetUserAsync", "FindFirst", "FindFirstValue", "GetUserName", "GetUsername", "GetCurrentUser", "GetCurrentUserAsync",
        "GetCurrentUserId", "GetCurrentUserIdAsync", "GetLoggedInUserId",
    };

    public string RuleId => "RDY1006";

    public IReadOnlyCollection<SyntaxKind> NodeKinds => EndpointSite.NodeKinds;

    public IReadOnlyCollection<string>? RequiredWords { get; } =
        ["Find", "FirstOrDefault", "SingleOrDefault", "First(", "FirstAsync", "Single(", "SingleAsync", "ToList", "ToArray"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex), typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is InvocationExpressionSyntax call && !EndpointSite.MayMap(call))
        {
            return;
        }

        SyntaxNode handler;
        SyntaxNode? body;
        string? request = null;
        if (EndpointSite.Of(node, context) is { } site)
        {
            // Back-office endpoints read other people's rows by design; whether anyone guards them is RDY1005's question.
            if (site.Words.Contains("admin", StringComparison.Ordinal))
            {
                return;
            }

            (handler, body) = (site.Handler, site.Body);
        }
        else if (node is MethodDeclarationSyntax method && MediatorRequest(method) is { } requestType)
        {
            (handler, body, request) = (method, HandlerSyntax.BodyOf(method), requestType);
        }
        else
        {
            return;
        }

        var parameters = request is null ? ParametersOf(handler) : [((MethodDeclarationSyntax)handler).ParameterList.Parameters[0].Identifier.ValueText];
        if (body is null || parameters.Count == 0)
        {
            return;
        }

        // One walk of the handler's code; the questions below read its nodes by kind.
        var nodes = BodyNodes.Of(body);
        if (nodes.Loads.Count == 0 && request is not null)
        {
            return; // nothing loaded and no repository followed for commands: nothing to report
        }

        var currentUser = CurrentUserNames(handler, nodes);
        if (request is not null)
        {
            // A command carries the signed-in user's id the endpoint put in it (`request.UserId`): comparing with it is an ownership check.
            currentUser.UnionWith(body.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Where(m => m.Expression is IdentifierNameSyntax { Identifier.ValueText: var r } && parameters.Contains(r) && IsUserField(m.Name.Identifier.ValueText))
                .Select(m => m.ToString()));
        }

        if (SettlesOwnership(nodes.Questions, currentUser))
        {
            return;
        }

        var file = EfFile.Of(context);
        foreach (var load in nodes.Loads)
        {
            if (load.MethodName() is not { } name || !Loads.Contains(name) || Outermost(load) is not { } outer)
            {
                continue;
            }

            if (LoadOf(load, name, file, parameters, context) is not { } loaded || UseOf(outer, body) is not { } use)
            {
                continue;
            }

            // In a command handler the request's user fields are the caller's own (the endpoint fills them from the token): a list by them is no leak.
            if (request is not null && loaded.Property is { } property && IsUserField(property))
            {
                continue;
            }

            var (owner, ownerType) = OwnerAtHand(handler, body, currentUser);
            context.Defer(this, load.Span, loaded with { Use = use, CurrentUser = owner, CurrentUserType = ownerType, Request = request, Single = !name.StartsWith("To", StringComparison.Ordinal) }, Placeholder);
            return; // one finding per handler: the first row it hands out
        }

        // A repository or service does the loading: `return Ok(await _accounts.GetProfileByFormId(formId));`.
        if (request is not null)
        {
            return;
        }

        foreach (var delegated in nodes.Questions.OfType<InvocationExpressionSyntax>())
        {
            if (delegated.Expression is not MemberAccessExpressionSyntax || delegated.ArgumentList.Arguments.Count == 0 ||
                delegated.ArgumentList.Arguments.Select(a => CallerValue(a.Expression, parameters)).FirstOrDefault(v => v is not null) is not { } parameter ||
                Outermost(delegated) is not { } outer || UseOf(outer, body) is not { } use || WorkspaceCalls.Of(delegated, file) is not { } via)
            {
                continue;
            }

            context.Defer(this, delegated.Span, new Candidate(null, null, parameter) { Use = use, Via = via }, Placeholder);
            return;
        }
    }

    private static bool IsUserField(string name) =>
        name.Contains("User", StringComparison.Ordinal) || name.Contains("Owner", StringComparison.Ordinal) || name.Contains("Author", StringComparison.Ordinal) ||
        name.Contains("Buyer", StringComparison.Ordinal) || name.Contains("Customer", StringComparison.Ordinal) || name.Contains("Requester", StringComparison.Ordinal) ||
        name.Contains("Caller", StringComparison.Ordinal) || name.Contains("Member", StringComparison.Ordinal);

    // `Handle(TRequest request, ...)` of a MediatR-style handler: the request is what an endpoint passed on from the caller.
    private static string? MediatorRequest(MethodDeclarationSyntax method)
    {
        if (method.Identifier.ValueText != "Handle" || method.ParameterList.Parameters.Count == 0 || method.Parent is not ClassDeclarationSyntax type || type.BaseList is null)
        {
            return null;
        }

        var requestType = CSharpFileModel.SimpleName(method.ParameterList.Parameters[0].Type);
        return type.BaseList.Types.Any(b => b.Type is GenericNameSyntax { Identifier.ValueText: "IRequestHandler" or "ICommandHandler" or "IQueryHandler" } generic &&
            generic.TypeArgumentList.Arguments.Count > 0 && CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[0]) == requestType)
            ? requestType
            : null;
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var endpoints = models.Get<EndpointIndex>();
        var endpoint = candidate.Member is { } member ? endpoints.AllForMember(candidate.Path, member).FirstOrDefault() : null;
        if (data.Request is not null)
        {
            // A command handler: the app must sign users in for "the caller" to mean anyone.
            if (!endpoints.SetupOf(candidate.Path).Authentication)
            {
                return null;
            }
        }
        else if (endpoint is null || endpoint.Authorization.Access != Access.SignedIn || endpoint.Kind == EndpointKind.HubMethod ||
            endpoint.CallerParameter(data.Parameter) is null)
        {
            // Only endpoints any signed-in user may call: an anonymous one is RDY1004's to report, a restricted one is for staff.
            return null;
        }

        var ef = models.Get<EfModel>().For(candidate.Path);
        var property = data.Property;
        var table = data.Table;
        DataAccessMethod? via = null;
        if (data.Via is { } reference)
        {
            // The callee looks one row up by properties that do not include its owner.
            via = ef.Methods(reference).FirstOrDefault(m => m.Lookup is { Properties.Count: > 0 } lookup && ef.EntityOf(lookup.Table) is { } e &&
                ef.OwnerProperty(e) is { } o && !lookup.Properties.Contains(o));
            if (via?.Lookup is not { } lookup)
            {
                return null;
            }

            (table, property) = (lookup.Table, lookup.Properties[0]);
        }

        if (table is null || ef.EntityOf(table) is not { } entity || ef.Entity(entity) is not { } model || ef.OwnerProperty(entity) is not { } owner)
        {
            return null;
        }

        // A global query filter on the owner (or a tenant) already scopes every query of the entity.
        if (model.QueryFilterProperties.Any(p => p == owner || p.Contains("Tenant", StringComparison.Ordinal) || p.Contains("User", StringComparison.Ordinal) || p.Contains("Owner", StringComparison.Ordinal)))
        {
            return null;
        }

        // What an author writes (articles, posts, comments, reviews) is published for others to read: only changing it is in question.
        if (data.Use == "returns it" && IsAuthorship(owner))
        {
            return null;
        }

        // Loaded by its key, or a list by the owner the caller names.
        var byKey = property is null || model.Keys.Contains(property) || (model.Keys.Count == 0 && property == "Id");
        var byOwner = property == owner;
        if (!byKey && !byOwner && !((data.Single || via is not null) && property is not null))
        {
            return null;
        }

        const string who = "any signed-in user";
        var related = new List<RelatedLocation>();
        if (model.Declaration is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, $"{entity}.{owner} says whose {entity} it is"));
        }

        if (via is not null)
        {
            related.Add(new RelatedLocation(via.Path, via.Span, $"{via.Type}.{via.Method} looks the {entity} up by {property} alone"));
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["endpoint"] = endpoint?.Display ?? $"{candidate.Member} (for {data.Request})",
                ["entity"] = entity,
                ["owner"] = owner,
                ["parameter"] = data.Parameter,
                ["how"] = byOwner ? $"the {entity} rows of whichever user `{data.Parameter}` names"
                    : byKey ? $"the {entity} whose id is `{data.Parameter}`" : $"the {entity} whose {property} the caller sends",
                ["use"] = data.Use,
                ["who"] = who,
                ["because"] = endpoint?.Authorization.Because ?? "whichever endpoint sends the request",
                ["todo"] = data.CurrentUser is null
                    ? $"read the signed-in user's id (`User.FindFirstValue(ClaimTypes.NameIdentifier)`) and add `&& x.{owner} == userId` to the query"
                    : $"add `&& x.{owner} == {data.CurrentUser}` to the query",
            },
            Related = related,
            Fixes = via is null ? Fixes(candidate.Path, data, entity, model, owner) : [],
        };
    }

    private static IReadOnlyList<Fix> Fixes(string path, Candidate data, string entity, EfEntity model, string owner)
    {
        if (data.CurrentUser is null || data.CurrentUserType is null || data.Property == owner ||
            model.Property(owner) is not { } ownerProperty || Bare(ownerProperty.Type) != Bare(data.CurrentUserType))
        {
            return [];
        }

        var title = $"Load only the signed-in user's {entity}: {owner} == {data.CurrentUser}";
        if (data.PredicateEnd is { } end && data.Row is { } row)
        {
            return [new Fix(title, [FileEdit.Insert(path, end, $" && {row}.{owner} == {data.CurrentUser}")])];
        }

        if (data.FindCall is { } find && data.FindTable is { } table && data.FindArgument is { } argument && model.Keys is [var key])
        {
            var x = char.ToLowerInvariant(entity[0]).ToString();
            var method = data.FindAsync ? "FirstOrDefaultAsync" : "FirstOrDefault";
            return [new Fix(title, [new FileEdit(path, find, $"{table}.{method}({x} => {x}.{key} == {argument} && {x}.{owner} == {data.CurrentUser})")])];
        }

        return [];
    }

    private static bool IsAuthorship(string owner) =>
        owner.Contains("Author", StringComparison.Ordinal) || owner.Contains("Creator", StringComparison.Ordinal) || owner.Contains("CreatedBy", StringComparison.Ordinal) ||
        owner.Contains("Poster", StringComparison.Ordinal) || owner.Contains("Writer", StringComparison.Ordinal);

    private static string Bare(string type) => type.TrimEnd('?') switch
    {
        "String" => "string",
        "Int32" => "int",
        "Int64" => "long",
        var other => other,
    };

    // The names the caller fills in: every parameter that is not a service, a token or the request itself.
    private static HashSet<string> ParametersOf(SyntaxNode handler)
    {
        var list = handler switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
            _ => default,
        };
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in list)
        {
            if (parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => CSharpFileModel.AttributeName(a) is "FromServices" or "FromKeyedServices"))
            {
                continue;
            }

            names.Add(parameter.Identifier.ValueText);
        }

        return names;
    }

    // Names that hold the signed-in user or its id: locals set from User, a ClaimsPrincipal parameter, or a current-user helper.
    private static HashSet<string> CurrentUserNames(SyntaxNode handler, BodyNodes nodes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "User" };
        var parameters = handler switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
            _ => default,
        };
        names.UnionWith(parameters.Where(p => CSharpFileModel.SimpleName(p.Type) is "ClaimsPrincipal" or "ICurrentUser" or "ICurrentUserService" or "CurrentUser")
            .Select(p => p.Identifier.ValueText));

        var declarators = nodes.Declarators;
        var assignments = nodes.Assignments;

        // Twice: a local set from another one (`var user = await GetUser(); var id = user.Id;`).
        for (var pass = 0; pass < 2; pass++)
        {
            var before = names.Count;
            foreach (var declarator in declarators)
            {
                if (declarator.Initializer?.Value is { } value && IsCurrentUser(value, names))
                {
                    names.Add(declarator.Identifier.ValueText);
                }
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var target } && IsCurrentUser(assignment.Right, names))
                {
                    names.Add(target);
                }
            }

            if (names.Count == before)
            {
                break; // nothing new: a second pass would find the same
            }
        }

        return names;
    }

    private static bool IsCurrentUser(SyntaxNode expression, HashSet<string> names)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case IdentifierNameSyntax { Identifier.ValueText: var id } when names.Contains(id) || id.Contains("CurrentUser", StringComparison.Ordinal) ||
                    id.Contains("LoggedInUser", StringComparison.Ordinal) || id is "currentUser" or "_currentUser":
                    return true;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } access when names.Contains(access.ToString()):
                    return true;
                case InvocationExpressionSyntax call when call.MethodName() is { } name && CurrentUserCalls.Contains(name):
                    return true;
            }
        }

        return false;
    }

    // The handler asks whose row it is somewhere: a comparison with the signed-in user (in a query or
    // after loading), the user handed to an ownership helper, or IAuthorizationService.
    private static bool SettlesOwnership(List<SyntaxNode> questions, HashSet<string> currentUser)
    {
        foreach (var node in questions)
        {
            switch (node)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } equality
                    when !IsNull(equality.Left) && !IsNull(equality.Right) && (IsCurrentUser(equality.Left, currentUser) || IsCurrentUser(equality.Right, currentUser)):
                    return true;
                case IsPatternExpressionSyntax pattern when IsCurrentUser(pattern, currentUser) && !pattern.Pattern.ToString().Contains("null", StringComparison.Ordinal):
                    return true;
                case InvocationExpressionSyntax call when call.MethodName() is { } name:
                    if (OwnershipCallWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
                    {
                        return true;
                    }

                    // `x.Equals(userId)`, `string.Equals(a, userId)`, or the user handed to the query's own helper (`GetOrder(id, userId)`).
                    if (call.ArgumentList.Arguments.Count > 0 && call.ArgumentList.Arguments.Any(a => IsCurrentUser(a.Expression, currentUser)) &&
                        !CurrentUserCalls.Contains(name) && !name.StartsWith("Log", StringComparison.Ordinal))
                    {
                        return true;
                    }

                    if (name == "Equals" && call.Expression is MemberAccessExpressionSyntax member && IsCurrentUser(member.Expression, currentUser))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    // A handler's code read once, in text order: the loads, the declarations and assignments that
    // may hold the signed-in user, and the comparisons and calls that may settle whose row it is.
    private sealed class BodyNodes
    {
        public List<InvocationExpressionSyntax> Loads { get; } = [];

        public List<VariableDeclaratorSyntax> Declarators { get; } = [];

        public List<AssignmentExpressionSyntax> Assignments { get; } = [];

        public List<SyntaxNode> Questions { get; } = [];

        public static BodyNodes Of(SyntaxNode body)
        {
            var nodes = new BodyNodes();
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax call:
                        if (call.MethodName() is { } name && OwnerCheckMissingDetector.Loads.Contains(name))
                        {
                            nodes.Loads.Add(call);
                        }

                        nodes.Questions.Add(call);
                        break;
                    case VariableDeclaratorSyntax declarator:
                        nodes.Declarators.Add(declarator);
                        break;
                    case AssignmentExpressionSyntax assignment:
                        nodes.Assignments.Add(assignment);
                        break;
                    case BinaryExpressionSyntax or IsPatternExpressionSyntax:
                        nodes.Questions.Add(node);
                        break;
                }
            }

            return nodes;
        }
    }

    private static bool IsNull(ExpressionSyntax expression) => expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression);

    // The whole expression a load ends: `await db.Orders.FindAsync(id)`, past awaits and ConfigureAwait; null when another load of the same chain is outside it.
    private static ExpressionSyntax? Outermost(InvocationExpressionSyntax load)
    {
        ExpressionSyntax current = load;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                    current = (ExpressionSyntax)parent;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == current:
                    current = coalesce; // `?? throw new NotFound()`
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member when member.Parent is InvocationExpressionSyntax configured:
                    current = configured;
                    continue;
                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } when outer.MethodName() is { } next && (Loads.Contains(next) || next.StartsWith("Where", StringComparison.Ordinal) || next.StartsWith("Include", StringComparison.Ordinal)):
                    return null; // an inner step of a longer chain: the outer call is the load
            }

            return current;
        }

        return current;
    }

    // The load's table and the caller's value it is looked up by: Find(id), or `x.Prop == id` in a filter.
    private static Candidate? LoadOf(InvocationExpressionSyntax load, string name, EfFile file, HashSet<string> parameters, CSharpContext context)
    {
        if (name.StartsWith("Find", StringComparison.Ordinal))
        {
            if (load.Expression is not MemberAccessExpressionSyntax member || load.ArgumentList.Arguments.Count != 1 ||
                CallerValue(load.ArgumentList.Arguments[0].Expression, parameters) is not { } parameter ||
                EfSyntax.ChainOf(member.Expression, file) is not { Operators.Count: 0 } chain)
            {
                return null;
            }

            return new Candidate(chain.Root, null, parameter)
            {
                FindCall = context.RangeOf(load.Span),
                // FirstOrDefaultAsync is an extension of EF Core's namespace: offered only where the file imports it.
                FindTable = name == "Find" || context.Text.ToString().Contains("using Microsoft.EntityFrameworkCore;", StringComparison.Ordinal) ? member.Expression.ToString() : null,
                FindArgument = load.ArgumentList.Arguments[0].Expression.ToString(),
                FindAsync = name == "FindAsync",
            };
        }

        if (file.ChainOf(load) is not { } query)
        {
            return null;
        }

        foreach (var predicate in query.Predicates)
        {
            var conjuncts = Conjuncts(predicate.Condition).ToList();
            if (predicate.Condition.DescendantNodesAndSelf().Any(n => n.IsKind(SyntaxKind.LogicalOrExpression)))
            {
                continue;
            }

            foreach (var conjunct in conjuncts)
            {
                if (conjunct is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equality)
                {
                    continue;
                }

                var (property, value) = RowProperty(equality.Left, predicate.Row) is { } left ? (left, equality.Right) : (RowProperty(equality.Right, predicate.Row), equality.Left);
                if (property is not null && CallerValue(value, parameters) is { } parameter)
                {
                    return new Candidate(query.Root, property, parameter)
                    {
                        Row = predicate.Row,
                        PredicateEnd = context.RangeOf(new TextSpan(predicate.Condition.Span.End, 0)).Start,
                    };
                }
            }
        }

        return null;
    }

    private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax condition)
    {
        if (condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and)
        {
            foreach (var part in Conjuncts(and.Left).Concat(Conjuncts(and.Right)))
            {
                yield return part;
            }
        }
        else if (condition is ParenthesizedExpressionSyntax parenthesized)
        {
            foreach (var part in Conjuncts(parenthesized.Expression))
            {
                yield return part;
            }
        }
        else
        {
            yield return condition;
        }
    }

    private static string? RowProperty(ExpressionSyntax expression, string row) =>
        expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var property } && receiver == row
            ? property
            : null;

    // A parameter the caller fills in (`id`), or a member of one (`request.OrderId`): the parameter's name.
    private static string? CallerValue(ExpressionSyntax expression, HashSet<string> parameters) => expression switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } when parameters.Contains(name) => name,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } } when parameters.Contains(name) => name,
        CastExpressionSyntax cast => CallerValue(cast.Expression, parameters),
        _ => null,
    };

    // What the handler does with what it loaded: returns it, changes it or deletes it; null when it only looks.
    private static string? UseOf(ExpressionSyntax load, SyntaxNode body)
    {
        if (load.Ancestors().TakeWhile(a => a != body).Any(a => a is ReturnStatementSyntax or ArrowExpressionClauseSyntax) || load.Parent == body)
        {
            return "returns it";
        }

        if (load.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            return null;
        }

        var name = declarator.Identifier.ValueText;
        string? use = null;
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name || identifier.SpanStart < load.Span.End)
            {
                continue;
            }

            if (identifier.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } && call.MethodName() is "Remove" or "RemoveRange" or "Delete" or "DeleteAsync")
            {
                return "deletes it";
            }

            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access)
            {
                use ??= "changes it";
            }
            else if (identifier.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax update } && update.MethodName() is "Update" or "UpdateAsync" or "Attach")
            {
                use ??= "changes it";
            }
            else if (identifier.Ancestors().TakeWhile(a => a != body).Any(a => a is ReturnStatementSyntax or ArrowExpressionClauseSyntax) &&
                !identifier.Ancestors().TakeWhile(a => a is not ReturnStatementSyntax).Any(a => a is BinaryExpressionSyntax or IsPatternExpressionSyntax || (a is ConditionalExpressionSyntax c && c.Condition.Span.Contains(identifier.Span))))
            {
                use ??= "returns it";
            }
        }

        return use;
    }

    // The signed-in user's id as the handler already holds it, and its type when the code says: a local or a property of the class.
    private static (string? Name, string? Type) OwnerAtHand(SyntaxNode handler, SyntaxNode body, HashSet<string> currentUser)
    {
        foreach (var declaration in body.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            foreach (var variable in declaration.Declaration.Variables)
            {
                if (variable.Initializer?.Value is { } value && currentUser.Contains(variable.Identifier.ValueText) && IdType(declaration.Declaration.Type, value) is { } type)
                {
                    return (variable.Identifier.ValueText, type);
                }
            }
        }

        var property = handler.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Members.OfType<PropertyDeclarationSyntax>()
            .FirstOrDefault(p => p.Identifier.ValueText.Contains("CurrentUser", StringComparison.Ordinal) && (p.ExpressionBody is not null || p.AccessorList is not null));
        var expression = property?.ExpressionBody?.Expression;
        return property is not null && expression is not null && IsCurrentUser(expression, currentUser) && IdType(property.Type, expression) is { } propertyType
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

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    /// <summary>A load of an owned row by what the caller sends, waiting for the EF and endpoint models.</summary>
    /// <param name="Table">The table the row comes from.</param>
    /// <param name="Property">The property compared with the caller's value; null for <c>Find</c> (the key).</param>
    /// <param name="Parameter">The handler parameter the caller fills in.</param>
    internal sealed record Candidate(EfSetRef? Table, string? Property, string Parameter)
    {
        /// <summary>The repository or service method that loads the row, when the handler does not itself.</summary>
        public EfMethodRef? Via { get; init; }

        public string Use { get; init; } = "returns it";

        public string? CurrentUser { get; init; }

        public string? CurrentUserType { get; init; }

        public string? Row { get; init; }

        public LinePosition? PredicateEnd { get; init; }

        public LinePositionSpan? FindCall { get; init; }

        public string? FindTable { get; init; }

        public string? FindArgument { get; init; }

        public bool FindAsync { get; init; }

        /// <summary>The request type, when the code is a command handler rather than the endpoint itself.</summary>
        public string? Request { get; init; }

        /// <summary>One row (<c>Find</c>, <c>FirstOrDefault</c>), not a list.</summary>
        public bool Single { get; init; }
    }
}
