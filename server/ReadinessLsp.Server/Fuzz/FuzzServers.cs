using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Nerdbank.Streams;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Lsp;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>One language server under fuzzing: its two streams, how it ended, and what it logged.</summary>
internal interface IFuzzServer : IAsyncDisposable
{
    Stream ToServer { get; }

    Stream FromServer { get; }

    /// <summary>The exit code, once the server has stopped.</summary>
    Task<int> Exited { get; }

    /// <summary>Log lines at error level or worse, and any sign of an unhandled exception.</summary>
    IReadOnlyCollection<string> Errors { get; }

    /// <summary>The server's peak resident memory so far, in bytes (0 when it cannot be read).</summary>
    long PeakResidentBytes();

    /// <summary>Ends the server's input, as a client that quits without exit does.</summary>
    void CloseInput();
}

/// <summary>A server in this process over an in-memory duplex stream: cheap to start, for the test suite.</summary>
internal sealed class InProcessFuzzServer : IFuzzServer, ILogEventSink
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stream _client;

    public InProcessFuzzServer(ReadinessEngine engine, ServerOptions options)
    {
        var (server, client) = FullDuplexStream.CreatePair();
        _client = client;
        var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(this).CreateLogger();
        Exited = Task.Run(() => new LanguageServer(engine, options, log).RunAsync(server, server, _stop.Token));
    }

    public Stream ToServer => _client;

    public Stream FromServer => _client;

    public Task<int> Exited { get; }

    public IReadOnlyCollection<string> Errors => _errors;

    public long PeakResidentBytes() => ProcessStatus.PeakResidentBytes("self");

    public void CloseInput() => _client.Dispose();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Error)
        {
            _errors.Enqueue(logEvent.RenderMessage(CultureInfo.InvariantCulture) + (logEvent.Exception is { } e ? $" ({e.GetType().Name}: {e.Message})" : string.Empty));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _client.DisposeAsync();
        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>The real executable over stdio, as an editor starts it.</summary>
internal sealed class ProcessFuzzServer : IFuzzServer
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _stderr;
    private readonly Task _sampling;
    private long _peak;

    public ProcessFuzzServer(string root)
    {
        var (file, arguments) = ServerCommand();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in arguments.Concat(["--stdio", "--debounce-ms", "20"]))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        _stderr = Task.Run(DrainStandardErrorAsync);
        Exited = ExitCodeAsync();
        _sampling = Task.Run(SamplePeakAsync);
    }

    public Stream ToServer => _process.StandardInput.BaseStream;

    public Stream FromServer => _process.StandardOutput.BaseStream;

    public Task<int> Exited { get; }

    public IReadOnlyCollection<string> Errors => _errors;

    public long PeakResidentBytes() => Interlocked.Read(ref _peak);

    public void CloseInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(10));
            await _stderr.WaitAsync(TimeSpan.FromSeconds(5));
            await _sampling.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _process.Dispose();
    }

    /// <summary>This same executable: through the apphost when there is one, else through dotnet.</summary>
    private static (string File, string[] Arguments) ServerCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "ReadinessLsp.Server.dll");
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [dll]) : (host, []);
    }

    /// <summary>The peak (VmHWM) only grows but is gone with the process: read it until the end.</summary>
    private async Task SamplePeakAsync()
    {
        var pid = _process.Id.ToString(CultureInfo.InvariantCulture);
        while (!Exited.IsCompleted)
        {
            var sample = ProcessStatus.PeakResidentBytes(pid);
            if (sample > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, sample);
            }

            await Task.WhenAny(Exited, Task.Delay(50));
        }
    }

    private async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private async Task DrainStandardErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            // The console log template writes the level as ERR or FTL; the runtime writes "Unhandled exception".
            if (line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal))
            {
                _errors.Enqueue(line);
            }
        }
    }
}

/// <summary>Peak resident memory (VmHWM) from /proc, where there is one.</summary>
internal static class ProcessStatus
{
    public static long PeakResidentBytes(string pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
