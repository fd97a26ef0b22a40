using ReadinessLsp.Server.Lsp.Dispatch;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Stops background work; the process ends on exit.</summary>
internal sealed class ShutdownHandler(ServerContext context) : LspRequestHandler<NoParams, object?>
{
    public override string Method => "shutdown";

    public override bool Mutates => true;

    public override Task<object?> HandleAsync(NoParams request, CancellationToken cancellationToken)
    {
        context.State.Lifecycle = LifecycleState.ShuttingDown;
        context.Scan.Cancel();
        context.Log.Information("Shutdown requested");
        return Task.FromResult<object?>(null);
    }
}
