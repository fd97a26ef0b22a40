using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Ownership;

/// <summary>
/// Records the requests the app sends itself from message and event handlers and background
/// services (<c>new SetPaidOrderStatusCommand(@event.OrderId)</c> in an integration event handler):
/// their ids come from the app's own events, not from a caller, so a handler of such a request
/// looks rows up on the app's behalf.
/// </summary>
internal sealed class InternalRequestCollector : ICSharpFactCollector
{
    private static readonly string[] Words =
    [
        "IntegrationEventHandler", "INotificationHandler", "IConsumer<", "BackgroundService", "IHostedService", "IEventHandler", "IHandleMessages",
        "IDomainEventHandler",
    ];

    private static readonly object ClassesKey = new();
    private static readonly object SeenKey = new();

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords => Words;

    public IReadOnlyCollection<string>? Anchors { get; } = ["new "];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var creation = (ObjectCreationExpressionSyntax)node;
        if (CSharpFileModel.SimpleName(creation.Type) is not { } type || creation.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { BaseList: not null } owner)
        {
            return;
        }

        var classes = context.Local<NodeMap<ClassDeclarationSyntax, bool>>(ClassesKey);
        if (!classes.TryGetValue(owner, out var handlesMessages))
        {
            classes[owner] = handlesMessages = owner.BaseList.Types.Any(b => CSharpFileModel.SimpleName(b.Type) is { } name && Words.Any(w => w.TrimEnd('<') == name || name.EndsWith("IntegrationEventHandler", StringComparison.Ordinal)));
        }

        if (handlesMessages && context.Local<HashSet<string>>(SeenKey).Add(type))
        {
            context.Facts.Add(new InternalRequestFact(type, context.Path));
        }
    }
}

/// <summary>A request type the app creates in a message or event handler or a background service.</summary>
internal sealed record InternalRequestFact(string Type, string Path);
