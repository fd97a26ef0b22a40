using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Json;

/// <summary>
/// Settings a file itself switches off, so no value under them is ever used: a section with
/// <c>"Enabled": false</c> (or <c>"Disabled": true</c>), and the settings of a backend that a
/// <c>"Type"</c>/<c>"Provider"</c> switch beside them does not select
/// (<c>"Cache": { "Type": "Memory", "Redis": { ... } }</c>; <c>"DatabaseProvider": "Sqlite"</c> leaves a
/// SQL Server connection string unused). Parsed once per document.
/// </summary>
internal sealed class InactiveSettings
{
    private static readonly string[] OnSwitches = ["Enabled", "IsEnabled", "Enable"];
    private static readonly string[] SwitchNames = ["Type", "Provider", "Kind", "Backend", "Driver", "Engine", "Implementation", "Mode"];

    // Names that mean the same backend; anything else is compared by its own normalised name.
    private static readonly string[][] Families =
    [
        ["sqlserver", "mssql", "sql", "azuresql", "sqlazure"],
        ["postgres", "postgresql", "npgsql", "pg", "pgsql"],
        ["mysql", "mariadb"],
        ["sqlite"],
        ["inmemory", "memory", "mem", "memorycache", "inmemorydatabase"],
        ["redis", "rediscache", "stackexchangeredis"],
        ["cosmos", "cosmosdb", "azurecosmos"],
        ["mongo", "mongodb"],
        ["rabbitmq", "rabbit"],
        ["servicebus", "azureservicebus", "asb"],
        ["s3", "aws", "amazons3", "awss3"],
        ["azureblob", "blob", "azurestorage", "blobstorage", "azureblobstorage"],
        ["local", "filesystem", "file", "disk", "localfile", "localstorage"],
    ];

    private readonly Dictionary<string, ConfigEntry> _byKey;

    private InactiveSettings(ConfigJsonDocument json) =>
        _byKey = json.Entries.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public static InactiveSettings Parse(SourceDocument document) => new(document.GetParsed(ConfigJsonDocument.Parse));

    public static InactiveSettings Of(ConfigJsonDocument json) => new(json);

    /// <summary>Whether the file itself leaves <paramref name="key"/> unused.</summary>
    public bool IsInactive(string key)
    {
        var segments = key.Split(':');
        for (var depth = 0; depth < segments.Length - 1; depth++)
        {
            var section = string.Join(':', segments[..depth]);
            var child = segments[depth];
            if (depth > 0 && SwitchedOff(section))
            {
                return true;
            }

            if (_byKey.TryGetValue(Join(section, child), out var below) && !below.Value.IsScalar && UnselectedBackend(section, child))
            {
                return true;
            }
        }

        return segments.Length > 1 && SwitchedOff(string.Join(':', segments[..^1])) || UnselectedDatabase(key);
    }

    private bool SwitchedOff(string section) =>
        OnSwitches.Any(s => Scalar(Join(section, s)) is { } v && v.Equals("false", StringComparison.OrdinalIgnoreCase)) ||
        Scalar(Join(section, "Disabled")) is { } d && d.Equals("true", StringComparison.OrdinalIgnoreCase);

    // A sibling switch names one backend, and this section is another.
    private bool UnselectedBackend(string section, string child)
    {
        var siblings = _byKey.Values.Where(e => IsChildOf(e.Key, section)).ToList();
        foreach (var sibling in siblings.Where(s => s.Value.IsScalar && IsSwitchName(s.Name)))
        {
            var selected = sibling.Value.ConfigValue;
            if (selected.Length == 0 || Same(selected, child))
            {
                continue;
            }

            var namesAnotherSibling = siblings.Any(s => !s.Value.IsScalar && !s.Name.Equals(child, StringComparison.OrdinalIgnoreCase) && Same(selected, s.Name));
            if (namesAnotherSibling || (Family(selected) is not null && Family(child) is not null))
            {
                return true;
            }
        }

        return false;
    }

    // "DatabaseProvider": "Sqlite" (anywhere) against a connection string for another database.
    private bool UnselectedDatabase(string key)
    {
        if (!key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || Scalar(key) is not { } value)
        {
            return false;
        }

        var selected = _byKey.Values.FirstOrDefault(e => e.Value.IsScalar && IsDatabaseSwitch(e.Key))?.Value.ConfigValue;
        if (selected is null || Family(selected) is not { } chosen)
        {
            return false;
        }

        var provider = ConnectionString.TryParse(value)?.Provider switch
        {
            DatabaseProvider.SqlServer => "sqlserver",
            DatabaseProvider.PostgreSql => "postgres",
            DatabaseProvider.MySql => "mysql",
            DatabaseProvider.Sqlite => "sqlite",
            _ => Family(key[(key.LastIndexOf(':') + 1)..]),
        };
        return provider is not null && Family(provider) is { } used && used != chosen;
    }

    private static bool IsDatabaseSwitch(string key)
    {
        var parts = key.Split(':');
        var name = Normalize(parts[^1]);
        var parent = parts.Length > 1 ? Normalize(parts[^2]) : string.Empty;
        return name is "databaseprovider" or "dbprovider" or "databasetype" or "dbtype" or "databaseengine" ||
            (name is "provider" or "type" or "engine" && parent is "database" or "db" or "persistence" or "data" or "storage");
    }

    private static bool IsSwitchName(string name) =>
        SwitchNames.Any(s => s.Equals(name, StringComparison.OrdinalIgnoreCase)) ||
        name.EndsWith("Provider", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Type", StringComparison.OrdinalIgnoreCase);

    private static bool Same(string a, string b)
    {
        var (x, y) = (Normalize(a), Normalize(b));
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }

        if (x == y || Family(x) is { } f && f == Family(y))
        {
            return true;
        }

        // "Redis" and "RedisOptions", "SqlServer" and "SqlServerSettings".
        return Math.Min(x.Length, y.Length) >= 3 && (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal));
    }

    private static string? Family(string name)
    {
        var n = Normalize(name);
        return Families.FirstOrDefault(f => f.Contains(n))?[0];
    }

    private static string Normalize(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private string? Scalar(string key) => _byKey.TryGetValue(key, out var e) && e.Value.IsScalar ? e.Value.ConfigValue : null;

    private static bool IsChildOf(string key, string section) =>
        section.Length == 0
            ? !key.Contains(':')
            : key.Length > section.Length + 1 && key[section.Length] == ':' && key.StartsWith(section, StringComparison.OrdinalIgnoreCase) && key.IndexOf(':', section.Length + 1) < 0;

    private static string Join(string section, string name) => section.Length == 0 ? name : section + ":" + name;
}
