using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// Lists a method builds up itself (<c>var all = new List&lt;Post&gt;(); ... all.AddRange(rows);</c>):
/// what they hold is what was added, so rules follow the additions.
/// </summary>
internal static class LocalLists
{
    /// <summary>A new empty list: <c>new()</c>, <c>new List&lt;T&gt;()</c>, <c>[]</c>.</summary>
    public static bool IsEmpty(ExpressionSyntax value) => value switch
    {
        ImplicitObjectCreationExpressionSyntax { Initializer: null } => true,
        ObjectCreationExpressionSyntax { Initializer: null } creation => CSharpFileModel.SimpleName(creation.Type) is "List" or "HashSet" or "Collection",
        CollectionExpressionSyntax { Elements.Count: 0 } => true,
        _ => false,
    };

    /// <summary>The use is the list being added to: <c>list.Add(x)</c>, <c>list.AddRange(xs)</c>.</summary>
    public static bool IsFilling(IdentifierNameSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "AddRange" } member && member.Expression == use &&
        member.Parent is InvocationExpressionSyntax;

    /// <summary>Whether <paramref name="list"/> is added to before <paramref name="call"/> (the first addition speaks for all).</summary>
    public static bool FilledEarlier(IdentifierNameSyntax list, SyntaxNode body, InvocationExpressionSyntax call)
    {
        foreach (var use in body.Descendants().OfType<IdentifierNameSyntax>())
        {
            if (use.SpanStart >= call.SpanStart)
            {
                return false;
            }

            if (use.Identifier.ValueText == list.Identifier.ValueText && IsFilling(use))
            {
                return true;
            }
        }

        return false;
    }
}
