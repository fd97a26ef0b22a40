using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>Whether an expression is a task, by its name and declaration, without a compilation.</summary>
internal static class TaskSyntax
{
    private static readonly HashSet<string> TaskTypes = ["Task", "ValueTask"];

    private static readonly HashSet<string> TaskFactories = ["Run", "WhenAll", "WhenAny", "StartNew", "Delay"];

    /// <summary>
    /// <c>client.PostAsync(...)</c>, <c>Task.Run(...)</c>, a local <c>var t = LoadAsync();</c>, or a name
    /// declared as <c>Task</c>/<c>Task&lt;T&gt;</c>/<c>ValueTask</c>. <c>Task.FromResult(x)</c> and
    /// <c>Task.CompletedTask</c> are complete already and do not count.
    /// </summary>
    public static bool IsTask(ExpressionSyntax expression, CSharpFileModel model) => expression switch
    {
        ParenthesizedExpressionSyntax p => IsTask(p.Expression, model),
        InvocationExpressionSyntax call => IsTaskCall(call),
        IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } =>
            CSharpFileModel.SimpleName(model.DeclaredTypeOf(expression)) is { } type ? TaskTypes.Contains(type) : LocalFromTaskCall(expression),
        _ => false,
    };

    /// <summary>A call that returns a task not awaited yet: <c>SendAsync(...)</c>, <c>Task.Run(...)</c>, <c>x.ConfigureAwait(false)</c> on one.</summary>
    public static bool IsTaskCall(InvocationExpressionSyntax call)
    {
        var name = call.MethodName();
        if (name is null)
        {
            return false;
        }

        if (name == "ConfigureAwait")
        {
            return call.Receiver() is InvocationExpressionSyntax inner && IsTaskCall(inner);
        }

        if (call.Receiver() is IdentifierNameSyntax { Identifier.ValueText: "Task" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Factory" })
        {
            return TaskFactories.Contains(name);
        }

        return name.EndsWith("Async", StringComparison.Ordinal) && name.Length > "Async".Length;
    }

    // `var task = LoadAsync(id);` earlier in the same function.
    private static bool LocalFromTaskCall(ExpressionSyntax expression)
    {
        if (expression is not IdentifierNameSyntax name)
        {
            return false;
        }

        var scope = expression.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
        var declarator = scope?.Descendants(n => n is not TypeDeclarationSyntax)
            .OfType<VariableDeclaratorSyntax>()
            .FirstOrDefault(v => v.Identifier.ValueText == name.Identifier.ValueText && v.SpanStart < expression.SpanStart);
        return declarator?.Initializer?.Value is InvocationExpressionSyntax call && IsTaskCall(call);
    }

    /// <summary>
    /// Whether the task named <paramref name="name"/> is known to be complete at <paramref name="at"/>:
    /// awaited earlier in the same function (<c>await task</c>, <c>await Task.WhenAll(a, b)</c>), or
    /// read under a check of <c>IsCompleted</c>.
    /// </summary>
    public static bool CompletedBefore(string name, SyntaxNode at)
    {
        var scope = at.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            return false;
        }

        foreach (var awaited in scope.Descendants().OfType<AwaitExpressionSyntax>())
        {
            if (awaited.SpanStart < at.SpanStart && awaited.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name))
            {
                return true;
            }
        }

        // `Task.WaitAll(a, b)` earlier: it blocked once already; this read does not block again.
        if (scope.Descendants().OfType<InvocationExpressionSyntax>().Any(c =>
            c.SpanStart < at.SpanStart && c.MethodName() is "WaitAll" or "WhenAll" && c.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax i && i.Identifier.ValueText == name)))
        {
            return true;
        }

        return at.Ancestors().OfType<IfStatementSyntax>().Any(i => i.Condition.ToString().Contains(name + ".IsCompleted", StringComparison.Ordinal)) ||
            at.Ancestors().OfType<ConditionalExpressionSyntax>().Any(c => c.Condition.ToString().Contains(name + ".IsCompleted", StringComparison.Ordinal));
    }

    /// <summary>The innermost function around <paramref name="node"/>, and whether it is async.</summary>
    public static bool InAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case LockStatementSyntax or QueryExpressionSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax:
                    return false;
            }
        }

        return false;
    }
}
