using System.Diagnostics;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// One server-initiated work-done progress (<c>window/workDoneProgress/create</c>, then
/// <c>$/progress</c> begin, reports, end). Silent when the client does not support it. Reports are
/// throttled: a 5,000-file scan must not send 5,000 messages.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(200);

    private readonly ClientChannel? _client;
    private readonly string _token;
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    private ProgressReporter(ClientChannel? client, string token)
    {
        _client = client;
        _token = token;
    }

    public static async Task<ProgressReporter> BeginAsync(ClientChannel client, ClientState state, string title, CancellationToken cancellationToken)
    {
        if (!state.SupportsWorkDoneProgress)
        {
            return new ProgressReporter(null, string.Empty);
        }

        var token = $"readiness/{Guid.NewGuid():N}";
        await client.RequestAsync<object>("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token), cancellationToken);
        await client.NotifyAsync("$/progress", new ProgressParams(token, new WorkDoneProgressBegin(title, false, null, 0)));
        return new ProgressReporter(client, token);
    }

    public void Report(int done, int total)
    {
        if (_client is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_sinceReport.Elapsed < ReportInterval)
            {
                return;
            }

            _sinceReport.Restart();
        }

        var percentage = total == 0 ? 100 : (int)(done * 100L / total);
        _ = _client.NotifyAsync("$/progress", new ProgressParams(_token, new WorkDoneProgressReport($"{done}/{total} files", percentage)));
    }

    public Task EndAsync(string message) =>
        _client is null ? Task.CompletedTask : _client.NotifyAsync("$/progress", new ProgressParams(_token, new WorkDoneProgressEnd(message)));
}
