using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Cli;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// <c>readiness mcp [DIR...]</c>: the Model Context Protocol server over stdio for coding agents.
/// The workspace is the folders given, or the current folder. Options: <c>--log-file PATH</c>,
/// <c>--log-level LEVEL</c>, <c>--max-file-size KB</c>, <c>--no-watch</c>.
/// </summary>
internal static class McpCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The transport opens stdout itself; everything else that prints goes to stderr, so no stray
        // Console.WriteLine can corrupt the protocol stream.
        Console.SetOut(Console.Error);

        var (options, logFile, level, error) = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine($"readiness mcp: {error}");
            return 2;
        }

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("ModelContextProtocol", level <= LogEventLevel.Debug ? level : LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (logFile is not null)
        {
            configuration = configuration.WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        using var log = configuration.CreateLogger();

        // The stdin reader holds a pool thread; the workspace load must not run one thread short.
        StdioThreadPool.Reserve(heldThreads: 1);
        try
        {
            var engine = ReadinessEngine.CreateDefault(log);
            using var host = McpServerHost.Build(options, engine, log, server => server.WithStdioServerTransport());
            await host.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            log.Fatal(e, "The MCP server failed");
            return 1;
        }
    }

    internal static (McpOptions? Options, string? LogFile, LogEventLevel Level, string? Error) Parse(IReadOnlyList<string> args)
    {
        var roots = new List<string>();
        string? logFile = Environment.GetEnvironmentVariable("READINESS_LOG_FILE");
        var level = LogEventLevel.Information;
        var maxBytes = DocumentLoader.DefaultMaxFileBytes;
        var watch = true;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--log-file" when value is not null:
                    logFile = value;
                    i++;
                    break;
                case "--log-level" when value is not null && Enum.TryParse<LogEventLevel>(value, true, out var parsed):
                    level = parsed;
                    i++;
                    break;
                case "--max-file-size" when long.TryParse(value, out var kb) && kb > 0:
                    maxBytes = kb * 1024;
                    i++;
                    break;
                case "--no-watch":
                    watch = false;
                    break;
                case var option when option.StartsWith('-'):
                    return (null, null, level, $"unknown option '{option}' (mcp takes folders, --log-file, --log-level, --max-file-size KB, --no-watch)");
                default:
                    if (!Directory.Exists(args[i]))
                    {
                        return (null, null, level, $"folder '{args[i]}' does not exist");
                    }

                    roots.Add(PathNormalizer.Normalize(args[i]));
                    break;
            }
        }

        if (roots.Count == 0)
        {
            roots.Add(PathNormalizer.Normalize(Environment.CurrentDirectory));
        }

        return (new McpOptions([.. roots.Distinct(PathNormalizer.Comparer)], maxBytes, watch), logFile, level, null);
    }
}
