using System.Diagnostics;
using System.Globalization;

namespace ReadinessLsp.Benchmarks.Measurement;

/// <summary>
/// Runs another program and measures its wall time and peak resident memory. The peak comes from
/// GNU time (<c>/usr/bin/time</c>, the kernel's own maximum RSS of the child) when installed, else
/// from polling /proc/PID/status every few milliseconds (which can miss a last short spike).
/// </summary>
internal static class ChildProcessRunner
{
    private const string GnuTime = "/usr/bin/time";

    public static bool HasGnuTime => File.Exists(GnuTime);

    public static ChildRun Run(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var timeFile = HasGnuTime ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo
        {
            FileName = timeFile is null ? fileName : GnuTime,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timeFile is not null)
        {
            foreach (var arg in new[] { "-f", "%M %U %S", "-o", timeFile, fileName })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long polledPeak = 0;
        while (!process.WaitForExit(10))
        {
            // Under GNU time the child is time's child; polling is only the fallback.
            if (timeFile is null)
            {
                polledPeak = Math.Max(polledPeak, ProcessMemory.ReadStatus(process.Id.ToString(CultureInfo.InvariantCulture), "VmHWM:"));
            }
        }

        stopwatch.Stop();
        var peak = polledPeak;
        TimeSpan? cpu = null;
        if (timeFile is not null)
        {
            // "Command exited with non-zero status N" may come first; the figures are the last line.
            var lines = File.ReadAllLines(timeFile);
            File.Delete(timeFile);
            var figures = lines.LastOrDefault(l => l.Length > 0 && char.IsDigit(l[0]))?.Split(' ');
            if (figures is { Length: 3 })
            {
                peak = long.Parse(figures[0], CultureInfo.InvariantCulture) * 1024;
                cpu = TimeSpan.FromSeconds(double.Parse(figures[1], CultureInfo.InvariantCulture) + double.Parse(figures[2], CultureInfo.InvariantCulture));
            }
        }

        return new ChildRun(stopwatch.Elapsed, cpu, peak, process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <param name="Cpu">User plus system time, when GNU time measured it.</param>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan? Cpu, long PeakResidentBytes, int ExitCode, string Stdout, string Stderr);
