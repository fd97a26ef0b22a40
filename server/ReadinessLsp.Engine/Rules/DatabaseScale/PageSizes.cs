using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// Whether a page size handed to <c>Take</c> is whatever the caller sent: a parameter of the
/// endpoint, or a property of the request it binds (a query model, a mediator request declared in
/// the same file), with no maximum applied anywhere the code can see (<c>Math.Min</c>,
/// <c>Math.Clamp</c>, a comparison, <c>[Range]</c>, a validator's <c>RuleFor</c>).
/// </summary>
internal static class PageSizes
{
    private static readonly HashSet<string> Numbers = new(StringComparer.Ordinal) { "int", "long", "short", "Int32", "Int64" };

    /// <summary>The request value <paramref name="size"/> reads (<c>limit</c>, <c>message.Limit</c>), or null when it is not one or is capped.</summary>
    public static string? FromRequest(ExpressionSyntax size, SyntaxNode at)
    {
        var value = Strip(size);
        if (value is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax }) || ResponseSyntax.EndpointAround(at) is not { } endpoint)
        {
            return null;
        }

        // `var size = limit ?? 20;`: the local stands for the request value.
        for (var depth = 0; depth < 3 && value is IdentifierNameSyntax local && ParameterOf(endpoint, local.Identifier.ValueText) is null; depth++)
        {
            if (ResponseSyntax.LastValueOf(local, endpoint) is not { } assigned || Capped(local.Identifier.ValueText, endpoint, at))
            {
                return null;
            }

            value = Strip(assigned);
        }

        switch (value)
        {
            case IdentifierNameSyntax name when ParameterOf(endpoint, name.Identifier.ValueText) is { } parameter:
                return IsNumber(parameter.Type) && !HasCap(parameter.AttributeLists) && !CSharpFileModel.HasAttribute(parameter, "FromServices") &&
                    !Capped(name.Identifier.ValueText, endpoint, at)
                    ? name.Identifier.ValueText
                    : null;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: var property } member
                when ParameterOf(endpoint, owner.Identifier.ValueText) is { Type: { } type }:
                return PlainProperty(type, property, at.SyntaxTree.GetRoot()) && !Capped(property, endpoint, at) ? member.ToString() : null;
            default:
                return null;
        }
    }

    // `limit ?? 20`, `(int)limit`, `limit.Value`, `limit.GetValueOrDefault(20)`.
    private static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        for (var depth = 0; depth < 6; depth++)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce:
                    expression = coalesce.Left;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } nullable:
                    expression = nullable.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetValueOrDefault" } defaulted }:
                    expression = defaulted.Expression;
                    continue;
            }

            break;
        }

        return expression;
    }

    // A maximum applied before the query: `Math.Min(size, 100)`, `Math.Clamp(...)`, `if (size > 100)`, `size > 100 ? 100 : size`.
    private static bool Capped(string name, SyntaxNode endpoint, SyntaxNode at)
    {
        foreach (var node in endpoint.Descendants())
        {
            if (node.SpanStart >= at.SpanStart)
            {
                break;
            }

            switch (node)
            {
                case InvocationExpressionSyntax call when call.MethodName() is "Min" or "Clamp" && Mentions(call.ArgumentList, name):
                    return true;
                case BinaryExpressionSyntax comparison when comparison.Kind() is SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or
                        SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression && (Names(comparison.Left, name) || Names(comparison.Right, name)):
                    return true;
            }
        }

        return false;
    }

    private static bool Mentions(SyntaxNode node, string name) =>
        node.Descendants().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == name);

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
        ParenthesizedExpressionSyntax or CastExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } => Names(Strip(expression), name) && Strip(expression) != expression,
        _ => false,
    };

    private static ParameterSyntax? ParameterOf(SyntaxNode endpoint, string name)
    {
        var parameters = endpoint switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
            SimpleLambdaExpressionSyntax simple => SyntaxFactory.SeparatedList([simple.Parameter]),
            _ => default,
        };
        foreach (var parameter in parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static bool IsNumber(TypeSyntax? type) => type switch
    {
        NullableTypeSyntax nullable => IsNumber(nullable.ElementType),
        PredefinedTypeSyntax or IdentifierNameSyntax => Numbers.Contains(type.ToString()),
        _ => false,
    };

    private static bool HasCap(SyntaxList<AttributeListSyntax> attributes) =>
        attributes.SelectMany(l => l.Attributes).Any(a => CSharpFileModel.SimpleName(a.Name) is "Range" or "Max" or "MaxValue" or "Maximum");

    // The request type is declared in this file, and the property is plain data: a positional record
    // parameter or an auto-property, with no attribute or validator rule that caps it. Elsewhere: unknown, silent.
    private static bool PlainProperty(TypeSyntax type, string property, SyntaxNode root)
    {
        var typeName = CSharpFileModel.SimpleName(type);
        var declaration = root.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<TypeDeclarationSyntax>().FirstOrDefault(t => t.Identifier.ValueText == typeName);
        if (declaration is null || RuledBy(root, property))
        {
            return false;
        }

        if (declaration.ParameterList?.Parameters.FirstOrDefault(p => p.Identifier.ValueText == property) is { } positional)
        {
            return IsNumber(positional.Type) && !HasCap(positional.AttributeLists);
        }

        return declaration.Members.OfType<PropertyDeclarationSyntax>().FirstOrDefault(p => p.Identifier.ValueText == property) is { } declared &&
            IsNumber(declared.Type) && !HasCap(declared.AttributeLists) &&
            declared.AccessorList?.Accessors.All(a => a.Body is null && a.ExpressionBody is null) == true;
    }

    // A FluentValidation rule about the property in the same file: `RuleFor(x => x.Limit)`.
    private static bool RuledBy(SyntaxNode root, string property) =>
        root.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is "RuleFor" && Mentions(c.ArgumentList, property));
}
