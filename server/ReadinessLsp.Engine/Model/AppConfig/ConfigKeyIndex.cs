
namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Every configuration key defined and read in the workspace, case-insensitive as .NET compares
/// them. Answers "is this key defined anywhere?" and
/// "does a Production overlay next to this base file override the key?".
/// </summary>
internal sealed class ConfigKeyIndex : IWorkspaceModel<ConfigKeyIndex>
{
    private readonly Dictionary<string, List<ConfigDefinition>> _definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ConfigRead>> _reads = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _sortedKeys;

    private ConfigKeyIndex(WorkspaceModels facts)
    {
        foreach (var definition in facts.All<ConfigDefinition>())
        {
            Add(_definitions, definition.Key, definition);
        }

        foreach (var read in facts.All<ConfigRead>())
        {
            Add(_reads, read.Key, read);
        }

        ExternalSources = [.. facts.All<ExternalConfigSource>()];
        _sortedKeys = [.. _definitions.Keys.Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Code loads configuration from places this workspace cannot show (Key Vault, an Aspire host).</summary>
    public IReadOnlyList<ExternalConfigSource> ExternalSources { get; }

    /// <summary>Whether any settings file defines any key: without one, "defined nowhere" means nothing.</summary>
    public bool HasAnyDefinitions => _definitions.Count > 0;

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(ConfigDefinition), typeof(ConfigRead), typeof(ExternalConfigSource)];

    public static ConfigKeyIndex Build(WorkspaceModels models) => new(models);

    public IReadOnlyList<ConfigDefinition> DefinitionsOf(string key) =>
        _definitions.TryGetValue(key, out var list) ? list : [];

    public IReadOnlyList<ConfigRead> ReadsOf(string key) =>
        _reads.TryGetValue(key, out var list) ? list : [];

    /// <summary>Whether a read is satisfied by some definition: the key itself, or for a section any key below it.</summary>
    public bool IsDefined(string key, ConfigReadKind kind)
    {
        if (_definitions.TryGetValue(key, out var exact))
        {
            // An environment variable exists only where variables are set: .env files and launch profiles.
            return kind != ConfigReadKind.EnvironmentVariable || exact.Any(d => d.Source != ConfigSourceKind.AppSettings);
        }

        // A section read (GetSection, options binding) is satisfied by any key beneath it; so is a
        // value read that a section defines children for (GetValue on an array is rare but legal).
        var prefix = key + ":";
        var at = _sortedKeys.BinarySearch(prefix, StringComparer.OrdinalIgnoreCase);
        at = at < 0 ? ~at : at;
        return at < _sortedKeys.Count && _sortedKeys[at].StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && kind != ConfigReadKind.EnvironmentVariable;
    }

    /// <summary>
    /// Whether something other than a developer's own files defines the key (or, for a section, a key
    /// below it): a base or Production settings file, an env or Compose file. A key only
    /// <c>appsettings.Development.json</c> or a launch profile defines is missing on a server.
    /// </summary>
    public bool IsDefinedOutsideDevelopment(string key)
    {
        var prefix = key + ":";
        return _definitions
            .Where(d => d.Key.Equals(key, StringComparison.OrdinalIgnoreCase) || d.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .SelectMany(d => d.Value)
            .Any(d => d.Source is ConfigSourceKind.EnvFile or ConfigSourceKind.ComposeFile ||
                      (d.Source == ConfigSourceKind.AppSettings && !Scope.EnvironmentNames.IsDevelopment(d.Environment)));
    }

    /// <summary>
    /// Whether <c>appsettings.Production.json</c> in the same folder as <paramref name="baseFile"/>
    /// sets <paramref name="key"/>, so the base file's value never reaches Production.
    /// </summary>
    public bool IsOverriddenInProduction(string baseFile, string key)
    {
        var folder = Path.GetDirectoryName(baseFile);
        return DefinitionsOf(key).Any(d =>
            d.Source == ConfigSourceKind.AppSettings &&
            string.Equals(d.Environment, "Production", StringComparison.OrdinalIgnoreCase) &&
            string.Equals(Path.GetDirectoryName(d.Path), folder, StringComparison.Ordinal));
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
