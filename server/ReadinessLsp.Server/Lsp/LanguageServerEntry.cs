using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Cli;
using ReadinessLsp.Server.Lsp.Infrastructure;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Server.Lsp;

/// <summary>
/// Starts the language server over stdio. Arguments: <c>--stdio</c> (the default; accepted any
/// number of times, since VS Code's client appends it), <c>--log-file PATH</c>,
/// <c>--log-level LEVEL</c>, <c>--debounce-ms N</c>.
/// </summary>
internal static class LanguageServerEntry
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Take stdout for the protocol first, then point Console.Out at stderr so that a stray
        // Console.WriteLine anywhere cannot corrupt the message stream.
        var stdout = Console.OpenStandardOutput();
        var stdin = Console.OpenStandardInput();
        Console.SetOut(Console.Error);

        var (options, logFile, level, problems) = ParseArguments(args);
        var sink = new ClientLogSink();
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .WriteTo.Sink(sink, LogEventLevel.Information);
        if (logFile is not null)
        {
            configuration = configuration.WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}");
        }

        using var log = configuration.CreateLogger();
        foreach (var problem in problems)
        {
            log.Warning("Command line: {Problem}", problem);
        }

        // The stdin reader and the background scan's workers hold pool threads; messages must not wait for the pool to grow.
        StdioThreadPool.Reserve(heldThreads: 1 + options.ScanParallelism);
        try
        {
            var engine = ReadinessEngine.CreateDefault(log);
            var server = new LanguageServer(engine, options, log, sink);
            return await server.RunAsync(stdin, stdout);
        }
        catch (Exception e)
        {
            log.Fatal(e, "The language server failed");
            return 1;
        }
    }

    internal static (ServerOptions Options, string? LogFile, LogEventLevel Level, IReadOnlyList<string> Problems) ParseArguments(string[] args)
    {
        var options = new ServerOptions();
        string? logFile = Environment.GetEnvironmentVariable("READINESS_LOG_FILE");
        var level = LogEventLevel.Information;
        var problems = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--stdio":
                    break;
                case "--log-file" when value is not null:
                    logFile = value;
                    i++;
                    break;
                case "--log-level" when value is not null && Enum.TryParse<LogEventLevel>(value, true, out var parsed):
                    level = parsed;
                    i++;
                    break;
                case "--debounce-ms" when int.TryParse(value, out var ms) && ms >= 0:
                    options = options with { Debounce = TimeSpan.FromMilliseconds(ms) };
                    i++;
                    break;
                case var other when other.StartsWith("--clientProcessId", StringComparison.Ordinal):
                    break; // Some clients pass their pid this way; initialize's processId is what the server watches.
                default:
                    problems.Add($"ignored argument '{args[i]}'");
                    break;
            }
        }

        return (options, logFile, level, problems);
    }
}
