using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Records the app's own extension methods that apply endpoint conventions to the builder they are
/// called on (<c>group.RequireAuthorization(...)</c>, <c>AllowAnonymous()</c>, rate limiting), so a
/// group built as <c>app.MapGroup("/leases").WithPamDefaults()</c> in one file gets the authorization
/// written in another. Only static methods whose first parameter is <c>this</c> builder are read.
/// </summary>
internal sealed class ConventionHelperCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["RequireAuthorization", "AllowAnonymous", "RequireRateLimiting", "DisableRateLimiting"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        // Most methods fail here, before anything is allocated.
        var method = (MethodDeclarationSyntax)node;
        var parameters = method.ParameterList.Parameters;
        if (parameters.Count == 0 || !parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword) || !IsBuilder(parameters[0].Type, method))
        {
            return;
        }

        var receiver = parameters[0].Identifier.ValueText;
        var name = method.Identifier.ValueText;
        var where = $"the builder {name}() is given";
        List<AuthMeta>? auth = null;
        List<RateLimitMeta>? limits = null;

        // A helper applies its conventions in its own statements (`group.RequireAuthorization(...);`,
        // `return builder.RequireAuthorization();`, `=> builder...`): nothing deeper is read.
        foreach (var expression in TopLevelExpressions(method))
        {
            if (expression is not InvocationExpressionSyntax call || !RootIs(call, receiver))
            {
                continue;
            }

            foreach (var link in call.FluentChain())
            {
                if (link.MethodName() is not { } linkName || linkName.StartsWith("Map", StringComparison.Ordinal))
                {
                    break; // after MapGet or MapGroup, conventions apply to what was mapped, not to the builder given
                }

                if (Conventions.AuthOf(link, where) is { } meta && !(meta.Kind == AuthMetaKind.Helper && meta.Resolves == name))
                {
                    (auth ??= []).Add(meta);
                }

                if (Conventions.RateLimitOf(link, where) is { } limit)
                {
                    (limits ??= []).Add(limit);
                }
            }
        }

        // A helper that only calls other helpers (b.WithAuth().WithLimits()) is kept too: the model follows it.
        if (auth is not null || limits is not null)
        {
            context.Facts.Add(new ConventionHelperFact(
                name,
                auth is null ? EquatableArray<AuthMeta>.Empty : auth.ToEquatableArray(),
                limits is null ? EquatableArray<RateLimitMeta>.Empty : limits.ToEquatableArray(),
                context.RangeOf(method.Identifier.Span)));
        }
    }

    private static IEnumerable<ExpressionSyntax> TopLevelExpressions(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            yield return arrow.Expression;
            yield break;
        }

        foreach (var statement in method.Body?.Statements ?? default)
        {
            switch (statement)
            {
                case ExpressionStatementSyntax { Expression: var expression }:
                    yield return expression;
                    break;
                case ReturnStatementSyntax { Expression: { } returned }:
                    yield return returned;
                    break;
            }
        }
    }

    // RouteGroupBuilder, IEndpointConventionBuilder, RouteHandlerBuilder, or `TBuilder` constrained to one.
    private static bool IsBuilder(TypeSyntax? type, MethodDeclarationSyntax method)
    {
        if (RouteBuilders.IsBuilderType(type))
        {
            return true;
        }

        var name = CSharpFileModel.SimpleName(type);
        if (name is null)
        {
            return false;
        }

        if (name.EndsWith("ConventionBuilder", StringComparison.Ordinal) || name.EndsWith("RouteHandlerBuilder", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var clause in method.ConstraintClauses)
        {
            if (clause.Name.Identifier.ValueText == name &&
                clause.Constraints.Any(c => c is TypeConstraintSyntax t && CSharpFileModel.SimpleName(t.Type) is { } bound && bound.EndsWith("ConventionBuilder", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RootIs(InvocationExpressionSyntax call, string receiver)
    {
        ExpressionSyntax? current = call;
        while (current is InvocationExpressionSyntax invocation)
        {
            current = invocation.Receiver();
        }

        return current is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == receiver;
    }
}
