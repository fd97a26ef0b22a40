using System.Globalization;

namespace ReadinessLsp.Benchmarks.Measurement;

/// <summary>Another process's CPU time and resident memory from /proc (Linux); 0 when unreadable.</summary>
internal static class ProcessStat
{
    // /proc/PID/stat counts CPU time in clock ticks, 100 per second on Linux.
    private const double MillisecondsPerTick = 10;

    /// <summary>User plus system CPU time the process has used, in milliseconds.</summary>
    public static double CpuMilliseconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MillisecondsPerTick;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    public static double ResidentMegabytes(int pid) => ProcessMemory.ReadStatus(pid.ToString(CultureInfo.InvariantCulture), "VmRSS:") / 1024.0 / 1024.0;
}
