using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Benchmarks.Scan;

/// <summary>
/// Time spent in each C# detector and collector during one analysis of every file: the engine's own
/// detectors wrapped in timers. Tells which rule or model to look at when the scan drifts above the
/// floor; the wrappers' own cost is in the figures, so read them relative to each other.
/// </summary>
internal static class DetectorProfile
{
    public static void Run(IReadOnlyList<SourceDocument> documents, TextWriter output)
    {
        var timed = new List<ITimed>();
        var instances = new List<object>();
        foreach (var detector in DetectorSet.Default.CSharpDetectors)
        {
            var wrapper = new TimedDetector(detector);
            timed.Add(wrapper);
            instances.Add(wrapper);
        }

        foreach (var collector in DetectorSet.Default.CSharpCollectors)
        {
            var wrapper = new TimedCollector(collector);
            timed.Add(wrapper);
            instances.Add(wrapper);
        }

        var engine = new ReadinessEngine(ReadinessEngine.CreateDefault(Serilog.Core.Logger.None).Catalogue, DetectorSet.Create(instances), Serilog.Core.Logger.None);
        var total = Stopwatch.StartNew();
        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d => engine.Analyze(d));
        output.WriteLine();
        output.WriteLine($"time inside each C# detector and collector, one analysis of {documents.Count:N0} parsed files ({total.Elapsed.TotalSeconds:N2} s wall):");
        foreach (var entry in timed.OrderByDescending(t => t.Ticks))
        {
            output.WriteLine($"  {entry.Name,-40} {Stopwatch.GetElapsedTime(0, entry.Ticks).TotalSeconds,7:N3} s  {entry.Calls,12:N0} calls");
        }
    }

    private interface ITimed
    {
        string Name { get; }

        long Ticks { get; }

        long Calls { get; }
    }

    private sealed class TimedDetector(ICSharpDetector inner) : ICSharpDetector, ITimed
    {
        private long _ticks;
        private long _calls;

        public string Name => inner.GetType().Name;

        public long Ticks => _ticks;

        public long Calls => _calls;

        public string RuleId => inner.RuleId;

        public IReadOnlyCollection<string> RuleIds => inner.RuleIds;

        public CodeScopes Scopes => inner.Scopes;

        public IReadOnlyCollection<SyntaxKind> NodeKinds => inner.NodeKinds;

        public IReadOnlyCollection<string>? RequiredWords => inner.RequiredWords;

        public IReadOnlyCollection<string>? Anchors => inner.Anchors;

        public void Analyze(SyntaxNode node, CSharpContext context)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Analyze(node, context);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _calls);
        }
    }

    private sealed class TimedCollector(ICSharpFactCollector inner) : ICSharpFactCollector, ITimed
    {
        private long _ticks;
        private long _calls;

        public string Name => inner.GetType().Name;

        public long Ticks => _ticks;

        public long Calls => _calls;

        public IReadOnlyCollection<SyntaxKind> NodeKinds => inner.NodeKinds;

        public IReadOnlyCollection<string>? RequiredWords => inner.RequiredWords;

        public IReadOnlyCollection<string>? Anchors => inner.Anchors;

        public bool ReadsEveryParsedFile => inner.ReadsEveryParsedFile;

        public void Collect(SyntaxNode node, CSharpContext context)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Collect(node, context);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _calls);
        }

        public void Complete(CSharpContext context)
        {
            var start = Stopwatch.GetTimestamp();
            inner.Complete(context);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }
}
