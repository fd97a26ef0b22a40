using ReadinessLsp.Benchmarks.Mcp;
using ReadinessLsp.Benchmarks.Report;
using ReadinessLsp.Benchmarks.Scan;
using ReadinessLsp.Benchmarks.Synthetic;

namespace ReadinessLsp.Benchmarks;

/// <summary>Benchmark commands. Each prints a table of figures; none of them asserts a time.</summary>
internal static class Program
{
    private const string Usage = """
        Usage:
          ReadinessLsp.Benchmarks scan [--files N] [--seed S] [--out DIR] [--keep] [--runs K] [--devskim] [--no-check] [--breakdown] [--workspace DIR]
          ReadinessLsp.Benchmarks mcp [--files N] [--calls K] [--keep]
          ReadinessLsp.Benchmarks report [--files N] [--seed S] [--runs K] [--out DIR]

          --files N    C# files in the synthetic workspace (default 5000, about 1.5 million lines)
          --seed S     seed of the generator (default fixed, so every run scans the same bytes)
          --out DIR    generate into DIR (kept) instead of a temporary folder
          --workspace DIR  (scan) measure an existing folder, such as a real repository, instead of a generated one
          --keep       keep the temporary workspace and print its path
          --runs K     measured runs of each phase, alternating (default 3); medians are reported
          --devskim    also time DevSkim's CLI (installed into ~/.cache/readiness-bench when missing)
          --no-check   skip timing `readiness check` as a separate process
          --breakdown  then time the scan's stages one by one (where the time goes beyond the floor)
          --calls K    (mcp) measured calls of check_files after warm-up (default 100)

          report: the HTML report's size and render time for samples/VibeShop and the synthetic
          workspace, and `check --format html` as a process; the pages are written to --out DIR
          (default: readiness-bench-reports in the temp folder).
        """;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "mcp")
        {
            return await RunMcpAsync(args[1..]);
        }

        if (args[0] == "report")
        {
            var (report, reportError) = ReportOptions.Parse(args[1..]);
            if (report is null)
            {
                Console.Error.WriteLine(reportError);
                Console.Error.WriteLine(Usage);
                return 2;
            }

            return new ReportBenchmark(report, Console.Out).Run();
        }

        if (args[0] != "scan")
        {
            Console.Error.WriteLine($"Unknown command '{args[0]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var (options, error) = ScanOptions.Parse(args[1..]);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return new ScanBenchmark(options, Console.Out).Run();
    }

    private static async Task<int> RunMcpAsync(string[] args)
    {
        var (files, calls, keep) = (SyntheticWorkspaceGenerator.DefaultFileCount, 100, false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--files" when int.TryParse(value, out var n) && n > 0:
                    files = n;
                    i++;
                    break;
                case "--calls" when int.TryParse(value, out var k) && k > 0:
                    calls = k;
                    i++;
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine($"Bad or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        return await new McpBenchmark(files, calls, keep, Console.Out).RunAsync();
    }
}
