namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Lets a background scan stop inside a file, not only between files, while the editor has work.
/// The scan's thread registers what "the editor is waiting" means (<see cref="Enter"/>); the
/// engine's checkpoints (every thousand walked nodes, every anchored participant) then wait while
/// it holds. Without this, an edit that arrives as the scan starts a large file shares the cores,
/// and the garbage collections the scan's allocations cause, with that whole file's analysis.
/// Ambient for the thread, like the node index, so the engine's signature stays as it is; threads
/// that registered nothing (the editor's, <c>check</c>'s) never wait.
/// </summary>
internal static class AnalysisPause
{
    [ThreadStatic]
    private static Func<bool>? urgent;

    /// <summary>While the scope lasts, this thread's analyses pause whenever <paramref name="isUrgent"/> says so.</summary>
    public static Scope Enter(Func<bool>? isUrgent)
    {
        var previous = urgent;
        urgent = isUrgent;
        return new Scope(previous);
    }

    /// <summary>A checkpoint: throws when cancelled, and waits while urgent work runs elsewhere.</summary>
    public static void Checkpoint(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (urgent is not { } isUrgent)
        {
            return;
        }

        while (isUrgent())
        {
            // A blocking wait: the scan's worker holds a file's syntax tree and must not start
            // another; a millisecond's sleep keeps the core free for the edit.
            Thread.Sleep(1);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    internal readonly struct Scope(Func<bool>? previous) : IDisposable
    {
        public void Dispose() => urgent = previous;
    }
}
