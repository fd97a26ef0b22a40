using ReadinessLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Dispatch;

/// <summary>
/// The objects StreamJsonRpc calls for one method: they apply the lifecycle rules (nothing before
/// initialize, nothing after shutdown), move read-only work off the ordered queue, and make sure a
/// failure is logged and answered rather than lost.
/// </summary>
internal sealed class RequestEndpoint<TParams, TResult>(LspRequestHandler<TParams, TResult> handler, LspSession session, ILogger log)
{
    public Task<TResult> InvokeAsync(TParams request, CancellationToken cancellationToken) => RunAsync(request, cancellationToken);

    public Task<TResult> InvokeWithoutParamsAsync(CancellationToken cancellationToken) => RunAsync(default!, cancellationToken);

    private async Task<TResult> RunAsync(TParams request, CancellationToken cancellationToken)
    {
        LifecycleGate.CheckRequest(handler.Method, session);
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

internal sealed class NotificationEndpoint<TParams>(LspNotificationHandler<TParams> handler, LspSession session, ILogger log)
{
    public Task InvokeAsync(TParams notification) => RunAsync(notification);

    public Task InvokeWithoutParamsAsync() => RunAsync(default!);

    private async Task RunAsync(TParams notification)
    {
        if (!LifecycleGate.AcceptsNotification(handler.Method, session))
        {
            log.Debug("Ignored {Method} outside the initialized state", handler.Method);
            return;
        }

        try
        {
            if (handler.Mutates)
            {
                await handler.HandleAsync(notification, session.Lifetime.Token);
            }
            else
            {
                await Task.Run(() => handler.HandleAsync(notification, session.Lifetime.Token));
            }
        }
        catch (OperationCanceledException) when (session.Lifetime.IsCancellationRequested)
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
    public static void CheckRequest(string method, LspSession session)
    {
        if (method == "initialize")
        {
            if (session.State != LifecycleState.Created)
            {
                throw new LocalRpcException("initialize may be sent only once") { ErrorCode = LspErrorCodes.InvalidRequest };
            }

            return;
        }

        if (session.State == LifecycleState.Created)
        {
            throw new LocalRpcException("The server is not initialized") { ErrorCode = LspErrorCodes.ServerNotInitialized };
        }

        if (session.State == LifecycleState.ShuttingDown && method != "shutdown")
        {
            throw new LocalRpcException("The server is shutting down") { ErrorCode = LspErrorCodes.InvalidRequest };
        }
    }

    public static bool AcceptsNotification(string method, LspSession session) =>
        method == "exit" || session.State == LifecycleState.Initialized;
}
