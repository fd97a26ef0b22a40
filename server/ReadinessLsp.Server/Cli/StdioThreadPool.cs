namespace ReadinessLsp.Server.Cli;

/// <summary>
/// The thread pool of a server that talks over stdin. Reading stdin blocks a pool thread for the
/// life of the server (the console stream has no truly asynchronous read), and a background scan's
/// worker holds another while it analyses. On a 2-core machine that is the whole pool's minimum:
/// every other piece of work (the next message, a handler's continuation) then waits until the
/// pool notices the starvation and adds a thread, about half a second to two seconds. An edit
/// typed while the scan ran waited that long before its analysis began.
/// </summary>
internal static class StdioThreadPool
{
    /// <summary>Lets the pool start, without delay, a thread for each core beyond the <paramref name="heldThreads"/> that block.</summary>
    public static void Reserve(int heldThreads)
    {
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + heldThreads), completion);
    }
}
