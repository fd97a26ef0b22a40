using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>
/// An LSP client for tests, talking to an in-process server over an in-memory duplex stream. It
/// answers the server's requests (registration, configuration, progress) and records what the
/// server publishes so tests can wait for it.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PublishDiagnosticsParams> _latest = new();
    private readonly ConcurrentQueue<PublishDiagnosticsParams> _all = new();
    private readonly ConcurrentQueue<string> _progressKinds = new();
    private readonly ConcurrentQueue<string> _serverRequests = new();
    private readonly ConcurrentQueue<LogMessageParams> _logMessages = new();
    private readonly ConcurrentQueue<LogMessageParams> _shownMessages = new();
    private readonly SemaphoreSlim _published = new(0);
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LspTestClient(LanguageServer server, JsonRpc rpc, Task<int> running)
    {
        Server = server;
        Rpc = rpc;
        Running = running;
    }

    public LanguageServer Server { get; }

    public JsonRpc Rpc { get; }

    /// <summary>The server's run; completes with its exit code.</summary>
    public Task<int> Running { get; }

    /// <summary>What the client answers to workspace/configuration.</summary>
    public JsonElement? Configuration { get; set; }

    public IEnumerable<PublishDiagnosticsParams> AllPublished => _all;

    public IEnumerable<string> ProgressKinds => _progressKinds;

    public IEnumerable<string> ServerRequests => _serverRequests;

    public IEnumerable<LogMessageParams> LogMessages => _logMessages;

    /// <summary>The messages the server asked the editor to show (window/showMessage).</summary>
    public IEnumerable<LogMessageParams> ShownMessages => _shownMessages;

    public static ReadinessEngine DefaultEngine { get; } = ReadinessEngine.CreateDefault(Serilog.Core.Logger.None);

    public static LspTestClient Start(ReadinessEngine? engine = null, ServerOptions? options = null)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(new ClientLogSinkForTests()).CreateLogger();
        var server = new LanguageServer(engine ?? DefaultEngine, options ?? new ServerOptions { Debounce = TimeSpan.FromMilliseconds(20) }, log);
        var running = Task.Run(() => server.RunAsync(serverStream, serverStream));
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.CreateOptions() };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        var client = new LspTestClient(server, rpc, running);
        rpc.AddLocalRpcTarget(new ClientTarget(client), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        return client;
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Client capabilities of a modern editor: Markdown hover, versioned edits, progress, watchers, configuration.</summary>
    public static JsonElement FullCapabilities(bool pull = false) => Json($$"""
        {
          "workspace": { "configuration": true, "workspaceFolders": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
            "didChangeWatchedFiles": { "dynamicRegistration": true }, "diagnostics": { "refreshSupport": true } },
          "textDocument": { "hover": { "contentFormat": ["markdown", "plaintext"] },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true }
            {{(pull ? ", \"diagnostic\": { \"dynamicRegistration\": false }" : string.Empty)}} },
          "window": { "workDoneProgress": true }
        }
        """);

    public async Task<JsonElement> InitializeAsync(string? root, JsonElement? capabilities = null, JsonElement? initializationOptions = null, IReadOnlyList<string>? roots = null)
    {
        var folders = (roots ?? (root is null ? [] : [root])).Select(r => new { uri = DocumentUri.FromPath(r), name = Path.GetFileName(r) }).ToArray();
        var result = await Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = root is null ? null : DocumentUri.FromPath(root),
            capabilities = capabilities ?? FullCapabilities(),
            initializationOptions,
            workspaceFolders = folders,
        });
        await Rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return result;
    }

    /// <summary>
    /// The setup most protocol tests share: a server started and initialised on <paramref name="root"/>,
    /// with <paramref name="path"/> open as <paramref name="text"/> and its first findings published
    /// (<see cref="Latest"/> holds them).
    /// </summary>
    public static async Task<LspTestClient> StartWithOpenDocumentAsync(
        string root, string path, string text, int version = 1, ServerOptions? options = null, JsonElement? capabilities = null)
    {
        var client = Start(options: options);
        try
        {
            await client.InitializeAsync(root, capabilities);
            await client.OpenAsync(path, text, version);
            await client.WaitForDiagnosticsAsync(path, p => p.Diagnostics.Count > 0);
            return client;
        }
        catch
        {
            // The caller never gets the client to dispose: stop its server here.
            await client.DisposeAsync();
            throw;
        }
    }

    public Task NotifyAsync(string method, object parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task<T> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken = default) =>
        Rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);

    public Task OpenAsync(string path, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new TextDocumentItem(DocumentUri.FromPath(path), "csharp", version, text) });

    public Task ChangeAsync(string path, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new VersionedTextDocumentIdentifier(DocumentUri.FromPath(path), version), contentChanges = changes });

    public PublishDiagnosticsParams? Latest(string path) => _latest.GetValueOrDefault(DocumentUri.FromPath(path));

    /// <summary>Waits until the latest diagnostics for <paramref name="path"/> satisfy <paramref name="condition"/>.</summary>
    public async Task<PublishDiagnosticsParams> WaitForDiagnosticsAsync(string path, Func<PublishDiagnosticsParams, bool> condition, int timeoutMs = 10000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var signal = _changed.Task;
            if (Latest(path) is { } latest && condition(latest))
            {
                return latest;
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var last = Latest(path);
                throw new TimeoutException($"No matching diagnostics for {path}; last: {(last is null ? "none" : JsonSerializer.Serialize(last, LspJson.Options))}");
            }
        }
    }

    public async Task WaitForProgressEndAsync(int count = 1, int timeoutMs = 20000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            // The signal is taken before the count is read: an "end" that arrives in between
            // completes this signal, instead of being missed until some later message.
            var signal = _changed.Task;
            if (_progressKinds.Count(k => k == "end") >= count)
            {
                return;
            }

            await signal.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Running.IsCompleted)
            {
                await Rpc.InvokeWithCancellationAsync<object>("shutdown", null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
                await Rpc.NotifyAsync("exit");
                await Running.WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is TimeoutException or ConnectionLostException or ObjectDisposedException or RemoteInvocationException)
        {
        }

        Rpc.Dispose();
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    /// <summary>Receives the server's messages to the client.</summary>
    private sealed class ClientTarget(LspTestClient client)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(JsonElement parameters)
        {
            var value = parameters.Deserialize<PublishDiagnosticsParams>(LspJson.Options)!;
            client._latest[value.Uri] = value;
            client._all.Enqueue(value);
            client._published.Release();
            client.Signal();
        }

        [JsonRpcMethod("$/progress")]
        public void Progress(JsonElement parameters)
        {
            client._progressKinds.Enqueue(parameters.GetProperty("value").GetProperty("kind").GetString()!);
            client.Signal();
        }

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(JsonElement parameters) => client._logMessages.Enqueue(parameters.Deserialize<LogMessageParams>(LspJson.Options)!);

        [JsonRpcMethod("window/showMessage")]
        public void ShowMessage(JsonElement parameters) => client._shownMessages.Enqueue(parameters.Deserialize<LogMessageParams>(LspJson.Options)!);

        [JsonRpcMethod("$/logTrace")]
        public void LogTrace(JsonElement parameters)
        {
        }

        [JsonRpcMethod("window/workDoneProgress/create")]
        public object? CreateProgress(JsonElement parameters)
        {
            client._serverRequests.Enqueue("window/workDoneProgress/create");
            return null;
        }

        [JsonRpcMethod("client/registerCapability")]
        public object? RegisterCapability(JsonElement parameters)
        {
            client._serverRequests.Enqueue("client/registerCapability:" + parameters.GetProperty("registrations")[0].GetProperty("method").GetString());
            return null;
        }

        [JsonRpcMethod("workspace/configuration")]
        public JsonElement[] Configuration(JsonElement parameters)
        {
            client._serverRequests.Enqueue("workspace/configuration");
            return [client.Configuration ?? Json("null")];
        }

        [JsonRpcMethod("workspace/diagnostic/refresh")]
        public object? Refresh()
        {
            client._serverRequests.Enqueue("workspace/diagnostic/refresh");
            return null;
        }
    }

    /// <summary>Keeps server logs out of the test output unless a test looks at them.</summary>
    private sealed class ClientLogSinkForTests : Serilog.Core.ILogEventSink
    {
        public void Emit(Serilog.Events.LogEvent logEvent)
        {
        }
    }
}
