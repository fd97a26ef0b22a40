using ReadinessLsp.Server.Protocol;
using Serilog.Core;
using Serilog.Events;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Forwards warnings and errors to the editor as <c>window/logMessage</c> so users see why a file
/// was skipped without opening a log file; with <c>$/setTrace</c> on, everything else goes out as
/// <c>$/logTrace</c>.
/// </summary>
internal sealed class ClientLogSink : ILogEventSink
{
    private ClientChannel? _channel;
    private Func<string>? _trace;

    public void Attach(ClientChannel channel, Func<string> trace)
    {
        _channel = channel;
        _trace = trace;
    }

    public void Emit(LogEvent logEvent)
    {
        var channel = _channel;
        if (channel is null || !channel.IsConnected)
        {
            return;
        }

        var message = logEvent.RenderMessage();
        if (logEvent.Exception is not null)
        {
            message += Environment.NewLine + logEvent.Exception.Message;
        }

        if (logEvent.Level >= LogEventLevel.Warning)
        {
            var type = logEvent.Level >= LogEventLevel.Error ? MessageType.Error : MessageType.Warning;
            _ = channel.NotifyAsync("window/logMessage", new LogMessageParams(type, message));
        }
        else if (_trace?.Invoke() is TraceValue.Messages or TraceValue.Verbose && logEvent.Level >= LogEventLevel.Information)
        {
            _ = channel.NotifyAsync("$/logTrace", new LogTraceParams(message, null));
        }
    }
}
