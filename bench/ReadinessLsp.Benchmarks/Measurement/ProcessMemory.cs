using System.Globalization;

namespace ReadinessLsp.Benchmarks.Measurement;

/// <summary>
/// Resident memory of this process from /proc (Linux). The peak (VmHWM) can be reset between
/// phases by writing 5 to /proc/self/clear_refs, so each phase gets its own peak; where that is
/// not allowed the peak is since process start and <see cref="CanResetPeak"/> says so.
/// </summary>
internal static class ProcessMemory
{
    public static bool CanResetPeak { get; private set; } = OperatingSystem.IsLinux();

    /// <summary>Peak resident set since start or the last <see cref="ResetPeak"/>, in bytes; 0 when unknown.</summary>
    public static long PeakResident() => ReadStatus("self", "VmHWM:");

    public static long Resident() => ReadStatus("self", "VmRSS:");

    public static void ResetPeak()
    {
        if (!CanResetPeak)
        {
            return;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CanResetPeak = false;
        }
    }

    /// <summary>A field of /proc/PID/status in bytes (fields are in kB), 0 when unreadable.</summary>
    public static long ReadStatus(string pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process may have exited between two polls, or this is not Linux.
        }

        return 0;
    }

    /// <summary>Full blocking, compacting collection, so a phase starts from what is really alive.</summary>
    public static long CollectAndMeasureHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
