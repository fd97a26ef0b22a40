using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Changes how much is sent as <c>$/logTrace</c>.</summary>
internal sealed class SetTraceHandler(ServerContext context) : LspNotificationHandler<SetTraceParams>
{
    public override string Method => "$/setTrace";

    public override Task HandleAsync(SetTraceParams notification, CancellationToken cancellationToken)
    {
        context.State.Trace = notification.Value ?? TraceValue.Off;
        return Task.CompletedTask;
    }
}
