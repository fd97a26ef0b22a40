using System.Reflection;
using ReadinessLsp.Server.Lsp.Dispatch;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Every LSP method the server answers, one line each. A new method is a handler class plus a line here.</summary>
internal static class HandlerRegistry
{
    public static void RegisterAll(JsonRpc rpc, ServerContext context)
    {
        var registrar = new Registrar(rpc, context);
        registrar.Request(new InitializeHandler(context));
        registrar.Notification(new InitializedHandler(context));
        registrar.Request(new ShutdownHandler(context));
        registrar.Notification(new ExitHandler(context));
        registrar.Notification(new SetTraceHandler(context));
        registrar.Notification(new DidOpenTextDocumentHandler(context));
        registrar.Notification(new DidChangeTextDocumentHandler(context));
        registrar.Notification(new DidSaveTextDocumentHandler(context));
        registrar.Notification(new DidCloseTextDocumentHandler(context));
        registrar.Notification(new DidChangeWatchedFilesHandler(context));
        registrar.Notification(new DidChangeConfigurationHandler(context));
        registrar.Notification(new DidChangeWorkspaceFoldersHandler(context));
        registrar.Request(new HoverHandler(context));
        registrar.Request(new CodeActionHandler(context));
        registrar.Request(new DocumentDiagnosticHandler(context));
        registrar.Request(new ExecuteCommandHandler(context));
    }

    private sealed class Registrar(JsonRpc rpc, ServerContext context)
    {
        public void Request<TParams, TResult>(LspRequestHandler<TParams, TResult> handler)
        {
            var endpoint = new RequestEndpoint<TParams, TResult>(handler, context.State, context.Log);
            Add(handler.Method, endpoint, nameof(endpoint.InvokeAsync));
        }

        public void Notification<TParams>(LspNotificationHandler<TParams> handler)
        {
            var endpoint = new NotificationEndpoint<TParams>(handler, context.State, context.Log);
            Add(handler.Method, endpoint, nameof(endpoint.InvokeAsync));
        }

        private void Add(string method, object endpoint, string methodName)
        {
            var info = endpoint.GetType().GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)!;
            rpc.AddLocalRpcMethod(info, endpoint, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
        }
    }
}
