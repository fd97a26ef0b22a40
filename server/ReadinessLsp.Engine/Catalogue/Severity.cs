namespace ReadinessLsp.Engine.Catalogue;

/// <summary>How loud a finding is. Ordered: a lower value is more severe.</summary>
internal enum Severity
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Hint = 4,
}

internal static class SeverityNames
{
    public static readonly IReadOnlyList<string> All = ["error", "warning", "info", "hint"];

    public static bool TryParse(string? value, out Severity severity)
    {
        severity = value?.Trim().ToLowerInvariant() switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" or "information" => Severity.Info,
            "hint" => Severity.Hint,
            _ => 0,
        };
        return severity != 0;
    }

    public static string Name(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "hint",
    };
}
