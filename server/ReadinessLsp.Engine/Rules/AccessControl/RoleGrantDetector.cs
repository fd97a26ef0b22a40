using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// Where a user gets a role. RDY1007: the role (or an IsAdmin flag) comes from the request the
/// caller sends, in a handler anyone or any signed-in user may call, or in a sign-up method of a
/// service — so the caller picks "Admin". RDY1008: an endpoint anyone may call without signing in
/// makes the new user an administrator outright. Silent when the code compares the requested
/// role with something first (an allow-list), when the handler checks the caller's own role,
/// when only a role or policy may call it, and in development-only code.
/// </summary>
internal sealed class RoleGrantDetector : ICSharpDetector, IDeferredResolver<RoleGrantDetector.Grant>
{
    // Properties that decide what a user may do.
    private static readonly HashSet<string> RoleMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Role", "Roles", "RoleName", "RoleNames", "UserRole", "UserRoles", "IsAdmin", "IsAdministrator", "IsSuperAdmin", "UserType", "AccountType",
    };

    // Calls that test the caller's own role or permission.
    private static readonly HashSet<string> CallerChecks = new(StringComparer.Ordinal)
    {
        "IsInRole", "HasClaim", "AuthorizeAsync", "RequireRole", "HasPermission", "HasPermissionAsync", "CheckPermission", "CheckPermissionAsync", "EnsureAdmin", "IsAdmin", "IsAdminAsync", "IsSuperAdmin",
    };

    // A user type or account type chosen at sign-up (buyer or seller) is a product choice unless admin is one of the types.
    private static readonly HashSet<string> TypeMembers = new(StringComparer.OrdinalIgnoreCase) { "UserType", "AccountType" };
    private static readonly SearchValues<string> AdminWords = SearchValues.Create(["Admin"], StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> GrantCalls = new(StringComparer.Ordinal) { "AddToRoleAsync", "AddToRolesAsync", "AddToRole", "AddToRoles" };

    // Calls that compare the requested role with something: an allow-list or a refusal.
    private static readonly string[] Comparisons = ["Contains", "Equals", "Valid", "Allowed", "IsDefined", "Any", "All", "Except", "Intersect", "Compare", "StartsWith"];

    public string RuleId => "RDY1007";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY1007", "RDY1008"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["AddToRole", "Role", "IsAdmin", "IsAdministrator", "IsSuperAdmin", "UserType", "AccountType"];

    // The grant calls and the role members, in the cases RoleMembers accepts (Role, role, IsAdmin, isAdmin, ...).
    public IReadOnlyCollection<string>? Anchors { get; } = ["AddToRole", "ole", "OLE", "dmin", "DMIN", "serType", "sertype", "SERTYPE", "ccountType", "ccounttype", "CCOUNTTYPE"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var (value, property) = Sink(node);
        if (value is null || EnvironmentGuard.IsDevelopmentOnly(node) || Function(node) is not { } function || BodyOf(function) is not { } body)
        {
            return;
        }

        var roots = Roots(function);
        var requested = value.DescendantNodesAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => IsRequestedRole(e, roots));
        var name = FunctionName(function);
        // A sign-up method of a service is called by the anonymous sign-up endpoint; one that registers admins is not.
        var signUp = HandlerShape.Flow(HandlerShape.Normalize(name), null) == AuthFlow.Register && !name.Contains("Admin", StringComparison.OrdinalIgnoreCase);
        if (CallerRoleChecked(body, roots))
        {
            return; // The handler checks the caller's own role: admins granting roles.
        }

        if (requested is not null)
        {
            if (TypeMembers.Contains(property) && !context.Document.ContainsAny(AdminWords))
            {
                return;
            }

            if (!Compared(requested, body))
            {
                context.Defer(this, node.Span, new Grant(property, requested.ToString(), signUp, false), ruleId: "RDY1007");
            }

            return;
        }

        if (GrantsAdmin(value) && !Conditional(node, body))
        {
            context.Defer(this, node.Span, new Grant(property, value.ToString(), signUp, true), ruleId: "RDY1008");
        }
    }

    public Detection? Resolve(Detection candidate, Grant data, WorkspaceModels models)
    {
        var index = models.Get<EndpointIndex>();
        var endpoint = candidate.Member is { } member ? index.ForMember(candidate.Path, member, candidate.Range.Start) : null;
        string who, because;
        if (endpoint is not null)
        {
            if (endpoint.Authorization.Access == Access.Restricted || (data.Admin && !endpoint.IsAnonymous))
            {
                return null;
            }

            (who, because) = (endpoint.IsAnonymous ? "anyone, without signing in" : "any signed-in user", endpoint.Authorization.Because);
        }
        else if (data.SignUp)
        {
            (who, because) = ("whoever signs up", "it is part of signing up");
        }
        else
        {
            return null;
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["endpoint"] = endpoint?.Display ?? candidate.Member ?? "sign-up",
                ["property"] = data.Property,
                ["value"] = data.Value,
                ["who"] = who,
                ["because"] = because,
            },
        };
    }

    // The value a role is set to: `x.Role = v`, `new User { IsAdmin = v }`, `AddToRoleAsync(user, v)`.
    private static (ExpressionSyntax? Value, string Property) Sink(SyntaxNode node)
    {
        switch (node)
        {
            case InvocationExpressionSyntax call when call.MethodName() is { } name && GrantCalls.Contains(name) && call.ArgumentList.Arguments.Count >= 2:
                return (call.ArgumentList.Arguments[1].Expression, name);
            case AssignmentExpressionSyntax assignment:
                var target = assignment.Left switch
                {
                    IdentifierNameSyntax id when assignment.Parent is InitializerExpressionSyntax => id.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };
                return target is not null && RoleMembers.Contains(target) ? (assignment.Right, target) : (null, string.Empty);
            default:
                return (null, string.Empty);
        }
    }

    // The handler or method the grant is written in: a method, or a lambda mapped as an endpoint.
    private static SyntaxNode? Function(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax || (a is LambdaExpressionSyntax && a.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax map } && map.MethodName() is { } n && n.StartsWith("Map", StringComparison.Ordinal)));

    private static SyntaxNode? BodyOf(SyntaxNode function) => function switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
        LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
        LambdaExpressionSyntax l => l.Body,
        _ => null,
    };

    private static string FunctionName(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        LocalFunctionStatementSyntax f => f.Identifier.ValueText,
        LambdaExpressionSyntax { Parent.Parent.Parent: InvocationExpressionSyntax map } => map.ArgumentList.Arguments.FirstOrDefault()?.Expression.StringLiteralValue() ?? string.Empty,
        _ => string.Empty,
    };

    // What the caller sends: the function's parameters (not injected services) and a page's [BindProperty] properties.
    private static HashSet<string> Roots(SyntaxNode function)
    {
        var parameters = function switch
        {
            BaseMethodDeclarationSyntax m => m.ParameterList.Parameters,
            LocalFunctionStatementSyntax f => f.ParameterList.Parameters,
            ParenthesizedLambdaExpressionSyntax l => l.ParameterList.Parameters,
            SimpleLambdaExpressionSyntax s => SyntaxFactory.SeparatedList([s.Parameter]),
            _ => default,
        };
        var roots = parameters
            .Where(p => !CSharpFileModel.HasAttribute(p, "FromServices") && !IsService(p.Type))
            .Select(p => p.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        if (function.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type)
        {
            foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>().Where(p => CSharpFileModel.HasAttribute(p, "BindProperty")))
            {
                roots.Add(property.Identifier.ValueText);
            }
        }

        return roots;
    }

    private static bool IsService(TypeSyntax? type)
    {
        var name = type switch
        {
            GenericNameSyntax g => g.Identifier.ValueText,
            IdentifierNameSyntax i => i.Identifier.ValueText,
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            _ => string.Empty,
        };
        return name is "CancellationToken" or "HttpContext" or "HttpRequest" or "ClaimsPrincipal" ||
            (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1])) ||
            name.EndsWith("Manager", StringComparison.Ordinal) || name.EndsWith("Context", StringComparison.Ordinal) || name.EndsWith("Db", StringComparison.Ordinal) ||
            name.EndsWith("Service", StringComparison.Ordinal) || name.EndsWith("Repository", StringComparison.Ordinal);
    }

    // `dto.Role`, `request.User.IsAdmin`, or a bound `string role` parameter.
    private static bool IsRequestedRole(ExpressionSyntax expression, HashSet<string> roots) => expression switch
    {
        MemberAccessExpressionSyntax member => RoleMembers.Contains(member.Name.Identifier.ValueText) && RootOf(member) is { } root && roots.Contains(root),
        IdentifierNameSyntax id => RoleMembers.Contains(id.Identifier.ValueText) && roots.Contains(id.Identifier.ValueText) && !(id.Parent is MemberAccessExpressionSyntax access && access.Name == id),
        _ => false,
    };

    private static string? RootOf(MemberAccessExpressionSyntax member)
    {
        ExpressionSyntax current = member;
        while (current is MemberAccessExpressionSyntax access)
        {
            current = access.Expression;
        }

        return current is IdentifierNameSyntax id ? id.Identifier.ValueText : null;
    }

    // Whether the code compares the requested role with anything but null before using it: an allow-list, a refusal of "Admin".
    private static bool Compared(ExpressionSyntax requested, SyntaxNode body)
    {
        var text = requested.ToString();
        foreach (var use in body.Descendants().OfType<ExpressionSyntax>().Where(e => e.Kind() == requested.Kind() && e.ToString() == text))
        {
            switch (use.Parent)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    var other = binary.Left == use ? binary.Right : binary.Left;
                    if (!other.IsKind(SyntaxKind.NullLiteralExpression))
                    {
                        return true;
                    }

                    break;
                case IsPatternExpressionSyntax pattern when !pattern.Pattern.ToString().Contains("null", StringComparison.Ordinal):
                case SwitchStatementSyntax:
                case SwitchExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } when call.ArgumentList.Arguments.Count > 0 && IsComparison(call):
                    return true;
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } when IsComparison(call):
                    return true;
            }
        }

        return false;
    }

    // Whether the code tests the caller's own role (`User.IsInRole("Admin")`, `if (current.Role != "Admin") return Forbid();`),
    // not a role the request carries (`if (dto.Roles != null)`).
    private static bool CallerRoleChecked(SyntaxNode body, HashSet<string> roots)
    {
        foreach (var node in body.Descendants())
        {
            var condition = node switch
            {
                InvocationExpressionSyntax call when call.MethodName() is { } name && CallerChecks.Contains(name) => (ExpressionSyntax)call,
                IfStatementSyntax s => s.Condition,
                ConditionalExpressionSyntax c => c.Condition,
                _ => null,
            };
            if (condition is InvocationExpressionSyntax)
            {
                return true;
            }

            if (condition is not null && !TestsRoleExists(condition) && condition.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m =>
                (m.Name.Identifier.ValueText.Contains("Role", StringComparison.Ordinal) || m.Name.Identifier.ValueText.Contains("Admin", StringComparison.Ordinal)) &&
                RootOf(m) is { } root && !roots.Contains(root)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsComparison(InvocationExpressionSyntax call) =>
        call.MethodName() is { } name && Comparisons.Any(c => name.Contains(c, StringComparison.Ordinal));

    // "Admin", Roles.Admin, UserRole.Administrator, or `true` for an IsAdmin-style flag.
    private static bool GrantsAdmin(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression) => value.Parent is AssignmentExpressionSyntax { Left: var left } && left.ToString().Contains("Admin", StringComparison.Ordinal),
        LiteralExpressionSyntax literal => literal.Token.ValueText.Contains("admin", StringComparison.OrdinalIgnoreCase),
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText.Contains("Admin", StringComparison.OrdinalIgnoreCase),
        ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax or CollectionExpressionSyntax => value.Descendants().OfType<ExpressionSyntax>().Any(e => e is LiteralExpressionSyntax or MemberAccessExpressionSyntax && GrantsAdmin(e)),
        _ => false,
    };

    // Inside a test other than "did creating the user succeed": first user, an invitation, a setting — a deliberate path, not reported.
    private static bool Conditional(SyntaxNode node, SyntaxNode body)
    {
        foreach (var ancestor in node.Ancestors().TakeWhile(a => a != body))
        {
            var condition = ancestor switch
            {
                IfStatementSyntax s => s.Condition,
                ElseClauseSyntax { Parent: IfStatementSyntax s } => s.Condition,
                ConditionalExpressionSyntax c => c.Condition,
                SwitchSectionSyntax { Parent: SwitchStatementSyntax s } => s.Expression,
                _ => null,
            };
            if (condition is not null && !condition.ToString().Contains("Succeeded", StringComparison.Ordinal) && !TestsRoleExists(condition))
            {
                return true;
            }
        }

        return false;
    }

    // `if (!await _roleManager.RoleExistsAsync(UserRoles.Admin))`: whether the role is set up yet,
    // asked before creating it or granting it. Neither a test of the caller nor a deliberate path.
    private static bool TestsRoleExists(ExpressionSyntax condition) => condition switch
    {
        PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression) => TestsRoleExists(not.Operand),
        ParenthesizedExpressionSyntax parenthesized => TestsRoleExists(parenthesized.Expression),
        AwaitExpressionSyntax awaited => TestsRoleExists(awaited.Expression),
        InvocationExpressionSyntax call => call.MethodName() is "RoleExistsAsync" or "RoleExists",
        _ => false,
    };

    /// <summary>Which property gets a role, from what, and whether the code is a sign-up or makes an admin outright.</summary>
    internal sealed record Grant(string Property, string Value, bool SignUp, bool Admin);
}
