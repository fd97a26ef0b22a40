using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Model.Ownership;

/// <summary>
/// Records the methods that load a row by one of their parameters (<c>GetAsync(int orderId)</c> →
/// <c>_context.Orders.FindAsync(orderId)</c>) and the specifications whose constructor filters by
/// one (<c>Query.Where(o =&gt; o.Id == orderId)</c>), so the IDOR rule can follow a handler's id one
/// call into the workspace. Only the anchored calls are read; a method's body is read only when
/// one of them looks a row up by a parameter.
/// </summary>
internal sealed class RowLookupCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> SpecificationBases = new(StringComparer.Ordinal)
    {
        "Specification", "SingleResultSpecification", "BaseSpecification", "Spec",
    };

    // Words that show a method reads the signed-in user itself: then what it loads is not the caller's to choose.
    private static readonly SearchValues<string> CallerWordSearch =
        SearchValues.Create(["ClaimTypes", "FindFirst", "GetUserId", "IsInRole", "CurrentUser", "User.Identity"], StringComparison.Ordinal);

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. EfSyntax.DataWords, "Specification<"];

    public IReadOnlyCollection<string>? Anchors { get; } = [.. RowSyntax.LoadWords, "Where("];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.Expression is not MemberAccessExpressionSyntax member)
        {
            return;
        }

        var name = member.Name.Identifier.ValueText;
        if (name == "Where" && member.Expression is IdentifierNameSyntax { Identifier.ValueText: "Query" })
        {
            Specification(call, context);
        }
        else if (RowSyntax.Loads.Contains(name))
        {
            Load(call, member, name, context);
        }
    }

    private static void Load(InvocationExpressionSyntax call, MemberAccessExpressionSyntax member, string name, CSharpContext context)
    {
        if (OwnMethod(call) is not { } method || method.ParameterList.Parameters.Count == 0 || method.Parent is not TypeDeclarationSyntax type)
        {
            return;
        }

        // An action of a controller or page is the framework's to call; the IDOR rule reads it as a handler.
        if (type is ClassDeclarationSyntax handlerType && method.Modifiers.Any(SyntaxKind.PublicKeyword) && HandlerTypeCollector.MayHandleRequests(handlerType, context))
        {
            return;
        }

        var parameters = Parameters(method);
        if (!NamesParameter(call, parameters))
        {
            return; // nothing the caller hands in reaches this query: no need to ask the file's model
        }

        var file = EfFile.Of(context);
        EfSetRef? table = null;
        string? parameter = null;
        string? property = null;
        var properties = new List<string>();
        if (name.StartsWith("Find", StringComparison.Ordinal))
        {
            if (call.ArgumentList.Arguments.Count == 0 || RowSyntax.ParameterOf(call.ArgumentList.Arguments[0].Expression, parameters, out var findMember) is not { } found ||
                RowSyntax.NamesOtherParty(findMember) || file.ChainOf(member.Expression) is not { Operators.Count: 0 } chain)
            {
                return;
            }

            (table, parameter) = (chain.Root, found);
        }
        else
        {
            if (file.ChainOf(call) is not { } chain)
            {
                return;
            }

            table = chain.Root;
            foreach (var predicate in chain.Predicates)
            {
                if (RowSyntax.HasOr(predicate.Condition))
                {
                    return;
                }

                foreach (var (compared, value) in RowSyntax.Equalities(predicate.Condition, predicate.Row))
                {
                    properties.Add(compared);
                    if (parameter is null && RowSyntax.ParameterOf(value, parameters, out var valueMember) is { } used && !RowSyntax.NamesOtherParty(valueMember))
                    {
                        (parameter, property) = (used, compared);
                    }
                }
            }

            if (parameter is null || property is null)
            {
                return;
            }

            properties.Remove(property);
            properties.Insert(0, property);
        }

        var seen = context.Local<NodeMap<MethodDeclarationSyntax, bool>>(MethodsKey);
        if (seen.TryGetValue(method, out var checksCaller) && checksCaller)
        {
            return;
        }

        if (!seen.ContainsKey(method))
        {
            seen[method] = checksCaller = ReadsCaller(method, context);
            if (checksCaller)
            {
                return;
            }
        }

        var index = IndexOf(method, parameter);
        var outer = RowSyntax.Outermost(call);
        var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
        var use = body is null ? null
            : RowSyntax.IsReturned(outer, body) ? "returns it"
            : RowSyntax.LocalOf(outer) is { } local ? RowSyntax.UseOf(local, outer.Span.End, body) ?? "returns it"
            : null;
        if (use is null || table is null)
        {
            return;
        }

        context.Facts.Add(new RowLookupFact(
            type.Identifier.ValueText, Bases(type, context), method.Identifier.ValueText, index, table, properties.ToEquatableArray(),
            use, context.Path, context.RangeOf(call.Span)));
    }

    // Query.Where(o => o.Id == orderId) in the constructor of OrderByIdSpec : Specification<Order>.
    private static void Specification(InvocationExpressionSyntax call, CSharpContext context)
    {
        if (call.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not { Parent: ClassDeclarationSyntax type } constructor || type.BaseList is null ||
            call.ArgumentList.Arguments is not [{ Expression: SimpleLambdaExpressionSyntax { ExpressionBody: { } condition } lambda }])
        {
            return;
        }

        string? entity = null;
        foreach (var baseType in type.BaseList.Types)
        {
            if (CSharpFileModel.SimpleName(baseType.Type) is { } name && SpecificationBases.Contains(name) && CSharpFileModel.FirstTypeArgument(baseType.Type) is { } argument)
            {
                entity = EfSyntax.LastSegment(argument);
            }
        }

        if (entity is null || RowSyntax.HasOr(condition))
        {
            return;
        }

        var parameters = new List<string>();
        foreach (var parameter in constructor.ParameterList.Parameters)
        {
            parameters.Add(parameter.Identifier.ValueText);
        }

        var equalities = RowSyntax.Equalities(condition, lambda.Parameter.Identifier.ValueText);
        foreach (var (property, value) in equalities)
        {
            if (RowSyntax.ParameterOf(value, parameters, out _) is { } parameter)
            {
                var properties = equalities.Select(e => e.Property).Where(p => p != property).Prepend(property).ToEquatableArray();
                context.Facts.Add(new RowLookupFact(
                    type.Identifier.ValueText, Bases(type, context), "new", parameters.IndexOf(parameter), new EfSetRef(null, null, entity), properties, "returns it",
                    context.Path, context.RangeOf(call.Span)));
                return;
            }
        }
    }

    private static readonly object SeenKey = new();
    private static readonly object MethodsKey = new();
    private static readonly object BasesKey = new();

    // One search of the file's text for the words, then a look at the method's span: no copy of its text, no walk of its tokens.
    private static bool ReadsCaller(MethodDeclarationSyntax method, CSharpContext context)
    {
        var found = context.Local<CallerWordPositions>(SeenKey);
        found.Positions ??= context.Document.PositionsOf(CallerWordSearch);
        foreach (var position in found.Positions)
        {
            if (position >= method.SpanStart && position < method.Span.End)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CallerWordPositions
    {
        public List<int>? Positions { get; set; }
    }

    // The named method a call runs in; not a lambda's, and not a public action of an endpoint class.
    private static MethodDeclarationSyntax? OwnMethod(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null;
                case MethodDeclarationSyntax method:
                    return method;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    // Whether a filter or argument along the chain names a parameter.
    private static bool NamesParameter(InvocationExpressionSyntax load, List<string> parameters)
    {
        foreach (var node in load.Descendants())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } && parameters.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Parameters(MethodDeclarationSyntax method)
    {
        var names = new List<string>(method.ParameterList.Parameters.Count);
        foreach (var parameter in method.ParameterList.Parameters)
        {
            names.Add(parameter.Identifier.ValueText);
        }

        return names;
    }

    private static int IndexOf(MethodDeclarationSyntax method, string parameter)
    {
        var parameters = method.ParameterList.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Identifier.ValueText == parameter)
            {
                return i;
            }
        }

        return -1;
    }

    // Per type, once per file: a repository has many lookups.
    private static EquatableArray<string> Bases(TypeDeclarationSyntax type, CSharpContext context)
    {
        var cache = context.Local<NodeMap<TypeDeclarationSyntax, EquatableArray<string>>>(BasesKey);
        if (!cache.TryGetValue(type, out var bases))
        {
            cache[type] = bases = type.BaseList?.Types.Select(b => CSharpFileModel.SimpleName(b.Type) ?? b.Type.ToString()).ToEquatableArray() ?? EquatableArray<string>.Empty;
        }

        return bases;
    }
}
