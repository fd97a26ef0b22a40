using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>Name-level questions about calls, without a semantic model.</summary>
internal static class InvocationSyntax
{
    /// <summary>The called method's simple name: <c>UseCors</c> for <c>app.UseCors&lt;T&gt;(...)</c>.</summary>
    public static string? MethodName(this InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The expression the method is called on (<c>app</c> in <c>app.UseCors()</c>), if any.</summary>
    public static ExpressionSyntax? Receiver(this InvocationExpressionSyntax invocation) =>
        (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;

    /// <summary>
    /// Every call in a fluent chain that contains <paramref name="invocation"/>, outermost last:
    /// <c>p.AllowAnyOrigin().AllowCredentials()</c> yields both calls whichever one you start from.
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> FluentChain(this InvocationExpressionSyntax invocation)
    {
        // Climb to the outermost call of the chain, then walk back down through receivers.
        SyntaxNode top = invocation;
        while (top.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } member && member.Expression == top)
        {
            top = outer;
        }

        var chain = new List<InvocationExpressionSyntax>();
        ExpressionSyntax? current = (ExpressionSyntax)top;
        while (current is InvocationExpressionSyntax call)
        {
            chain.Add(call);
            current = call.Receiver();
        }

        chain.Reverse();
        return chain;
    }

    public static bool IsBooleanLiteral(this ExpressionSyntax expression, bool value) =>
        expression.IsKind(value ? Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression : Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression);

    /// <summary>The text of a plain string literal argument, or null.</summary>
    public static string? StringLiteralValue(this ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;
}
