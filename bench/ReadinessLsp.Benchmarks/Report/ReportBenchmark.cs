using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using ReadinessLsp.Benchmarks.Measurement;
using ReadinessLsp.Benchmarks.Synthetic;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Cli;
using ReadinessLsp.Server.Report;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Benchmarks.Report;

/// <summary>
/// The HTML report's cost on the sample and on the synthetic workspace: the size of the page, the
/// time to render it from a finished check (median of K renders after one warm-up), and
/// <c>check --format html</c> as a separate process. The pages are kept, so a browser can time
/// how long they take to display (tests/e2e/report/run.sh with REPORT_FILE).
/// </summary>
internal sealed class ReportBenchmark(ReportOptions options, TextWriter output)
{
    private readonly ILogger _log = new LoggerConfiguration()
        .MinimumLevel.Is(LogEventLevel.Warning)
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture)
        .CreateLogger();

    public int Run()
    {
        Directory.CreateDirectory(options.OutputDirectory);
        output.WriteLine("ReadinessLsp report benchmark");
        output.WriteLine($"  date      {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
        output.WriteLine($"  runs      {options.Runs} renders after one warm-up; medians");
        output.WriteLine();
        output.WriteLine($"{"workspace",-28} {"files",7} {"findings",9} {"scan s",7} {"render ms",10} {"render CPU ms",11} {"size KB",8} {"gzip KB",8} {"check --format html s",22}  page");

        var sample = Path.Combine(RepoRoot(), "samples", "VibeShop");
        Measure("samples/VibeShop", sample);

        var synthetic = Path.Combine(Path.GetTempPath(), $"readiness-bench-report-{options.Files}-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(synthetic);
            new SyntheticWorkspaceGenerator(options.Files, options.Seed).Generate(synthetic);
            Measure($"synthetic, {options.Files:N0} C# files", synthetic);
        }
        finally
        {
            Directory.Delete(synthetic, recursive: true);
        }

        return 0;
    }

    private void Measure(string name, string root)
    {
        var engine = ReadinessEngine.CreateDefault(_log);
        var run = CheckRun.Check(engine, [new WorkspaceRoot(PathNormalizer.Normalize(root), ReadinessSettings.Default)], _log);
        var report = new CheckReport(run, [root], engine.Catalogue);
        var input = ReportInput.From(report);
        var generated = DateTimeOffset.UtcNow;
        var html = HtmlReportWriter.Render(input, engine.Catalogue, generated);
        var renders = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < options.Runs; i++)
        {
            // CPU time as well: on a shared, busy machine it moves far less than wall time.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            html = HtmlReportWriter.Render(input, engine.Catalogue, generated);
            renders.Add(stopwatch.Elapsed.TotalMilliseconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        var page = Path.Combine(options.OutputDirectory, $"report-{Slug(name)}.html");
        File.WriteAllText(page, html);
        var bytes = Encoding.UTF8.GetByteCount(html);
        var process = CheckProcess(root, Path.Combine(options.OutputDirectory, $"report-{Slug(name)}-process.html"));
        output.WriteLine(
            $"{name,-28} {run.FilesAnalyzed,7:N0} {run.Findings.Count,9:N0} {run.Elapsed.TotalSeconds,7:N2} {Median(renders),10:N1} {Median(cpu),11:N1} {bytes / 1024.0,8:N1} {Gzipped(html) / 1024.0,8:N1} " +
            $"{(process is { } s ? s.ToString("N2", CultureInfo.InvariantCulture) : "-"),22}  {page}");
    }

    // The whole command as a user runs it: start-up, scan, render, write.
    private double? CheckProcess(string root, string page)
    {
        var dll = typeof(ReportBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ServerDll")?.Value;
        if (dll is null || !File.Exists(dll))
        {
            return null;
        }

        var result = ChildProcessRunner.Run("dotnet", [dll, "check", root, "--format", "html", "--output", page, "--fail-on", "never"]);
        return result.ExitCode == 0 ? result.Wall.TotalSeconds : null;
    }

    private static long Gzipped(string html)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        return buffer.Length;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Slug(string name) => new([.. name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ReadinessLsp.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ReadinessLsp.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The command line of <c>report</c>.</summary>
internal sealed record ReportOptions(int Files, int Seed, int Runs, string OutputDirectory)
{
    public static (ReportOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new ReportOptions(SyntheticWorkspaceGenerator.DefaultFileCount, SyntheticWorkspaceGenerator.DefaultSeed, 5, Path.Combine(Path.GetTempPath(), "readiness-bench-reports"));
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--files" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var files) && files > 0:
                    options = options with { Files = files };
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--runs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--out" when Value() is { Length: > 0 } dir:
                    options = options with { OutputDirectory = Path.GetFullPath(dir) };
                    break;
                case var arg:
                    return (null, $"Bad or incomplete option '{arg}'.");
            }
        }

        return (options, null);
    }
}
