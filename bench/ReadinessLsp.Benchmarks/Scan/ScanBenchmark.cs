using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Benchmarks.Measurement;
using ReadinessLsp.Benchmarks.Synthetic;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Benchmarks.Scan;

/// <summary>
/// The whole-workspace scan against its floor. Generates a synthetic workspace, then in one
/// process alternates K times: the floor (read and parse every C# file, nothing else, with the
/// engine's parallelism), the full scan (what <c>readiness check</c> does minus the report),
/// <c>readiness check</c> as a separate process, and DevSkim's CLI when asked. Reports medians and
/// ratios, since a shared machine's absolute times drift between runs.
/// </summary>
internal sealed class ScanBenchmark(ScanOptions options, TextWriter output)
{
    private const string Marker = ".readiness-bench";
    private const double MB = 1024 * 1024;

    private readonly ILogger _log = new LoggerConfiguration()
        .MinimumLevel.Is(LogEventLevel.Warning)
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture)
        .CreateLogger();

    public int Run()
    {
        if (options.Workspace is { } existing)
        {
            return Measure(existing); // a real repository: read, never written or deleted
        }

        var root = PrepareFolder();
        if (root is null)
        {
            return 2;
        }

        try
        {
            return Measure(root);
        }
        finally
        {
            if (options.OutputDirectory is null && !options.Keep)
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                output.WriteLine($"Workspace kept at {root}");
            }
        }
    }

    private int Measure(string root)
    {
        var generation = Stopwatch.StartNew();
        var workspace = options.Workspace is null ? new SyntheticWorkspaceGenerator(options.Files, options.Seed).Generate(root) : Describe(root);
        if (options.Workspace is null)
        {
            File.WriteAllText(Path.Combine(root, Marker), "Synthetic workspace written by the scan benchmark; safe to delete.\n");
        }

        generation.Stop();

        // The floor parses exactly the C# files the scan reads.
        var csharp = new FileLister([], _log).Scan(root).Where(f => f.Kind == FileKind.CSharp).Select(f => f.Path).ToList();
        var check = options.Check ? CheckCommandLine(root) : null;
        var devSkim = options.DevSkim ? DevSkimCommandLine(root) : null;

        // The engine parses and walks only files containing a word some C# rule looks for.
        var selected = csharp.Count(path => DetectorSet.Default.MayApplyTo(SourceDocument.FromText(path, File.ReadAllText(path))));
        WriteHeader(workspace, csharp.Count, selected, generation.Elapsed);

        // One unmeasured round first: both phases are measured with optimised (tier-1) code, not
        // while the JIT is still compiling. Start-up and JIT cost show in the check process instead.
        ParseFloor(csharp);
        FullScan(root);

        var floor = new PhaseResults("floor: read + parse C#");
        var scan = new PhaseResults("scan: full, in process");
        var checkRuns = new PhaseResults("check: separate process");
        var devSkimRuns = new PhaseResults("DevSkim CLI: process");
        CheckRun? lastRun = null;
        long scanRetained = 0;
        for (var run = 0; run < options.Runs; run++)
        {
            floor.Add(InProcess(() => ParseFloor(csharp), out _));
            scan.Add(InProcess(() => FullScan(root), out var result));
            lastRun = result;
            scanRetained = Math.Max(scanRetained, ProcessMemory.CollectAndMeasureHeap());
            if (check is not null)
            {
                checkRuns.Add(OutOfProcess(check));
            }

            if (devSkim is not null)
            {
                devSkimRuns.Add(OutOfProcess(devSkim));
            }
        }

        WriteResults(workspace, csharp.Count, floor, scan, checkRuns, devSkimRuns, scanRetained);
        WriteFindings(lastRun!);
        if (options.Breakdown)
        {
            output.WriteLine();
            new ScanBreakdown(root, options.Runs, _log, output).Run();
        }

        return 0;
    }

    /// <summary>The floor: Roslyn's parse of every C# file with the engine's parse options and parallelism, and nothing else.</summary>
    private static long ParseFloor(IReadOnlyList<string> files)
    {
        long characters = 0;
        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            path =>
            {
                var document = new SourceDocument(path, SourceText.From(File.ReadAllText(path)));
                var tree = CSharpParsing.Parse(document);
                Interlocked.Add(ref characters, tree.GetRoot().FullSpan.Length);
            });
        return characters;
    }

    private CheckRun FullScan(string root) =>
        CheckRun.Check(ReadinessEngine.CreateDefault(_log), [new WorkspaceRoot(PathNormalizer.Normalize(root), ReadinessSettings.Default)], _log);

    private static PhaseRun InProcess<T>(Func<T> phase, out T result)
    {
        ProcessMemory.CollectAndMeasureHeap();
        ProcessMemory.ResetPeak();
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        PhaseSampler sampler;
        TimeSpan wall;
        TimeSpan cpu;
        using (sampler = new PhaseSampler())
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            result = phase();
            wall = stopwatch.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }

        return new PhaseRun(
            wall,
            cpu,
            ProcessMemory.PeakResident(),
            sampler.PeakHeap,
            GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - pause,
            GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private PhaseRun OutOfProcess(CommandLine command)
    {
        var run = ChildProcessRunner.Run(command.FileName, command.Arguments, command.Environment);
        if (run.ExitCode != 0 && !command.AnyExitCode)
        {
            Console.Error.WriteLine($"{command.FileName} exited with {run.ExitCode}: {run.Stderr.Trim()}");
        }

        return new PhaseRun(run.Wall, run.Cpu, run.PeakResidentBytes, null, null, null, null, null);
    }

    private CommandLine? CheckCommandLine(string root)
    {
        var dll = typeof(ScanBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ServerDll")?.Value;
        if (dll is null || !File.Exists(dll))
        {
            output.WriteLine($"check: skipped, the server is not built at {dll}");
            return null;
        }

        var sarif = Path.Combine(Path.GetTempPath(), $"readiness-bench-check-{Environment.ProcessId}.sarif");
        return new CommandLine("dotnet", [dll, "check", root, "--format", "sarif", "--output", sarif, "--fail-on", "never"], null, AnyExitCode: false);
    }

    private CommandLine? DevSkimCommandLine(string root)
    {
        var devSkim = DevSkimInstaller.Locate(output);
        if (devSkim is null)
        {
            output.WriteLine("DevSkim: skipped, not installed and could not be installed");
            return null;
        }

        // DevSkim's exit code reports whether it found issues; any code is a completed run.
        var sarif = Path.Combine(Path.GetTempPath(), $"readiness-bench-devskim-{Environment.ProcessId}.sarif");
        return new CommandLine(devSkim, ["analyze", "-I", root, "-O", sarif], null, AnyExitCode: true);
    }

    // A real folder described like a generated one: its C# files, lines and bytes, nothing planted.
    private SyntheticWorkspace Describe(string root)
    {
        var files = new FileLister([], _log).Scan(root).ToList();
        var csharp = files.Where(f => f.Kind == FileKind.CSharp).Select(f => f.Path).ToList();
        long lines = 0, bytes = 0;
        foreach (var path in csharp)
        {
            var text = File.ReadAllText(path);
            bytes += new FileInfo(path).Length;
            lines += text.Count(c => c == '\n');
        }

        return new SyntheticWorkspace(root, csharp.Count, files.Count - csharp.Count, lines, bytes, new Dictionary<string, int>());
    }

    private string? PrepareFolder()
    {
        if (options.OutputDirectory is null)
        {
            var temp = Path.Combine(Path.GetTempPath(), $"readiness-bench-{options.Files}-{Environment.ProcessId}");
            Directory.CreateDirectory(temp);
            return temp;
        }

        var dir = options.OutputDirectory;
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            if (!File.Exists(Path.Combine(dir, Marker)))
            {
                Console.Error.WriteLine($"{dir} is not empty and was not written by this benchmark; choose another --out.");
                return null;
            }

            // Regenerate from scratch so a different --files does not leave stale files behind.
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    private void WriteHeader(SyntheticWorkspace workspace, int scannedCSharp, int selected, TimeSpan generation)
    {
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = AppContext.TryGetSwitch("System.GC.Concurrent", out var on) && !on ? "non-concurrent" : "concurrent";
        var pgo = AppContext.TryGetSwitch("System.Runtime.TieredPGO", out var pgoOn) && !pgoOn ? "dynamic PGO off" : "dynamic PGO on";
        output.WriteLine("ReadinessLsp scan benchmark");
        output.WriteLine($"  date      {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"  machine   {CpuModel()}, {Environment.ProcessorCount} logical cores, {TotalMemory()}");
        output.WriteLine($"  runtime   .NET {Environment.Version}, {gc} GC ({concurrent}), {pgo}, {(IsOptimized() ? "Release" : "Debug (figures not representative)")}");
        output.WriteLine($"  workspace {workspace.Root}");
        output.WriteLine($"            {workspace.CSharpFiles:N0} C# files ({scannedCSharp:N0} scanned), {workspace.CSharpLines:N0} lines, {workspace.CSharpBytes / MB:N1} MB, {workspace.CSharpLines / Math.Max(1, workspace.CSharpFiles):N0} lines/file");
        output.WriteLine($"            + {workspace.OtherFiles:N0} appsettings, launchSettings, .env, project and .gitignore files; generated in {generation.TotalSeconds:N1} s");
        output.WriteLine($"  selected  {selected:N0} C# files contain a word some C# rule needs (the scan parses and walks only those; the floor parses all)");
        output.WriteLine($"  planted   {string.Join(", ", workspace.Planted.Select(p => $"{p.Key} x{p.Value}"))}");
        output.WriteLine($"  runs      {options.Runs} of each phase, alternating, after one unmeasured round; times are medians");
        output.WriteLine();
    }

    private void WriteResults(SyntheticWorkspace workspace, int files, PhaseResults floor, PhaseResults scan, PhaseResults check, PhaseResults devSkim, long scanRetained)
    {
        output.WriteLine($"{"phase",-26} {"median s",9} {"best s",8} {"CPU s",7} {"files/s",9} {"lines/s",11} {"peak RSS MB",12} {"peak heap MB",13} {"GCs (gen2)",11} {"GC pause s",11}  runs (s)");
        foreach (var phase in new[] { floor, scan, check, devSkim }.Where(p => p.Runs.Count > 0))
        {
            var median = phase.Median.TotalSeconds;
            var last = phase.Runs[^1];
            output.WriteLine(
                $"{phase.Name,-26} {median,9:N2} {phase.Best.TotalSeconds,8:N2} {(phase.MedianCpu is { } cpu ? cpu.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) : "-"),7} {files / median,9:N0} {workspace.CSharpLines / median,11:N0} " +
                $"{phase.PeakResident / MB,12:N0} {(last.PeakHeap is { } heap ? (heap / MB).ToString("N0", CultureInfo.InvariantCulture) : "-"),13} " +
                $"{(last.Collections is { } c ? $"{c} ({last.Gen2})" : "-"),11} {(last.Pause is { } p ? p.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) : "-"),11}  " +
                string.Join(" ", phase.Runs.Select(r => r.Wall.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture))));
        }

        output.WriteLine();
        output.WriteLine($"  scan / floor           {Ratio(scan, floor)}   (target: at most 1.5)");
        output.WriteLine($"  scan / floor, CPU time {scan.MedianCpu!.Value.TotalSeconds / floor.MedianCpu!.Value.TotalSeconds,5:N2}   (steadier than wall time on a busy machine)");
        if (floor.Runs[^1].Allocated is { } floorBytes && scan.Runs[^1].Allocated is { } scanBytes)
        {
            // Bytes allocated do not depend on how busy the machine is: a change's effect shows here when times are too noisy to tell.
            output.WriteLine($"  allocated              floor {floorBytes / MB:N0} MB, scan {scanBytes / MB:N0} MB ({scanBytes / (double)Math.Max(1, floorBytes):N2}x; the same on any machine)");
        }
        if (check.Runs.Count > 0)
        {
            output.WriteLine($"  check process / floor  {Ratio(check, floor)}   (includes process start, JIT and writing SARIF)");
            output.WriteLine($"  check process / scan   {Ratio(check, scan)}");
        }

        if (devSkim.Runs.Count > 0)
        {
            output.WriteLine($"  DevSkim / check        {Ratio(devSkim, check)}   (both separate processes; DevSkim also reads non-C# files)");
            output.WriteLine($"  DevSkim / floor        {Ratio(devSkim, floor)}");
            output.WriteLine($"  DevSkim peak RSS / check peak RSS  {devSkim.PeakResident / (double)Math.Max(1, check.PeakResident):N2}");
        }

        output.WriteLine($"  peak RSS: in-process phases are per phase (peak reset between phases{(ProcessMemory.CanResetPeak ? string.Empty : " NOT possible here: peaks are since process start")});");
        output.WriteLine("            separate processes are their whole lifetime (GNU time's maximum RSS" + (ChildProcessRunner.HasGnuTime ? ")" : "; not installed, /proc polled)"));
        output.WriteLine($"  GC heap after a full collection, scan result alive: {scanRetained / MB:N1} MB");
        output.WriteLine();
    }

    private void WriteFindings(CheckRun run)
    {
        output.WriteLine($"Findings of the last scan: {run.Findings.Count} in {run.FilesAnalyzed:N0} files analysed, {run.Skipped.Count} skipped");
        foreach (var group in run.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key,-8} {group.Count(),6}");
        }
    }

    private static string Ratio(PhaseResults a, PhaseResults b) =>
        $"{a.Median.TotalSeconds / b.Median.TotalSeconds,5:N2} (best/best {a.Best.TotalSeconds / b.Best.TotalSeconds:N2})";

    private static bool IsOptimized() =>
        typeof(ScanBenchmark).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string TotalMemory() =>
        $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / MB / 1024:N0} GB RAM";

    private sealed record CommandLine(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment, bool AnyExitCode);
}

/// <summary>One measured run of a phase; heap and GC figures exist only for in-process phases.</summary>
internal sealed record PhaseRun(TimeSpan Wall, TimeSpan? Cpu, long PeakResident, long? PeakHeap, int? Collections, int? Gen2, TimeSpan? Pause, long? Allocated);

internal sealed class PhaseResults(string name)
{
    public string Name { get; } = name;

    public List<PhaseRun> Runs { get; } = [];

    public TimeSpan Median
    {
        get
        {
            var sorted = Runs.Select(r => r.Wall).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public TimeSpan Best => Runs.Min(r => r.Wall);

    /// <summary>Median CPU time (user + system, all threads), less disturbed than wall time by other load on the machine.</summary>
    public TimeSpan? MedianCpu
    {
        get
        {
            var sorted = Runs.Where(r => r.Cpu is not null).Select(r => r.Cpu!.Value).Order().ToList();
            return sorted.Count == 0 ? null : sorted[sorted.Count / 2];
        }
    }

    public long PeakResident => Runs.Max(r => r.PeakResident);

    public void Add(PhaseRun run) => Runs.Add(run);
}
