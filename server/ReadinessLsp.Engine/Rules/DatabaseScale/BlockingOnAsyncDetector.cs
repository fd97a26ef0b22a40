using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3131: a thread blocked on async work in code that runs per request: <c>.Result</c>,
/// <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c>. Each blocked request holds
/// a thread-pool thread doing nothing; under load the pool runs dry and every request waits.
/// Silent in startup code (<c>Main</c>, top-level statements, service registration, seeding),
/// background workers, static initializers, on tasks already complete (awaited before, after
/// <c>Task.WhenAll</c>, under an <c>IsCompleted</c> check) and outside web apps.
/// </summary>
internal sealed class BlockingOnAsyncDetector : ICSharpDetector
{
    public string RuleId => "RDY3131";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [".Result", ".Wait(", "GetResult(", "WaitAll(", "WaitAny("];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var blocking = node switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access when access.Parent is not InvocationExpressionSyntax { Expression: var e } || e != access =>
                IsBlockedTask(access.Expression, access, context) ? new Blocking(access, access.Expression, access.Name.SpanStart, ".Result") : null,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call => member.Name.Identifier.ValueText switch
            {
                "GetResult" when member.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter } getAwaiter && getAwaiter.ArgumentList.Arguments.Count == 0 &&
                    !Completed(awaiter.Expression, call) =>
                    new Blocking(call, awaiter.Expression, awaiter.Name.SpanStart, ".GetAwaiter().GetResult()"),
                "Wait" when IsBlockedTask(member.Expression, call, context) => new Blocking(call, member.Expression, member.Name.SpanStart, ".Wait()"),
                "WaitAll" or "WaitAny" when member.Expression is IdentifierNameSyntax { Identifier.ValueText: "Task" } => new Blocking(call, null, member.Expression.SpanStart, $"Task.{member.Name.Identifier.ValueText}()"),
                _ => null,
            },
            _ => null,
        };
        if (blocking is null || CodeTimings.Of(node) != CodeTiming.Request || InStaticInitializer(node) || InSyncTwin(node))
        {
            return;
        }

        context.Defer(
            WebAppOnly.Resolver,
            TextSpan.FromBounds(blocking.Start, blocking.Node.Span.End),
            WebAppOnly.Any,
            new Dictionary<string, string> { ["call"] = blocking.Call },
            AwaitFix(blocking, context));
    }

    private static bool IsBlockedTask(ExpressionSyntax receiver, SyntaxNode at, CSharpContext context) =>
        TaskSyntax.IsTask(receiver, context.Model) && !Completed(receiver, at) &&
        !(receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" } });

    private static bool Completed(ExpressionSyntax receiver, SyntaxNode at) =>
        receiver is IdentifierNameSyntax name && TaskSyntax.CompletedBefore(name.Identifier.ValueText, at);

    private static bool InStaticInitializer(SyntaxNode node)
    {
        var member = node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        return member is BaseFieldDeclarationSyntax or PropertyDeclarationSyntax or ConstructorDeclarationSyntax && member.Modifiers.Any(SyntaxKind.StaticKeyword);
    }

    // `override int SaveChanges() => SaveChangesAsync().GetAwaiter().GetResult();`, or an interceptor's
    // `SavingChanges` beside its `SavingChangesAsync`: the synchronous overload a base class demands,
    // kept for callers that cannot await; the app's own code takes the async twin.
    private static bool InSyncTwin(SyntaxNode node)
    {
        if (node.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } method || !method.Modifiers.Any(SyntaxKind.OverrideKeyword) ||
            method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return false;
        }

        var twin = method.Identifier.ValueText + "Async";
        return method.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == twin) ||
            method.Parent is TypeDeclarationSyntax type && type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == twin);
    }

    // In an async function: `(await task)` for `.Result`, `await task` for `.GetAwaiter().GetResult()` and `.Wait();`.
    private static IReadOnlyList<Fix> AwaitFix(Blocking blocking, CSharpContext context)
    {
        if (blocking.Task is not { } task || !TaskSyntax.InAsyncFunction(blocking.Node))
        {
            return [];
        }

        if (blocking.Call == ".Wait()" && (blocking.Node.Parent is not ExpressionStatementSyntax || ((InvocationExpressionSyntax)blocking.Node).ArgumentList.Arguments.Count > 0))
        {
            return [];
        }

        var awaited = $"await {task}";
        var standsAlone = blocking.Node.Parent is EqualsValueClauseSyntax or ExpressionStatementSyntax or ReturnStatementSyntax or ArgumentSyntax or ArrowExpressionClauseSyntax ||
            blocking.Node.Parent is AssignmentExpressionSyntax assignment && assignment.Right == blocking.Node;
        return [context.Replace(blocking.Node.Span, standsAlone ? awaited : $"({awaited})")];
    }

    private sealed record Blocking(SyntaxNode Node, ExpressionSyntax? Task, int Start, string Call);
}
