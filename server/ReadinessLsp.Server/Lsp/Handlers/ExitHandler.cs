using ReadinessLsp.Server.Lsp.Dispatch;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Ends the server: exit code 0 after shutdown, 1 without, as the spec asks.</summary>
internal sealed class ExitHandler(ServerContext context) : LspNotificationHandler<NoParams>
{
    public override string Method => "exit";

    public override Task HandleAsync(NoParams notification, CancellationToken cancellationToken)
    {
        context.State.Exit(context.State.ShutdownRequested ? 0 : 1);
        return Task.CompletedTask;
    }
}
