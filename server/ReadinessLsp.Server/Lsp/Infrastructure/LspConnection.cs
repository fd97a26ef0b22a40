using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>The JSON-RPC connection; notes the id of each request the server sends, for <see cref="PendingServerRequests"/>.</summary>
internal sealed class LspConnection(IJsonRpcMessageHandler handler, PendingServerRequests pending) : JsonRpc(handler)
{
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        // Noted before the bytes leave, so the answer cannot arrive first.
        if (message is JsonRpcRequest { IsResponseExpected: true } request)
        {
            pending.Add(request.RequestId);
        }

        return base.SendAsync(message, cancellationToken);
    }
}
