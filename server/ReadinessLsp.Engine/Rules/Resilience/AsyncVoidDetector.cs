using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Resilience;

/// <summary>
/// RDY5002: <c>async void</c> outside event handlers. An exception thrown after its first
/// <c>await</c> has no task to land in and takes the whole process down. Silent for event handlers
/// (<c>(object sender, EventArgs e)</c>, methods subscribed with <c>+=</c>), overrides (the base
/// class fixes the signature) and outside web apps (desktop and mobile UI code is full of them).
/// Also flags async lambdas handed to APIs that take an <c>Action</c>: <c>list.ForEach</c>,
/// <c>Parallel.ForEach</c>, <c>new Timer</c>, <c>new Thread</c>.
/// </summary>
internal sealed class AsyncVoidDetector : ICSharpDetector
{
    private static readonly HashSet<string> ActionTakingCalls = ["ForEach", "For"];

    private static readonly HashSet<string> ActionTakingTypes = ["Timer", "Thread"];

    public string RuleId => "RDY5002";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
        [SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["async void", ".ForEach(", "Parallel.", "new Timer(", "new Thread("];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            case MethodDeclarationSyntax method when IsAsyncVoid(method.Modifiers, method.ReturnType) && !method.Modifiers.Any(SyntaxKind.OverrideKeyword) &&
                !IsEventHandler(method.ParameterList, method.Identifier.ValueText, method):
                Report(context, method.Modifiers.First(m => m.IsKind(SyntaxKind.AsyncKeyword)).SpanStart, method.Identifier.Span.End, method.Identifier.ValueText, TaskFix(method, context));
                break;
            case LocalFunctionStatementSyntax local when IsAsyncVoid(local.Modifiers, local.ReturnType) &&
                !IsEventHandler(local.ParameterList, local.Identifier.ValueText, local):
                Report(context, local.Modifiers.First(m => m.IsKind(SyntaxKind.AsyncKeyword)).SpanStart, local.Identifier.Span.End, local.Identifier.ValueText, []);
                break;
            case LambdaExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) && ActionTaker(lambda) is { } taker:
                Report(context, lambda.AsyncKeyword.SpanStart, lambda.ArrowToken.Span.End, $"lambda given to {taker}", []);
                break;
        }
    }

    private static void Report(CSharpContext context, int start, int end, string name, IReadOnlyList<Fix> fixes) =>
        context.Defer(WebAppOnly.Resolver, TextSpan.FromBounds(start, end), WebAppOnly.Any, new Dictionary<string, string> { ["name"] = name }, fixes);

    private static bool IsAsyncVoid(SyntaxTokenList modifiers, TypeSyntax returnType) =>
        modifiers.Any(SyntaxKind.AsyncKeyword) && returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

    // `(object sender, EventArgs e)`, `(object? s, ElapsedEventArgs args)`, or a method subscribed to an event in this file.
    private static bool IsEventHandler(ParameterListSyntax parameters, string name, SyntaxNode declaration)
    {
        var list = parameters.Parameters;
        if (list.Count == 2 && (CSharpFileModel.SimpleName(list[1].Type)?.EndsWith("Args", StringComparison.Ordinal) == true ||
            list[0].Type?.ToString() is "object" or "object?"))
        {
            return true;
        }

        return declaration.SyntaxTree.GetRoot().Descendants().OfType<AssignmentExpressionSyntax>().Any(a =>
            a.IsKind(SyntaxKind.AddAssignmentExpression) && a.Right is IdentifierNameSyntax { Identifier.ValueText: var handler } && handler == name);
    }

    // `items.ForEach(async x => ...)`, `Parallel.ForEach(items, async x => ...)`, `new Timer(async _ => ...)`.
    private static string? ActionTaker(LambdaExpressionSyntax lambda)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var owner } })
        {
            return null;
        }

        return owner switch
        {
            InvocationExpressionSyntax call when call.MethodName() is { } name && ActionTakingCalls.Contains(name) => name,
            BaseObjectCreationExpressionSyntax creation when creation is ObjectCreationExpressionSyntax { Type: var type } &&
                CSharpFileModel.SimpleName(type) is { } typeName && ActionTakingTypes.Contains(typeName) => $"new {typeName}",
            _ => null,
        };
    }

    // `async void` -> `async Task`, and each call `Notify(x);` in this file -> `_ = Notify(x);`: the caller
    // still does not wait, but a failure no longer takes the process down. Only for a private method of
    // a non-partial type whose every use in the file is such a call (a method group would stop compiling).
    private static IReadOnlyList<Fix> TaskFix(MethodDeclarationSyntax method, CSharpContext context)
    {
        if (!method.Modifiers.Any(SyntaxKind.PrivateKeyword) && method.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword))
        {
            return [];
        }

        if (method.Parent is not TypeDeclarationSyntax type || type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return [];
        }

        var name = method.Identifier.ValueText;
        var uses = type.Descendants().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == name).ToList();
        var calls = new List<ExpressionStatementSyntax>();
        foreach (var use in uses)
        {
            SyntaxNode callee = use.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == use ? access : use;
            if (callee.Parent is InvocationExpressionSyntax call && call.Expression == callee && call.Parent is ExpressionStatementSyntax statement)
            {
                calls.Add(statement);
            }
            else
            {
                return [];
            }
        }

        // `Task` resolves where the file already names it; otherwise spell out its namespace.
        var task = method.SyntaxTree.GetRoot().Descendants().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == "Task") ? "Task" : "System.Threading.Tasks.Task";
        var edits = new List<FileEdit> { new(context.Path, context.RangeOf(method.ReturnType.Span), task) };
        edits.AddRange(calls.Select(c => FileEdit.Insert(context.Path, context.RangeOf(c.Expression.Span).Start, "_ = ")));
        return [new Fix(null, edits)];
    }
}
