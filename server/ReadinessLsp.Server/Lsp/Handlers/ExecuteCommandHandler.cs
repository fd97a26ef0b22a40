using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary><c>readiness.server.rescan</c>: reads every workspace file again (after a branch switch the watchers missed).</summary>
internal sealed class ExecuteCommandHandler(ServerContext context) : LspRequestHandler<ExecuteCommandParams, object?>
{
    public override string Method => "workspace/executeCommand";

    public override Task<object?> HandleAsync(ExecuteCommandParams request, CancellationToken cancellationToken)
    {
        if (request.Command != InitializeHandler.RescanCommand)
        {
            throw new LocalRpcException($"Unknown command '{request.Command}'") { ErrorCode = LspErrorCodes.InvalidParams };
        }

        _ = context.Scan.Start();
        return Task.FromResult<object?>(null);
    }
}
