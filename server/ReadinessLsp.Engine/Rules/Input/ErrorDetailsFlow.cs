using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>Where an exception's text ends up, as far as one function shows.</summary>
internal abstract record ErrorDetailsSink
{
    /// <summary>Sent to the client: a result, a response write, a model error, a SignalR message.</summary>
    internal sealed record Response(string Via) : ErrorDetailsSink;

    /// <summary>Returned from the function: a leak when the function is an endpoint, or hands its result to one.</summary>
    internal sealed record Returned : ErrorDetailsSink;
}

/// <summary>
/// Follows a value within one function, without a compilation: up through the expressions built
/// from it (concatenation, interpolation, object and anonymous-object initializers, arguments of
/// calls such as <c>JsonSerializer.Serialize</c>, conditionals), into the locals it is stored in
/// (<c>var response = new { message = ex.Message }</c>, <c>result.Errors.Add(...)</c>) and on from
/// their later uses, until it reaches a <see cref="ResponseSinks">response</see>, a <c>return</c>, or
/// stops mattering (a log call, a statement that drops it).
/// </summary>
internal static class ErrorDetailsFlow
{
    private const int MaxLocals = 8;

    public static ErrorDetailsSink? From(ExpressionSyntax source)
    {
        var function = source.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax);
        if (function is null)
        {
            return null;
        }

        var pending = new Queue<SyntaxNode>([source]);
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        ErrorDetailsSink? returned = null;
        while (pending.Count > 0)
        {
            var (sink, local) = Climb((ExpressionSyntax)pending.Dequeue(), function);
            switch (sink)
            {
                case ErrorDetailsSink.Response:
                    return sink;
                case ErrorDetailsSink.Returned:
                    returned = sink;
                    break;
            }

            if (local is { } name && tainted.Count < MaxLocals && tainted.Add(name.Text))
            {
                foreach (var use in function.Descendants().OfType<IdentifierNameSyntax>())
                {
                    if (use.Identifier.ValueText == name.Text && use.SpanStart > name.After && !IsAssignedTo(use))
                    {
                        pending.Enqueue(use);
                    }
                }
            }
        }

        return returned;
    }

    // Climb from a tainted expression to where it goes; a local that receives it is returned for following.
    private static (ErrorDetailsSink? Sink, TaintedLocal? Local) Climb(ExpressionSyntax expression, SyntaxNode function)
    {
        SyntaxNode current = expression;
        while (current.Parent is { } parent && parent != function)
        {
            switch (parent)
            {
                case InvocationExpressionSyntax call:
                    if (LoggerSyntax.IsLogCall(call))
                    {
                        return (null, null);
                    }

                    if (ResponseSinks.Call(call) is { } via)
                    {
                        return (new ErrorDetailsSink.Response(via), null);
                    }

                    // `result.Errors.Add(x)`, `builder.Append(x)`: the receiver now holds it.
                    if (current is ArgumentListSyntax && RootLocal(call.Receiver(), function) is { } holder)
                    {
                        return (null, new TaintedLocal(holder, call.SpanStart));
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when ResponseSinks.Creation(creation) is { } created:
                    return (new ErrorDetailsSink.Response(created), null);
                case AssignmentExpressionSyntax assignment when current == assignment.Right:
                    if (ResponseSinks.Target(assignment.Left) is { } shown)
                    {
                        return (new ErrorDetailsSink.Response(shown), null);
                    }

                    if (assignment.Parent is InitializerExpressionSyntax)
                    {
                        break; // `new Error { Message = x }`: the object holds it.
                    }

                    // `message = ex.Message;` or `result.Error = ex.Message;`
                    return RootLocal(assignment.Left, function) is { } target ? (null, new TaintedLocal(target, assignment.SpanStart)) : (null, null);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return (null, new TaintedLocal(declarator.Identifier.ValueText, declarator.SpanStart));
                case ReturnStatementSyntax or ArrowExpressionClauseSyntax or YieldStatementSyntax:
                    return (new ErrorDetailsSink.Returned(), null);
                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == current:
                    return (null, null);
                case StatementSyntax or ArrowExpressionClauseSyntax or AttributeSyntax:
                    return (null, null);
                case ConditionalExpressionSyntax conditional when current == conditional.Condition:
                    return (null, null);
                case BinaryExpressionSyntax binary when binary.Kind() is not (SyntaxKind.AddExpression or SyntaxKind.CoalesceExpression):
                    return (null, null);
                case MemberAccessExpressionSyntax member when member.Name is { Identifier.ValueText: "Length" or "Count" or "GetType" }:
                    return (null, null);
            }

            current = parent;
        }

        return (null, null);
    }

    private static bool IsAssignedTo(IdentifierNameSyntax use) =>
        use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use;

    // The local a target or receiver belongs to: `message`, `result.Errors`, `sb`. Fields and properties are not followed.
    private static string? RootLocal(ExpressionSyntax? expression, SyntaxNode function)
    {
        while (expression is MemberAccessExpressionSyntax member)
        {
            expression = member.Expression;
        }

        if (expression is not IdentifierNameSyntax name)
        {
            return null;
        }

        var text = name.Identifier.ValueText;
        return function.Descendants().OfType<VariableDeclaratorSyntax>().Any(v => v.Identifier.ValueText == text) ? text : null;
    }

    private sealed record TaintedLocal(string Text, int After)
    {
        public static implicit operator TaintedLocal(string text) => new(text, 0);
    }
}
