using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Benchmarks.Scan;

/// <summary>
/// Where the scan's time goes beyond the floor: the same files through growing prefixes of the
/// engine's pipeline (walk the folders; load; load and parse; parse and walk every node; analyse;
/// analyse and resolve), each with the engine's parallelism, alternating over K runs. Each row's
/// increase over the one above is the cost of that stage.
/// </summary>
internal sealed class ScanBreakdown(string root, int runs, ILogger log, TextWriter output)
{
    public void Run()
    {
        var engine = ReadinessEngine.CreateDefault(log);
        var scanned = new FileLister([], log).Scan(root).ToList();
        var loader = new DocumentLoader(DocumentLoader.DefaultMaxFileBytes, log);
        var csharp = scanned.Where(f => f.Kind == FileKind.CSharp).Select(f => f.Path).ToList();
        var stages = new List<(string Name, Action Body)>
        {
            ("floor: read + parse C#", () => Each(csharp, path => CSharpParsing.Parse(new SourceDocument(path, SourceText.From(File.ReadAllText(path)))))),
            ("walk folders (scanner)", () => new FileLister([], log).Scan(root).ToList()),
            ("+ load all files", () => Each(scanned, file => loader.Load(file.Path))),
            ("+ parse C#", () => Each(scanned, file => Parse(loader.Load(file.Path).Document!))),
            ("+ walk every node", () => Each(scanned, file => Walk(loader.Load(file.Path).Document!))),
            ("+ detectors (Analyze)", () => Each(scanned, file => engine.Analyze(loader.Load(file.Path).Document!))),
            ("full scan (Run)", () => CheckRun.Check(engine, [new WorkspaceRoot(PathNormalizer.Normalize(root), ReadinessSettings.Default)], log)),
        };

        var times = stages.Select(_ => new List<double>()).ToArray();
        var cpu = stages.Select(_ => new List<double>()).ToArray();
        for (var run = -1; run < runs; run++)
        {
            for (var s = 0; s < stages.Count; s++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                stages[s].Body();
                if (run >= 0)
                {
                    times[s].Add(stopwatch.Elapsed.TotalSeconds);
                    cpu[s].Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                }
            }
        }

        var floor = Median(times[0]);
        var floorCpu = Median(cpu[0]);
        output.WriteLine($"{"stage",-26} {"median s",9} {"x floor",8} {"CPU s",7} {"x floor",8}  runs (s)");
        for (var s = 0; s < stages.Count; s++)
        {
            var median = Median(times[s]);
            var medianCpu = Median(cpu[s]);
            output.WriteLine($"{stages[s].Name,-26} {median,9:N2} {median / floor,8:N2} {medianCpu,7:N2} {medianCpu / floorCpu,8:N2}  {string.Join(" ", times[s].Select(t => t.ToString("N2", CultureInfo.InvariantCulture)))}");
        }

        WalkReasons(scanned, loader);

        // Parsed once up front, so the profile times the detectors and not the parse.
        var documents = scanned.Where(f => f.Kind == FileKind.CSharp).Select(f => loader.Load(f.Path).Document!).ToList();
        Each(documents, Parse);
        DetectorProfile.Run(documents, output);
    }

    // Which participants make files be walked whole (a walk costs about half a parse): the ones to anchor next.
    private void WalkReasons(IReadOnlyList<ScannedFile> scanned, DocumentLoader loader)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        int parsed = 0, walked = 0, bodies = 0;
        foreach (var file in scanned.Where(f => f.Kind == FileKind.CSharp))
        {
            var document = loader.Load(file.Path).Document!;
            if (DetectorSet.Default.Activate(document) is not { } active)
            {
                continue;
            }

            parsed++;
            var names = DetectorSet.Default.WalkReasons(active, document).ToList();
            walked += names.Count > 0 ? 1 : 0;
            bodies += DetectorSet.Default.ReadsBodies(active, document) ? 1 : 0;
            foreach (var name in names)
            {
                reasons[name] = reasons.GetValueOrDefault(name) + 1;
            }
        }

        output.WriteLine();
        output.WriteLine($"{parsed:N0} C# files parsed, {walked:N0} walked ({bodies:N0} into method bodies); files each participant makes walked:");
        foreach (var (name, count) in reasons.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  {name,-56} {count,7:N0}");
        }
    }

    private static void Each<T>(IReadOnlyList<T> items, Action<T> body) =>
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, body);

    private static void Parse(SourceDocument document)
    {
        if (document.Kind == FileKind.CSharp)
        {
            CSharpParsing.TreeOf(document);
        }
    }

    private static void Walk(SourceDocument document)
    {
        if (document.Kind != FileKind.CSharp)
        {
            return;
        }

        var count = 0;
        foreach (var node in CSharpParsing.TreeOf(document).GetRoot().DescendantNodesAndSelf())
        {
            count += node.RawKind & 1;
        }

        GC.KeepAlive(count);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
