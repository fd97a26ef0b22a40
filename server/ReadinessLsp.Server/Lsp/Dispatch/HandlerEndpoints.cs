using ReadinessLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Dispatch;

/// <summary>
/// The objects StreamJsonRpc calls for one method: they apply the lifecycle rules (nothing before
/// initialize, nothing after shutdown), move read-only work off the ordered queue, and make sure a
/// failure is logged and answered rather than lost.
/// </summary>
internal sealed class RequestEndpoint<TParams, TResult>(LspRequestHandler<TParams, TResult> handler, ClientState state, ILogger log)
{
    public Task<TResult> InvokeAsync(TParams request, CancellationToken cancellationToken) => RunAsync(request, cancellationToken);

    public Task<TResult> InvokeWithoutParamsAsync(CancellationToken cancellationToken) => RunAsync(default!, cancellationToken);

    private async Task<TResult> RunAsync(TParams request, CancellationToken cancellationToken)
    {
        LifecycleGate.CheckRequest(handler.Method, state);
        try
        {
            return handler.Mutates
                ? await handler.HandleAsync(request, cancellationToken)
                : await Task.Run(() => handler.HandleAsync(request, cancellationToken), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (LocalRpcException)
        {
            throw;
        }
        catch (Exception e)
        {
            log.Error(e, "Request {Method} failed", handler.Method);
            throw new LocalRpcException($"{handler.Method} failed: {e.Message}") { ErrorCode = (int)StreamJsonRpc.Protocol.JsonRpcErrorCode.InternalError };
        }
    }
}

internal sealed class NotificationEndpoint<TParams>(LspNotificationHandler<TParams> handler, ClientState state, ILogger log)
{
    public Task InvokeAsync(TParams notification) => RunAsync(notification);

    public Task InvokeWithoutParamsAsync() => RunAsync(default!);

    private async Task RunAsync(TParams notification)
    {
        if (!LifecycleGate.AcceptsNotification(handler.Method, state))
        {
            log.Debug("Ignored {Method} outside the initialized state", handler.Method);
            return;
        }

        try
        {
            if (handler.Mutates)
            {
                await handler.HandleAsync(notification, state.Lifetime.Token);
            }
            else
            {
                await Task.Run(() => handler.HandleAsync(notification, state.Lifetime.Token));
            }
        }
        catch (OperationCanceledException) when (state.Lifetime.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A notification has nobody to answer: the log is the only place the failure shows.
            log.Error(e, "Notification {Method} failed", handler.Method);
        }
    }
}

internal static class LifecycleGate
{
    public static void CheckRequest(string method, ClientState state)
    {
        if (method == "initialize")
        {
            if (state.Lifecycle != LifecycleState.Created)
            {
                throw new LocalRpcException("initialize may be sent only once") { ErrorCode = LspErrorCodes.InvalidRequest };
            }

            return;
        }

        if (state.Lifecycle == LifecycleState.Created)
        {
            throw new LocalRpcException("The server is not initialized") { ErrorCode = LspErrorCodes.ServerNotInitialized };
        }

        if (state.Lifecycle == LifecycleState.ShuttingDown && method != "shutdown")
        {
            throw new LocalRpcException("The server is shutting down") { ErrorCode = LspErrorCodes.InvalidRequest };
        }
    }

    public static bool AcceptsNotification(string method, ClientState state) =>
        method == "exit" || state.Lifecycle == LifecycleState.Initialized;
}
