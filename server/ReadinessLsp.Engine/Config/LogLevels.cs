namespace ReadinessLsp.Engine.Config;

/// <summary>Log levels as .NET logging and Serilog spell them in configuration.</summary>
internal static class LogLevels
{
    public static bool IsVerbose(string level) =>
        level.Equals("Debug", StringComparison.OrdinalIgnoreCase) ||
        level.Equals("Trace", StringComparison.OrdinalIgnoreCase) ||
        level.Equals("Verbose", StringComparison.OrdinalIgnoreCase);

    public static bool IsLogLevelKey(string key)
    {
        var segments = key.Split(':');
        if (segments[0].Equals("Logging", StringComparison.OrdinalIgnoreCase))
        {
            // Logging:LogLevel:X or Logging:Console:LogLevel:X
            return segments.Length >= 3 && segments[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase) ||
                   segments.Length >= 4 && segments[^3].Equals("LogLevel", StringComparison.OrdinalIgnoreCase);
        }

        return segments[0].Equals("Serilog", StringComparison.OrdinalIgnoreCase) &&
            segments.Length >= 2 && segments[1].Equals("MinimumLevel", StringComparison.OrdinalIgnoreCase);
    }
}
