namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>Keys the hosting platform or the OS sets, so code may read them without any file defining them.</summary>
internal static class PlatformKeys
{
    private static readonly string[] Prefixes =
    [
        "ASPNETCORE_", "DOTNET_", "WEBSITE_", "AZURE_", "KUBERNETES_", "OTEL_", "APPLICATIONINSIGHTS_", "AWS_", "GITHUB_", "CI_", "RUNNER_",
        "FLY_", "RAILWAY_", "RENDER_", "HEROKU_", "VERCEL_", "K_", "NUGET_", "MSBUILD", "VSTEST", "Logging:",
    ];

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "PORT", "HOST", "HOSTNAME", "HOME", "PATH", "USER", "USERNAME", "USERPROFILE", "TEMP", "TMP", "TMPDIR", "COMPUTERNAME", "PWD",
        "SHELL", "LANG", "TZ", "CI", "ENVIRONMENT", "urls", "environment", "applicationName", "contentRoot", "webroot", "AllowedHosts",
        "Logging", "Kestrel", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "ProgramFiles", "SystemRoot", "windir", "OS",
        "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS", "DYNO", "RUNNING_IN_CONTAINER", "CONTAINER_APP_NAME",
    };

    public static bool IsPlatform(string key) =>
        Names.Contains(key) ||
        Prefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ||
        key.StartsWith("Kestrel:", StringComparison.OrdinalIgnoreCase);
}
