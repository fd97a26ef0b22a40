using Serilog;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Messages from the server to the client. Sending never throws: when the client has gone away
/// there is nobody to tell, and the lifecycle code notices the disconnection on its own.
/// </summary>
internal sealed class ClientChannel(ILogger log)
{
    private JsonRpc? _rpc;

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    public bool IsConnected => _rpc is { IsDisposed: false };

    public async Task NotifyAsync(string method, object parameters)
    {
        var rpc = _rpc;
        if (rpc is null || rpc.IsDisposed)
        {
            return;
        }

        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, parameters);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            log.Debug("Could not send {Method}: {Reason}", method, e.Message);
        }
    }

    /// <summary>Sends a request; returns default when the client fails it or is gone.</summary>
    public async Task<T?> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken = default)
    {
        var rpc = _rpc;
        if (rpc is null || rpc.IsDisposed)
        {
            return default;
        }

        try
        {
            return await rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);
        }
        catch (RemoteInvocationException e)
        {
            log.Warning("The client failed {Method}: {Reason}", method, e.Message);
            return default;
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException or InvalidOperationException or RemoteRpcException)
        {
            log.Debug("Request {Method} did not complete: {Reason}", method, e.Message);
            return default;
        }
    }
}
