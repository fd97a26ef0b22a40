using System.Diagnostics;

namespace ReadinessLsp.Benchmarks.Scan;

/// <summary>
/// Finds DevSkim's CLI (the comparison tool) on PATH or in the benchmark's tool cache, installing
/// the pinned version into the cache with <c>dotnet tool install --tool-path</c> when missing.
/// </summary>
internal static class DevSkimInstaller
{
    public const string Version = "1.0.100";

    private static string CacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "readiness-bench", "devskim");

    public static string? Locate(TextWriter output)
    {
        var cached = Path.Combine(CacheDirectory, "devskim");
        if (File.Exists(cached))
        {
            return cached;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "devskim"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        output.WriteLine($"Installing DevSkim {Version} into {CacheDirectory} ...");
        var install = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "tool", "install", "--tool-path", CacheDirectory, "microsoft.cst.devskim.cli", "--version", Version })
        {
            install.ArgumentList.Add(arg);
        }

        using var process = Process.Start(install);
        if (process is null)
        {
            return null;
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            output.WriteLine($"dotnet tool install failed ({process.ExitCode}): {stderr.Trim()} {stdout.Result.Trim()}");
            return null;
        }

        return File.Exists(cached) ? cached : null;
    }
}
