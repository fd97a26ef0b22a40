namespace ReadinessLsp.Server.Cli;

/// <summary>Name and version as reported to users, SARIF consumers and editors.</summary>
internal static class ToolInfo
{
    public const string Name = "ReadinessLsp";

    public const string InformationUri = "https://github.com/readiness-lsp/readiness-lsp";

    public static string Version { get; } = typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
