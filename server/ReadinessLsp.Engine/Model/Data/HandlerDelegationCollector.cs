using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Records what a mediator request handler's <c>Handle</c> hands its work to (<c>_notifications.Create(...)</c>),
/// so a <c>_mediator.Send(new CreateNotification(...))</c> is known to reach the database even when the
/// handler itself only calls a repository. One step: the repository's own fact says what it does.
/// </summary>
internal sealed class HandlerDelegationCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.MethodDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["IRequestHandler", "INotificationHandler"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["Handle(", "HandleAsync("];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var method = (MethodDeclarationSyntax)node;
        if (method.Identifier.ValueText is not ("Handle" or "HandleAsync") || method.Parent is not TypeDeclarationSyntax type || method.Body is null && method.ExpressionBody is null)
        {
            return;
        }

        var bases = DataAccessCollector.BasesOf(type);
        if (!bases.Any(b => b is "IRequestHandler" or "INotificationHandler"))
        {
            return;
        }

        var file = EfFile.Of(context);
        var calls = new List<EfMethodRef>();
        foreach (var call in ((SyntaxNode?)method.Body ?? method.ExpressionBody!).Descendants(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax } && WorkspaceCalls.Of(call, file) is { } reached && !calls.Contains(reached))
            {
                calls.Add(reached);
            }
        }

        if (calls.Count > 0)
        {
            context.Facts.Add(new DataAccessMethod(
                type.Identifier.ValueText, bases, method.Identifier.ValueText, DataAccessFlags.None, null, null, null, EquatableArray<EfSetRef>.Empty,
                context.Path, context.RangeOf(method.Identifier.Span))
            {
                Delegates = calls.ToEquatableArray(),
            });
        }
    }
}
