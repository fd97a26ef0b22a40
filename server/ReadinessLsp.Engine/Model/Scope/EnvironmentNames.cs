namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>What an ASP.NET Core environment name stands for.</summary>
internal enum EnvironmentKind
{
    /// <summary>A place the author runs the app themselves: Development, Local, Docker, Test...</summary>
    Development,

    /// <summary>The deployed app.</summary>
    Production,

    /// <summary>A server set up to mirror Production (Staging, UAT, QA, Preprod).</summary>
    Staging,

    /// <summary>A custom name that says neither.</summary>
    Other,
}

/// <summary>
/// The one reading of environment names, shared by guards in code, appsettings overlays and launch
/// profiles. A custom environment with a development-ish name (Local, Dev, Docker) is Development
/// everywhere: an <c>IsEnvironment("Local")</c> guard, <c>appsettings.Local.json</c> and a launch
/// profile setting <c>ASPNETCORE_ENVIRONMENT=Local</c> all mean "the author's machine".
/// </summary>
internal static class EnvironmentNames
{
    public const string Production = "Production";

    private static readonly string[] DevelopmentPrefixes = ["Dev", "Local", "Docker", "Debug", "Test", "IntegrationTest", "E2E"];
    private static readonly string[] StagingPrefixes = ["Stag", "Preprod", "Pre-prod", "UAT", "QA", "Acceptance"];
    private static readonly string[] ProductionPrefixes = ["Prod", "Live"];

    public static EnvironmentKind Classify(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            // ASP.NET Core runs as Production when no environment is set.
            return EnvironmentKind.Production;
        }

        name = name.Trim();
        if (StartsWithAny(name, ProductionPrefixes))
        {
            return EnvironmentKind.Production;
        }

        if (StartsWithAny(name, StagingPrefixes))
        {
            return EnvironmentKind.Staging;
        }

        return StartsWithAny(name, DevelopmentPrefixes) ? EnvironmentKind.Development : EnvironmentKind.Other;
    }

    public static bool IsDevelopment(string? name) => name is not null && Classify(name) == EnvironmentKind.Development;

    public static bool IsProduction(string? name) => name is not null && Classify(name) == EnvironmentKind.Production;

    private static bool StartsWithAny(string name, string[] prefixes) =>
        prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
