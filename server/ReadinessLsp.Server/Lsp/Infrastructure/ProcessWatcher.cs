using System.Diagnostics;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Watches the editor's process (<c>processId</c> from initialize): a server whose client died
/// without sending exit must not linger.
/// </summary>
internal static class ProcessWatcher
{
    public static async Task WatchAsync(int processId, TimeSpan interval, Action onExit, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!IsAlive(processId))
                {
                    onExit();
                    return;
                }

                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
