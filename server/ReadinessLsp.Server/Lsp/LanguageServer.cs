using Microsoft.VisualStudio.Threading;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Lsp.Handlers;
using ReadinessLsp.Server.Lsp.Infrastructure;
using Serilog;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp;

/// <summary>
/// One language server over a pair of streams (stdio in production, an in-memory duplex pipe in
/// tests). Runs until the client sends exit, the input ends, or the client process dies.
/// </summary>
internal sealed class LanguageServer(ReadinessEngine engine, ServerOptions options, ILogger log, ClientLogSink? logSink = null)
{
    public ServerContext Context { get; } = new(engine, options, log);

    /// <returns>The process exit code: 0 after shutdown and exit, 1 otherwise.</returns>
    public async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        _ = EngineWarmup.RunAsync(engine, log);
        var pending = new PendingServerRequests();
        var filter = new IncomingMessageFilter(input, pending, log);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.CreateOptions() };
        var handler = new HeaderDelimitedMessageHandler(output, filter.Output, formatter);
        using var rpc = new LspConnection(handler, pending)
        {
            // Handlers start one at a time in arrival order, so text edits apply in order;
            // read-only handlers move to the thread pool at once (see RequestEndpoint).
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        var filtering = filter.RunAsync(error => handler.WriteAsync(error, CancellationToken.None), cancellationToken);
        HandlerRegistry.RegisterAll(rpc, Context);
        Context.Client.Attach(rpc);
        logSink?.Attach(Context.Client, () => Context.State.Trace);
        rpc.Disconnected += (_, e) =>
        {
            if (e.Reason != DisconnectedReason.LocallyDisposed)
            {
                log.Information("Connection closed: {Reason} {Description}", e.Reason, e.Description);
            }
        };
        rpc.StartListening();

        using var registration = cancellationToken.Register(() => Context.State.Exit(1));
        await Task.WhenAny(Context.State.Exited, rpc.Completion);
        var code = Context.State.Exited.IsCompleted
            ? await Context.State.Exited
            : Context.State.ShutdownRequested ? 0 : 1;
        Context.State.Exit(code);
        Context.DiskWatcher.Dispose();
        log.Information("Language server stopping with exit code {Code}", code);
        try
        {
            await filtering.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // stdin stays open until the client closes it; nothing more to read from it.
        }

        return code;
    }
}
