using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Report;

/// <summary>A setting's value in one environment: already masked when secret, and where it comes from.</summary>
internal sealed record EnvironmentValue(string Display, ConfigDefinition Source, bool IsSecret);

/// <summary>One row of the configuration table: a setting that differs between Development and Production, or is missing.</summary>
internal sealed record SettingRow(string Key, EnvironmentValue? Development, EnvironmentValue? Production, SettingStatus Status, IReadOnlyList<ConfigRead> Reads, IReadOnlyList<ConfigDefinition> EnvironmentOnly);

internal enum SettingStatus
{
    /// <summary>Code reads it and nothing defines it: null in every environment.</summary>
    DefinedNowhere,

    /// <summary>Set for Development (a settings overlay, .env, a launch profile), absent from everything Production reads.</summary>
    MissingInProduction,

    /// <summary>Only Production's files set it.</summary>
    MissingInDevelopment,

    Differs,
}

/// <summary>The settings of one app (the folder of its appsettings files).</summary>
internal sealed record AppSettingsTable(string Folder, IReadOnlyList<SettingRow> Rows);

/// <summary>
/// Configuration by environment, from the facts every settings file contributes: for each app, the
/// effective value of each setting in Development and in Production, following ASP.NET Core's
/// order (environment variables over <c>appsettings.{Environment}.json</c> over
/// <c>appsettings.json</c>). Development also reads the app's <c>.env</c> and its Development
/// launch profile; Production reads only the committed settings files, since its environment
/// variables live on the server, where this report cannot look.
/// </summary>
internal static class ConfigurationByEnvironment
{
    private const string Development = "Development";
    private const string Production = "Production";

    public static IReadOnlyList<AppSettingsTable> Build(WorkspaceModels models)
    {
        var definitions = models.All<ConfigDefinition>().Where(d => !d.IsSection && !d.IsTemplate && !IsEnvironmentName(d.Key)).ToList();
        var apps = definitions.Where(d => d.Source == ConfigSourceKind.AppSettings).Select(d => Path.GetDirectoryName(d.Path)!)
            .Concat(definitions.Where(d => d.Source == ConfigSourceKind.LaunchSettings).Select(d => AppFolderOf(d)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (apps.Count == 0)
        {
            apps = [.. definitions.Select(AppFolderOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        var index = models.Get<ConfigKeyIndex>();
        var undefinedReads = models.All<ConfigRead>()
            .Where(r => !r.HasDefault && !PlatformKeys.IsPlatform(r.Key) && !index.IsDefined(r.Key, r.Kind))
            .ToList();
        var tables = new List<AppSettingsTable>();
        foreach (var app in apps)
        {
            var mine = definitions.Where(d => Applies(app, d)).ToList();
            var rows = new List<SettingRow>();
            foreach (var key in mine.GroupBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
            {
                var dev = Effective(key, Development);
                var prod = Effective(key, Production);
                var status = dev is null ? SettingStatus.MissingInDevelopment
                    : prod is null ? SettingStatus.MissingInProduction
                    : dev.Display != prod.Display ? SettingStatus.Differs
                    : (SettingStatus?)null;
                // The hosting platform sets PORT and its like: absent from Production's files is expected.
                if (status is { } s && !(s == SettingStatus.MissingInProduction && PlatformKeys.IsPlatform(key.Key)))
                {
                    var environmentOnly = prod is null ? key.Where(d => d.Source != ConfigSourceKind.AppSettings).ToList() : [];
                    rows.Add(new SettingRow(key.First().Key, dev, prod, s, index.ReadsOf(key.Key), environmentOnly));
                }
            }

            foreach (var read in undefinedReads.Where(r => OwnerOf(apps, r.Path) == app).GroupBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
            {
                rows.Add(new SettingRow(read.First().Key, null, null, SettingStatus.DefinedNowhere, [.. read], []));
            }

            if (rows.Count > 0)
            {
                tables.Add(new AppSettingsTable(app, [.. rows.OrderBy(r => r.Status).ThenBy(r => r.Key, StringComparer.OrdinalIgnoreCase)]));
            }
        }

        return tables;
    }

    // The value the environment sees: the highest source in ASP.NET Core's order that sets the key.
    private static EnvironmentValue? Effective(IEnumerable<ConfigDefinition> definitions, string environment)
    {
        var winner = definitions
            .Select(d => (Definition: d, Rank: Rank(d, environment)))
            .Where(x => x.Rank > 0)
            .OrderByDescending(x => x.Rank)
            .ThenBy(x => x.Definition.Path, StringComparer.Ordinal)
            .Select(x => x.Definition)
            .FirstOrDefault();
        return winner is null ? null : new EnvironmentValue(winner.DisplayValue ?? string.Empty, winner, winner.DisplayValue?.Contains("******", StringComparison.Ordinal) == true);
    }

    private static int Rank(ConfigDefinition definition, string environment) => definition.Source switch
    {
        ConfigSourceKind.AppSettings when definition.Environment is null => 1,
        ConfigSourceKind.AppSettings when Is(definition.Environment, environment) => 2,
        ConfigSourceKind.EnvFile when environment == Development => 3,
        ConfigSourceKind.LaunchSettings when environment == Development && Is(definition.Environment, Development) => 4,
        _ => 0,
    };

    private static bool Is(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsEnvironmentName(string key) =>
        key.Equals("ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    // A launch profile belongs to the project above its Properties folder; other files to their own folder.
    private static string AppFolderOf(ConfigDefinition definition)
    {
        var folder = Path.GetDirectoryName(definition.Path)!;
        return definition.Source == ConfigSourceKind.LaunchSettings && Path.GetFileName(folder).Equals("Properties", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(folder)!
            : folder;
    }

    // The app's own files, and .env or Compose files in a folder above it.
    private static bool Applies(string app, ConfigDefinition definition)
    {
        var folder = AppFolderOf(definition);
        return folder == app ||
            (definition.Source is ConfigSourceKind.EnvFile or ConfigSourceKind.ComposeFile && PathNormalizer.IsUnder(folder, app));
    }

    private static string? OwnerOf(IReadOnlyList<string> apps, string path) =>
        apps.Where(a => PathNormalizer.IsUnder(a, path)).MaxBy(a => a.Length) ?? apps.FirstOrDefault();
}
