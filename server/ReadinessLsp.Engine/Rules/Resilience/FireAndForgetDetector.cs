using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Resilience;

/// <summary>
/// RDY5003: work started from a request and never awaited: <c>_ = SendAsync()</c>,
/// <c>Task.Run(...)</c>, <c>Task.Factory.StartNew(...)</c>, or an <c>...Async()</c> call used as a
/// statement. Its failure is never seen, a restart or deployment loses it, and when it uses the
/// request's scoped services (the DbContext, <c>HttpContext</c>) they are disposed under it.
/// Silent in startup code, background workers and queue consumers, and outside web apps.
/// </summary>
internal sealed class FireAndForgetDetector : ICSharpDetector
{
    private static readonly HashSet<string> RequestScoped = ["HttpContext", "Request", "Response", "User", "DbContext"];

    public string RuleId => "RDY5003";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ExpressionStatement];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["Task.Run(", "StartNew(", "_ =", "_=", "Async("];

    // The names IsTaskCall accepts (an ...Async method, Task.Run and the other task factories) and a discard.
    public IReadOnlyCollection<string>? Anchors { get; } = ["Async", "Run(", "Run<", "StartNew", "WhenAll", "WhenAny", "_ =", "_="];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var statement = (ExpressionStatementSyntax)node;
        var (call, discarded) = statement.Expression switch
        {
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: InvocationExpressionSyntax right } => (right, true),
            InvocationExpressionSyntax invocation => (invocation, false),
            _ => (null, false),
        };
        if (call is null || !TaskSyntax.IsTaskCall(call) || IsDelay(call) || CodeTimings.Of(statement) != CodeTiming.Request)
        {
            return;
        }

        if (Documented(statement))
        {
            return;
        }

        var started = StartsWork(call);
        if (!discarded && !started && !InAsyncCaller(statement))
        {
            // A synchronous method calling an ...Async method without using the task is as likely to be
            // a sync-named helper as a dropped task; in an async method the compiler warns too, and people ignore it.
            return;
        }

        var consequence = UsesRequestServices(call, context)
            ? "it uses the request's services (the database context, HttpContext), which are disposed as soon as the response is sent, so it fails or corrupts data"
            : "if it fails, nobody hears of it, and a restart or deployment loses it";
        context.Defer(
            WebAppOnly.Resolver,
            call.Span,
            WebAppOnly.Any,
            new Dictionary<string, string> { ["call"] = Describe(call), ["consequence"] = consequence },
            started ? [] : AwaitFix(statement, call, context));
    }

    // A comment on the statement, or a try whose catch explains itself ("it's the subscriber's
    // responsibility to report exceptions"): the author chose not to wait, and says why.
    private static bool Documented(StatementSyntax statement)
    {
        if (statement.GetLeadingTrivia().Concat(statement.GetTrailingTrivia()).Any(IsComment))
        {
            return true;
        }

        var attempt = statement.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax).OfType<TryStatementSyntax>().FirstOrDefault();
        return attempt is not null && attempt.Catches.Any(c => c.Block.DescendantTrivia().Concat(c.Block.CloseBraceToken.LeadingTrivia).Any(IsComment));
    }

    private static bool IsComment(SyntaxTrivia trivia) =>
        (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)) &&
        !trivia.ToString().Contains("TODO", StringComparison.OrdinalIgnoreCase);

    private static bool IsDelay(InvocationExpressionSyntax call) => call.MethodName() == "Delay";

    // Task.Run, Task.Factory.StartNew: work handed to the thread pool.
    private static bool StartsWork(InvocationExpressionSyntax call) =>
        call.MethodName() is "Run" or "StartNew" && call.Receiver() is IdentifierNameSyntax { Identifier.ValueText: "Task" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Factory" };

    private static bool InAsyncCaller(SyntaxNode node) => TaskSyntax.InAsyncFunction(node);

    private static string Describe(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } } member => $"Task.{member.Name.Identifier.ValueText}(...)",
        MemberAccessExpressionSyntax member => $"{member.Name.Identifier.ValueText}(...)",
        _ => $"{call.MethodName()}(...)",
    };

    // The call or the lambda it starts reads HttpContext, Request, User or a DbContext-typed name.
    private static bool UsesRequestServices(InvocationExpressionSyntax call, CSharpContext context) =>
        call.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
            RequestScoped.Contains(name.Identifier.ValueText) ||
            CSharpFileModel.SimpleName(context.Model.DeclaredTypeOf(name)) is { } type && (type.EndsWith("DbContext", StringComparison.Ordinal) || type.EndsWith("Context", StringComparison.Ordinal) && type != "SynchronizationContext"));

    // `_ = SendAsync(x);` or `SendAsync(x);` in an async function -> `await SendAsync(x);`: the request waits for the work and sees its failure.
    private static IReadOnlyList<Fix> AwaitFix(ExpressionStatementSyntax statement, InvocationExpressionSyntax call, CSharpContext context) =>
        TaskSyntax.InAsyncFunction(statement) ? [context.Replace(statement.Expression.Span, $"await {call}")] : [];
}
