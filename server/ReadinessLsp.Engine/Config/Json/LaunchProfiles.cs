using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Json;

/// <summary>
/// The profiles of a <c>Properties/launchSettings.json</c> and their environment variables. A
/// profile with no <c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c> runs as Production, as
/// ASP.NET Core does.
/// </summary>
internal static class LaunchProfiles
{
    public static IReadOnlyList<LaunchVariable> Read(SourceDocument document)
    {
        var json = document.GetParsed(ConfigJsonDocument.Parse);
        var profiles = json.Root?.Properties.FirstOrDefault(p => p.Name.Equals("profiles", StringComparison.OrdinalIgnoreCase));
        if (profiles?.Value.Kind != JsonNodeKind.Object)
        {
            return [];
        }

        var result = new List<LaunchVariable>();
        foreach (var profile in profiles.Value.Properties)
        {
            var variables = profile.Value.Properties.FirstOrDefault(p => p.Name.Equals("environmentVariables", StringComparison.OrdinalIgnoreCase));
            if (variables?.Value.Kind != JsonNodeKind.Object)
            {
                continue;
            }

            var environment = variables.Value.Properties
                .LastOrDefault(v => v.Name.Equals("ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || v.Name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
                ?.Value.ConfigValue;
            var info = new LaunchProfile(profile.Name, string.IsNullOrWhiteSpace(environment) ? "Production" : environment);
            foreach (var variable in variables.Value.Properties.Where(v => v.Value.IsScalar))
            {
                result.Add(new LaunchVariable(info, variable.Name, new ConfigEntry(variable.Name, variable.NameSpan, variable.Value)));
            }
        }

        return result;
    }
}

internal sealed record LaunchProfile(string Name, string Environment)
{
    /// <summary>The profile runs on the author's machine (Development, Local, Docker...), as environment names read everywhere.</summary>
    public bool IsDevelopment => Model.Scope.EnvironmentNames.IsDevelopment(Environment);
}

internal sealed record LaunchVariable(LaunchProfile Profile, string Name, ConfigEntry Entry);
