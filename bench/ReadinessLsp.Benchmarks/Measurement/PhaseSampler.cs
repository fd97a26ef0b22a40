namespace ReadinessLsp.Benchmarks.Measurement;

/// <summary>
/// Samples the managed heap every few milliseconds while a phase runs, for its peak: the GC
/// itself only reports the heap as of its last collection.
/// </summary>
internal sealed class PhaseSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peakHeap;

    public PhaseSampler()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public long PeakHeap => Interlocked.Read(ref _peakHeap);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > _peakHeap)
            {
                Interlocked.Exchange(ref _peakHeap, heap);
            }

            Thread.Sleep(5);
        }
    }
}
