using System.Text.Json;
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
    public Task<TResult> InvokeAsync(JsonElement parameters = default, CancellationToken cancellationToken = default) => RunAsync(parameters, cancellationToken);

    private async Task<TResult> RunAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        LifecycleGate.CheckRequest(handler.Method, state);
        if (!HandlerParams.TryRead<TParams>(parameters, out var request, out var problem))
        {
            log.Warning("Answered {Method} with invalid params: {Problem}", handler.Method, problem);
            throw new LocalRpcException($"Invalid params for {handler.Method}: {problem}") { ErrorCode = LspErrorCodes.InvalidParams };
        }

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
            // LSP 3.17's code for a request that was well formed but could not be carried out.
            log.Error(e, "Request {Method} failed", handler.Method);
            throw new LocalRpcException($"{handler.Method} failed: {e.Message}") { ErrorCode = LspErrorCodes.RequestFailed };
        }
    }
}

internal sealed class NotificationEndpoint<TParams>(LspNotificationHandler<TParams> handler, ClientState state, ILogger log)
{
    public Task InvokeAsync(JsonElement parameters = default) => RunAsync(parameters);

    private async Task RunAsync(JsonElement parameters)
    {
        if (!LifecycleGate.AcceptsNotification(handler.Method, state))
        {
            log.Debug("Ignored {Method} outside the initialized state", handler.Method);
            return;
        }

        if (!HandlerParams.TryRead<TParams>(parameters, out var notification, out var problem))
        {
            log.Warning("Ignored {Method} with invalid params: {Problem}", handler.Method, problem);
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
