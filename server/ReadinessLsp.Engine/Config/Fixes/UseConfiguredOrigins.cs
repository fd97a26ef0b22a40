using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// The CORS fix: replace "any origin" with the origins the app's own settings already list
/// (<c>"Cors": { "AllowedOrigins": [ ... ] }</c>, <c>"AllowedOrigins": "a;b"</c>), read the way the
/// setting is shaped (a list, or one string to split). Only when such a setting exists, holds at least
/// one origin and reaches production (the base file or the Production overlay): pointing at a key
/// that exists nowhere would let no website call the API, and the app's own front end would break.
/// </summary>
internal sealed record UseConfiguredOrigins(string CodePath, LinePositionSpan Range) : IFixIntent
{
    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var settings = context.Models.Get<AppSettingsFiles>().BaseFileFor(CodePath);
        if (settings is null)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(settings);
        var definitions = context.Models.All<ConfigDefinition>()
            .Where(d => d.Source == ConfigSourceKind.AppSettings && Path.GetDirectoryName(d.Path) == folder &&
                        (d.Environment is null || EnvironmentNames.IsProduction(d.Environment)))
            .ToList();
        var origins = definitions
            .Where(d => d.Key.Split(':')[^1].Contains("Origin", StringComparison.OrdinalIgnoreCase))
            .Select(d => (d.Key, Items: definitions.Count(c => IsItemOf(c.Key, d.Key) && !string.IsNullOrWhiteSpace(c.DisplayValue)), d.IsSection, d.DisplayValue))
            .FirstOrDefault(o => o.IsSection ? o.Items > 0 : !string.IsNullOrWhiteSpace(o.DisplayValue) && o.DisplayValue != "*");
        if (origins.Key is null)
        {
            return null;
        }

        var read = origins.IsSection
            ? $"builder.Configuration.GetSection(\"{origins.Key}\").Get<string[]>() ?? []"
            : $"(builder.Configuration[\"{origins.Key}\"] ?? \"\").Split('{(origins.DisplayValue!.Contains(';') ? ';' : ',')}', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)";
        return [new FileEdit(CodePath, Range, $"WithOrigins({read})")];
    }

    // "Cors:AllowedOrigins:0" is an item of "Cors:AllowedOrigins".
    private static bool IsItemOf(string key, string list) =>
        key.Length > list.Length + 1 && key.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(key.AsSpan(list.Length + 1), out _);
}
