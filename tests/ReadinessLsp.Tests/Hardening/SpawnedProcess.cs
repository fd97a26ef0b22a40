using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>What a finished child process left: exit code, output, and its peak resident memory.</summary>
internal sealed record ChildRun(int ExitCode, string Stdout, string Stderr, long PeakResidentBytes, TimeSpan Elapsed);

/// <summary>
/// The real executable as a child process, so that a crash, a stack overflow or a runaway
/// allocation ends the child and is reported, instead of taking the test run down.
/// </summary>
internal sealed class SpawnedProcess : IAsyncDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _peak;

    private SpawnedProcess(Process process, bool readStdout)
    {
        Process = process;
        _reading = Task.WhenAll(
            readStdout ? Drain(process.StandardOutput, _stdout) : Task.CompletedTask,
            Drain(process.StandardError, _stderr));
    }

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "ReadinessLsp.Server.dll");

    /// <summary>The dotnet host by full path, so a test may give the child a PATH of its own (one with fake tools, say).</summary>
    public static string DotnetHost { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet"))
            .FirstOrDefault(File.Exists) ?? "dotnet";

    public Process Process { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the server executable with <paramref name="arguments"/>; stdout stays raw when <paramref name="readStdout"/> is false (the protocol channel).</summary>
    public static SpawnedProcess Start(IEnumerable<string> arguments, bool readStdout = true, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new SpawnedProcess(Process.Start(start)!, readStdout);
    }

    /// <summary>Runs to the end, sampling peak memory meanwhile; kills the child on timeout.</summary>
    public static async Task<ChildRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var child = Start(arguments, readStdout: true, workingDirectory, environment);
        child.Process.StandardInput.Close();
        return await child.WaitAsync(timeout);
    }

    public async Task<ChildRun> WaitAsync(TimeSpan timeout)
    {
        var exited = Process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            SamplePeak();
            if (_clock.Elapsed > timeout)
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the process ran over {timeout.TotalSeconds:0} s; stderr: {Tail(Stderr)}");
            }

            await Task.WhenAny(exited, Task.Delay(20));
        }

        await _reading;
        string stdout;
        lock (_stdout)
        {
            stdout = _stdout.ToString();
        }

        return new ChildRun(Process.ExitCode, stdout, Stderr, _peak, _clock.Elapsed);
    }

    /// <summary>The peak resident memory so far (VmHWM); it only grows, so a sample just before exit is the answer.</summary>
    public long SamplePeak()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                _peak = Math.Max(_peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Gone already.
        }

        return _peak;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    public static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private static async Task Drain(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
